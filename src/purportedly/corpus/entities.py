"""Canonical entities across the corpus: one per person or place, with its aliases and articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from purportedly.corpus.common import Corpus, UnionFind
from purportedly.corpus.features import EntityRow as _Local
from purportedly.corpus.views import CorpusView, view_of
from purportedly.names import name_key

if TYPE_CHECKING:
    from purportedly.store.core import Store

NAME_CUTOFF = 88  # transliterations (Zelenskyy/Zelensky, Dmitriy/Dmitry) score above this
SURNAME_CUTOFF = 85
PLACE_TYPES = ("GPE", "LOC", "FAC")
RETYPABLE = ("PERSON", "ORG", "GPE", "LOC", "FAC")


@dataclass(frozen=True)
class CorpusEntity:
    """One person, place or organisation under one name across all articles."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    article_ids: tuple[int, ...]
    documents: tuple[str, ...]
    mentions: int


def _kind(entity_type: str) -> str:
    # a place tagged GPE in one article and LOC in another is still one place
    return "PLACE" if entity_type in PLACE_TYPES else entity_type


def entities(
    source: Store | Corpus | CorpusView, *, types: tuple[str, ...] | None = None
) -> list[CorpusEntity]:
    """Entities merged across articles by name, shared aliases and fuzzy transliteration match;
    the most mentioned first. ``types`` filters (e.g. ("PERSON", "GPE"))."""
    locals_ = [e for e in view_of(source).entity_rows() if types is None or e.type in types]
    union = UnionFind(range(len(locals_)))
    _merge_by_alias(locals_, union)
    _merge_mistyped(locals_, union)
    _merge_by_fuzzy_name(locals_, union)
    merged = [_canonical([locals_[i] for i in members]) for members in union.groups()]
    merged.sort(key=lambda e: (-e[5], e[0]))
    return [CorpusEntity(number, *fields) for number, fields in enumerate(merged, start=1)]


def _merge_by_alias(locals_: list[_Local], union: UnionFind) -> None:
    first_with: dict[tuple[str, str], int] = {}
    for index, local in enumerate(locals_):
        for alias in {local.name, *local.aliases}:
            key = (_kind(local.type), name_key(alias))
            if key[1]:
                union.union(first_with.setdefault(key, index), index)


def _merge_mistyped(locals_: list[_Local], union: UnionFind) -> None:
    """One exact name tagged PERSON in one article and GPE in another is one entity (the
    statistical tagger often mislabels unfamiliar transliterated place names); the majority type wins."""
    first_with: dict[str, int] = {}
    for index, local in enumerate(locals_):
        key = name_key(local.name)
        if key and local.type in RETYPABLE:
            union.union(first_with.setdefault(key, index), index)


def _merge_by_fuzzy_name(locals_: list[_Local], union: UnionFind) -> None:
    """Fuzzy-merge distinct names of one kind; a bare surname joins a full name only when exactly
    one full name of the corpus ends in it (so 'Ivanov' never merges two different Ivanovs)."""
    by_kind: dict[str, dict[str, int]] = {}
    for index, local in enumerate(locals_):
        by_kind.setdefault(_kind(local.type), {}).setdefault(name_key(local.name), index)
    for kind, first_index in by_kind.items():
        names = [n for n in first_index if n]
        for i, j in _close_pairs(names):
            union.union(first_index[names[i]], first_index[names[j]])
        if kind == "PERSON":
            _merge_surnames(names, first_index, union)


def _close_pairs(names: list[str]) -> list[tuple[int, int]]:
    if len(names) < 2:
        return []
    scores = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, dtype="uint8")
    return [(i, int(j)) for i, row in enumerate(scores) for j in row.nonzero()[0] if j > i]


def _merge_surnames(names: list[str], first_index: dict[str, int], union: UnionFind) -> None:
    full_names = [n for n in names if " " in n]
    surnames = [n.split()[-1] for n in full_names]
    for name in names:
        if " " in name:
            continue
        matches = {
            full_names[k] for k, surname in enumerate(surnames) if fuzz.ratio(name, surname) >= SURNAME_CUTOFF
        }
        roots = {union.find(first_index[m]) for m in matches}
        if len(roots) == 1:
            union.union(first_index[name], roots.pop())


def _canonical(members: list[_Local]) -> tuple:
    """(name, type, aliases, article ids, documents, mentions): the name is the longest of the
    most frequent spellings, so a full name wins over a bare surname."""
    spellings = Counter(m.name for m in members)
    name = max(spellings, key=lambda n: (len(n.split()), spellings[n], len(n)))
    types = Counter(m.type for m in members)
    aliases = sorted({a for m in members for a in (m.name, *m.aliases)} - {name})
    articles = sorted({(m.article_id, m.document) for m in members})
    return (
        name,
        types.most_common(1)[0][0],
        tuple(aliases),
        tuple(a for a, _ in articles),
        tuple(d for _, d in articles),
        sum(m.mentions for m in members),
    )
