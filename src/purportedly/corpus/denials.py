"""Denials attached to what they deny, in the same article and across the articles of a story.

"Russia's defence ministry denied that its forces struck the market" is a claim of negative
polarity whose words are the denied proposition. It denies the claims of its story that say
that proposition: the claim sharing most of its content words, at most one per article (the
sentence that states it best), never the denial itself nor another denial. A denial is shown
on the claims it denies; it never contradicts itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus
from purportedly.corpus.corroboration import ClaimReport, collect_reports
from purportedly.corpus.views import CorpusView, view_of
from purportedly.names import content_words

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

DENIAL_CUES = frozenset(
    ["denied", "denies", "deny", "denying", "rejected", "rejects", "refuted", "dismissed"]
)
MIN_SHARED = 2  # content words a denied claim must share with the denial
MIN_RATIO = 45  # token-set ratio of the two word bags
# a denial's own gloss after "saying ..." is its counter-claim, not what it denies
_COUNTER_CLAIM = re.compile(r",?\s+(?:saying|adding|insisting|claiming|and said|but said)\b.*$", re.I | re.S)


@dataclass(frozen=True)
class Denial:
    """A denial and the reports it denies (each another claim, in its article or its story)."""

    denial: ClaimReport
    denied: tuple[ClaimReport, ...]

    @property
    def key(self) -> tuple[int, str]:
        return self.denial.article_id, self.denial.claim_id

    def as_json(self) -> dict:
        return {
            "denial": _report_json(self.denial),
            "denies": [_report_json(r) for r in self.denied],
        }


def _report_json(report: ClaimReport) -> dict:
    return {
        "document": report.document,
        "outlet": report.outlet,
        "date": report.date,
        "claim": report.claim_id,
        "sentence": report.text,
        "origin": report.origin.label,
    }


def is_denial(report: ClaimReport, cues: tuple[str, ...]) -> bool:
    return report.factuality.endswith("-") and any(c.lower() in DENIAL_CUES for c in cues)


def denied_words(text: str) -> set[str]:
    return set(content_words(_COUNTER_CLAIM.sub("", text)))


def denials(source: Store | Corpus | CorpusView, *, story_list: list[Story] | None = None) -> list[Denial]:
    """Every denial with the claims it denies (possibly none found).

    What a denial may deny is found through an index of its story's claims by content word, each
    distinct word set once (``_StoryClaims``), not by comparing it with every claim of the story;
    the answer is the same (``tests/test_denials_index.py`` checks it against every pair)."""
    view = view_of(source)
    cues = {(row.article_id, row.claim_id): row.cues for row in view.claim_rows()}
    reports = collect_reports(view)
    story_ids = story_of(story_list if story_list is not None else stories(view))
    candidates = [r for r in reports if is_denial(r, cues.get((r.article_id, r.claim_id), ()))]
    del cues
    in_story: dict[int | None, list[ClaimReport]] = {}
    for report in reports:
        if not report.factuality.endswith("-"):  # a denial never denies another denial
            in_story.setdefault(story_ids.get(report.article_id), []).append(report)
    del reports
    indexes: dict[int | None, _StoryClaims] = {}
    by_article: dict[int, list[ClaimReport]] = {}
    for report in candidates:
        by_article.setdefault(report.article_id, []).append(report)
    found = []
    for report in candidates:
        if any(_inside(report, other) for other in by_article[report.article_id]):
            continue  # the "saying ..." gloss of a longer denial: its counter-claim, not a denial
        story = story_ids.get(report.article_id)
        if story not in indexes:
            indexes[story] = _StoryClaims(in_story.pop(story, []))
        found.append(Denial(report, indexes[story].denied(report)))
    return found


def _inside(report: ClaimReport, other: ClaimReport) -> bool:
    return (
        other.article_id == report.article_id
        and other.claim_id != report.claim_id
        and len(other.text) > len(report.text)
        and report.text.strip(" .,") in other.text
    )


class _StoryClaims:
    """The claims of one story a denial may deny, indexed by content word.

    Claims with one set of content words are one entry (a sentence carried by a thousand
    reports is scored once): a denial is scored against the entries sharing one of its words,
    each once, and the score of a word set against another depends on the two sets alone."""

    def __init__(self, reports: list[ClaimReport]) -> None:
        entry_of: dict[frozenset[str], int] = {}
        self.bags: list[str] = []
        self.members: list[list[tuple[int, ClaimReport]]] = []  # (position in the story, report)
        self.postings: dict[str, list[int]] = {}
        words_of: dict[str, frozenset[str]] = {}  # one wording, its words made once
        for position, report in enumerate(reports):
            words = words_of.get(report.text)
            if words is None:
                words = words_of[report.text] = frozenset(content_words(report.text))
            entry = entry_of.get(words)
            if entry is None:
                entry = entry_of[words] = len(self.bags)
                self.bags.append(" ".join(sorted(words)))
                self.members.append([])
                for word in words:
                    self.postings.setdefault(word, []).append(entry)
            self.members[entry].append((position, report))
        self._denied: dict[frozenset[str], tuple[ClaimReport, ...]] = {}

    def scored(self, words: frozenset[str]) -> list[tuple[tuple[int, float], int]]:
        """((shared words, token-set ratio), entry) of the entries close enough to ``words``."""
        shared = Counter(entry for word in words for entry in self.postings.get(word, ()))
        bag = " ".join(sorted(words))
        found = []
        for entry, count in shared.items():
            if count < MIN_SHARED:
                continue
            ratio = fuzz.token_set_ratio(bag, self.bags[entry])
            if ratio >= MIN_RATIO:
                found.append(((count, ratio), entry))
        return found

    def denied(self, denial: ClaimReport) -> tuple[ClaimReport, ...]:
        """The best-matching claim of each article (the first in story order of equal scores),
        when it shares enough of the denied words; in date order. One answer per set of denied
        words: a wire denial carried by thousands of articles is matched once."""
        words = frozenset(denied_words(denial.text))
        if words not in self._denied:
            self._denied[words] = self._best_per_article(words)
        return self._denied[words]

    def _best_per_article(self, words: frozenset[str]) -> tuple[ClaimReport, ...]:
        best: dict[int, tuple[tuple[int, float], int, ClaimReport]] = {}
        for score, entry in self.scored(words):
            for position, report in self.members[entry]:
                kept = best.get(report.article_id)
                if kept is None or (score, -position) > (kept[0], -kept[1]):
                    best[report.article_id] = (score, position, report)
        return tuple(r for _, _, r in sorted(best.values(), key=lambda x: (x[2].date or "", x[2].article_id)))
