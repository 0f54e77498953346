"""Contradictions: counts of the same event that differ across reports (11 killed here, 12 there)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus, UnionFind
from purportedly.corpus.features import ArticleMeta, CountRow
from purportedly.corpus.views import CorpusView, view_of
from purportedly.lexicons import load_lines
from purportedly.model import Count
from purportedly.names import content_words, fold, name_key

if TYPE_CHECKING:
    from purportedly.store.core import Store

# qualifiers that make a count a bound or an estimate rather than an exact figure
LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "no fewer than", "not less than")
UPPER_BOUNDS = ("at most", "up to", "fewer than", "less than", "under", "no more than", "nearly", "almost")
APPROXIMATE = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
APPROXIMATE_MARGIN = 0.2  # "about 10" agrees with anything from 8 to 12


@dataclass(frozen=True)
class CountReport:
    """One report's figure for an event, with who it attributes the figure to."""

    article_id: int
    document: str
    outlet: str | None
    number: int
    qualifier: str | None
    text: str
    attributed_to: str | None


@dataclass(frozen=True)
class Contradiction:
    """Reports of one event whose figures cannot all be true at once."""

    story_id: int | None
    event: str
    what: str | None
    numbers: tuple[int, ...]
    reports: tuple[CountReport, ...]

    @property
    def summary(self) -> str:
        by_number = {}
        for r in self.reports:
            by_number.setdefault(r.number, []).append(r.outlet or r.document)
        figures = "; ".join(f"{n} ({', '.join(sorted(set(who)))})" for n, who in sorted(by_number.items()))
        return f"{self.what or 'people'} {self.event}: {figures}"


@lru_cache(maxsize=1)
def event_classes() -> tuple[tuple[str, frozenset[str]], ...]:
    """The event-class lexicon (data/corpus/count_event_classes.txt)."""
    classes = []
    for line in load_lines("corpus/count_event_classes.txt"):
        if ":" in line:
            name, members = line.split(":", 1)
            classes.append((name.strip(), frozenset(members.split())))
    return tuple(classes)


def event_class(count: Count) -> str | None:
    """The class of the counted event: the analyser's own event name, else a lexicon lookup."""
    text_words = set(re.findall(r"[\w-]+", fold(" ".join(filter(None, [count.event, count.text])))))
    for name, members in event_classes():
        if name == fold(count.event or "") or text_words & members:
            return name
    return fold(count.event) if count.event else None


def what_head(count: Count) -> str:
    """The counted noun's head, singular-ish: '11 conscripts' -> 'conscript'."""
    tokens = content_words(count.what or "")
    return tokens[-1].removesuffix("s") if tokens else ""


def compatible(a: CountReport, b: CountReport) -> bool:
    """Whether two figures can both be true ("at least 11" and "12" can; "11" and "12" cannot)."""
    if not (a.qualifier or b.qualifier):
        return a.number == b.number
    return _fits(a, b.number) or _fits(b, a.number)


def _fits(bound: CountReport, number: int) -> bool:
    qualifier = fold(bound.qualifier or "")
    if any(q in qualifier for q in LOWER_BOUNDS):
        return number >= bound.number
    if any(q in qualifier for q in UPPER_BOUNDS):
        return number <= bound.number
    if any(q in qualifier for q in APPROXIMATE):
        return abs(number - bound.number) <= max(1, APPROXIMATE_MARGIN * bound.number)
    return number == bound.number


def contradictions(
    source: Store | Corpus | CorpusView, *, story_list: list[Story] | None = None
) -> list[Contradiction]:
    """Events whose counts differ irreconcilably across articles.

    Counts are one event when they have the same event class and counted noun and come from the
    same story cluster, or name the same place and time.
    """
    view = view_of(source)
    story_ids = story_of(story_list if story_list is not None else stories(view))
    metas = {meta.id: meta for meta in view.metas()}
    keyed = [(row, event_class(row.count), what_head(row.count)) for row in view.count_rows()]
    union = UnionFind(range(len(keyed)))
    first_of: dict[tuple, int] = {}
    nouns = _nouns_by_story_event(keyed, story_ids)
    for index, (row, event, what) in enumerate(keyed):
        if event is None:
            continue
        story = story_ids.get(row.article_id)
        # a bare "12 killed" is the same event as "11 conscripts killed" when the story counts one noun
        if not what and len(nouns.get((story, event), ())) == 1:
            what = next(iter(nouns[(story, event)]))
        keys = [("story", story, event, what)]
        if row.count.place and row.count.time:
            keys.append(("place-time", name_key(row.count.place), row.count.time, event, what))
        for key in keys:
            union.union(first_of.setdefault(key, index), index)
    found = []
    for members in union.groups():
        first, event, _ = keyed[members[0]]
        if event is None:
            continue
        reports = [_report(metas[keyed[i][0].article_id], keyed[i][0]) for i in members]
        if _irreconcilable(reports):
            found.append(_contradiction(story_ids.get(first.article_id), event, first.count, reports))
    return found


def _nouns_by_story_event(keyed: list[tuple], story_ids: dict[int, int]) -> dict[tuple, set[str]]:
    nouns: dict[tuple, set[str]] = {}
    for row, event, what in keyed:
        if event is not None and what:
            nouns.setdefault((story_ids.get(row.article_id), event), set()).add(what)
    return nouns


def _irreconcilable(reports: list[CountReport]) -> bool:
    """Two articles give figures that cannot both hold (differences inside one article are not
    a contradiction between reports: they are usually different subsets)."""
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if a.article_id != b.article_id and not compatible(a, b):
                return True
    return False


def _report(meta: ArticleMeta, row: CountRow) -> CountReport:
    return CountReport(
        article_id=meta.id,
        document=meta.document,
        outlet=meta.outlet,
        number=row.count.number,
        qualifier=row.count.qualifier,
        text=row.count.text,
        attributed_to=row.attributed_to,
    )


def _contradiction(
    story_id: int | None, event: str, count: Count, reports: list[CountReport]
) -> Contradiction:
    reports = sorted(reports, key=lambda r: (r.number, r.article_id))
    return Contradiction(
        story_id=story_id,
        event=event,
        what=count.what,
        numbers=tuple(sorted({r.number for r in reports})),
        reports=tuple(reports),
    )
