"""Per-Doc lookups computed once: the text and its sentences by character offset.

Why: ``Doc.text`` joins every token on each access and ``Token.sent`` scans the Doc for
sentence annotation, so calling either inside a loop makes a component quadratic.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from purportedly.nlp.extensions import doc_text, per_doc


class DocIndex:
    """The Doc's text and sentences, with sentence lookup by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        try:
            self.sentences = list(doc.sents)
        except ValueError:  # no sentence boundaries (a bare tokenizer Doc): one sentence
            self.sentences = [doc[:]] if len(doc) else []
        self.starts = [s.start_char for s in self.sentences]
        self._cues: dict[int, list] = {}

    def cue_matches(self, lexicon) -> list:
        """Every cue of ``lexicon`` in the text, found once for hedges and claims alike."""
        key = id(lexicon)
        if key not in self._cues:
            self._cues[key] = lexicon.find(self.text)
        return self._cues[key]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding character ``offset`` (the one before it, in whitespace between)."""
        if not self.sentences:
            return None
        return self.sentences[max(0, bisect_right(self.starts, offset) - 1)]

    def next_sentence(self, sentence: Span) -> Span | None:
        i = bisect_right(self.starts, sentence.start_char)
        return self.sentences[i] if i < len(self.sentences) else None


def doc_index(doc: Doc) -> DocIndex:
    """The index of ``doc``, built once per Doc (every component after the parser reads it)."""
    return per_doc(doc, "_index", DocIndex)
