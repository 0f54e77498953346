"""Decide each line's layout role from its own cue and its neighbours (captions, key points, title...)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from purportedly.reading.lexicon import alternation
from purportedly.reading.lines import Line

Kinds = list[str | None]  # one layout kind per line; None while undecided

KIND_OF_CUE = {
    "date": "date",
    "date_field": "date",
    "byline": "byline",
    "credit": "credit",
    "caption_credit": "caption",
    "caption": "caption",
    "kp_header": "key_points_header",
    "timestamp": "timestamp",
    "boilerplate": "boilerplate",
}
HEADER_KINDS = {"date", "byline", "key_points_header"}  # metadata that follows a headline/standfirst
MAX_TITLE_WORDS = 30
MAX_CAPTION_WORDS = 60
MAX_SHORT_CAPTION_WORDS = 15
MAX_HEADING_WORDS = 20
MAX_STANDFIRST_WORDS = 80
MAX_STANDFIRSTS = 2
MAX_FURNITURE_WORDS = 6  # "Comments are closed.", "Share this:" after the story
SENTENCE_END_RE = re.compile(r"[.!,;:…]['\"’”)\]]*$")
STORY_CREDIT_RE = re.compile(r"sources?\s*:", re.IGNORECASE)
LABEL_RE = re.compile(r"\S.{0,40}?:\s+\S")  # "OUR RATING: UNPROVEN", "SOLDIER: Mum" are fields, not headings


def headline_like(text: str, max_words: int) -> bool:
    """A short line that does not end like a sentence: a headline, sub-heading or entry title."""
    return len(text.split()) <= max_words and not SENTENCE_END_RE.search(text)


def heading_like(text: str, max_words: int) -> bool:
    """Headline-like and not a "LABEL: value" field (transcript turns, fact-check ratings)."""
    return headline_like(text, max_words) and not LABEL_RE.match(text)


def blocks_of(lines: list[Line]) -> list[list[int]]:
    """Line indexes grouped by blank-line-separated block, in order."""
    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        if not blocks or lines[blocks[-1][0]].block != line.block:
            blocks.append([])
        blocks[-1].append(i)
    return blocks


def mark_cues(lines: list[Line], kinds: Kinds) -> None:
    for i, line in enumerate(lines):
        kinds[i] = KIND_OF_CUE.get(line.cue or "")


def caption_limit(lines: list[Line], i: int, j: int) -> int:
    """How long line ``j`` above the credited line ``i`` may be and still be read as a caption."""
    return MAX_CAPTION_WORDS if j == i - 1 and lines[i].cue == "credit" else MAX_SHORT_CAPTION_WORDS


def loose_caption_above(lines: list[Line], kinds: Kinds, i: int) -> bool:
    """A credit set off by a blank line still credits the one-line block above it when that line
    reads like a caption, not a sentence (no final stop) and is not the article's first line."""
    j = i - 1
    if j < 1 or lines[i].glued or lines[i].cue != "credit" or kinds[j] is not None:
        return False
    alone = not lines[j].glued and (j + 1 >= len(lines) or lines[j + 1].block != lines[j].block)
    return alone and headline_like(lines[j].text, MAX_CAPTION_WORDS)


def story_credit(lines: list[Line], i: int) -> bool:
    """ "Source: BBC" closing the article (only page furniture such as "Comments are closed." after
    it) credits the whole story, a rewrite of another outlet's copy, not a photo."""
    after = lines[i + 1 :]
    closing = all(len(line.text.split()) <= MAX_FURNITURE_WORDS for line in after)
    return closing and STORY_CREDIT_RE.match(lines[i].text) is not None


def mark_captions(lines: list[Line], kinds: Kinds) -> None:
    """The line glued above a credit is its caption, and so are short lines glued above a captioned line
    (a photo title); so is a line repeated at the start of a captioned line."""
    for i, line in enumerate(lines):
        if line.cue not in ("credit", "caption_credit"):
            continue
        if story_credit(lines, i):
            kinds[i] = "boilerplate"
            continue
        j = i - 1
        while j >= 0 and lines[j + 1].glued and kinds[j] is None:
            if len(lines[j].text.split()) > caption_limit(lines, i, j):
                break
            kinds[j] = "caption"
            j -= 1
        if j == i - 1 and loose_caption_above(lines, kinds, i):
            kinds[j] = "caption"
    for i in range(len(lines) - 1):
        following = lines[i + 1]
        repeated = following.text.startswith(lines[i].text)
        if kinds[i] is None and following.cue == "caption_credit" and repeated:
            kinds[i] = "caption"


def mark_key_points(lines: list[Line], kinds: Kinds) -> None:
    """Bullets under a KEY POINTS header (blank lines allowed), else unbulleted lines glued under it."""
    for i, line in enumerate(lines):
        if line.cue != "kp_header":
            continue
        j = i + 1
        while j < len(lines) and lines[j].cue == "bullet":
            kinds[j] = "key_point"
            j += 1
        if j == i + 1:
            while j < len(lines) and lines[j].block == line.block and kinds[j] is None:
                kinds[j] = "key_point"
                j += 1
        if j == i + 1:  # nothing listed under it: "What we know:" was a sub-heading after all
            kinds[i] = "heading"


