"""Character spans the article quotes (so its own hedges and sources can skip them)."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list

# Double quotation marks only: single quotes double as apostrophes, and pairing them
# blindly would swallow whole paragraphs. Straight quotes pair within one paragraph.
CURLY_QUOTE = re.compile(r"[“„«]([^“”„«»]*?)[”»]")
STRAIGHT_QUOTE = re.compile(r'"([^"\n]*?)"')


def quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of direct quotes and labelled turns.

    Uses the quotes component's output when it ran; otherwise finds double-quoted text.
    """
    quotes = [q for q in get_list(doc, "quotes") if q.kind in ("direct", "turn")]
    if quotes:
        spans = [(q.start, q.end) for q in quotes]
    else:
        text = doc_index(doc).text
        spans = [m.span(1) for m in CURLY_QUOTE.finditer(text)]
        spans += [m.span(1) for m in STRAIGHT_QUOTE.finditer(text)]
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SpanIndex:
    """Answer "is this offset inside one of these spans?" in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def covers(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start
