"""Figures across reports: contradictions (11 killed here, 12 there) and revisions over time.

Every count is normalised to what a fact-checker compares: the event class (killed, wounded,
identified, handed over, evacuated... see ``count_classes``), what is counted, the place and
time, its qualifier ("at least 14" is a lower bound: 21 later does not contradict it) and whom
the report attributes it to. Counts of one event class and counted noun in one story (or at one
place and time) are one figure. When reports published on different days give figures that
cannot all hold, the figure was **revised**: a timeline (figure, date, outlet, source), flagged
when it goes down or when outlets of one day disagree. When all are of one day (or undated), it
is a **contradiction**. A figure added to one the article already gave ("12 were wounded on
Monday and a further 30 on Tuesday") is not a total and is left out; "53 died and another 75
were injured" sets the injured beside the dead and is the injured total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus, UnionFind
from purportedly.corpus.count_classes import event_class, event_classes, is_vague, what_head
from purportedly.corpus.features import ArticleMeta, CountRow
from purportedly.corpus.views import CorpusView, view_of
from purportedly.model import Count
from purportedly.names import fold, name_key

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = [
    "Contradiction",
    "CountReport",
    "compatible",
    "contradictions",
    "event_class",
    "what_head",
]

# qualifiers that make a count a bound or an estimate rather than an exact figure
LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "no fewer than", "not less than", "in excess")
UPPER_BOUNDS = ("at most", "up to", "fewer than", "less than", "under", "no more than", "nearly", "almost")
APPROXIMATE = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
INCREMENTS = ("a further", "further", "another", "an additional", "additional", "more")
APPROXIMATE_MARGIN = 0.2  # "about 10" agrees with anything from 8 to 12
# events counted of people, where a bare "12 killed" counts people whatever noun the story uses
PEOPLE_EVENTS = frozenset(
    ["killed", "wounded", "casualties", "missing", "captured", "identified", "handed_over"]
    + ["moved", "evacuated", "buried", "deserted", "mobilised"]
)


@dataclass(frozen=True)
class CountReport:
    """One report's figure for an event: the number, its qualifier, where and when, and from whom."""

    article_id: int
    document: str
    outlet: str | None
    number: int
    qualifier: str | None
    text: str
    attributed_to: str | None
    date: str | None = None  # the article's publication date
    sentence: str = ""
    place: str | None = None
    time: str | None = None  # the time the text gives the event ("on Monday"), as written
    position: int = 0  # where the figure is in its article (characters from the start)

    def as_json(self) -> dict:
        return {
            "document": self.document,
            "number": self.number,
            "qualifier": self.qualifier,
            "date": self.date,
            "outlet": self.outlet,
            "source": self.attributed_to,
            "sentence": self.sentence or self.text,
        }


@dataclass(frozen=True)
class Contradiction:
    """Reports of one figure that cannot all be true at once: a ``contradiction`` (one day, or no
    dates) or a ``revision`` (the figure changed between days; ``reports`` in date order)."""

    story_id: int | None
    event: str
    what: str | None
    numbers: tuple[int, ...]
    reports: tuple[CountReport, ...]
    kind: Literal["contradiction", "revision"] = "contradiction"
    flags: tuple[str, ...] = ()  # "went down", "same-day disagreement"

    @property
    def label(self) -> str:
        """What is counted, in words: 'people killed', 'bodies identified'."""
        return f"{self.what or 'people'} {self.event.replace('_', ' ')}"

    @property
    def summary(self) -> str:
        if self.kind == "revision":
            steps = " -> ".join(
                f"{_figure(r)} ({r.date or 'undated'}, {r.outlet or r.document})" for r in self.reports
            )
            flags = f" [{'; '.join(self.flags)}]" if self.flags else ""
            return f"{self.label} revised: {steps}{flags}"
        by_number: dict[int, list[str]] = {}
        for r in self.reports:
            by_number.setdefault(r.number, []).append(r.outlet or r.document)
        figures = "; ".join(f"{n} ({', '.join(sorted(set(who)))})" for n, who in sorted(by_number.items()))
        return f"{self.label}: {figures}"

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "what": self.label,
            "event": self.event,
            "story": self.story_id,
            "numbers": list(self.numbers),
            "flags": list(self.flags),
            "summary": self.summary,
            "reports": [r.as_json() for r in self.reports],
        }


def _figure(report: CountReport) -> str:
    return f"{report.qualifier} {report.number}" if report.qualifier else str(report.number)


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


SUPERSEDED = re.compile(
    r"\b(?:earlier|previous|initial|preliminary|old)\s+(?:death\s+)?(?:toll|figure|count|tally)\b"
    r"|\bhad (?:previously |earlier )?(?:stood|been put) at\b|\bup from\b",
    re.I,
)


def is_superseded(sentence: str) -> bool:
    """'An earlier toll had stood at 30': a figure the article itself reports as replaced."""
    return bool(SUPERSEDED.search(sentence))


