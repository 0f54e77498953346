"""schema.org ClaimReview JSON-LD skeletons for fact-checkers: the claim, its claimant and appearances.

The rating, the review URL, its date and author are left empty for the human who reviews.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from purportedly.corpus.common import Corpus
from purportedly.corpus.corroboration import ClaimReport, CorroboratedClaim, Origin, corroboration

if TYPE_CHECKING:
    from purportedly.store.core import Store

PERSON_KINDS = ("person", "expert", "blogger", "official")
TO_FILL = ""  # placeholders the fact-checker fills in


def _creative_work(report: ClaimReport) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": report.url or TO_FILL, "name": report.document}
    if report.title:
        work["headline"] = report.title
    if report.date:
        work["datePublished"] = report.date
    if report.outlet:
        work["publisher"] = {"@type": "Organization", "name": report.outlet}
    return work


def _claimant(origin: Origin, reports: tuple[ClaimReport, ...]) -> dict[str, Any]:
    """The origin as schema.org author: the speaker (a Person) or the releasing body (an Organization)."""
    if origin.own_reporting:
        return {"@type": "Organization", "name": origin.own_reporting}
    speaker_kind = next(
        (
            link.kind
            for r in reports
            for link in r.chain
            if link.role == "speaker" and link.name == origin.speaker
        ),
        "person",
    )
    if origin.speaker:
        kind = "Person" if speaker_kind in PERSON_KINDS or speaker_kind == "unknown" else "Organization"
        author: dict[str, Any] = {"@type": kind, "name": origin.speaker}
        if origin.carriers:
            author["description"] = "as released by " + ", ".join(origin.carriers)
        return author
    return {"@type": "Organization", "name": origin.carriers[0] if origin.carriers else TO_FILL}


def claim_review(claim: CorroboratedClaim) -> dict[str, Any]:
    """One ClaimReview skeleton; ``reviewRating`` is for the human."""
    dated = [r for r in claim.reports if r.date]
    first = min(dated, key=lambda r: r.date) if dated else claim.reports[0]
    authors = [_claimant(origin, claim.reports) for origin in claim.origins]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": TO_FILL,
        "datePublished": TO_FILL,
        "author": {"@type": "Organization", "name": TO_FILL, "url": TO_FILL},
        "claimReviewed": claim.text,
        "itemReviewed": {
            "@type": "Claim",
            "author": authors[0] if len(authors) == 1 else authors,
            "datePublished": first.date or TO_FILL,
            "firstAppearance": _creative_work(first),
            "appearance": [_creative_work(r) for r in _one_per_article(claim.reports)],
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": TO_FILL,
            "bestRating": TO_FILL,
            "worstRating": TO_FILL,
            "alternateName": TO_FILL,
        },
        "description": claim.summary,
    }


def _one_per_article(reports: tuple[ClaimReport, ...]) -> list[ClaimReport]:
    seen: dict[int, ClaimReport] = {}
    for report in reports:
        seen.setdefault(report.article_id, report)
    return list(seen.values())


def claim_reviews(source: Store | Corpus, *, min_reports: int = 1) -> list[dict[str, Any]]:
    return [claim_review(c) for c in corroboration(Corpus.of(source), min_reports=min_reports)]


def write_claimreview(source: Store | Corpus, out: Path, *, min_reports: int = 1) -> int:
    """A JSON array of ClaimReview skeletons, one per claim carried by >= ``min_reports`` articles."""
    reviews = claim_reviews(source, min_reports=min_reports)
    out.write_text(json.dumps(reviews, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(reviews)
