"""Write the hostile corpus into a directory and say, for each item, whether it must fail or be analysed."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

MB = 1024 * 1024
Expect = Literal["fail", "ok"]

# Fictional stories; every layout quirk below is applied to one of them.
FERRY = (
    "Ferry crossing reopens after night of shelling\n\n"
    "The ferry crossing at Velyka Ostrivka reopened on Tuesday, the regional port authority said.\n\n"
    '"We counted 14 craters on the approach road," a port engineer told the Harbour Courier. '
    "Officials purportedly blamed artillery fire from across the estuary.\n"
)
DEPOT = (
    "Fuel depot fire was an accident, governor says\n\n"
    "A fire at a fuel depot outside Pryluzhne was caused by a faulty pump, the governor said on Friday.\n\n"
    "'Nobody was hurt,' he added, although a local channel reported that three workers were treated.\n"
)
ONE_LINE = "Shelling near the depot went on, a volunteer said. " * 24000  # 1.2 MB, no newline
SCRIPTS_ONLY = b"<html><body><script>while(1){}</script><style>p{}</style></body></html>"


@dataclass(frozen=True)
class HostileItem:
    """One input (a file, or a corpus line as 'file:line') and what the run must do with it."""

    name: str
    expect: Expect
    error: str = ""  # for "fail": a phrase the one-line error must contain
    document: str = ""  # for "ok": the document name the analysis carries

    @property
    def line(self) -> int | None:
        head, _, tail = self.name.rpartition(":")
        return int(tail) if head and tail.isdigit() else None


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def bad_files(root: Path, huge: bool) -> list[HostileItem]:
    """Files no reader can make an article of; each must fail with a one-line reason."""
    garbage = bytes(range(128, 256)) * 40  # high bytes only: no code page makes text of them
    items = [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n   \n", "empty file"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        ("nul_bytes.txt", b"report\x00\x01\x02\x03" * 300, "binary"),
        ("garbage.txt", garbage, "undecodable"),
        ("one_line.txt", ONE_LINE.encode(), "too long"),
        ("scripts_only.html", SCRIPTS_ONLY, "no article"),
    ]
    if huge:
        items.append(("huge_50mb.txt", None, "too large"))
    out = []
    for name, data, error in items:
        if data is None:
            _write_huge(root / name, 50 * MB)
        else:
            _write(root, name, data)
        out.append(HostileItem(str(root / name), "fail", error))
    return out


def _write_huge(path: Path, size: int) -> None:
    block = (FERRY * 200).encode()
    with path.open("wb") as handle:
        for _ in range(size // len(block) + 1):
            handle.write(block)


def _nested_html(text: str, depth: int) -> str:
    story = "".join(f"<p>{line}</p>" for line in text.splitlines() if line)
    return (
        "<html><head><script>document.write('<div>\"');</script></head><body>"
        + "<div>" * depth
        + story
        + "</div>" * depth
        + "</body></html>"
    )


def odd_files(root: Path) -> list[HostileItem]:
    """Good articles in odd clothes: each must be analysed, not rejected."""
    cyrillic = (
        "Командир батальону заявив: «Ми тримаємо позиції». "
        'Пізніше штаб нібито підтвердив відхід, — повідомив "Вечірній кур\'єр".\n\n'
        "Second paragraph in English: the brigade said 12 soldiers were wounded.\n"
    )
    zero_width = FERRY.replace(" ", " \u200b").replace("said", "sa\u200did\u00ad")
    zero_width = zero_width.replace("ferry", "fer\ufeffry").replace("port", "po\u2060rt")
    unbalanced = '"He said "we will rebuild" and left.\n\n"Another open quote\n\n\u201cCurly never closes\n'
    mismatched = "«The line holds,\u201d the officer said. \u201eWe wait' she said'.\n\n"
    labels = "KEY POINTS\n• Bridge hit\n• 3 injured\n\nQ: Where were you?\nSOLDIER: At the depot.\n\n"
    controls = "\x1b[31mred\x1b[0m\r\rlone carriage returns\x0c\n"
    rtl = "\u0627\u0644\u0645\u0631\u0627\u0633\u0644 said \u202ereversed\u202c text.\n"
    emoji = "🚨 BREAKING 🚨\n\n" + FERRY.replace("craters", "craters 💥🔥") + "👇 Read more 👇\n"
    utf8 = str.encode
    items: list[tuple[str, str, Callable[[str], bytes]]] = [
        ("cyrillic.txt", cyrillic, utf8),
        ("cp1251.txt", cyrillic, lambda text: text.encode("cp1251", errors="replace")),
        ("utf16_bom.txt", FERRY, lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("utf16_bare.txt", DEPOT, lambda text: text.encode("utf-16-le")),
        ("emoji.txt", emoji, utf8),
        ("zero_width.txt", zero_width, utf8),
        ("unbalanced.txt", DEPOT + unbalanced, utf8),
        ("mismatched.txt", mismatched + DEPOT, utf8),
        ("never_closes.txt", FERRY + '\n"' + "and the speech goes on " * 200 + "\n", utf8),
        ("labels.txt", labels + DEPOT, utf8),
        ("crlf_controls.txt", FERRY.replace("\n", "\r\n") + controls, utf8),
        ("long_token.txt", DEPOT + "x" * 20000 + "\n", utf8),
        ("stray_byte.txt", FERRY, lambda text: text.encode() + b"\nThe convoy left \xff at dawn.\n"),
        ("rtl_mixed.txt", DEPOT + rtl, utf8),
        ("page.html", DEPOT, lambda text: html_page(text).encode()),
        # deeper than libxml2 builds: the streaming fallback reads it
        ("nested_5000.html", FERRY, lambda text: _nested_html(text, 5000).encode()),
    ]
    out = []
    for number, (name, text, encode) in enumerate(items, 1):
        # a sentence of its own, so the store does not take two items for copies of one article
        _write(root, name, encode(f"{text}\n\nThe regional desk filed {number} updates.\n"))
        out.append(HostileItem(str(root / name), "ok", document=name))
    return out


def html_page(text: str) -> str:
    """A page with a script that writes markup, the story 40 divs deep."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    head = "<html><head><title>Depot fire</title><script>var a='</p>';</script></head><body>"
    return head + "<div>" * 40 + paragraphs + "</div>" * 40 + "</body></html>"