# 'one of the deadliest strikes since the war began' ranks this event against the war; it is no
# tally of the war, and the figure in that sentence is the event's own
RANKED_SINCE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|largest|biggest|heaviest|most \w+)\b[^.;:]{0,60}?\bsince\b[^,.;:]*",
    re.I,
)

BACKGROUND = re.compile(
    r"\bsince (?:the )?(?:start|beginning|outbreak|full-scale|invasion|war|russia's|moscow's|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|\d{4})"
    r"|\bthroughout the war\b|\bso far this year\b|\bsince it began\b"
    r"|\b(?:over|in) the past (?:\w+ )?(?:years?|months?|weeks?)\b",
    re.I,
)


def is_background(sentence: str) -> bool:
    """'Russian strikes have killed 10,000 civilians since the invasion': a tally of the war, not
    this story's figure (an article's largest figure would otherwise be it)."""
    return bool(BACKGROUND.search(RANKED_SINCE.sub(" ", sentence)))


def is_population(count: Count, sentence: str) -> bool:
    """'52 died out of a populace of 300': the 300 lived there, it did not die."""
    figure = f"{count.number:,}|{count.number}"
    pattern = rf"\b(?:population|populace|inhabitants|residents) of (?:about |around |some )?(?:{figure})\b"
    return bool(re.search(pattern, sentence, re.I))


def is_increment(count: Count) -> bool:
    """'A further 31 wounded', 'another five': worded as added to an earlier figure ("more than
    50" is a bound, not "more"). Whether it is added to a figure of the same thing or sets this
    figure beside another ("53 died and another 75 were injured") is for ``_increments`` to say."""
    qualifier = fold(count.qualifier or "")
    if any(qualifier.startswith(q) for q in LOWER_BOUNDS + UPPER_BOUNDS):
        return False
    return any(qualifier == q or qualifier.startswith(q + " ") for q in INCREMENTS)


def comparable_classes() -> frozenset[str]:
    """The event classes the lexicon knows: figures of an unknown verb ("sent", "shelled") are not
    compared (what they count is too vague to say two reports disagree)."""
    return frozenset(name for name, _ in event_classes())


def contradictions(
    source: Store | Corpus | CorpusView, *, story_list: list[Story] | None = None
) -> list[Contradiction]:
    """Figures whose reports cannot all hold: contradictions (one day) and revisions (over days).

    Counts are one figure when they have the same event class and counted noun and come from the
    same story cluster, or name the same place and time.
    """
    view = view_of(source)
    story_ids = story_of(story_list if story_list is not None else stories(view))
    metas = {meta.id: meta for meta in view.metas()}
    known = comparable_classes()
    keyed = []
    for _, rows in groupby(view.count_rows(), key=lambda row: row.article_id):
        for row, event in _article_figures(list(rows), known):
            keyed.append((row, event, what_head(row.count)))
    union = UnionFind(range(len(keyed)))
    first_of: dict[tuple, int] = {}
    for index, (row, event, what) in enumerate(keyed):
        story = story_ids.get(row.article_id)
        if not what and event in PEOPLE_EVENTS:
            what = "people"  # "12 killed": people, as "12 people killed" and "12 civilians killed" are
        if not what:
            continue  # "forty" of what? Not comparable.
        keys = [("story", story, event, what)]
        if row.count.place and row.count.time:
            keys.append(("place-time", name_key(row.count.place), fold(row.count.time), event, what))
        for key in keys:
            union.union(first_of.setdefault(key, index), index)
    found = []
    for members in union.groups():
        first, event, what = keyed[members[0]]
        reports = _distinct([_report(metas[keyed[i][0].article_id], keyed[i][0]) for i in members])
        item = _judge(story_ids.get(first.article_id), event, what or "people", reports)
        if item is not None:
            found.append(item)
    found.sort(key=lambda c: (c.story_id or 0, c.event, c.what or ""))
    return found


def _article_figures(rows: list[CountRow], known: frozenset[str]) -> list[tuple[CountRow, str]]:
    """One article's figures that report the story's counts, each with its event class.

    A vague figure ("the number of victims rose to 152") is the figure the article gives in
    specific words ("152 people were injured"): one number told twice is one counted thing, of
    the specific class (not a death toll of 152 beside "133 died"). A figure
    worded as an addition ("a further 31", "another 75") is left out only when the article has
    already given a figure of its class; otherwise it sets a new kind of figure beside the others
    ("53 died and another 75 were injured") and is that kind's total. Superseded figures, tallies
    of the war and populations are not the article's report."""
    rows = sorted(rows, key=lambda row: row.count.start)
    classed = [(row, event_class(row.count, row.sentence)) for row in rows]
    specific = {
        row.count.number: event
        for row, event in classed
        if event in known and not is_vague(row.count, row.sentence)
    }
    seen: set[str] = set()
    kept = []
    for row, event in classed:
        if is_vague(row.count, row.sentence) and row.count.number in specific:
            continue  # told again in specific words ("152 people were injured"): shown from there
        if event not in known:
            continue
        added = is_increment(row.count) and event in seen
        seen.add(event)
        if added or is_superseded(row.sentence) or is_background(row.sentence):
            continue
        if not is_population(row.count, row.sentence):
            kept.append((row, event))
    return kept


