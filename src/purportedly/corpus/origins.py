"""Where a report says a claim comes from: the root of its chain beyond relays and translators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from purportedly.model import ChainLink
from purportedly.names import acronym, name_key, same_name

ROOT_ROLES = ("speaker", "recording", "document", "releaser")
MEDIA_ROLES = ("recording", "document")
ROWS = 512  # names per block of the ratio matrix


@dataclass(frozen=True)
class Origin:
    """Where a report says a claim comes from: the speaker, the recording or document holding the
    words, and the body that released them."""

    speaker: str | None
    carriers: tuple[str, ...]  # releasing bodies (an agency that published the recording)
    media: tuple[str, ...] = ()  # recordings and documents: descriptive, not used for identity
    own_reporting: str | None = None  # the outlet, when the article makes the claim itself

    @property
    def label(self) -> str:
        if self.own_reporting:
            return f"{self.own_reporting} (own reporting)"
        parts = [self.speaker] if self.speaker else []
        parts += [*self.media, *self.carriers]
        return " via ".join(parts) if parts else "unknown"

    def same_as(self, other: Origin) -> bool:
        """One origin when both name the same releasing body, or (lacking one) the same speaker.
        Recordings are not compared: "a recording" says nothing about which one."""
        if self.own_reporting or other.own_reporting:
            return bool(self.own_reporting and other.own_reporting) and same_name(
                self.own_reporting, other.own_reporting
            )
        if self.carriers and other.carriers:
            return any(same_name(a, b) for a in self.carriers for b in other.carriers)
        if self.speaker and other.speaker:
            return same_name(self.speaker, other.speaker)
        return False


def origin_of(chain: list[ChainLink] | tuple[ChainLink, ...], outlet: str | None) -> Origin:
    """The root of a chain beyond relays: speaker plus whatever recorded and released the words."""
    root = [link for link in chain if link.role in ROOT_ROLES]
    if not root:
        return Origin(speaker=None, carriers=(), own_reporting=outlet or "the article")
    speaker = next((link.name for link in root if link.role == "speaker"), None)
    carriers = tuple(link.name for link in root if link.role == "releaser" and name_key(link.name))
    if speaker and any(same_name(speaker, carrier) for carrier in carriers):
        speaker = None  # the releasing agency as its own speaker: one entity, named once
    media = tuple(link.name for link in root if link.role in MEDIA_ROLES)
    return Origin(speaker=speaker, carriers=carriers, media=media)


class SameNames:
    """``same_name`` over a fixed set of names, answered from an index instead of name by name.

    Two names can only be the same name when their keys are equal, one's letters are the other's
    initials, they end in one surname, or their keys' token-set ratio reaches the cutoff: the
    first three are hash joins, the last one matrix of ratios over the distinct keys (in C), and
    every candidate is then checked with ``same_name`` itself, so the answer is that of comparing
    every pair of names."""

    def __init__(self, names: Iterable[str], cutoff: float = 90) -> None:
        self.cutoff = cutoff
        distinct = sorted({n for n in names if name_key(n)})
        keys = [name_key(n) for n in distinct]
        buckets: dict[tuple[str, str], list[int]] = {}
        for i, key in enumerate(keys):
            buckets.setdefault(("key", key), []).append(i)
            buckets.setdefault(("compact", key.replace(" ", "")), []).append(i)
            buckets.setdefault(("last", key.split()[-1]), []).append(i)
        candidates: set[tuple[int, int]] = set()
        for (kind, _), members in buckets.items():
            if kind != "compact":
                candidates.update((i, j) for i in members for j in members)
        for j, name in enumerate(distinct):  # i's letters are j's initials
            candidates.update((i, j) for i in buckets.get(("compact", acronym(name)), ()))
        for first in range(0, len(keys), ROWS):  # a block of rows at a time bounds the matrix held
            rows = keys[first : first + ROWS]
            scores = process.cdist(
                rows, keys, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, dtype="uint8"
            )
            candidates.update((first + int(i), int(j)) for i, j in zip(*scores.nonzero(), strict=True))
        self._same: dict[str, set[str]] = {}
        for i, j in {(min(pair), max(pair)) for pair in candidates}:
            if same_name(distinct[i], distinct[j], cutoff):
                self._same.setdefault(distinct[i], set()).add(distinct[j])
                self._same.setdefault(distinct[j], set()).add(distinct[i])
        self.names = frozenset(distinct)

    def of(self, name: str) -> set[str]:
        """The names of the set that ``same_name`` holds to be ``name`` (itself included); a
        name the index was not made for is added first, compared with each name it holds."""
        if name not in self.names and name_key(name):
            self.names = self.names | {name}
            for other in self.names:
                if same_name(name, other, self.cutoff):
                    self._same.setdefault(name, set()).add(other)
                    self._same.setdefault(other, set()).add(name)
        return self._same.get(name, set())
