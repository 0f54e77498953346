"""Name an organisation speaking as 'it' or 'the agency': the organisation mentioned just before."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from purportedly.nlp.mentions import mention_bounds

LOOKBACK_TOKENS = 200  # tokens searched back for the organisation: keeps the pass linear
ORGANISATION_ENTS = ("ORG",)
SUBJECT_DEPS = ("nsubj", "nsubjpass")


class OrganisationNamer:
    """Finds the organisation an 'it' or a bare organisation noun ('the service') stands for."""

    def __init__(self, nouns: frozenset[str]) -> None:
        self.nouns = nouns

    def is_organisation_noun(self, token: Token) -> bool:
        return token.ent_type_ not in ("PERSON",) and token.lemma_.lower() in self.nouns

    def name_for_it(self, doc: Doc, at: int) -> str | None:
        """The latest organisation subject before token ``at``: its full name if the text gives one."""
        for token in _backwards(doc, at):
            if token.dep_ not in SUBJECT_DEPS:
                continue
            if token.ent_type_ in ORGANISATION_ENTS:
                return _entity_text(token)
            if self.is_organisation_noun(token):
                return self.name_for_noun(doc, token) or _phrase(token)
        return None

    def name_for_noun(self, doc: Doc, noun: Token) -> str | None:
        """'the service' -> the latest earlier 'Border Service' (an organisation name ending in the noun)."""
        head = noun.lower_
        for token in _backwards(doc, noun.i):
            if token.lower_ != head:
                continue
            # a longer name ending in the noun ("Border Service"), not another bare "the service"
            if token.ent_type_ in ORGANISATION_ENTS and token.ent_iob_ == "I":
                return _entity_text(token)
            if token.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts):
                return _phrase(token)
        return None


def _backwards(doc: Doc, at: int):
    for i in range(at - 1, max(-1, at - 1 - LOOKBACK_TOKENS), -1):
        yield doc[i]


def _entity_text(token: Token) -> str:
    start, end = token.i, token.i + 1
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return token.doc[start:end].text


def _phrase(token: Token) -> str:
    start, end = mention_bounds(token)
    return token.doc[start:end].text
