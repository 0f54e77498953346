"""Name keys and alias merging: one cluster per real-world entity, whatever the spelling."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

MAX_CACHED_KEYS = 50_000
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "OTHER")


@dataclass
class Mention:
    """One entity mention found in the text, before clustering."""

    start: int
    end: int
    text: str
    label: str
    priority: int = 0  # higher wins overlaps: gazetteer > rules > statistical NER
    canonical: str | None = None  # fixed canonical name (gazetteer, demonym, region)
    weak: bool = False  # all-caps token NER guessed: kept only if it joins a stronger cluster
    descriptors: list[str] = field(default_factory=list)


@dataclass
class Cluster:
    """Mentions that name the same entity."""

    mentions: list[Mention]
    canonical: str | None = None

    @property
    def label(self) -> str:
        votes: dict[str, int] = {}
        for mention in self.mentions:
            # the gazetteer knows the type; a context rule ('X said' -> person) only guesses
            weight = 10 if mention.priority >= 3 else 3 if mention.priority > 0 else 1
            votes[mention.label] = votes.get(mention.label, 0) + weight
        return max(votes, key=lambda lab: (votes[lab], -LABEL_PRIORITY.index(lab)))

    @property
    def surfaces(self) -> list[str]:
        return [m.text for m in self.mentions]


def similar(a: str, b: str, threshold: float) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= threshold)

