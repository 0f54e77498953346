"""Join the lines of hard-wrapped paragraphs (newsletters, e-mail, wire feeds wrapped at ~72 columns).

Our layout rules read a line as a unit (a headline, a caption, a transcript turn, a paragraph),
so a paragraph wrapped over four lines would become four paragraphs and a quote broken at a line
end would lose its attribution. Two signals, either enough:
- a line that stops mid-sentence and a next line that starts in lower case (any layout);
- a block whose lines all reach nearly the same right margin (a wrapped block: the ragged edge
  is at most a long word wide), which is how wrapping looks and how nothing else looks.
"""

from __future__ import annotations

import re
from typing import Protocol

MAX_WRAP_WIDTH = 100  # wider lines are paragraphs on one line, not wrapping
MIN_WRAP_WIDTH = 50
RAGGED_EDGE = 22  # a wrapped line falls short of the margin by less than a long word and a space
# a line that starts a structure of its own: bullet, numbered item, speaker label, clock stamp
OWN_LINE_START = re.compile(
    r"(?:[•▪◦●‣∙·*–—-]\s|\d{1,2}[.)]\s|[A-Z][A-Z .'’-]{0,30}:\s|\d{1,2}[:.]\d{2}\b|Q:|A:)"
)


class LineLike(Protocol):
    start: int
    end: int
    text: str
    block: int
    glued: bool
    cue: str | None  # a line with a cue of its own (date, byline, credit...) is never joined


def unwrap(lines: list[LineLike], text: str) -> list[LineLike]:
    """``lines`` with each hard-wrapped paragraph merged into its first line (offsets kept exact)."""
    wrapped = _wrapped_blocks(lines)
    merged: list[LineLike] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if previous is not None and line.glued and previous.cue is None and line.cue is None and (
            line.block in wrapped and not OWN_LINE_START.match(line.text) or _continues(previous, line)
        ):
            previous.end = line.end
            previous.text = text[previous.start : previous.end]
        else:
            merged.append(line)
    return merged


def _continues(previous: LineLike, line: LineLike) -> bool:
    """'...the corridor,"' then 'she said.': a line in lower case carries on the one before.

    News lines (headlines, captions, paragraphs, turns) start with a capital, a digit or a mark;
    only a list introduced by a colon may go on in lower case, and that stays apart.
    """
    return line.text[:1].islower() and not previous.text.endswith(":")


def _wrapped_blocks(lines: list[LineLike]) -> set[int]:
    """Blocks of three or more lines at one margin; then two-line blocks that reach that margin."""
    by_block: dict[int, list[LineLike]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    margins = {block: _wrap_margin(members) for block, members in by_block.items() if len(members) >= 3}
    wrapped = {block for block, margin in margins.items() if margin is not None}
    if wrapped:
        margin = max(margins[block] or 0 for block in wrapped)
        wrapped |= {
            block
            for block, members in by_block.items()
            if len(members) == 2
            and margin - len(members[0].text) <= RAGGED_EDGE
            and not any(OWN_LINE_START.match(line.text) or line.cue for line in members)
        }
    return wrapped


def _wrap_margin(members: list[LineLike]) -> int | None:
    """The right margin the block's lines are wrapped at, or None when they are not wrapped."""
    widths = [len(line.text) for line in members[:-1]]  # the last line of a paragraph is short
    margin = max(widths)
    wrapped = (
        MIN_WRAP_WIDTH <= margin <= MAX_WRAP_WIDTH
        and all(margin - width <= RAGGED_EDGE for width in widths)
        and not any(OWN_LINE_START.match(line.text) for line in members)
    )
    return margin if wrapped and all(line.cue is None for line in members) else None
