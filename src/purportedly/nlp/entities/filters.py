"""Trim or reject statistical NER spans that capitalisation fooled: sentence-initial words, dates."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from ...lexicons import load_set

# Parts of speech a name never starts or ends with. A sentence-initial capital makes the small
# model read 'Kiss Masha', 'When Tylovyk' or 'One' as part of a name.
NOT_NAME_EDGE_POS = frozenset(
    {"VERB", "AUX", "ADV", "SCONJ", "ADP", "DET", "PRON", "CCONJ", "PART", "INTJ", "NUM"}
)
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
# 'Oct 2', 'March 14': the small model sometimes labels a date PERSON or ORG
MONTH_DAY = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$"
)
OPENERS = frozenset({'"', "“", "‘", "'", "«", ":", "(", "—", "–", "-", "•", "*"})


def starts_sentence(token: Token) -> bool:
    """First word of a sentence, a line, a quotation or a transcript turn: its capital says nothing."""
    if token.i == 0 or token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.is_space or before.text in OPENERS or "\n" in before.whitespace_


def cut_compound(token: Token, end: int) -> bool:
    """A lower-case common noun at a span's end that modifies a noun after the span: the span cut
    a description ('war' of 'war monitor') in two, and the word belongs to the description."""
    return (
        token.is_lower and token.tag_ in COMMON_NOUN_TAGS and token.dep_ == "compound" and token.head.i >= end
    )


def trim_ner_span(ent: Span) -> Span | None:
    """The part of ``ent`` that can be a name, or None when nothing of it can be."""
    doc, start, end = ent.doc, ent.start, ent.end
    if MONTH_DAY.match(ent.text):
        return None
    if ent.label_ == "NORP":
        return ent  # 'Russian' is an adjective and still a group
    initial = starts_sentence(doc[start])
    # only at a sentence start does a capital hide a verb or function word ('Kiss Masha')
    if initial and end - start > 1 and doc[start].pos_ in NOT_NAME_EDGE_POS:
        start += 1
    while end - 1 > start and doc[end - 1].is_lower and doc[end - 1].pos_ in NOT_NAME_EDGE_POS:
        end -= 1  # 'Ostap V. in'
    while end - 1 > start and cut_compound(doc[end - 1], end):
        end -= 1  # 'the Northern Observatory for Civil Rights war monitor': 'war' is the monitor's
    end = trailing_description(doc, start, end)
    span = doc[start:end]
    lone = span[0]
    if (
        initial
        and len(span) == 1
        and lone.pos_ != "PROPN"
        and (lone.tag_ in COMMON_NOUN_TAGS or lone.pos_ in NOT_NAME_EDGE_POS)
    ):
        return None  # 'Ruins of the school...', 'One is in hospital'
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def trailing_description(doc, start: int, end: int) -> int:
    """Where the name ends before lower-case common nouns that describe it ('AFP news agency',
    'the Velmora Times newspaper'): a name's own words are capitalised."""
    cut = end
    while cut - 1 > start and doc[cut - 1].is_lower and doc[cut - 1].tag_ in COMMON_NOUN_TAGS:
        if doc[cut - 1].lower_ in _body_nouns():
            return cut  # 'the Valdor navy (spokesman)': the navy is named, what follows describes it
        cut -= 1
    return cut if doc[cut - 1].pos_ == "PROPN" else end


@cache
def _body_nouns() -> frozenset[str]:
    """Lower-case nouns that name a body after a proper name (data/entities/body_nouns.txt); read
    once, not at every span (load_set builds a new set at each call)."""
    return load_set("entities/body_nouns.txt")
