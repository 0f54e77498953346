"""Corroboration: which reports carry a claim, and how many independent origins stand behind them.

Two outlets quoting one intercepted call released by one agency are one origin, not two: a
report's origin is its claim chain's root beyond relays and translators (speaker, recording or
document, releasing agency). A claim the outlet makes without attribution is its own origin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus, UnionFind, figures_in, similar_pairs
from purportedly.corpus.origins import MEDIA_ROLES, ROOT_ROLES, Origin, SameNames, origin_of
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.corpus.views import CorpusView, view_of
from purportedly.model import ChainLink
from purportedly.names import content_words, same_name

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
    """A claim across the corpus: its reports and its independent origins.

    A report is an article: several claims of one article carrying the same words are one report,
    and copies of one text (syndication, a reprint under another headline; ``mirrors``) are one
    report too, their copies listed. Origins are distinct original sources (a recording's
    releaser, an agency, a named witness), an entity counted once whatever its roles.
    """

    id: int
    text: str
    reports: tuple[ClaimReport, ...]
    origins: tuple[Origin, ...]
    mirrors: tuple[tuple[int, ...], ...] = ()  # article ids of copies of one text among the reports

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def article_ids(self) -> list[int]:
        return sorted({r.article_id for r in self.reports})

    @property
    def independent_reports(self) -> int:
        """Articles carrying the claim, a text and its copies counted once."""
        ids = set(self.article_ids)
        return len(ids) - sum(len(set(g) & ids) - 1 for g in self.mirrors if len(set(g) & ids) > 1)

    def other_articles(self, article_id: int) -> list[int]:
        """The other articles carrying the claim (never the article itself)."""
        return [i for i in self.article_ids if i != article_id]

    @property
    def single_recording(self) -> Origin | None:
        """The one recording or document every report rests on, released by one party, if so."""
        if len(self.origins) == 1 and self.origins[0].media and len(self.origins[0].carriers) <= 1:
            return self.origins[0]
        return None

    @property
    def summary(self) -> str:
        """What the corroboration amounts to, in words a fact-checker reads correctly."""
        articles = len(self.article_ids)
        outlets = {r.outlet or r.document for r in self.reports}
        text = f"{_plural(articles, 'article')} from {_plural(len(outlets), 'outlet')}"
        copies = articles - self.independent_reports
        if copies:
            text += f" ({_plural(copies, 'copy', 'copies')} of another article's text, so "
            text += f"{_plural(self.independent_reports, 'independent report')})"
        if len(self.origins) == 1:
            origin = self.origins[0]
            recording = self.single_recording
            if recording is not None and recording.carriers:
                medium = f"one {recording.media[0].lower()} released by {recording.carriers[0]}"
                if articles == 1:
                    return f"{text}; it rests on {medium} and on nothing else"
                return (
                    f"{text}; all rest on {medium} and on nothing else:"
                    " a single origin, not independent confirmation"
                )
            return f"{text}, all from a single origin: {origin.label}"
        return f"{text}, {len(self.origins)} independent origins: " + "; ".join(o.label for o in self.origins)

    def as_json(self, documents: dict[int, str] | None = None) -> dict:
        name = (documents or {}).get
        return {
            "id": self.id,
            "text": self.text,
            "summary": self.summary,
            "articles": len(self.article_ids),
            "independent_reports": self.independent_reports,
            "independent_origins": self.independent_origins,
            "origins": [o.label for o in self.origins],
            "single_recording": self.single_recording is not None,
            "mirrors": [[name(i, str(i)) for i in group] for group in self.mirrors],
            "reports": [
                {
                    "document": r.document,
                    "outlet": r.outlet,
                    "date": r.date,
                    "claim": r.claim_id,
                    "sentence": r.text,
                    "origin": r.origin.label,
                    "factuality": r.factuality,
                }
                for r in self.reports
            ],
        }


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def collect_reports(source: Store | Corpus | CorpusView) -> list[ClaimReport]:
    """Every claim of the corpus as one article's report of it (denials are matched against them)."""
    return _collect(view_of(source))[0]


