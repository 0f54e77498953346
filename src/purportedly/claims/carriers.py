"""Carriers that are not people: documents a claim is read from, the channel or post a speaker
published it in, and the phrases ('seen by', 'shared by') that make a source its holder or relay."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from purportedly.lexicons import load_data

CARRIERS_FILE = "claims/carriers.toml"  # relative to purportedly/data
POSSESSIVES = frozenset({"his", "her", "their", "its"})
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Carriers:
    """The carrier lexicon compiled once: document nouns and two regexes over plain text."""

    documents: frozenset[str]
    medium: re.Pattern  # "on his Telegram channel Okopnaya Pravda", "in a VKontakte post"
    relay_before: re.Pattern  # a relay phrase ending right before a source's name
    relay_name: re.Pattern  # a relay phrase and the capitalised name after it

    def is_document(self, mention: str) -> bool:
        """Whether a speaker mention is headed by a document noun ('a leaked order')."""
        words = re.findall(r"[\w'’-]+", mention.lower())
        if not words:
            return False
        return words[-1] in self.documents or " ".join(words[-2:]) in self.documents

    def document_name(self, mention: str, owner: str | None) -> str:
        """How a document is named in a chain: 'leaked order'; 'his documents' with a known
        owner becomes "Oleh Marchuk's documents"."""
        words = " ".join(mention.split())
        first, _, rest = words.partition(" ")
        if first.lower() in POSSESSIVES and owner and rest:
            return f"{owner}'s {rest}"
        return LEADING_ARTICLE.sub("", words)

    def relays_from(self, text: str, start: int, mention_start: int) -> bool:
        """Whether the text just before ``mention_start`` makes that source a holder or relay."""
        return self.relay_before.search(text, max(start, mention_start - 40), mention_start) is not None


@lru_cache(maxsize=2)
def load_carriers(name: str = CARRIERS_FILE) -> Carriers:
    data = load_data(name, keys=("documents", "platforms", "outlets_of_one", "posts", "relay_phrases"))
    platforms = alternation(data.get("platforms", []))
    owned = alternation(data.get("outlets_of_one", []))
    posts = alternation(data.get("posts", []))
    mine = r"(?:his|her|their|its)\s+(?:own\s+)?"
    medium = re.compile(
        rf"\b(?:(?:on|in|via)\s+(?:{mine}(?:{platforms}\s+)?|(?:the|a)\s+{platforms}\s+){owned}"
        rf"|(?:on|in)\s+(?:{mine}|an?\s+)(?:{platforms}\s+)?{posts}"
        rf"|on\s+{platforms})\b",
        re.IGNORECASE,
    )
    relay_before = re.compile(
        rf"\b(?:{alternation(data.get('relay_phrases', []))})\s+(?:(?:the|a|an)\s+)?"
        r"(?:[\w'’-]+\s+){0,3}$",
        re.IGNORECASE,
    )
    relay_name = re.compile(
        rf"\b(?i:{alternation(data.get('relay_phrases', []))})\s+(?:(?i:the)\s+)?"
        r"(?P<name>[A-Z][\w'’.-]*[\w'’](?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,4})"
    )
    documents = frozenset(w.lower() for w in data.get("documents", []))
    return Carriers(documents, medium, relay_before, relay_name)


def alternation(words: list[str]) -> str:
    """A regex alternation of lexicon phrases, longest first, spaces matching any whitespace."""
    phrases = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + ("|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)") + ")"
