"""Load the citing lexicon (data/sources/citing.toml): the words that mark who a source is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from purportedly.lexicons import load_data, lowered
from purportedly.model import SourceKind
from purportedly.nlp.sources.aliases import SOURCES_DIR


@dataclass(frozen=True)
class CitingLexicon:
    report_verbs: frozenset[str]
    weak_subject_verbs: frozenset[str]
    interview_verbs: frozenset[str]
    to_outlet_verbs: frozenset[str]
    source_prepositions: tuple[tuple[str, ...], ...]
    statement_nouns: frozenset[str]
    source_nouns: frozenset[str]
    participant_nouns: frozenset[str]
    recording_nouns: frozenset[str]
    recording_context: frozenset[str]
    outlet_nouns: frozenset[str]
    titles: frozenset[str]
    no_response: re.Pattern
    interviewer_labels: frozenset[str] = frozenset()
    verdict_verbs: frozenset[str] = frozenset()
    pen_name_verbs: frozenset[str] = frozenset()
    information_nouns: frozenset[str] = frozenset()
    named_body_nouns: frozenset[str] = frozenset()
    identify_verbs: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    voice_nouns: frozenset[str] = frozenset()
    spokesperson_nouns: frozenset[str] = frozenset()
    document_verbs: frozenset[str] = frozenset()
    posted_on_verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_citing_lexicon(name: str = f"{SOURCES_DIR}/citing.toml") -> CitingLexicon:
    data = load_data(name)

    def words(key: str) -> frozenset[str]:
        return lowered(data, key)

    phrases = [p.split() for p in data.get("no_response", [])]
    no_response = "|".join(r"\s+".join(map(re.escape, words)) for words in phrases)
    if no_response and all(phrases):
        # the phrases' first characters, looked ahead for: the engine skips every other place
        # at once instead of trying each phrase there (twice as fast over an article)
        first = "".join(sorted({re.escape(words[0][0]) for words in phrases}))
        no_response = f"(?=[{first}])(?:{no_response})"
    return CitingLexicon(
        report_verbs=words("report_verbs"),
        weak_subject_verbs=words("weak_subject_verbs"),
        interview_verbs=words("interview_verbs"),
        to_outlet_verbs=words("to_outlet_verbs"),
        source_prepositions=tuple(tuple(p.lower().split()) for p in data.get("source_prepositions", [])),
        statement_nouns=words("statement_nouns"),
        source_nouns=words("source_nouns"),
        participant_nouns=words("participant_nouns"),
        recording_nouns=words("recording_nouns"),
        recording_context=words("recording_context"),
        outlet_nouns=words("outlet_nouns"),
        titles=words("titles"),
        no_response=re.compile(no_response or r"(?!x)x", re.IGNORECASE),
        interviewer_labels=frozenset(w.upper() for w in data.get("interviewer_labels", [])),
        verdict_verbs=words("verdict_verbs"),
        pen_name_verbs=words("pen_name_verbs"),
        information_nouns=words("information_nouns"),
        named_body_nouns=words("named_body_nouns"),
        identify_verbs=words("identify_verbs"),
        document_nouns=words("document_nouns"),
        voice_nouns=words("voice_nouns"),
        spokesperson_nouns=words("spokesperson_nouns"),
        document_verbs=words("document_verbs"),
        posted_on_verbs=words("posted_on_verbs"),
    )


@lru_cache(maxsize=4)
def load_source_kinds(name: str = f"{SOURCES_DIR}/kinds.toml") -> dict[str, SourceKind]:
    """Head noun -> kind of source it names (data/sources/kinds.toml)."""
    data = load_data(name, keys=("kinds",))
    return {word.lower(): kind for word, kind in data.get("kinds", {}).items()}
