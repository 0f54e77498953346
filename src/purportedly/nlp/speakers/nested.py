"""A he/she speaking inside someone's quote or turn, resolved to a person that quote itself names."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from purportedly.nlp.mentions import Mention, PersonLexicon, make_mention

LOCAL_LOOKBACK = 80  # tokens of the enclosing quote searched back: keeps the pass linear
HEAD_DEPS = ("compound", "amod", "poss")  # a noun inside a larger name or description is not its head


def local_antecedent(doc: Doc, pronoun: Mention, outer_start: int, lexicon: PersonLexicon) -> Mention | None:
    """'I spoke with the sister of a man … She told me, and I'm quoting her, "…"': the sister.

    Only the enclosing quote's own words before the pronoun are read (mentions inside quotes are
    not clustered); a person noun of the pronoun's gender wins over one of unknown gender.
    """
    if pronoun.kind != "pronoun" or not pronoun.gender or pronoun.gender == "n" or pronoun.plural:
        return None
    candidates = list(_person_heads(doc, pronoun.head, outer_start, lexicon))
    for exact in (True, False):
        for token, gender in candidates:
            if gender == pronoun.gender or (not exact and not gender):
                return make_mention(doc, token, lexicon)
    return None


def _person_heads(doc: Doc, before: int, outer_start: int, lexicon: PersonLexicon):
    """(token, gender) of person nouns and names heading a phrase, nearest first."""
    low = max(0, before - LOCAL_LOOKBACK)
    for i in range(before - 1, low - 1, -1):
        token = doc[i]
        if token.idx < outer_start:
            return
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in HEAD_DEPS or token.tag_ in ("NNS", "NNPS"):
            continue  # "he" is not "two men"
        if token.ent_type_ == "PERSON":
            yield token, lexicon.name_gender(_name_words(token))
        elif token.lemma_.lower() in lexicon.person_nouns:
            yield token, lexicon.person_nouns[token.lemma_.lower()]


def _name_words(token: Token) -> list[str]:
    """The words of the person name ending at ``token`` ('Olena Haidai' for 'Haidai')."""
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return [t.text for t in token.doc[start : token.i + 1]]
