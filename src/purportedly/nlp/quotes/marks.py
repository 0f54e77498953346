"""Find quotation-mark spans in plain text: double and single marks, nesting, apostrophes, paragraph runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:;\u00a0" + DOUBLE_OPEN + SINGLE_OPEN + '"'
CLOSING_FOLLOWERS = " \t\n)]},.;:!?\u2014\u2013-\u2026\u00a0" + DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
SENTENCE_PUNCT = ",.!?;:\u2026"
# Dialogue by dashes, the Ukrainian and Russian convention that translations keep:
# "— We were not told, — she said. — Nobody came." The paragraph opens with a dash; a spaced dash
# then alternates between the speaker's words and the narrator's.
DIALOGUE_OPEN_RE = re.compile(r"[\u2014\u2013]\s+(?=\S)")
DIALOGUE_SWITCH_RE = re.compile(r"(?<=[\w,.!?\u2026\u00bb\u201d\"'])\s+[\u2014\u2013]\s+(?=\S)")
# feet and inches ("6'3\" tall", "5' 11\""): the straight double mark there is an inch sign
INCHES_RE = re.compile(r"\d['\u2019\u2032] ?\d{1,2}$")
MAX_NARRATION_WORDS = 12  # "she told our correspondent": longer, and the dash was punctuation in the quote


@dataclass
class MarkedSpan:
    """One quotation: character offsets of its marks and of the words inside them."""

    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the paragraph ended first
    start: int  # first character of the quoted words
    end: int  # one past the last character of the quoted words
    double: bool
    parent: int | None = None  # index of the enclosing span in the result list
    continues: int | None = None  # index of the previous piece of a multi-paragraph quote


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close', 'weak_close' (could be a plural possessive) or None (apostrophe)."""
    mark, before, after = text[i], _char(text, i - 1), _char(text, i + 1)
    if before.isalnum() and after.isalnum():
        return None  # it's, don't, O'Brien
    if mark in SINGLE_OPEN:
        return "open"
    opens = before in OPENING_CONTEXT and (after.isalnum() or after in '\u2026."' + DOUBLE_OPEN)
    if opens:
        if after.isdigit() and _char(text, i + 3) in "s ":
            return None  # '90s
        return "open"
    if after in CLOSING_FOLLOWERS:
        if before in "sSzZ" and after in " \t\u00a0" and _char(text, i + 2).isalnum():
            return "weak_close"  # soldiers' families: probably a possessive
        return "close" if not before.isspace() else None
    return None


def _double_role(text: str, i: int) -> str:
    mark = text[i]
    if mark in DOUBLE_OPEN:
        return "open"
    if mark in DOUBLE_CLOSE:
        return "close"
    return "either"


def _pair_doubles(text: str, start: int, end: int) -> list[tuple[int, int | None]]:
    """(open, close) pairs of double marks in text[start:end]; close None if never closed."""
    pairs: list[tuple[int, int | None]] = []
    pending: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch != STRAIGHT_DOUBLE and ch not in DOUBLE_OPEN and ch not in DOUBLE_CLOSE:
            continue
        if ch == STRAIGHT_DOUBLE and INCHES_RE.search(text, max(start, i - 6), i):
            continue  # a height (6'3"), not a quote mark: it would pair with the next real one
        role = _double_role(text, i)
        if pending is None and role in ("open", "either"):
            pending = i
        elif pending is not None and role in ("close", "either"):
            pairs.append((pending, i))
            pending = None
        # an opening mark while one is pending, or a stray closing mark: ignored
    if pending is not None:
        pairs.append((pending, None))
    return pairs


