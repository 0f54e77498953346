"""Who runs a channel or blog the article cites: 'Anatoly Shtyrkov wrote on his channel, Shtyrkov Live'."""

from __future__ import annotations

from spacy.tokens import Token

OWNING_PRONOUNS = frozenset({"his", "her", "their"})
CLIMB = 4  # 'wrote on his channel': from the noun up through 'on' to the verb


def channel_owner(noun: Token) -> Token | None:
    """The person a channel noun belongs to: its proper-noun possessor ('Shtyrkov's channel'), or
    for 'his'/'her' the proper-noun subject of the clause it sits in."""
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        if child.pos_ == "PROPN":
            return child
        if child.lower_ in OWNING_PRONOUNS:
            return clause_subject(noun)
    return None


def clause_subject(token: Token) -> Token | None:
    head = token
    for _ in range(CLIMB):
        if head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
            return subjects[0] if subjects else None
        if head.head is head:
            return None
        head = head.head
    return None
