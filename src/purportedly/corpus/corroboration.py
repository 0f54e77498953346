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
from purportedly.corpus.common import (
    Corpus,
    UnionFind,
    content_words,
    name_key,
    same_name,
    similar_pairs,
)
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.model import ChainLink

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

ROOT_ROLES = ("speaker", "recording", "document", "releaser")
MEDIA_ROLES = ("recording", "document")
CLAIM_CUTOFF = 80  # token-set ratio of content words for two claim wordings to be one claim
MIN_SHARED_WORDS = 4


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


def origin_of(chain: list[ChainLink] | tuple[ChainLink, ...], outlet: str | None) -> Origin:
    """The root of a chain beyond relays: speaker plus whatever recorded and released the words."""
    root = [link for link in chain if link.role in ROOT_ROLES]
    if not root:
        return Origin(speaker=None, carriers=(), own_reporting=outlet or "the article")
    speaker = next((link.name for link in root if link.role == "speaker"), None)
    carriers = tuple(link.name for link in root if link.role == "releaser" and name_key(link.name))
    media = tuple(link.name for link in root if link.role in MEDIA_ROLES)
    return Origin(speaker=speaker, carriers=carriers, media=media)


def collect_reports(corpus: Corpus) -> list[ClaimReport]:
    reports = []
    for article in corpus.articles:
        a = article.analysis
        for claim in a.claims:
            reports.append(
                ClaimReport(
                    article_id=article.id,
                    document=a.document,
                    outlet=a.outlet,
                    date=a.date.isoformat() if a.date else None,
                    url=a.url,
                    title=a.title,
                    claim_id=claim.id,
                    text=claim.text,
                    chain=tuple(claim.chain),
                    origin=origin_of(claim.chain, a.outlet),
                    factuality=claim.factuality.value,
                )
            )
    return reports


def corroboration(
    source: Store | Corpus,
    *,
    quotes: list[QuoteGroup] | None = None,
    story_list: list[Story] | None = None,
    min_reports: int = 1,
) -> list[CorroboratedClaim]:
    """Claims grouped across articles (fuzzy wording, or resting on the same matched quote),
    with their independent origins; the most widely carried first.

    Claim wordings are compared inside same-story clusters only (see ``clusters.stories``).
    """
    corpus = Corpus.of(source)
    reports = collect_reports(corpus)
    quotes = quotes if quotes is not None else quote_groups(corpus)
    # wordings are compared only inside one story: "the SBU released the call" in two unrelated
    # stories is not one claim
    story_ids = story_of(story_list if story_list is not None else stories(corpus, quotes=quotes))
    blocks = [story_ids.get(r.article_id) for r in reports]
    union = UnionFind(range(len(reports)))
    texts = [r.text for r in reports]
    for i, j in similar_pairs(texts, cutoff=CLAIM_CUTOFF, min_shared=MIN_SHARED_WORDS, blocks=blocks):
        union.union(i, j)
    _join_by_quotes(corpus, reports, union, quotes)
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
    corpus: Corpus, reports: list[ClaimReport], union: UnionFind, groups: list[QuoteGroup]
) -> None:
    """Claims that rest on quotes matched across articles are one claim, however each was worded."""
    quote_group = {(q.article_id, q.quote_id): g.id for g in groups for q in g.quotes}
    quote_of_claim = {
        (article.id, claim.id): claim.quote_id
        for article in corpus.articles
        for claim in article.analysis.claims
    }
    first_report: dict[int, int] = {}
    for index, report in enumerate(reports):
        quote_id = quote_of_claim.get((report.article_id, report.claim_id))
        group = quote_group.get((report.article_id, quote_id)) if quote_id else None
        if group is None:
            continue
        union.union(first_report.setdefault(group, index), index)
