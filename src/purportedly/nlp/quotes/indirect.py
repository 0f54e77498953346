"""Find reported speech: a cue verb with a clause ("complained that he…", "told his wife that…"),
and a clause "according to" someone ("According to the governor, five drones were downed")."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import LOWER, POS, TAG
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.mentions import mention_bounds
from purportedly.nlp.quotes.attribution import Attributor, Found

CLAUSE_DEPS = {"ccomp"}
MIN_CLAUSE_TOKENS = 3


@dataclass
class Reported:
    """One piece of reported speech: the clause's char span and its attribution."""

    start: int
    end: int
    found: Found
    cue_token: int


def find_reported(
    doc: Doc, attributor: Attributor, inside_quotes: set[int], allowed: list[tuple[int, int]]
) -> list[Reported]:
    """Reported-speech clauses outside direct quotes, in text order (one linear pass over tokens)."""
    found = []
    according = _according_tokens(doc)
    attributions = _according_phrases(doc, according)
    carried: set[int] = set()  # 'according' tokens inside a cue verb's clause
    for i in _verb_like(doc):
        token = doc[i]
        if token.i in inside_quotes or not attributor.is_cue(token) or not _allowed(token.idx, allowed):
            continue
        clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS and c.i > token.i), None)
        if clause is None:
            continue
        # only what follows the cue: "which the SBU said was made …" reports "was made …";
        # an 'according to a copy seen by X' inside it says what carried the speech, not what was said
        tokens = [t for t in clause.subtree if not t.is_space and t.i > token.i and t.i not in attributions]
        if not tokens:
            continue
        outside = [t for t in tokens if t.i not in inside_quotes]
        if len(outside) < MIN_CLAUSE_TOKENS or len(outside) * 2 < len(tokens):
            continue  # the clause is a direct quote: attributed there, not here
        start_token = tokens[0] if tokens[0].dep_ != "mark" or len(tokens) == 1 else tokens[1]
        end_token = _last_word(tokens)
        if end_token.i < start_token.i:
            continue
        start, end = start_token.idx, end_token.idx + len(end_token)
        carried.update(t.i for t in clause.subtree if t.lower_ == "according")
        found.append(
            Reported(
                start, end, attributor.cue_found("indirect", token, attributor.speaker_of(token)), token.i
            )
        )
    found += _according_to(doc, according, attributor, inside_quotes | carried, allowed)
    return sorted(found, key=lambda r: r.start)


# Why the two helpers below read token columns (``Doc.to_array``) rather than Token objects: the
# component walked every token three times to find the few verbs and 'according's it looks at,
# and making a Token object per token was most of its time. They give the same tokens in order.


def _verb_like(doc: Doc) -> list[int]:
    """Indices of the tokens ``Attributor.is_cue`` can accept: tagged VERB or AUX, or a VB* tag."""
    if not len(doc):
        return []
    columns = doc.to_array([POS, TAG]).tolist()
    strings = doc.vocab.strings
    verb_tags = {tag for tag in {tag for _, tag in columns} if strings[tag].startswith("VB")}
    return [i for i, (pos, tag) in enumerate(columns) if pos in (VERB, AUX) or tag in verb_tags]


def _according_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens whose lower case is 'according'."""
    if not len(doc):
        return []
    according = doc.vocab.strings["according"]
    return [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower == according]


def _according_phrases(doc: Doc, according: list[int]) -> set[int]:
    """Token indices of every 'according to X' phrase."""
    found: set[int] = set()
    for i in according:
        token = doc[i]
        found.update(range(token.left_edge.i, token.right_edge.i + 1))
    return found


def _according_to(
    doc: Doc,
    according: list[int],
    attributor: Attributor,
    inside_quotes: set[int],
    allowed: list[tuple[int, int]],
) -> list[Reported]:
    """Clauses a prepositional 'according to X' attributes to X: the clause its head verb rules,
    without the attribution itself. One pass over the tokens; the parser does the scoping.

    Not when the verb is itself a cue ('"…," said Anna, according to a letter'; 'he boasted
    that…, according to a call'): that speech is attributed already, and the chain builder
    finds the call or letter it came through."""
    found = []
    text = doc_index(doc).text
    for i in according:
        token = doc[i]
        if token.i in inside_quotes or not _allowed(token.idx, allowed):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        verb = token.head
        if source is None or verb.i == token.i or verb.pos_ not in ("VERB", "AUX") or attributor.is_cue(verb):
            continue
        attribution = range(token.left_edge.i, token.right_edge.i + 1)
        # 'Nobody was hurt, according to X, but the mourners fled': X vouches for the first
        # clause only, so a clause coordinated after the attribution stays out
        later = [c for c in verb.children if c.dep_ in ("conj", "cc") and c.i > token.right_edge.i]
        after = {t.i for c in later for t in c.subtree}
        tokens = [t for t in verb.subtree if t.i not in attribution and t.i not in after and not t.is_space]
        words = [t for t in tokens if not t.is_punct]
        outside = [t for t in words if t.i not in inside_quotes]
        if len(outside) < MIN_CLAUSE_TOKENS or len(outside) * 2 < len(words):
            continue
        first = next((t for t in tokens if not t.is_punct and t.dep_ not in ("cc", "mark")), None)
        last = _last_word(tokens)
        if first is None or last.i < first.i:
            continue
        cue_end = to.idx + len(to)
        cue = Found(
            "indirect", text[token.idx : cue_end], token.idx, cue_end, mention_bounds(source), source.i
        )
        found.append(Reported(first.idx, last.idx + len(last), cue, token.i))
    return found


def _last_word(tokens: list[Token]) -> Token:
    """The clause's last word, leaving out closing punctuation and a dangling "and that"."""
    for token in reversed(tokens):
        if not token.is_punct and token.dep_ not in ("cc", "mark"):
            return token
    return tokens[-1]


def _allowed(offset: int, allowed: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``allowed`` stretches."""
    k = bisect_right(allowed, (offset, float("inf"))) - 1
    return k >= 0 and allowed[k][0] <= offset < allowed[k][1]
