"""Property tests: a JSONL corpus of arbitrary lines gives one result per non-blank line, never raises."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from purportedly.model import Article
from purportedly.reading import ReadFailure, read_inputs

LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=80
)
ROW = st.fixed_dictionaries(
    {"text": st.one_of(LINE_TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=3))},
    optional={"id": st.one_of(LINE_TEXT, st.integers()), "date": LINE_TEXT, "url": LINE_TEXT},
)
LINES = st.lists(
    st.one_of(LINE_TEXT, ROW.map(json.dumps), st.sampled_from(["{", "[]", "null", '{"text": "']))
)


@settings(max_examples=60, deadline=None)
@given(LINES)
def test_every_nonblank_jsonl_line_gives_exactly_one_result_naming_its_line(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        results = list(read_inputs([str(path)]))
    numbered = [number for number, line in enumerate(lines, 1) if line.strip()]
    whole_file = [r for r in results if isinstance(r, ReadFailure) and r.document == str(path)]
    if not numbered or whole_file:  # blank, or refused as a whole (e.g. raw control bytes): one failure
        assert results == whole_file and len(whole_file) == 1
        return
    assert len(results) == len(numbered)
    for number, result in zip(numbered, results, strict=True):
        assert isinstance(result, Article | ReadFailure)
        if isinstance(result, ReadFailure):
            assert result.document == f"{path}:{number}" and "\n" not in result.message