def _collect(view: CorpusView) -> tuple[list[ClaimReport], list[str | None]]:
    """The reports, and beside each the id of the quote its claim rests on."""
    metas = {meta.id: meta for meta in view.metas()}
    reports, quote_ids = [], []
    origins: dict[tuple, Origin] = {}  # one Origin per distinct chain (and outlet, for own reporting)
    for claim in view.claim_rows():
        meta = metas[claim.article_id]
        key = tuple((link.name, link.role) for link in claim.chain)
        if key not in origins:
            origins[key] = origin_of(claim.chain, None)
        if origins[key].own_reporting:  # no root beyond the article: the outlet's own words
            key = ((meta.outlet, "own"),)
            if key not in origins:
                origins[key] = origin_of((), meta.outlet)
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
                origin=origins[key],
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
    story_list = story_list if story_list is not None else stories(view, quotes=quotes)
    story_ids = story_of(story_list)
    union = UnionFind(range(len(reports)))
    # one wording carried by many reports of a story is compared once: the reports of each
    # (story, wording) are joined to each other (a wording matches itself when it has the words to
    # be compared at all), and two matching wordings join all their reports
    wording_of: dict[tuple, int] = {}
    members: list[list[int]] = []
    texts: list[str] = []
    blocks: list = []
    for index, report in enumerate(reports):
        key = (story_ids.get(report.article_id), report.text)
        number = wording_of.setdefault(key, len(members))
        if number == len(members):
            members.append([])
            texts.append(report.text)
            blocks.append(key[0])
        members[number].append(index)
    for number, indices in enumerate(members):
        if len(indices) > 1 and len(set(content_words(texts[number]))) >= MIN_SHARED_WORDS:
            for index in indices[1:]:
                union.union(indices[0], index)
    figures = [figures_in(t) for t in texts]
    for i, j in similar_pairs(texts, cutoff=CLAIM_CUTOFF, min_shared=MIN_SHARED_WORDS, blocks=blocks):
        # "Twelve people were killed" does not corroborate "At least 14 people were killed":
        # wordings giving figures, none the same, are two claims
        if figures[i] and figures[j] and not figures[i] & figures[j]:
            continue
        # each wording's reports are joined already (a pair shares MIN_SHARED_WORDS words)
        union.union(members[i][0], members[j][0])
    _join_by_quotes(quote_ids, reports, union, quotes)
    groups = []
    for members in union.groups():
        group_reports = sorted((reports[i] for i in members), key=lambda r: (r.date or "9999", r.article_id))
        if len({r.article_id for r in group_reports}) >= min_reports:
            groups.append(group_reports)
    groups.sort(key=lambda rs: (-len({r.article_id for r in rs}), rs[0].article_id))
    # every name an origin may carry, indexed once for the corpus (outlets: a copy's own reporting
    # is its original outlet's)
    names = SameNames({n for r in reports for n in (*_names_of(r.origin), r.outlet) if n})
    del reports, quote_ids
    copies = [group for story in (story_list or []) for group in story.mirrors]
    copy_group = {i: number for number, group in enumerate(copies) for i in group}
    groups = [_as_original(rs, copies, copy_group) for rs in groups]
    return [
        CorroboratedClaim(
            number,
            representative_wording(rs),
            tuple(rs),
            distinct_origins(_origin_bearing(rs), names),
            _mirrors_among(copies, copy_group, rs),
        )
        for number, rs in enumerate(groups, start=1)
    ]


def _as_original(
    reports: list[ClaimReport], copies: list[tuple[int, ...]], copy_group: dict[int, int]
) -> list[ClaimReport]:
    """A copy's own reporting is its original's (the earliest of the copies): a reprint is not a
    second outlet vouching for the words. ``copy_group``: article id -> its group in ``copies``."""
    in_copies = [r.article_id for r in reports if r.article_id in copy_group]
    original = {i: copies[copy_group[i]][0] for i in in_copies}
    outlet_of = {r.article_id: r.outlet for r in reports}
    kept = []
    for r in reports:
        first = original.get(r.article_id)
        if r.origin.own_reporting and first is not None and first != r.article_id:
            label = outlet_of.get(first) or r.origin.own_reporting
            r = replace(r, origin=Origin(speaker=None, carriers=(), own_reporting=label))
        kept.append(r)
    return kept


def _origin_bearing(reports: list[ClaimReport]) -> list[ClaimReport]:
    """The reports whose origins count: an article's own words beside its attributed report of
    the same claim (a headline over "..., the governor said") add no origin of their own."""
    sourced = {r.article_id for r in reports if not r.origin.own_reporting}
    return [r for r in reports if not (r.origin.own_reporting and r.article_id in sourced)]


def _mirrors_among(
    copies: list[tuple[int, ...]], copy_group: dict[int, int], reports: list[ClaimReport]
) -> tuple[tuple[int, ...], ...]:
    """The copy groups two or more of the reports belong to, each as those reports' article ids
    (looked up from the reports, not by scanning every copy group of the corpus per claim)."""
    ids = {r.article_id for r in reports}
    met = Counter(copy_group[i] for i in ids if i in copy_group)
    return tuple(tuple(i for i in copies[number] if i in ids) for number in sorted(met) if met[number] > 1)