def mark_live_blog(lines: list[Line], kinds: Kinds) -> None:
    """The short line right after a clock stamp is the entry's heading."""
    for i, line in enumerate(lines[:-1]):
        following = lines[i + 1]
        if line.cue != "timestamp" or kinds[i + 1] is not None:
            continue
        glued = following.block == line.block
        alone = i + 2 == len(lines) or lines[i + 2].block != following.block
        if (glued or alone) and heading_like(following.text, MAX_HEADING_WORDS):
            kinds[i + 1] = "heading"


@lru_cache(maxsize=1)
def section_label_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation('section_labels.txt')})\s*[:|]?", re.IGNORECASE)


def mark_kicker(lines: list[Line], kinds: Kinds) -> None:
    """A section label ("ANALYSIS", "Opinion") alone above the headline is a kicker, not the title."""
    if len(lines) < 2 or kinds[0] is not None or lines[0].cue is not None or lines[1].glued:
        return
    if section_label_re().fullmatch(lines[0].text):
        kinds[0] = "kicker"


def mark_title(lines: list[Line], kinds: Kinds) -> None:
    """The first line (after a kicker) is the headline when it looks like one, or when metadata
    follows it.

    A header may be one block of glued lines (headline, standfirst, byline, date): plain lines
    between the headline and the first metadata line are then standfirsts.
    """
    first = 1 if kinds[:1] == ["kicker"] else 0
    if first >= len(lines) or kinds[first] is not None or lines[first].cue is not None:
        return
    if "\n" in lines[first].text:  # joined from a hard-wrapped paragraph: a story that starts mid-page
        return
    rest = [i for i, line in enumerate(lines[first + 1 :], first + 1) if line.block == lines[first].block]
    first_meta = next((i for i in rest if kinds[i] in HEADER_KINDS), None)
    plain = [i for i in rest if kinds[i] is None and (first_meta is None or i < first_meta)]
    looks_like = headline_like(lines[first].text, MAX_TITLE_WORDS)
    if looks_like and link_menu(lines, plain):  # other stories' headlines listed under it stay body
        kinds[first] = "title"
        return
    if plain and (first_meta is None or not standfirst_like(lines, plain)):
        return
    if looks_like or first_meta or next_header_kind(lines, kinds, first):
        kinds[first] = "title"
        for i in plain:
            kinds[i] = "standfirst"


def link_menu(lines: list[Line], indexes: list[int]) -> bool:
    """More short unpunctuated lines glued under the headline than a header has standfirsts:
    a menu of links to other stories, not a standfirst."""
    short = all(headline_like(lines[i].text, MAX_HEADING_WORDS // 2) for i in indexes)
    return len(indexes) > MAX_STANDFIRSTS and short


def standfirst_like(lines: list[Line], indexes: list[int]) -> bool:
    too_long = any(len(lines[i].text.split()) > MAX_STANDFIRST_WORDS for i in indexes)
    return len(indexes) <= MAX_STANDFIRSTS and not too_long


def next_header_kind(lines: list[Line], kinds: Kinds, i: int) -> str | None:
    """The metadata kind of the next block after line ``i`` (captions skipped), if it is metadata."""
    for j in range(i + 1, len(lines)):
        if lines[j].block == lines[i].block or kinds[j] in ("caption", "credit"):
            continue
        return kinds[j] if kinds[j] in HEADER_KINDS else None
    return None


def mark_standfirst(lines: list[Line], kinds: Kinds) -> None:
    """Single-line paragraphs between the headline and the byline/date/key points are standfirsts."""
    title = next((i for i, kind in enumerate(kinds[:2]) if kind == "title"), None)
    if title is None:
        return
    found = 0
    blocks = blocks_of(lines)
    after_title = next(n for n, block in enumerate(blocks) if title in block) + 1
    for block in blocks[after_title:]:
        if all(kinds[i] is not None for i in block):
            continue
        i = block[0]
        if found >= MAX_STANDFIRSTS or len(block) > 1 or len(lines[i].text.split()) > MAX_STANDFIRST_WORDS:
            return
        if next_header_kind(lines, kinds, i) is None:
            return
        kinds[i] = "standfirst"
        found += 1


def mark_headings(lines: list[Line], kinds: Kinds) -> None:
    """A short unpunctuated one-line paragraph between story paragraphs is a sub-heading."""
    blocks = blocks_of(lines)
    for previous, block, following in zip(blocks, blocks[1:], blocks[2:], strict=False):
        i = block[0]
        if len(block) > 1 or kinds[i] is not None or kinds[following[0]] is not None:
            continue
        if kinds[previous[-1]] not in (None, "body") or not lines[i].text[:1].isupper():
            continue
        text = lines[i].text
        caps_label = text.isupper() and text.endswith(":") and len(text.split()) <= 6
        if caps_label or heading_like(text, MAX_HEADING_WORDS // 2):
            kinds[i] = "heading"


PASSES: tuple[Callable[[list[Line], Kinds], None], ...] = (
    mark_cues,
    mark_captions,
    mark_key_points,
    mark_live_blog,
    mark_kicker,
    mark_title,
    mark_standfirst,
    mark_headings,
)


def line_kinds(lines: list[Line]) -> list[str]:
    """The layout kind of every line; what no rule claims is story body."""
    kinds: Kinds = [None] * len(lines)
    for layout_pass in PASSES:
        layout_pass(lines, kinds)
    return [kind or "body" for kind in kinds]