def _distinct(reports: list[CountReport]) -> list[CountReport]:
    """One report per article: the largest figure it gives for the thing counted. Its smaller
    figures of the same kind are parts (38 died at the station, 12 in hospital: 50 killed), the
    earlier figure an update replaces ("an earlier toll had stood at 30"), or another event it
    recalls; none is the article's own report of this one."""
    best: dict[int, CountReport] = {}
    for r in sorted(reports, key=lambda r: (r.article_id, r.position)):
        kept = best.get(r.article_id)
        if kept is None or (r.number, not r.qualifier) > (kept.number, not kept.qualifier):
            best[r.article_id] = r
    return list(best.values())


def incompatible_pairs(reports: list[CountReport]) -> list[tuple[CountReport, CountReport]]:
    """Pairs of reports from two articles whose figures cannot both hold (figures differing inside
    one article are usually different subsets, or an update quoting the earlier figure)."""
    return [
        (a, b)
        for i, a in enumerate(reports)
        for b in reports[i + 1 :]
        if a.article_id != b.article_id and not compatible(a, b)
    ]


@dataclass
class _Figure:
    """The reports giving one figure (number and qualifier) of a thing counted: compatibility is
    a matter of the figure, so figures are compared, not every pair of reports."""

    report: CountReport  # one of them: the figure compared
    dates: set[str]
    outlets_on: dict[str, set[str | None]]  # date -> the outlets giving it that day


def _figures(reports: list[CountReport]) -> list[_Figure]:
    found: dict[tuple[int, str | None], _Figure] = {}
    for r in reports:
        figure = found.setdefault((r.number, r.qualifier), _Figure(r, set(), {}))
        if r.date:
            figure.dates.add(r.date)
            figure.outlets_on.setdefault(r.date, set()).add(r.outlet)
    return list(found.values())


def _disagreeing(reports: list[CountReport]) -> list[tuple[_Figure, _Figure]]:
    """Pairs of figures that cannot both hold. Reports are one per article (``_distinct``), so two
    reports of two such figures are always from two articles: ``incompatible_pairs`` pair by pair."""
    figures = _figures(reports)
    return [
        (a, b)
        for i, a in enumerate(figures)
        for b in figures[i + 1 :]
        if not compatible(a.report, b.report)
    ]


def _over_days(a: _Figure, b: _Figure) -> bool:
    """Some report of one and some report of the other, both dated, on different days."""
    return bool(a.dates and b.dates) and not (len(a.dates) == 1 and a.dates == b.dates)


def _same_day_apart(a: _Figure, b: _Figure) -> bool:
    """Some report of each on one day, from different outlets."""
    for day in a.dates & b.dates:
        ours, theirs = a.outlets_on[day], b.outlets_on[day]
        if not (len(ours) == 1 and ours == theirs):
            return True
    return False


def _judge(story_id: int | None, event: str, what: str, reports: list[CountReport]) -> Contradiction | None:
    pairs = _disagreeing(reports)
    if not pairs:
        return None
    ordered = sorted(reports, key=lambda r: (r.date or "9999", r.number, r.article_id))
    numbers = tuple(sorted({r.number for r in reports}))
    over_days = any(_over_days(a, b) for a, b in pairs)
    if not over_days:
        return Contradiction(story_id, event, what, numbers, tuple(ordered))
    return Contradiction(story_id, event, what, numbers, tuple(ordered), "revision", _flags(ordered, pairs))


def _flags(ordered: list[CountReport], pairs: list[tuple[_Figure, _Figure]]) -> tuple[str, ...]:
    flags = []
    if any(_same_day_apart(a, b) for a, b in pairs):
        flags.append("same-day disagreement")
    if _went_down(ordered):
        flags.append("went down")
    return tuple(flags)


def _went_down(ordered: list[CountReport]) -> bool:
    """A later day's figure below the highest firm figure of an earlier day (a lower bound
    "at least 14" is firm: a later exact "12" is below it; a later "at least 10" is not)."""
    peak: int | None = None
    day: str | None = None
    day_peak: int | None = None
    for report in (r for r in ordered if r.date):
        if report.date != day:
            peak = day_peak if peak is None or (day_peak is not None and day_peak > peak) else peak
            day, day_peak = report.date, None
        qualifier = fold(report.qualifier or "")
        lower = any(q in qualifier for q in LOWER_BOUNDS)
        loose = any(q in qualifier for q in UPPER_BOUNDS + APPROXIMATE)
        if peak is not None and report.number < peak and not lower and not loose:
            return True
        if not loose and (day_peak is None or report.number > day_peak):
            day_peak = report.number
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
        date=meta.date[:10] if meta.date else None,
        sentence=row.sentence,
        place=row.count.place,
        time=row.count.time,
        position=row.count.start,
    )