def corpus_lines(root: Path) -> list[HostileItem]:
    """A JSONL feed whose bad lines fail alone, named with their line; and a CSV with a short row."""
    jsonl = root / "feed.jsonl"
    rows: list[tuple[str, Expect, str, str]] = [
        (json.dumps({"id": "ok-1", "title": "Ferry", "text": FERRY}), "ok", "", "feed.jsonl:ok-1"),
        ('{"id": "broken", "text": "unterminated', "fail", "malformed JSON", ""),
        ("[1, 2, 3]", "fail", "expected a JSON object", ""),
        (json.dumps({"id": "no-text", "title": "only a title"}), "fail", "no text", ""),
        (
            json.dumps({"id": "ok-5", "text": DEPOT.replace("fire", "fire 🔥")}, ensure_ascii=False),
            "ok",
            "",
            "feed.jsonl:ok-5",
        ),
        ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "fail", "nested too deeply", ""),
        (json.dumps({"id": "blank", "text": "   \n  "}), "fail", "no text", ""),
        (json.dumps({"id": "huge", "text": "The siege went on. " * 60000}), "fail", "too long", ""),
        ("not json at all, just words", "fail", "malformed JSON", ""),
        (
            json.dumps({"id": "ok-10", "text": 'Unclosed "quote in a row\n\nand a «stray guillemet'}),
            "ok",
            "",
            "feed.jsonl:ok-10",
        ),
    ]
    jsonl.write_text("\n".join(row for row, *_ in rows) + "\n", encoding="utf-8")
    items = [
        HostileItem(f"{jsonl}:{number}", expect, error, document)
        for number, (_, expect, error, document) in enumerate(rows, 1)
    ]
    csv_path = root / "feed.csv"
    csv_path.write_text(
        f'id,title,text\nc1,Depot,"{DEPOT}"\nc2,Short row\nc3,Ferry,"{FERRY}",extra\n', encoding="utf-8"
    )
    items += [
        HostileItem(f"{csv_path}:2", "ok", document="feed.csv:c1"),
        HostileItem(f"{csv_path}:8", "fail", "malformed row"),
        HostileItem(f"{csv_path}:9", "fail", "malformed row"),
    ]
    return items


def build_corpus(root: Path, huge: bool = True) -> list[HostileItem]:
    """Write every hostile item under ``root``; return them with what the run must do."""
    root.mkdir(parents=True, exist_ok=True)
    return bad_files(root, huge) + odd_files(root) + corpus_lines(root)
