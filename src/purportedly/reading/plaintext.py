"""Read plain text in any common news layout into an Article with title, date, bylines and segments."""

from __future__ import annotations

import re
from datetime import date

from purportedly.model import Article, Segment
from purportedly.reading.bylines import Byline
from purportedly.reading.dates import DATE_RE, MONTH, parse_date_match, publication_date
from purportedly.reading.lines import BULLET_RE, DATE_FIELD_RE, Line, classify_lines
from purportedly.reading.structure import line_kinds

UPPER = "A-ZÀ-ÞА-ЯІЇЄҐ"
PLACE = rf"[{UPPER}][{UPPER}'’.\-]+(?:[ \-][{UPPER}][{UPPER}'’.\-]+){{0,3}}"  # KYIV, NEW YORK
TITLE_PLACE = rf"[{UPPER}][\w'’.\-]+(?:\s[{UPPER}][\w'’.\-]+){{0,2}}"  # Kyiv, only before "(AFP)"
REGION = r"(?:,\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})?"  # ", Ukraine"
DAY_OF_MONTH = rf"(?:,?\s+{MONTH}\s+\d{{1,2}})?"  # ", March 3"
WIRE = r"\((?P<agency>[A-Z][^()\n]{0,39})\)"
# "KYIV, March 3 (Reuters) - ", "ZELENYI HAI, Ukraine — ", "MOSCOW (AP) — ", "Kyiv (AFP) - ",
# "(Reuters) - ": a wire dateline opening the first paragraph.
DATELINE_RE = re.compile(
    rf"(?P<dateline>(?:{PLACE}{REGION}{DAY_OF_MONTH}|{TITLE_PLACE}{REGION}{DAY_OF_MONTH}(?=\s*\())?"
    rf"\s*(?:{WIRE})?(?<=[\w)])\s*(?:--?|–|—))\s+(?=\S)"
)


def normalise_newlines(text: str) -> str:
    """\\r\\n and \\r become \\n; a leading byte-order mark goes (it is not text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def segment(text: str, kind: str, start: int, end: int) -> Segment:
    # model_construct skips validation: the fields are built right here, and long texts have many lines
    return Segment.model_construct(kind=kind, start=start, end=end, text=text[start:end])


def split_prefix(text: str, line: Line, prefix_end: int, kind: str, rest_kind: str) -> list[Segment]:
    """A line whose first ``prefix_end`` characters have another role than the rest."""
    rest = line.start + prefix_end + (len(line.text[prefix_end:]) - len(line.text[prefix_end:].lstrip()))
    head = segment(text, kind, line.start, line.start + prefix_end)
    return [head, segment(text, rest_kind, rest, line.end)]


def line_segments(text: str, line: Line, kind: str, first_body: bool) -> list[Segment]:
    """The segment(s) of one line: key points lose their bullet, datelines and date fields split off."""
    if kind == "key_point" and (bullet := BULLET_RE.match(line.text)):
        return [segment(text, kind, line.start + bullet.end(), line.end)]
    if line.cue == "date_field" and (field := DATE_FIELD_RE.match(line.text)):
        return split_prefix(text, line, field.end("date"), "date", "body")
    if kind == "body" and first_body and (dateline := DATELINE_RE.match(line.text)):
        return split_prefix(text, line, dateline.end("dateline"), "dateline", "body")
    return [segment(text, kind, line.start, line.end)]


def layout_segments(text: str, lines: list[Line], kinds: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    seen_body = False
    for line, kind in zip(lines, kinds, strict=True):
        segments += line_segments(text, line, kind, first_body=kind == "body" and not seen_body)
        seen_body = seen_body or kind == "body"
    return segments


def line_date(line: Line) -> date | None:
    if line.cue == "date":
        return publication_date(line.text)
    if line.cue == "date_field":
        match = DATE_RE.search(line.text)
        return parse_date_match(match) if match else None
    return line.byline.date if line.byline else None


def dateline_agency(kinds: list[str], lines: list[Line]) -> str | None:
    """The wire named in the dateline ("KYIV, March 3 (Reuters) -") publishes the story."""
    first_body = next((line for line, kind in zip(lines, kinds, strict=True) if kind == "body"), None)
    match = DATELINE_RE.match(first_body.text) if first_body else None
    return match["agency"].strip() if match and match["agency"] else None


def bylines_of(lines: list[Line], kinds: list[str]) -> list[Byline]:
    return [line.byline for line, kind in zip(lines, kinds, strict=True) if kind == "byline" and line.byline]


def read_text(text: str, document: str = "<text>") -> Article:
    """Plain text in any common layout → Article with title, date, outlet, authors and segments."""
    text = normalise_newlines(text)
    lines = classify_lines(text)
    kinds = line_kinds(lines)
    bylines = bylines_of(lines, kinds)
    dates = (line_date(line) for line, kind in zip(lines, kinds, strict=True) if kind in ("date", "byline"))
    authors = list(dict.fromkeys(author for byline in bylines for author in byline.authors))
    return Article(
        document=document,
        text=text,
        title=next((line.text for line, kind in zip(lines, kinds, strict=True) if kind == "title"), None),
        date=next((value for value in dates if value is not None), None),
        outlet=next((byline.outlet for byline in bylines if byline.outlet), None)
        or dateline_agency(kinds, lines),
        authors=authors,
        segments=layout_segments(text, lines, kinds),
    )
