"""Per-Doc lookups computed once: the text and its sentences by character offset.

Why: ``Doc.text`` joins every token on each access and ``Token.sent`` scans the Doc for
sentence annotation, so calling either inside a loop makes a component quadratic.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span

from purportedly.nlp.extensions import doc_text, per_doc


class DocIndex:
    """The Doc's text and sentences, with sentence lookup by character offset.

    Kept per Doc with its typed views (``extensions.per_doc``), so it holds the Doc only weakly and
    sentences as token bounds: a strong reference back would keep every Doc alive.
    """

    def __init__(self, doc: Doc) -> None:
        self._doc = weakref.ref(doc)
        self.text = doc_text(doc)
        try:
            sentences = list(doc.sents)
        except ValueError:  # no sentence boundaries (a bare tokenizer Doc): one sentence
            sentences = [doc[:]] if len(doc) else []
        self.bounds = [(s.start, s.end) for s in sentences]
        self.starts = [s.start_char for s in sentences]
        self._cues: dict[int, list] = {}

    @property
    def sentences(self) -> list[Span]:
        doc = self._doc()
        return [doc[start:end] for start, end in self.bounds] if doc is not None else []

    def _sentence(self, i: int) -> Span | None:
        doc = self._doc()
        return doc[self.bounds[i][0] : self.bounds[i][1]] if doc is not None else None

    def cue_matches(self, lexicon) -> list:
        """Every cue of ``lexicon`` in the text, found once for hedges and claims alike."""
        key = id(lexicon)
        if key not in self._cues:
            self._cues[key] = lexicon.find(self.text)
        return self._cues[key]

    def words_in(self, words: frozenset[str]) -> list[int]:
        """Indices of the tokens whose lower-case form or lower-cased lemma is in ``words``, in
        order: one pass over the token array, each distinct form looked up once (a loop over
        Tokens builds two strings per token, and most tokens match nothing)."""
        doc = self._doc()
        if doc is None or not len(doc):
            return []
        strings = doc.vocab.strings
        forms: dict[int, bool] = {}
        lemmas: dict[int, bool] = {}
        found = []
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            hit = forms.get(lower)
            if hit is None:
                hit = forms[lower] = strings[lower] in words
            if not hit:
                hit = lemmas.get(lemma)
                if hit is None:
                    hit = lemmas[lemma] = strings[lemma].lower() in words
            if hit:
                found.append(i)
        return found

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding character ``offset`` (the one before it, in whitespace between)."""
        if not self.bounds:
            return None
        return self._sentence(max(0, bisect_right(self.starts, offset) - 1))

    def next_sentence(self, sentence: Span) -> Span | None:
        i = bisect_right(self.starts, sentence.start_char)
        return self._sentence(i) if i < len(self.bounds) else None


def doc_index(doc: Doc) -> DocIndex:
    """The index of ``doc``, built once per Doc (every component after the parser reads it)."""
    return per_doc(doc, "_index", DocIndex)