def representative_wording(reports: list[ClaimReport], sample: int = 30) -> str:
    """The wording closest to all the others (a medoid), not a paraphrase that merely joined them."""
    texts = [r.text for r in reports[:sample]]
    if len(texts) <= 2:
        return max(texts, key=len)
    bags = [" ".join(content_words(t)) for t in texts]  # each wording's words made once
    scores = [
        (sum(fuzz.token_set_ratio(bag, b) for b in bags), len(t)) for bag, t in zip(bags, texts, strict=True)
    ]
    return texts[max(range(len(texts)), key=scores.__getitem__)]


def distinct_origins(reports: list[ClaimReport], names: SameNames | None = None) -> tuple[Origin, ...]:
    """Merge the reports' origins that are the same into one each.

    Origins naming a carrier merge by carrier. An origin naming only a speaker joins the carrier
    origin with that speaker only when exactly one matches, so an ambiguous "the soldier" can
    never fuse two independent releases into one. Which names are the same comes from ``names``
    (an index over the corpus's names, ``SameNames``; made for these origins when not given): the
    origins of a name are looked up, not compared with every other origin, with the answer of
    comparing every pair (``tests/test_origins_index.py``).
    """
    frequency = Counter(r.origin for r in reports)
    origins = list(frequency)
    if names is None:
        names = SameNames(name for o in origins for name in _names_of(o))
    union = UnionFind(range(len(origins)))
    # origins by the name they are compared by: two origins with carriers by any of their
    # carriers, two without by their outlet (own reporting) or else their speaker
    by_name: dict[tuple[str, str], list[int]] = {}
    for i, origin in enumerate(origins):
        if origin.own_reporting:
            by_name.setdefault(("own", origin.own_reporting), []).append(i)
        elif origin.carriers:
            for carrier in origin.carriers:
                by_name.setdefault(("carrier", carrier), []).append(i)
        elif origin.speaker:
            by_name.setdefault(("speaker", origin.speaker), []).append(i)
    for (kind, name), members in by_name.items():
        for same in names.of(name):
            for j in by_name.get((kind, same), ()):
                union.union(members[0], j)
        for j in members[1:]:
            union.union(members[0], j)
    # the agency that released the call, quoted as saying so: one origin
    for i, origin in enumerate(origins):
        if origin.speaker:
            for same in names.of(origin.speaker):
                for j in by_name.get(("carrier", same), ()):
                    union.union(i, j)
    # a speaker alone joins the one release with that speaker, if there is exactly one
    released_by_speaker: dict[str, list[int]] = {}
    for j, origin in enumerate(origins):
        if origin.carriers and origin.speaker:
            released_by_speaker.setdefault(origin.speaker, []).append(j)
    for i, origin in enumerate(origins):
        if origin.carriers or origin.own_reporting or not origin.speaker:
            continue
        matches = {
            union.find(j) for same in names.of(origin.speaker) for j in released_by_speaker.get(same, ())
        }
        if len(matches) == 1:
            union.union(i, matches.pop())
    return _representatives(origins, union, frequency)


def _representatives(origins: list[Origin], union: UnionFind, frequency: Counter) -> tuple[Origin, ...]:
    # the most informative member (naming a carrier), then the most reported, represents each origin
    return tuple(
        max(
            (origins[i] for i in members),
            key=lambda o: (bool(o.carriers), frequency[o], o.speaker is not None),
        )
        for members in union.groups()
    )


def _names_of(origin: Origin) -> list[str]:
    return [n for n in (origin.own_reporting, origin.speaker, *origin.carriers) if n]


def pairwise_distinct_origins(reports: list[ClaimReport]) -> tuple[Origin, ...]:
    """``distinct_origins`` by comparing every pair of origins (the definition; kept for tests)."""
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
        for j in range(len(origins)):
            if i != j and origin.speaker and _speaks_for_carrier(origin, origins[j]):
                union.union(i, j)
    for i, origin in enumerate(origins):
        if origin.carriers or origin.own_reporting:
            continue
        matches = {union.find(j) for j in with_carrier if origin.same_as(_speaker_only(origins[j]))}
        if len(matches) == 1:
            union.union(i, matches.pop())
    return _representatives(origins, union, frequency)


def _speaks_for_carrier(speaker: Origin, other: Origin) -> bool:
    """One entity in two roles: a speaker that is the other origin's releasing body ("the SSU
    said" beside "a call released by the SSU")."""
    return speaker.speaker is not None and any(same_name(speaker.speaker, c) for c in other.carriers)


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
