"""Load the citing lexicon (data/sources/citing.toml): the words that mark who a source is."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from purportedly.nlp.source_aliases import SOURCES_DIR


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


@lru_cache(maxsize=4)
def load_citing_lexicon(path: Path = SOURCES_DIR / "citing.toml") -> CitingLexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    no_response = "|".join(r"\s+".join(map(re.escape, p.split())) for p in data.get("no_response", []))
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
    )
