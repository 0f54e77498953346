"""Corroboration: which reports carry a claim, and how many independent origins stand behind them.

Two outlets quoting one intercepted call released by one agency are one origin, not two: a
report's origin is its claim chain's root beyond relays and translators (speaker, recording or
document, releasing agency). A claim the outlet makes without attribution is its own origin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus, UnionFind, similar_pairs
from purportedly.corpus.origins import MEDIA_ROLES, ROOT_ROLES, Origin, origin_of
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.corpus.views import CorpusView, view_of
from purportedly.model import ChainLink
from purportedly.names import content_words

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = [  # Origin and origin_of live in origins.py; importing them from here still works
    "MEDIA_ROLES",
    "ROOT_ROLES",
    "ClaimReport",
    "CorroboratedClaim",
    "Origin",
    "corroboration",
    "origin_of",
]

CLAIM_CUTOFF = 80  # token-set ratio of content words for two claim wordings to be one claim
MIN_SHARED_WORDS = 4


@dataclass(frozen=True)
class ClaimReport:
    """One article's report of a claim."""

    article_id: int
    document: str
    outlet: str | None
    date: str | None
    url: str | None
    title: str | None
    claim_id: str
    text: str
    chain: tuple[ChainLink, ...]
    origin: Origin
    factuality: str


@dataclass(frozen=True)
class CorroboratedClaim:
    """A claim across the corpus: its reports and its independent origins."""

    id: int
    text: str
    reports: tuple[ClaimReport, ...]
    origins: tuple[Origin, ...]

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def article_ids(self) -> list[int]:
        return sorted({r.article_id for r in self.reports})

    @property
    def summary(self) -> str:
        outlets = {r.outlet or r.document for r in self.reports}
        reports = f"{len(self.article_ids)} report(s) from {len(outlets)} outlet(s)"
        if len(self.origins) == 1:
            return f"{reports}, all from a single origin: {self.origins[0].label}"
        return f"{reports}, {len(self.origins)} independent origins: " + "; ".join(
            o.label for o in self.origins
        )


def _collect(view: CorpusView) -> tuple[list[ClaimReport], list[str | None]]:
    """The reports, and beside each the id of the quote its claim rests on."""
    metas = {meta.id: meta for meta in view.metas()}
    reports, quote_ids = [], []
    for claim in view.claim_rows():
        meta = metas[claim.article_id]
        reports.append(
            ClaimReport(
                article_id=claim.article_id,
                document=meta.document,
                outlet=meta.outlet,
                date=meta.date,
                url=meta.url,
                title=meta.title,
                claim_id=claim.claim_id,
                text=claim.text,
                chain=claim.chain,
                origin=origin_of(claim.chain, meta.outlet),
                factuality=claim.factuality,
            )
        )
        quote_ids.append(claim.quote_id)
    return reports, quote_ids


def corroboration(
    source: Store | Corpus | CorpusView,
    *,
    quotes: list[QuoteGroup] | None = None,
    story_list: list[Story] | None = None,
    min_reports: int = 1,
) -> list[CorroboratedClaim]:
    """Claims grouped across articles (fuzzy wording, or resting on the same matched quote),
    with their independent origins; the most widely carried first.

    Claim wordings are compared inside same-story clusters only (see ``clusters.stories``).
    """
    view = view_of(source)
    reports, quote_ids = _collect(view)
    quotes = quotes if quotes is not None else quote_groups(view)
    # wordings are compared only inside one story: "the SBU released the call" in two unrelated
    # stories is not one claim
    story_ids = story_of(story_list if story_list is not None else stories(view, quotes=quotes))
    blocks = [story_ids.get(r.article_id) for r in reports]
    union = UnionFind(range(len(reports)))
    texts = [r.text for r in reports]
    for i, j in similar_pairs(texts, cutoff=CLAIM_CUTOFF, min_shared=MIN_SHARED_WORDS, blocks=blocks):
        union.union(i, j)
    _join_by_quotes(quote_ids, reports, union, quotes)
    groups = []
    for members in union.groups():
        group_reports = sorted((reports[i] for i in members), key=lambda r: (r.date or "9999", r.article_id))
        if len({r.article_id for r in group_reports}) >= min_reports:
            groups.append(group_reports)
    groups.sort(key=lambda rs: (-len({r.article_id for r in rs}), rs[0].article_id))
    return [
        CorroboratedClaim(number, representative_wording(rs), tuple(rs), distinct_origins(rs))
        for number, rs in enumerate(groups, start=1)
    ]


def representative_wording(reports: list[ClaimReport], sample: int = 30) -> str:
    """The wording closest to all the others (a medoid), not a paraphrase that merely joined them."""
    texts = [r.text for r in reports[:sample]]
    if len(texts) <= 2:
        return max(texts, key=len)
    bags = [" ".join(content_words(t)) for t in texts]
    return max(
        texts, key=lambda t: (sum(fuzz.token_set_ratio(" ".join(content_words(t)), b) for b in bags), len(t))
    )


def distinct_origins(reports: list[ClaimReport]) -> tuple[Origin, ...]:
    """Merge the reports' origins that are the same into one each.

    Origins naming a carrier merge by carrier. An origin naming only a speaker joins the carrier
    origin with that speaker only when exactly one matches, so an ambiguous "the soldier" can
    never fuse two independent releases into one.
    """
    frequency = Counter(r.origin for r in reports)
    origins = list(frequency)
    union = UnionFind(range(len(origins)))
    with_carrier = [i for i, o in enumerate(origins) if o.carriers]
    for i in range(len(origins)):
        for j in range(i + 1, len(origins)):
            both_or_neither = bool(origins[i].carriers) == bool(origins[j].carriers)
            if both_or_neither and origins[i].same_as(origins[j]):
                union.union(i, j)
    for i, origin in enumerate(origins):
        if origin.carriers or origin.own_reporting:
            continue
        matches = {union.find(j) for j in with_carrier if origin.same_as(_speaker_only(origins[j]))}
        if len(matches) == 1:
            union.union(i, matches.pop())
    # the most informative member (naming a carrier), then the most reported, represents each origin
    return tuple(
        max(
            (origins[i] for i in members),
            key=lambda o: (bool(o.carriers), frequency[o], o.speaker is not None),
        )
        for members in union.groups()
    )


def _speaker_only(origin: Origin) -> Origin:
    return Origin(speaker=origin.speaker, carriers=(), media=origin.media)


def _join_by_quotes(
    quote_ids: list[str | None], reports: list[ClaimReport], union: UnionFind, groups: list[QuoteGroup]
) -> None:
    """Claims that rest on quotes matched across articles are one claim, however each was worded."""
    quote_group = {(q.article_id, q.quote_id): g.id for g in groups for q in g.quotes}
    first_report: dict[int, int] = {}
    for index, (report, quote_id) in enumerate(zip(reports, quote_ids, strict=True)):
        group = quote_group.get((report.article_id, quote_id)) if quote_id else None
        if group is None:
            continue
        union.union(first_report.setdefault(group, index), index)