def _pair_singles(text: str, start: int, end: int, allow_unclosed: bool) -> list[tuple[int, int | None]]:
    """(open, close) pairs of single marks, telling quote marks from apostrophes."""
    marks = []
    for i in range(start, end):
        if text[i] in SINGLE_OPEN or text[i] in SINGLE_CLOSE or text[i] == STRAIGHT_SINGLE:
            role = _single_role(text, i)
            if role:
                marks.append((i, role))
    following = _next_by_role(marks)
    pairs: list[tuple[int, int | None]] = []
    k = 0
    while k < len(marks):
        at, role = marks[k]
        if role != "open":
            k += 1
            continue
        strong, weak = following["close"][k], following["weak_close"][k]
        # an open before the strong close means the strong close belongs to a later quote
        next_open = following["open"][k]
        chosen = strong
        if chosen is None or (next_open is not None and next_open < chosen):
            chosen = weak if weak is not None and (next_open is None or weak < next_open) else None
        if chosen is None:
            if allow_unclosed and next_open is None:
                pairs.append((at, None))
            k = k + 1 if next_open is None else next_open
            continue
        pairs.append((at, marks[chosen][0]))
        k = chosen + 1
    return pairs


def _next_by_role(marks: list[tuple[int, str]]) -> dict[str, list[int | None]]:
    """For each role and mark k, the index of the first later mark with that role (one backward pass)."""
    following: dict[str, list[int | None]] = {
        role: [None] * len(marks) for role in ("open", "close", "weak_close")
    }
    upcoming: dict[str, int | None] = dict.fromkeys(following)
    for k in range(len(marks) - 1, -1, -1):
        for role in following:
            following[role][k] = upcoming[role]
        upcoming[marks[k][1]] = k
    return following


def _span(text: str, open_at: int, close_at: int | None, limit: int, double: bool) -> MarkedSpan | None:
    start, end = _trimmed(text, open_at + 1, close_at if close_at is not None else limit)
    if start >= end:
        return None
    return MarkedSpan(open_at=open_at, close_at=close_at, start=start, end=end, double=double)


def find_in_paragraph(text: str, start: int, end: int) -> list[MarkedSpan]:
    """Top-level and nested quotes of one paragraph (parents come before their children).

    Both mark families are paired over the whole paragraph; a span inside another becomes its
    child, whichever family is outside (American "…'…'…" and British '…"…"…' alike).
    """
    doubles = [s for o, c in _pair_doubles(text, start, end) if (s := _span(text, o, c, end, True))]
    doubles += dash_dialogue(text, start, end)
    singles = [s for o, c in _pair_singles(text, start, end, True) if (s := _span(text, o, c, end, False))]
    last_double_end = max((s.close_at if s.close_at is not None else end for s in doubles), default=start)
    # an unclosed single mark is only a quote after every double quote (else: a stray apostrophe)
    singles = [s for s in singles if s.close_at is not None or s.open_at > last_double_end]
    spans = sorted(doubles + singles, key=lambda s: (s.open_at, -_outer_end(s, end)))
    result: list[MarkedSpan] = []
    stack: list[int] = []
    for span in spans:
        while stack and _outer_end(result[stack[-1]], end) <= span.open_at:
            stack.pop()
        if stack:
            parent = result[stack[-1]]
            if _outer_end(span, end) > _outer_end(parent, end) or span.close_at is None:
                continue  # crossing marks: keep the earlier quote
            span.parent = stack[-1]
        result.append(span)
        stack.append(len(result) - 1)
    return result


def _outer_end(span: MarkedSpan, paragraph_end: int) -> int:
    """One past the closing mark (or the paragraph end for an unclosed quote)."""
    return span.close_at + 1 if span.close_at is not None else paragraph_end


def _reopen_possessive_close(text: str, spans: list[MarkedSpan], paragraph_end: int) -> None:
    """‘… the lads’ kit is gone. (next paragraph opens with ‘): the ’ was a possessive, and the
    quote runs on to the paragraph's end, continuing in the next paragraph."""
    tops = [s for s in spans if s.parent is None]
    last = tops[-1] if tops else None
    if (
        last is None
        or last.double
        or last.close_at is None
        or _single_role(text, last.close_at) != "weak_close"
    ):
        return
    last.close_at = None
    last.start, last.end = _trimmed(text, last.open_at + 1, paragraph_end)


