"""Name keys and alias merging: one cluster per real-world entity, whatever the spelling."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from purportedly.lexicons import load_data

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
            weight = 3 if mention.priority > 0 else 1
            votes[mention.label] = votes.get(mention.label, 0) + weight
        return max(votes, key=lambda lab: (votes[lab], -LABEL_PRIORITY.index(lab)))

    @property
    def surfaces(self) -> list[str]:
        return [m.text for m in self.mentions]


def fold(text: str) -> str:
    """Lowercase ASCII fold: 'Wrocław' -> 'wroclaw'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=8192)
def surface_key(text: str) -> str:
    """Key for exact matching: folded, no leading 'the', no possessive, single spaces."""
    key = re.sub(r"['’]s\b", "", fold(text))
    key = re.sub(r"[^\w\s-]", " ", key)
    words = key.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


# data/facts/names.json: title words, words that are never names, transliteration rules, diminutives
NAMES_KEYS = ("titles", "not_names", "transliteration", "diminutives")


class Transliterator:
    """Maps spelling variants of a Slavic name to one key (rules from data/facts/names.json)."""

    def __init__(self, names_file: str = "facts/names.json") -> None:
        data = load_data(names_file, keys=NAMES_KEYS)
        self.rules = [(re.compile(pattern), repl) for pattern, repl in data["transliteration"]]
        self.diminutives: dict[str, str] = data["diminutives"]
        self._word_keys: dict[str, str] = {}  # names repeat across articles; the rules are many regexes

    def word_key(self, word: str) -> str:
        cached = self._word_keys.get(word)
        if cached is not None:
            return cached
        key = fold(word)
        for pattern, repl in self.rules:
            key = pattern.sub(repl, key)
        if len(self._word_keys) > MAX_CACHED_KEYS:
            self._word_keys.clear()  # bounded memory over a corpus of millions of names
        self._word_keys[word] = key
        return key

    def key(self, name: str) -> str:
        return " ".join(self.word_key(w) for w in surface_key(name).split())

    def first_name_key(self, word: str) -> str:
        """Key of a first name, through a diminutive when it is one ('Zhenya' -> Yevgeny)."""
        folded = fold(word)
        return self.word_key(self.diminutives.get(folded, folded))


def similar(a: str, b: str, threshold: float) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= threshold)
