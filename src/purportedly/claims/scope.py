"""Which factuality cues scope over a stretch of text: its sentence, and back-references after it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.hedges.cues import CueMatch, load_cue_lexicon
from purportedly.nlp.quoted import SpanIndex, quoted_spans

# A following sentence refers back to the claim when it opens with an anaphor:
# "That figure could not be independently confirmed." / "The recordings could not be verified."
BACK_REFERENCE = re.compile(
    r"\W*(?:that|this|these|those|the|its|their|neither|none|it|such)\b", re.IGNORECASE
)
BACK_REFERRING_CATEGORIES = frozenset({"failed_check"})


class CueIndex:
    """Every factuality cue of a Doc outside quotation marks, looked up by character range."""

    def __init__(self, doc: Doc) -> None:
        inside_quotes = SpanIndex(quoted_spans(doc))
        self.index = doc_index(doc)
        self.all = self.index.cue_matches(load_cue_lexicon())  # speakers' own cues included
        self.all_starts = [c.start for c in self.all]
        self.cues = [c for c in self.all if not inside_quotes.overlaps(c.start, c.end)]
        self.starts = [c.start for c in self.cues]
        self.doc = doc

    def between(self, start: int, end: int, skip: tuple[int, int] | None = None) -> list[CueMatch]:
        """Cues inside [start, end), except those inside ``skip`` (the claim's own quote)."""
        found = self.cues[bisect_left(self.starts, start) : bisect_right(self.starts, end - 1)]
        if skip is not None:
            found = [c for c in found if not (skip[0] <= c.start < skip[1])]
        return [c for c in found if c.end <= end]

    def within(self, start: int, end: int) -> list[CueMatch]:
        """Every cue inside [start, end), inside quotation marks too (a speaker's own hedges)."""
        found = self.all[bisect_left(self.all_starts, start) : bisect_right(self.all_starts, end - 1)]
        return [c for c in found if c.end <= end]

    def in_scope(self, sentence: Span | None, skip: tuple[int, int] | None = None) -> list[CueMatch]:
        """Cues in the sentence plus back-referring failed checks in the sentence after it."""
        if sentence is None:
            return []
        found = self.between(sentence.start_char, sentence.end_char, skip)
        following = self.next_sentence(sentence)
        # match on the text itself: Span.text joins the span's tokens on every call
        if following is not None and BACK_REFERENCE.match(
            self.index.text, following.start_char, following.end_char
        ):
            found += [
                c
                for c in self.between(following.start_char, following.end_char)
                if c.type.category in BACK_REFERRING_CATEGORIES
            ]
        return found

    def next_sentence(self, sentence: Span) -> Span | None:
        """The sentence after, if it is in the same paragraph or the one right after."""
        following = self.index.next_sentence(sentence)
        if following is None:
            return None
        gap = self.index.text[sentence.end_char : following.start_char]
        return following if gap.count("\n") <= 2 else None

    def sentence_of(self, start: int) -> Span | None:
        return self.index.sentence_at(start)
