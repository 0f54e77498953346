"""The source alias table (data/sources/*.toml): known sources, generic descriptions, non-sources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from purportedly.lexicons import load_data
from purportedly.model import SourceKind
from purportedly.names import APOSTROPHES, alias_key

SOURCES_DIR = "sources"  # lexicon names are relative to purportedly/data
# Kinds whose every mention in a story cites them: an intelligence service or an outlet
# is named in this genre only as the one that released or reported something.
ALWAYS_CITED: frozenset[str] = frozenset({"intelligence_service", "outlet", "news_agency", "channel"})
# data/sources/words.toml: the source components' word lists
SOURCE_WORD_LISTS = (
    "name_fillers", "outlet_words", "strong_verbs", "media_nouns", "leading_words", "unnamed_media",
    "pronouns", "telling_verbs", "call_nouns", "introducing_words",
)


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: SourceKind
    aliases: tuple[str, ...]
    cited: bool


@dataclass(frozen=True)
class Descriptor:
    """A generic description ("Ukrainian intelligence") standing for a named source."""

    text: str
    kind: SourceKind
    prefer: str | None = None
    cited: bool = True  # false: counts only where it heads a citing phrase ('said the ministry')


@dataclass(frozen=True)
class AliasHit:
    start: int
    end: int
    text: str
    known: KnownSource | None = None
    descriptor: Descriptor | None = None


@dataclass
class AliasTable:
    known: list[KnownSource]
    descriptors: list[Descriptor]
    platforms: frozenset[str]
    photo_credits: frozenset[str]
    countries: frozenset[str] = frozenset()
    _regex: re.Pattern | None = field(default=None, repr=False)
    _targets: dict[str, KnownSource | Descriptor] = field(default_factory=dict, repr=False)

    def by_name(self, name: str) -> KnownSource | None:
        return next((k for k in self.known if k.name == name), None)

    def lookup(self, text: str) -> KnownSource | None:
        """The known source a surface form names, if any."""
        target = self._targets.get(alias_key(text))
        return target if isinstance(target, KnownSource) else None

    def is_platform(self, text: str) -> bool:
        return alias_key(text) in self.platforms

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AliasHit]:
        """Every alias or descriptor in ``text[start:end]``, longest first at each place."""
        end = len(text) if end is None else end
        hits = []
        for match in self.regex().finditer(text, start, end):
            target = self._targets.get(alias_key(match.group()))
            if target is None:  # an acronym written in lower case: "sbu" is not "SBU"
                continue
            if isinstance(target, KnownSource):
                hits.append(AliasHit(match.start(), match.end(), match.group(), known=target))
            else:
                hits.append(AliasHit(match.start(), match.end(), match.group(), descriptor=target))
        return hits

    def regex(self) -> re.Pattern:
        if self._regex is None:
            surface: dict[str, KnownSource | Descriptor] = {}
            for known in self.known:
                for alias in (known.name, *known.aliases):
                    surface[alias] = known
            for descriptor in self.descriptors:
                surface.setdefault(descriptor.text, descriptor)
            # a known source's own alias wins over a descriptor that reads the same
            ranked = sorted(surface.items(), key=lambda st: isinstance(st[1], KnownSource))
            self._targets = {alias_key(s): t for s, t in ranked}
            # Acronyms are matched case-sensitively (inline flag), names case-insensitively.
            forms = sorted(surface, key=len, reverse=True)
            alternatives = [_alias_pattern(form) for form in forms]
            bounded = r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"
            self._regex = re.compile(_first_chars(forms) + bounded)
        return self._regex


def _first_chars(forms: list[str]) -> str:
    """A lookahead for the characters an alias can start with, as ``_alias_pattern`` matches them
    (a lower-case first word or 'The' in any case, others exactly, an apostrophe as any of them).
    Why: the engine then skips most places at once instead of trying every alias there."""
    exact, any_case = set(), set()
    for form in forms:
        words = form.split()
        if not words:
            return ""  # an empty alias matches anywhere: no lookahead can be right
        first = words[0]
        if first[0] in "'’":
            exact.update(APOSTROPHES)
        elif first.islower() or first == "The":
            any_case.add(first[0])
        else:
            exact.add(first[0])
    parts = []
    if exact:
        parts.append("[" + "".join(re.escape(char) for char in sorted(exact)) + "]")
    if any_case:
        parts.append("(?i:[" + "".join(re.escape(char) for char in sorted(any_case)) + "])")
    return f"(?={'|'.join(parts)})" if parts else ""


def _alias_pattern(form: str) -> str:
    """Regex for one alias: capitalised words must stay capitalised ("The Independent" is not
    "the independent regional site"), lower-case words match any case, "The" may be "the"."""
    words = form.split()
    parts = []
    for index, word in enumerate(words):
        pattern = re.sub(r"\\?['’]", f"[{APOSTROPHES}]", re.escape(word))
        if word.islower() or (index == 0 and word == "The"):
            pattern = f"(?i:{pattern})"
        parts.append(pattern)
    return r"\s+".join(parts)


@lru_cache(maxsize=4)
def load_alias_table(directory: str = SOURCES_DIR) -> AliasTable:
    """Read aliases.toml, descriptors.toml and not_sources.toml from ``directory``."""
    aliases = load_data(f"{directory}/aliases.toml", keys=("source",))
    descriptors = load_data(f"{directory}/descriptors.toml", keys=("descriptor",))
    not_sources = load_data(f"{directory}/not_sources.toml", keys=("platforms", "photo_credit", "countries"))
    known = [
        KnownSource(
            name=entry["name"],
            kind=entry.get("kind", "organisation"),
            aliases=tuple(entry.get("aliases", [])),
            cited=entry.get("cited", entry.get("kind") in ALWAYS_CITED),
        )
        for entry in aliases.get("source", [])
    ]
    return AliasTable(
        known=known,
        descriptors=[
            Descriptor(d["text"], d["kind"], d.get("prefer"), d.get("cited", True))
            for d in descriptors.get("descriptor", [])
        ],
        platforms=frozenset(alias_key(p) for p in not_sources.get("platforms", [])),
        photo_credits=frozenset(alias_key(p) for p in not_sources.get("photo_credit", [])),
        countries=frozenset(c.lower() for c in not_sources.get("countries", [])),
    )


def source_words() -> dict:
    """The source components' word lists (data/sources/words.toml)."""
    return load_data(f"{SOURCES_DIR}/words.toml", keys=SOURCE_WORD_LISTS)
