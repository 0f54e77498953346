"""Who released a recording: a party the text puts in a release, publish or obtain relation to it.

A releaser is not whoever is named near a recording. Officials quoted about it ("Scholz said the
leak was very serious"), outlets that report on it, and people heard on it are not its releaser;
the party that released, published, posted, intercepted or obtained it is ("the SBU released",
"intercepted by the Ukrainian military", "audio from Ukraine's Security Service", "Simonyan, the
head of RT, was the first to publish the audio"). When outlets and another party are both in such
a relation ("intercepted by the Ukrainian military and published by The Guardian"), the other
party is the releaser: an outlet retelling a release is not its origin. A party described without
a name ("Ukrainian intelligence", "the Ukrainian secret service") is kept as a description, not
named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from purportedly.model import Analysis

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "recordings" / "releasers.json"
DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
VERB = r"(?:" + "|".join(DATA["release_verbs"]) + r")"
AUXILIARIES = frozenset(DATA["auxiliaries"])
NATIONALITIES = frozenset(w.lower() for w in DATA["nationalities"])
# 'the SBU released', 'intercepted by X', 'newly released audio from X', 'made available to Reuters by X'
PASSIVE = re.compile(rf"\b{VERB}\b(?:\s+[\w'’-]+){{0,5}}?\s+(?:by|from)\s+(?:the\s+)?$", re.IGNORECASE)
ACTIVE_VERB = re.compile(rf"^{VERB}\b", re.IGNORECASE)
APPOSITION = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?,[^,.;]{1,120},\s*")
# the party closes an apposition: 'the editor of RT, Margarita Simonyan, published the audio'
OPENED_BEFORE = re.compile(r",\s*$")
CLOSING_COMMA = re.compile(r"^\s*,\s*")
BRACKET = re.compile(r"^\s*\([^)]{1,40}\)\s*")
DESCRIPTION = re.compile(
    r"\b(?:the\s+)?(?:"
    + "|".join(re.escape(n) for n in sorted(DATA["nationalities"], key=len, reverse=True))
    + r")\s+(?:"
    + "|".join(sorted(DATA["body_heads"], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
INTELLIGENCE_WORDS = ("intelligence", "secret", "security", "special")
REACH = 6  # words between a party and its verb ('X on Tuesday published', 'X claims to have intercepted')
OUTLET_KINDS = frozenset({"outlet", "news_agency"})  # an outlet is a releaser only when no other party is
OUTLET_WORDS = frozenset(DATA["outlet_words"])


@dataclass(frozen=True)
class Party:
    """Someone the text names or describes, where it says so."""

    name: str
    kind: str | None
    named: bool
    start: int
    end: int

    @property
    def is_outlet(self) -> bool:
        return is_outlet(self.name, self.kind)

    @property
    def rank(self) -> int:
        """Lower is a likelier origin: a named party, then a described one, then an outlet."""
        return 2 if self.is_outlet else 0 if self.named else 1


class ReleaserFinder:
    """The parties of one article in a release relation to a recording, sentence by sentence."""

    def __init__(self, analysis: Analysis, country_words: set[str]) -> None:
        self.text = analysis.article.text
        self.country_words = country_words | NATIONALITIES
        self.parties = self._parties(analysis)

    def _parties(self, analysis: Analysis) -> list[Party]:
        found: list[tuple[int, Party]] = []  # (preference, party): sources, then entities, then descriptions
        for source in analysis.sources:
            for m in source.mentions:
                # 'Ukrainian military intelligence' named where it resolves to a named body
                named = self.named(source.name) or self.named(m.text)
                found.append((0, Party(source.name, source.kind, named, m.start, m.end)))
        for entity in analysis.entities:
            if entity.type in ("PERSON", "ORG"):
                kind = "person" if entity.type == "PERSON" else "organisation"
                for m in entity.mentions:
                    found.append((1, Party(entity.name, kind, self.named(m.text), m.start, m.end)))
        for match in DESCRIPTION.finditer(self.text):
            text = re.sub(r"^the\s+", "", " ".join(match.group().split()), flags=re.IGNORECASE)
            party = Party(text, description_kind(text), self.named(text), match.start(), match.end())
            found.append((2, party))
        # one party per stretch of text: a source (its canonical name) before an entity, then the longest
        found.sort(key=lambda t: (t[0], -(t[1].end - t[1].start), t[1].start))
        kept: list[Party] = []
        for _, party in found:
            if not any(party.start < k.end and k.start < party.end for k in kept):
                kept.append(party)
        return sorted(kept, key=lambda p: p.start)

    def named(self, text: str) -> bool:
        """A capitalised word besides nationality and country words ('the SBU' yes, 'Ukrainian
        intelligence' no)."""
        words = re.findall(r"[\w’']+", text)
        return any(
            w[0].isupper() and w.lower() not in self.country_words and re.sub(r"['’]s$", "", w.lower())
            not in self.country_words and w.lower() != "the"
            for w in words
        )

    def releasers_in(self, start: int, end: int) -> list[Party]:
        """Parties between ``start`` and ``end`` in a release relation, likeliest origin first."""
        found = [p for p in self.parties if start <= p.start < end and self.releases(p, start, end)]
        return sorted(found, key=lambda p: (p.rank, p.start))

    def releases(self, party: Party, start: int, end: int) -> bool:
        if PASSIVE.search(self.text[max(start, party.start - 80) : party.start]):
            return True
        after = self.text[party.end : end]
        if OPENED_BEFORE.search(self.text[max(start, party.start - 3) : party.start]):
            after = CLOSING_COMMA.sub("", after, count=1)
        for skip in (APPOSITION, BRACKET):  # 'Simonyan, the head of RT, was the first to publish'
            match = skip.match(after)
            if match:
                after = after[match.end() :]
                break
        words = list(re.finditer(r"[\w'’]+|[^\w\s]", after))
        for token in words[: REACH + 1]:
            if ACTIVE_VERB.match(after[token.start() :]):
                return True
            if token.group().lower() not in AUXILIARIES:
                return False
        return False


def is_outlet(name: str, kind: str | None) -> bool:
    """A news outlet by its kind or its name's head word ('the Harbour Gazette')."""
    last = re.findall(r"[\w]+", name.lower())[-1:]
    return kind in OUTLET_KINDS or bool(last and last[0] in OUTLET_WORDS)


def description_kind(text: str) -> str:
    lowered = text.lower()
    if any(w in lowered for w in INTELLIGENCE_WORDS):
        return "intelligence_service"
    for word in lowered.split()[1:]:
        kind = DATA["body_kinds"].get(word)
        if kind:
            return kind
    return "organisation"
