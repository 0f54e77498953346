"""Roles that rule a name out as a source: voices a releasing service identifies, relative pronouns."""

from __future__ import annotations

from spacy.tokens import Span, Token

from purportedly.nlp.citing_lexicon import CitingLexicon

AS_WINDOW = 8  # 'identified the man in the second clip as ...': the object sits between verb and 'as'
REFLEXIVES = frozenset({"herself", "himself", "themselves", "itself", "myself", "ourselves"})
NAME_TAIL = 8  # a name after 'as' with its title: 'Sgt. Ivan Petrovich Orlov'


def identified_spans(sentences: list[Span], lexicon: CitingLexicon) -> list[tuple[int, int]]:
    """Characters of the names a service gives the voices it released: 'the SBU identified the
    speaker as Sgt. Ivan Orlov' names a man heard on the call, not someone the article cites.
    Read from the tokens, not the parse: the small model often breaks the sentence at 'Sgt.'."""
    spans = []
    for sentence in sentences:
        for token in sentence:
            if token.lemma_.lower() in lexicon.identify_verbs and token.pos_ == "VERB":
                after_as = _after_as(token, sentence.end)
                if after_as is not None:
                    end = _name_end(after_as, len(token.doc))
                    if end > after_as.i:
                        spans.append((after_as.idx, token.doc[end - 1].idx + len(token.doc[end - 1])))
    return spans


def _after_as(verb: Token, limit: int) -> Token | None:
    doc = verb.doc
    for i in range(verb.i + 1, min(limit, verb.i + AS_WINDOW)):
        if doc[i].lower_ in REFLEXIVES:
            return None  # 'a woman who identified herself as his wife' describes a source
        if doc[i].lower_ == "as":
            return doc[i + 1] if i + 1 < limit else None
        if doc[i].is_punct and doc[i].text not in (".", "'", "’"):
            return None
    return None


def _name_end(first: Token, limit: int) -> int:
    """End (token index) of the capitalised run after 'as', titles and their dots included."""
    doc = first.doc
    i = first.i
    while i < min(limit, first.i + NAME_TAIL) and (doc[i].is_title or doc[i].is_upper or doc[i].text == "."):
        i += 1
    return i
