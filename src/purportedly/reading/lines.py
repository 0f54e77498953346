"""Split text into non-blank lines with exact offsets and give each line its own layout cue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from purportedly.reading.bylines import Byline, parse_byline
from purportedly.reading.credits import ends_with_credit, is_credit_line, is_marked_caption
from purportedly.reading.dates import DATE_RE, is_date_line, is_date_prefix_line
from purportedly.reading.lexicon import alternation, load_lines
from purportedly.reading.unwrap import unwrap

BULLET_RE = re.compile(r"(?P<marker>[•▪◦●‣∙·*–—-]|\d{1,2}[.)])\s+(?=\S)")
TIMESTAMP_RE = re.compile(
    r"(?:\d{1,2}[:.]\d{2}|\d{1,2}(?=\s*[ap]\.?m\.?))\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}|\s+(?i:local time))?"
)
# "date 2023-01-17 Russian soldiers are..." : a date field glued to the first sentence.
DATE_FIELD_RE = re.compile(r"(?i:date|published|posted)\s*:?\s+(?P<date>\d{4}-\d{2}-\d{2})(?=\s+\S)")


LONG_LINE_WORDS = 25  # longer than a caption credit, a bullet or most transcript turns


@dataclass
class Line:
    """One non-blank line: offsets of its stripped text, its paragraph, and the cue it shows alone."""

    start: int
    end: int
    text: str
    block: int
    glued: bool = False  # follows the previous line with no blank line between
    cue: str | None = None  # date, date_field, byline, credit, caption_credit, kp_header, bullet, ...
    byline: Byline | None = None


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` (split on "\\n" only), numbered by blank-line block."""
    lines: list[Line] = []
    block, offset, previous_blank = 0, 0, False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if previous_blank and lines:
                block += 1
            lead = len(raw) - len(raw.lstrip())
            glued = bool(lines) and not previous_blank
            lines.append(Line(offset + lead, offset + lead + len(stripped), stripped, block, glued))
        previous_blank = not stripped
        offset += len(raw) + 1
    return lines


def paragraph_blocks(lines: list[Line]) -> list[Line]:
    """Renumber blocks so that a run of long lines with no blank lines between gives a block per line.

    Why: some sources separate paragraphs with a single newline; their blank-line blocks are
    whole stories, while a real block (caption + credit, transcript, bullets) has short lines.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups and groups[-1][0].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    block = 0
    for group in groups:
        split = sum(1 for line in group if len(line.text.split()) > LONG_LINE_WORDS) >= 2
        for position, line in enumerate(group):
            block += 1 if split and position else 0
            line.block = block
        block += 1
    return lines


@lru_cache(maxsize=1)
def header_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation('key_points_headers.txt')})\s*:?", re.IGNORECASE)


@lru_cache(maxsize=1)
def boilerplate_re() -> re.Pattern[str]:
    """One alternation of every boilerplate pattern: a single pass per line."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in load_lines("boilerplate.txt")), re.IGNORECASE)


def line_cue(text: str) -> tuple[str | None, Byline | None]:
    """What a line is on its own, before its neighbours are considered."""
    if header_re().fullmatch(text):
        return "kp_header", None
    if TIMESTAMP_RE.fullmatch(text):
        return "timestamp", None
    if is_date_line(text) or is_date_prefix_line(text):
        return "date", None
    if DATE_FIELD_RE.match(text) and DATE_RE.match(text, DATE_FIELD_RE.match(text).start("date")):
        return "date_field", None
    if BULLET_RE.match(text):
        return "bullet", None
    if is_credit_line(text):
        return "credit", None
    if ends_with_credit(text):
        return "caption_credit", None
    if is_marked_caption(text):
        return "caption", None
    if boilerplate_re().fullmatch(text):
        return "boilerplate", None
    byline = parse_byline(text)
    if byline is not None:
        return "byline", byline
    return None, None


def classify_lines(text: str) -> list[Line]:
    """All non-blank lines of ``text`` with their own cues set, hard-wrapped paragraphs joined."""
    lines = split_lines(text)
    for line in lines:
        line.cue, line.byline = line_cue(line.text)
    return paragraph_blocks(unwrap(lines, text))
