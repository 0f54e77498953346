"""Whether two articles tell one story: evidence combined, not word overlap alone.

Retellings by other outlets are reworded, updated days later with new figures, or retold from a
foreign outlet's report in translation; what they keep is the story's particulars: the place and
the people named, the figures, the date, a quoted sentence. Look-alikes (the same kind of event
somewhere else, or another time) share the genre's words but not those particulars. So each
candidate pair gathers points from independent kinds of evidence and is one story when enough
agree:

- shared story words, IDF-weighted (rare words weigh most): up to ``TEXT_POINTS_CAP``;
- shared specific names (not agencies, outlets, ubiquitous places or the byline), each weighed
  by how rare it is in the corpus; names spelt differently in translation still match;
- the same figure for the same kind of event ("14 killed" in both);
- a quote both carry (trimmed, re-punctuated or translated differently);
- publication dates close together; dates weeks apart count against.

Near-duplicates (syndicated copies, reprints under another headline) need nothing else.
A pair sharing no specific name is never one story unless it is a near-duplicate: one wire
template filled with two villages is two stories.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process

from purportedly.names import name_key

NEAR_DUPLICATE = 0.8  # weighted overlap of a syndicated copy or a reprint (they score ~0.9)
TEXT_UNIT = 0.1  # weighted overlap worth one point (re-tellings score 0.1-0.5)
TEXT_POINTS_CAP = 3.0
MIN_SHARED_WEIGHT = 6.0  # summed IDF of shared words below which the words give no points
NAME_POINTS_CAP = 2.5
MIN_ANCHOR_WEIGHT = 0.5  # a shared name this specific (not a region, not in most articles) anchors
RARE_SHARE, COMMON_SHARE = 0.3, 0.6  # shares of the articles naming a name: weighs 1 .. nothing
FIGURE_POINTS = 1.0  # the same figure of the same kind of event (each one shared)
FIGURE_POINTS_CAP = 2.0
LARGE_FIGURE, LARGE_FIGURE_BONUS = 10, 0.5
MIN_FIGURE = 3  # "two soldiers", "one man" recur by chance
QUOTE_POINTS = 2.0
SAME_DAYS, SAME_DAY_POINTS = 1, 1.0  # the same day or the next: the news cycle of one event
CLOSE_DAYS, CLOSE_POINTS = 3, 0.5  # an update or a later retelling
FAR_DAYS, FAR_PENALTY = 14, 1.5  # weeks apart: another event of the same kind, more likely
VERY_FAR_DAYS, VERY_FAR_PENALTY = 60, 3.0
OTHER_HEADLINE_PENALTY = 2.0  # each headline names its place or person, and neither names the other's
SAME_STORY_POINTS = 3.0
SPELLING_RATIO = 85  # rapidfuzz ratio of two name keys spelt differently (Kharkiv / Charkiw)
MIN_SPELLING_LENGTH = 6


@dataclass
class ArticleEvidence:
    """What one article offers as evidence: its story words, names, figures and date."""

    shingles: frozenset[int] = frozenset()
    names: frozenset[str] = frozenset()
    figures: frozenset[tuple[str, int]] = frozenset()
    day: date | None = None
    quote_groups: set[int] = field(default_factory=set)
    title: str = ""  # folded headline
    headline_names: frozenset[str] = frozenset()  # its names the headline gives: where, who


@dataclass(frozen=True)
class Verdict:
    """The evidence a pair gave, the points it earned, and whether it is one story."""

    points: float
    overlap: float
    same_story: bool
    near_duplicate: bool
    reasons: tuple[str, ...]


def name_weights(names: Mapping[int, AbstractSet[str]], prior: int) -> dict[str, float]:
    """How much sharing each name says, 0..1: a name in up to RARE_SHARE of the articles (plus a
    prior of articles about other things) weighs 1, one in COMMON_SHARE of them or more nothing.
    Not a steep IDF: a place told by six outlets is no less the story's place for it."""
    frequency = Counter(n for found in names.values() for n in found)
    total = len(names) + prior
    return {
        n: breadth_weight(n) * max(0.0, min(1.0, (COMMON_SHARE - df / total) / (COMMON_SHARE - RARE_SHARE)))
        for n, df in frequency.items()
    }