def opens_with_mark(text: str, start: int, end: int) -> bool:
    """Whether the paragraph's first non-space character is an opening quotation mark."""
    i, _ = _trimmed(text, start, end)
    return i < end and (text[i] in DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[MarkedSpan]:
    """Every quote in the given paragraphs, linking the pieces of open-quote-per-paragraph runs.

    A paragraph that leaves a quote open continues in the next paragraph only if that one
    opens with a quote mark (the print convention); otherwise the span stops at its end.
    """
    result: list[MarkedSpan] = []
    previous_unclosed: int | None = None
    for number, (p_start, p_end) in enumerate(paragraphs):
        offset = len(result)
        spans = find_in_paragraph(text, p_start, p_end)
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if following is not None and opens_with_mark(text, *following):
            _reopen_possessive_close(text, spans, p_end)
        for span in spans:
            if span.parent is not None:
                span.parent += offset
        if spans and previous_unclosed is not None and opens_with_mark(text, p_start, p_end):
            first_top = next(s for s in spans if s.parent is None)
            if first_top.double == result[previous_unclosed].double:
                first_top.continues = previous_unclosed
        result.extend(spans)
        tops = [i for i, s in enumerate(result[offset:], offset) if s.parent is None]
        last_top = tops[-1] if tops else None
        previous_unclosed = last_top if last_top is not None and result[last_top].close_at is None else None
    return result


def dash_dialogue(text: str, start: int, end: int) -> list[MarkedSpan]:
    """The speaker's pieces of a dash-dialogue paragraph ('— Quote, — she said. — Quote.').

    Each piece is a span opened by its dash; pieces of narration (short, between the quotes)
    are left out. The last piece runs to the paragraph's end (``close_at`` None).
    """
    first, _ = _trimmed(text, start, end)
    opening = DIALOGUE_OPEN_RE.match(text, first, end)
    if opening is None:
        return []
    pieces: list[tuple[int, int, int]] = []  # (dash offset, words start, words end)
    dash, words_start = first, opening.end()
    for switch in DIALOGUE_SWITCH_RE.finditer(text, words_start, end):
        pieces.append((dash, words_start, switch.start()))
        dash = switch.start() + len(switch.group()) - len(switch.group().lstrip())
        words_start = switch.end()
    pieces.append((dash, words_start, end))
    if not _is_dialogue(text, pieces):
        return []
    spans: list[MarkedSpan] = []
    speaking = True  # the piece after a quote is narration, and after narration comes a quote
    for number, (dash, words_start, words_end) in enumerate(pieces):
        close = None if number == len(pieces) - 1 else words_end
        if speaking:
            span = _span(text, dash, close, words_end, True)
            if span is not None:
                span.start, span.end = _trimmed(text, words_start, words_end)
                span.end = _strip_comma(text, span.start, span.end)
                spans.append(span)
            speaking = False
        elif spans and len(text[words_start:words_end].split()) > MAX_NARRATION_WORDS:
            # too long to be narration: the dash was punctuation inside the speech, which goes on
            spans[-1].end = _strip_comma(text, spans[-1].start, _trimmed(text, words_start, words_end)[1])
            spans[-1].close_at = close
        else:
            speaking = True
    return spans


def _is_dialogue(text: str, pieces: list[tuple[int, int, int]]) -> bool:
    """Speech, then narration in lower case: '— We left, — she said.' A dashed list line
    ('— Kharkiv — 12 drones') or a lone dashed sentence is not taken for dialogue."""
    if len(pieces) < 2:
        return False
    speech = text[pieces[0][1] : pieces[0][2]].rstrip()
    narration = text[pieces[1][1] : pieces[1][2]].lstrip()
    return speech[-1:] in (",", ".", "!", "?", "\u2026") and narration[:1].islower()


def _strip_comma(text: str, start: int, end: int) -> int:
    """'shaking,' → 'shaking': the comma belongs to the dialogue punctuation, not the words."""
    while end > start and text[end - 1] in ",":
        end -= 1
    return end
