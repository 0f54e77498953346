"""Two-party exchanges: unattributed lines alternate between the two people speaking.

A recorded call is often printed as one quote per paragraph: the first lines attributed ("…,"
the soldier says / "…?" his mother asks), the rest bare. The context rule alone gives every
bare line to the last speaker named; in an exchange the turns alternate between the two parties
unless the text says otherwise (a cue verb names the speaker again). An exchange is two adjacent
quote paragraphs with different speakers; a bare quote paragraph right after them goes to the
party who did not speak last, and so on down the run.
"""

from __future__ import annotations

import re

from purportedly.model import Quote

MARKS_AND_SPACE = re.compile(r"[\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,!?;:\u2014\u2013-]*")


def is_bare(text: str, quote: Quote) -> bool:
    """Whether the quote is its paragraph's whole text (only marks and spaces around it)."""
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    around = text[line_start : quote.start] + text[quote.end : line_end]
    return MARKS_AND_SPACE.fullmatch(around) is not None


def alternate_turns(text: str, quotes: list[Quote]) -> dict[str, str]:
    """Speakers by quote id for bare lines of a two-party exchange (only where they change)."""
    alternated: dict[str, str] = {}
    run: list[tuple[int, str | None]] = []  # (paragraph, speaker) of consecutive quote paragraphs
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        if quote.kind == "direct" and quote.nested_in is None and quote.paragraph is not None:
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
    for paragraph in sorted(by_paragraph):
        in_paragraph = by_paragraph[paragraph]
        if run and paragraph != run[-1][0] + 1:
            run = []
        if len(in_paragraph) != 1:
            run = []
            continue
        quote = in_paragraph[0]
        speaker = quote.speaker
        bare = quote.cue is None and is_bare(text, quote)
        if bare and len(run) >= 2 and run[-1][1] and run[-2][1] and run[-1][1] != run[-2][1]:
            speaker = run[-2][1]
            if speaker != quote.speaker:
                alternated[quote.id] = speaker
        elif quote.cue is None and not bare:
            run = []  # narration around an unattributed quote: no longer a bare exchange
            continue
        run.append((paragraph, speaker))
    return alternated
