"""Denials attached to what they deny, in the same article and across the articles of a story.

"Russia's defence ministry denied that its forces struck the market" is a claim of negative
polarity whose words are the denied proposition. It denies the claims of its story that say
that proposition: the claim sharing most of its content words, at most one per article (the
sentence that states it best), never the denial itself nor another denial. A denial is shown
on the claims it denies; it never contradicts itself.
"""

from __future__ import annotations

import re
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
    """Every denial with the claims it denies (possibly none found)."""
    view = view_of(source)
    cues = {(row.article_id, row.claim_id): row.cues for row in view.claim_rows()}
    reports = collect_reports(view)
    story_ids = story_of(story_list if story_list is not None else stories(view))
    by_story: dict[int | None, list[ClaimReport]] = {}
    for report in reports:
        by_story.setdefault(story_ids.get(report.article_id), []).append(report)
    found = []
    candidates = [r for r in reports if is_denial(r, cues.get((r.article_id, r.claim_id), ()))]
    for report in candidates:
        if any(_inside(report, other) for other in candidates):
            continue  # the "saying ..." gloss of a longer denial: its counter-claim, not a denial
        others = [
            r
            for r in by_story.get(story_ids.get(report.article_id), [])
            if not r.factuality.endswith("-") and r.claim_id != report.claim_id
        ]
        found.append(Denial(report, tuple(_denied(report, others))))
    return found


def _inside(report: ClaimReport, other: ClaimReport) -> bool:
    return (
        other.article_id == report.article_id
        and other.claim_id != report.claim_id
        and len(other.text) > len(report.text)
        and report.text.strip(" .,") in other.text
    )


def _denied(denial: ClaimReport, candidates: list[ClaimReport]) -> list[ClaimReport]:
    """The best-matching claim of each article, when it shares enough of the denied words."""
    words = denied_words(denial.text)
    bag = " ".join(sorted(words))
    best: dict[int, tuple[tuple[int, float], ClaimReport]] = {}
    for candidate in candidates:
        other = set(content_words(candidate.text))
        shared = len(words & other)
        if shared < MIN_SHARED:
            continue
        ratio = fuzz.token_set_ratio(bag, " ".join(sorted(other)))
        if ratio < MIN_RATIO:
            continue
        score = (shared, ratio)
        if candidate.article_id not in best or score > best[candidate.article_id][0]:
            best[candidate.article_id] = (score, candidate)
    return [report for _, report in sorted(best.values(), key=lambda x: (x[1].date or "", x[1].article_id))]