REGION_WORDS = frozenset(["region", "oblast", "province", "krai", "district", "area", "republic"])
REGIONAL_WEIGHT = 0.3  # "Donetsk region": many stories happen there
REGION_NAME_WEIGHT = 0.6  # a bare region name ("Kharkiv", "Dnipropetrovsk"): the region, or its city


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Region names of data/facts/regions.json, with their spellings, as name keys."""
    path = resources.files("purportedly.data").joinpath("facts/regions.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {n for region in data.get("regions", []) for n in (region["name"], *region.get("aliases", []))}
    return frozenset(name_key(n) for n in names)


def breadth_weight(name: str) -> float:
    """How specific a name is as a place: a region says little about which event."""
    tokens = name.split()
    if len(tokens) > 1 and tokens[-1] in REGION_WORDS:
        rest = " ".join(tokens[:-1])
        return REGIONAL_WEIGHT if rest in region_names() or len(tokens) == 2 else 1.0
    return REGION_NAME_WEIGHT if name in region_names() else 1.0


def shared_names(a: AbstractSet[str], b: AbstractSet[str]) -> set[tuple[str, str]]:
    """Pairs of names the two articles share, the same key or one spelt differently (translations
    transliterate: Kharkiv / Charkiw, Velykyi / Velikiy), or a place and a named spot in it.
    Fuzzy spellings are compared in one rapidfuzz matrix (C speed: this runs once per candidate
    pair of a whole archive)."""
    found = {(n, n) for n in a & b}
    rest_a = sorted(x for x in a - b if len(x) >= MIN_SPELLING_LENGTH)
    rest_b = sorted(y for y in b - a if len(y) >= MIN_SPELLING_LENGTH)
    if rest_a and rest_b:
        scores = process.cdist(rest_a, rest_b, scorer=fuzz.ratio, score_cutoff=SPELLING_RATIO, dtype=np.uint8)
        found.update((rest_a[i], rest_b[j]) for i, j in zip(*scores.nonzero(), strict=True))
        found.update(_containing(rest_a, rest_b))
        found.update((x, y) for y, x in _containing(rest_b, rest_a))
    # "hrytsai" beside "oksana hrytsai" is one person named twice, not two names shared
    return {
        (x, y)
        for x, y in found
        if not any(x != other and set(x.split()) < set(other.split()) for other, _ in found)
    }


def _containing(names: list[str], others: list[str]) -> list[tuple[str, str]]:
    """(name, other) where other holds every word of name and more: 'kramatorsk' within
    'kramatorsk railway station'. Others are indexed by word, so each name looks at a few."""
    by_word: dict[str, list[str]] = {}
    for other in others:
        for word in set(other.split()):
            by_word.setdefault(word, []).append(other)
    return [
        (name, other)
        for name in names
        for other in by_word.get(name.split()[0], ())
        if _within(name, other)
    ]


def _within(x: str, y: str) -> bool:
    """'kramatorsk' within 'kramatorsk railway station': the place and a named spot in it."""
    return set(x.split()) < set(y.split())


def judge(
    a: ArticleEvidence,
    b: ArticleEvidence,
    overlap: tuple[float, float],
    names_weight: Mapping[str, float],
) -> Verdict:
    """The points a pair earns from each kind of evidence, and the verdict."""
    weighted, shared_weight = overlap
    if weighted >= NEAR_DUPLICATE and shared_weight >= MIN_SHARED_WEIGHT:
        return Verdict(99.0, weighted, True, True, ("near-duplicate text",))
    reasons: list[str] = []
    points = 0.0
    if shared_weight >= MIN_SHARED_WEIGHT:
        text_points = min(TEXT_POINTS_CAP, weighted / TEXT_UNIT)
        points += text_points
        reasons.append(f"story words {weighted:.2f}")
    names = shared_names(a.names, b.names)
    name_points = min(
        NAME_POINTS_CAP,
        sum(max(names_weight.get(x, 0.0), names_weight.get(y, 0.0)) for x, y in names),
    )
    if names:
        points += name_points
        reasons.append("names " + ", ".join(sorted(x for x, _ in names)))
    if a.figures & b.figures:
        shared_figures = a.figures & b.figures
        # "40 killed" is rarer than "3 killed": a large figure shared says more
        earned = sum(FIGURE_POINTS + LARGE_FIGURE_BONUS * (n >= LARGE_FIGURE) for _, n in shared_figures)
        points += min(FIGURE_POINTS_CAP, earned)
        reasons.append("figures " + ", ".join(f"{n} {kind}" for kind, n in sorted(a.figures & b.figures)))
    if a.quote_groups & b.quote_groups:
        points += QUOTE_POINTS
        reasons.append("a shared quote")
    points += _date_points(a.day, b.day, reasons)
    if _other_headlines(a, b, names):
        points -= OTHER_HEADLINE_PENALTY
        reasons.append("headlines name different places or people")
    # a pair naming nothing specific in common (a region is not specific) is two stories however
    # alike their words, unless one article names nothing at all to compare
    weight = lambda x, y: max(names_weight.get(x, 0.0), names_weight.get(y, 0.0))  # noqa: E731
    specific = any(weight(x, y) >= MIN_ANCHOR_WEIGHT for x, y in names)
    anchored = specific or not a.names or not b.names
    return Verdict(points, weighted, anchored and points >= SAME_STORY_POINTS, False, tuple(reasons))


def _other_headlines(a: ArticleEvidence, b: ArticleEvidence, shared: set[tuple[str, str]]) -> bool:
    """Both headlines name a specific place or person, and the names one headline gives appear
    nowhere in the other article: the same kind of event somewhere else."""
    if not a.headline_names or not b.headline_names:
        return False
    shared_names = {x for x, _ in shared} | {y for _, y in shared}
    return not (a.headline_names & shared_names) and not (b.headline_names & shared_names)


def _date_points(a: date | None, b: date | None, reasons: list[str]) -> float:
    if a is None or b is None:
        return 0.0
    gap = abs((a - b).days)
    if gap <= SAME_DAYS:
        reasons.append(f"{gap} day(s) apart")
        return SAME_DAY_POINTS
    if gap <= CLOSE_DAYS:
        reasons.append(f"{gap} day(s) apart")
        return CLOSE_POINTS
    if gap > VERY_FAR_DAYS:
        reasons.append(f"{gap} days apart")
        return -VERY_FAR_PENALTY
    if gap > FAR_DAYS:
        reasons.append(f"{gap} days apart")
        return -FAR_PENALTY
    return 0.0


def figure_keys(rows: list[tuple[str | None, int]]) -> frozenset[tuple[str, int]]:
    """(event class, number) of an article's figures worth comparing."""
    return frozenset((kind, n) for kind, n in rows if kind and n >= MIN_FIGURE)


def hashable_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

