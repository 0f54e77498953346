"""Sources known only by a description: 'a woman who said she was his sister', 'analysts who study ...'."""

from __future__ import annotations

from spacy.tokens import Token

from purportedly.lexicons import lowered
from purportedly.nlp.sources.aliases import source_words
from purportedly.nlp.sources.citing_lexicon import CitingLexicon

MAX_CLAUSE_TOKENS = 14  # a longer clause is narration, not a name a reader would use
# How a described person can have given the outlet (or anyone) information.
TELLING_HOWS = frozenset({"told_outlet", "interviewed", "statement_to", "subject", "quote_speaker"})
WORDS = source_words()
TELLING_VERBS = lowered(WORDS, "telling_verbs")
BARE_MODIFIERS = frozenset({"det", "predet"})  # 'a woman', 'the analysts': nothing else describes them


def restrictive_clause(head: Token) -> Token | None:
    """The defining relative clause of ``head`` ('analysts who study ...'), not one set off by a
    comma ('the channel, which ...', which refers back to a source already named)."""
    for child in head.rights:
        if child.dep_ == "relcl":
            before = head.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
            return None if before is None or before.text == "," else child
    return None


def described_participant(head: Token, how: str, verb: str | None, lexicon: CitingLexicon) -> bool:
    """'A woman who identified herself as his former wife said', 'we reached the sister of a man
    who ...': a participant noun (woman, sister) that a clause or 'of' phrase describes, and that
    tells something, is a source; a bare 'the man says' is a voice on a recording."""
    if head.lower_ not in lexicon.participant_nouns or head.lower_ in lexicon.voice_nouns:
        return False
    if how not in TELLING_HOWS:
        return False
    if how == "subject" and (verb or "") not in TELLING_VERBS:
        return False
    if any(c.dep_ == "nummod" for c in head.children):
        return False  # 'nine men who surrendered': the people the story counts, not its informants
    # 'the sister of a man who ...' is described by whose relative she is
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.rights):
        return True
    clause = restrictive_clause(head)
    return clause is not None and self_described(clause)


def self_described(clause: Token) -> bool:
    """'a woman who identified herself as ...' describes herself in the past; 'a man whom the SBU
    identified as ...' is described by the releasing service and 'a man who says he serves ...'
    speaks on the recording: both are voices on it."""
    relative_subject = any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children)
    return relative_subject and clause.tag_ == "VBD"


def clause_description(head: Token) -> tuple[int, int] | None:
    """Characters of 'analysts who study the releases': a bare noun with its defining clause is
    how the text names the source (a modified noun, 'Ukrainian analysts', names itself)."""
    clause = restrictive_clause(head)
    if clause is None or any(c.dep_ not in BARE_MODIFIERS for c in head.lefts):
        return None
    doc = head.doc
    start = head.i
    end = clause.right_edge.i
    while end > clause.i and (doc[end].is_punct or doc[end].dep_ in ("cc", "prep")):
        end -= 1
    # the description ends at the first comma ('a woman who said she was his cousin, Olha')
    comma = next((t.i for t in doc[clause.i : end + 1] if t.text in ",;:"), None)
    if comma is not None:
        end = comma - 1
    if end - start > MAX_CLAUSE_TOKENS or end <= clause.i:
        return None
    return doc[start].idx, doc[end].idx + len(doc[end])
