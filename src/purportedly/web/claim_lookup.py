"""The claim page from indexed lookups: one article row, the claims elsewhere that share the claim's
distinctive words (the full-text index), and the counts of the articles carrying it.

Nothing is computed over the whole corpus, so the page costs the same at a thousand or a million
stored articles. Other reports are stored claims with the claim's longest words whose wording is
the same proposition retold (``claim_view.SAME_CLAIM_MIN``); their origins are their chains'
roots; count conflicts are figures for one event class and counted noun, among the articles
carrying the claim (one story), that cannot all hold (``purportedly.corpus.contradictions``' rule).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from purportedly.model import ChainLink, Claim, Count, Factuality
from purportedly.web.claim_view import (
    SAME_CLAIM_MIN,
    _graph,
    _quote_of,
    _report,
    chain_of_link,
    find_claim,
    origin_of,
)
from purportedly.web.corpus_views import normalise

if TYPE_CHECKING:
    from purportedly.store import Store

CANDIDATES = 50  # stored claims looked at per page: the best-ranked sharers of the claim's words
CONFLICT_ARTICLES = 50  # articles whose counts are compared


def _row_report(row: dict[str, Any]) -> dict:
    """A report as ``claim_view._report`` gives it, from a claim row with its chain."""
    chain = [
        ChainLink(name=link["name"], role=link["role"], kind=link["kind"], source_id=link["source_id"])
        for link in row["chain"]
    ]
    claim = Claim(
        id=row["claim_id"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        quote_id=row["quote_id"],
        chain=chain,
        factuality=Factuality(
            certainty=row["certainty"],
            polarity=row["polarity"],
            value=row["factuality"],
            cues=json.loads(row["cues"] or "[]"),
        ),
    )
    full = list(chain)
    if not full and row["quote_speaker"]:
        full.append(ChainLink(name=row["quote_speaker"], role="speaker", kind="person"))
    if not full or full[-1].role != "article":
        full.append(
            ChainLink(name=row["outlet"] or row["title"] or row["document"], role="article", kind="outlet")
        )
    return {
        "article": str(row["article_id"]),
        "title": row["title"] or row["document"],
        "outlet": row["outlet"],
        "date": row["date"],
        "claim": claim.model_dump(mode="json"),
        "chain": [link.model_dump(mode="json") for link in full],
    }


def other_reports(store: Store, article_id: str, claim: Claim) -> list[dict]:
    """Reports of the same claim in other articles, best-ranked first."""
    wording = normalise(claim.text)
    return [
        _row_report(row)
        for row in store.claim_candidates(claim.text, CANDIDATES)
        if str(row["article_id"]) != article_id
        and fuzz.token_set_ratio(wording, normalise(row["text"])) >= SAME_CLAIM_MIN
    ]


def count_conflicts(store: Store, article_ids: list[str]) -> list[dict]:
    """Figures for one event (class and counted noun) that cannot all hold, among these articles,
    in the shape ``claim_view.count_conflicts`` gives."""
    from purportedly.corpus.contradictions import (
        Contradiction,
        CountReport,
        _irreconcilable,
        event_class,
        what_head,
    )

    groups: dict[tuple[str, str], list[tuple[CountReport, Count]]] = {}
    for row in store.count_rows([int(i) for i in article_ids[:CONFLICT_ARTICLES]]):
        count = Count(
            number=row["number"],
            qualifier=row["qualifier"],
            what=row["what"],
            event=row["event"],
            text=row["text"],
            start=row["start"],
            end=row["end"],
            place=row["place"],
            time=row["time"],
        )
        event = event_class(count)
        if event is None:
            continue
        report = CountReport(
            article_id=row["article_id"],
            document=row["document"],
            outlet=row["outlet"],
            number=count.number,
            qualifier=count.qualifier,
            text=count.text,
            attributed_to=None,
        )
        groups.setdefault((event, what_head(count)), []).append((report, count))
    out = []
    for (event, _), members in groups.items():
        reports = sorted((r for r, _ in members), key=lambda r: (r.number, r.article_id))
        if not _irreconcilable(reports):
            continue
        found = Contradiction(
            story_id=None,
            event=event,
            what=members[0][1].what,
            numbers=tuple(sorted({r.number for r in reports})),
            reports=tuple(reports),
        )
        out.append(
            {
                "summary": found.summary,
                "event": event,
                "what": found.what,
                "numbers": list(found.numbers),
                "articles": sorted({str(r.article_id) for r in reports}),
                "reports": [
                    {
                        "article": str(r.article_id),
                        "outlet": r.outlet or r.document,
                        "number": r.number,
                        "qualifier": r.qualifier,
                        "text": r.text,
                    }
                    for r in reports
                ],
            }
        )
    return out


def claim_page(store: Store, article_id: str, claim_id: str) -> dict | None:
    """Everything the claim page shows (as ``claim_view.claim_view``), or None when there is no such claim."""
    analysis = store.analysis(int(article_id)) if article_id.isdigit() else None
    claim = find_claim(analysis, claim_id) if analysis else None
    if analysis is None or claim is None:
        return None
    this = _report(article_id, analysis, claim)
    others = other_reports(store, article_id, claim)
    reports = [this, *others]
    origins = sorted({origin_of(chain_of_link(r)) for r in reports} - {""})
    polarity = claim.factuality.polarity
    carrying = list(dict.fromkeys([article_id, *(r["article"] for r in others)]))
    return {
        **this,
        "quote": _quote_of(analysis, claim),
        "other_reports": others,
        "independent_origins": len(origins),
        "origins": origins,
        "contradictions": [
            r for r in others if {polarity, r["claim"]["factuality"]["polarity"]} == {"positive", "negative"}
        ],
        "denials": [
            h.model_dump(mode="json")
            for h in analysis.hedges
            if h.category == "denial" and h.sentence_start <= claim.end and claim.start <= h.sentence_end
        ],
        "count_conflicts": [c for c in count_conflicts(store, carrying) if article_id in c["articles"]],
        "graph": _graph(reports),
    }
