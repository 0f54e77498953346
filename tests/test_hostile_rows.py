"""Bad rows cost only themselves: generated CSV/JSONL corpora with random bad bytes (hypothesis).

Every good row is read with its exact text and analysed; every bad row (a NUL, bytes that are not
UTF-8) fails alone, named with its line number; nothing is lost or read twice.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from purportedly.analysis import analyze_stream
from purportedly.model import Article
from purportedly.reading import ReadFailure, read_inputs

WORDS = ["shelling", "near", "the", "depot", "said", "officials", "Stepne", "café", "мост", "«quoted»", "12"]
BAD_BYTES = [b"\x00", b"\xff", b"\xfe\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80abc", b"\xe2\x82"]

good_text = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(" ".join)
bad_row = st.tuples(good_text, st.sampled_from(BAD_BYTES), st.integers(0, 40))


@st.composite
def corpora(draw):
    """(rows, kinds): each row (good, text, bad bytes, where), with at most as many bad as good."""
    goods = draw(st.lists(good_text, min_size=1, max_size=6))
    bads = draw(st.lists(bad_row, max_size=len(goods)))
    order = draw(st.permutations([("good", text) for text in goods] + [("bad", row) for row in bads]))
    return order


def _bad_value(text: str, bad: bytes, at: int) -> bytes:
    encoded = text.encode("utf-8")
    at = min(at, len(encoded))
    while 0 < at < len(encoded) and (encoded[at] & 0xC0) == 0x80:
        at -= 1  # between characters, not inside one
    return encoded[:at] + bad + encoded[at:]


def write_jsonl(path: Path, rows) -> dict[int, str]:
    """The file, and {line: id} of its good rows."""
    lines, good = [], {}
    for number, (kind, row) in enumerate(rows, 1):
        if kind == "good":
            lines.append(json.dumps({"id": f"g{number}", "text": row}, ensure_ascii=False).encode())
            good[number] = row
        else:
            text, bad, at = row
            lines.append(b'{"id": "b%d", "text": "' % number + _bad_value(text, bad, at) + b'"}')
    path.write_bytes(b"\n".join(lines) + b"\n")
    return good


def write_csv(path: Path, rows) -> dict[int, str]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["id", "text"])
    data, good = buffer.getvalue().encode(), {}
    for number, (kind, row) in enumerate(rows, 2):
        if kind == "good":
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow([f"g{number}", row])
            data += buffer.getvalue().encode()
            good[number] = row
        else:
            text, bad, at = row
            data += b'b%d,"' % number + _bad_value(text, bad, at) + b'"\n'
    path.write_bytes(data)
    return good


def check(path: Path, good: dict[int, str], total: int, nlp) -> None:
    items = list(read_inputs([str(path)]))
    articles = {item.document: item for item in items if isinstance(item, Article)}
    failures = [item for item in items if isinstance(item, ReadFailure)]
    for number, text in good.items():
        article = articles.get(f"{path.name}:g{number}")
        assert article is not None, f"good row on line {number} lost: {failures}"
        assert article.text.strip() == text
    assert len(items) == total  # every row once: read or failed, never lost or doubled
    for failure in failures:  # a bad row fails alone, named by its line
        assert failure.document.rpartition(":")[2].isdigit(), failure
        assert "\n" not in str(failure)
    if any(ord(char) > 127 for text in good.values() for char in text):
        # the file is plainly UTF-8: then every bad row fails (none is read as another encoding)
        assert len(failures) == total - len(good), failures
    analysed = [r for r in analyze_stream(list(articles.values()), nlp=nlp) if not isinstance(r, ReadFailure)]
    assert {a.document for a in analysed} >= {f"{path.name}:g{n}" for n in good}


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(rows=corpora())
def test_every_good_jsonl_row_survives_bad_bytes(rows, nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    check(path, write_jsonl(path, rows), len(rows), nlp)


@SETTINGS
@given(rows=corpora())
def test_every_good_csv_row_survives_bad_bytes(rows, nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "feed.csv"
    check(path, write_csv(path, rows), len(rows), nlp)
