"""The claim page from the claim links kept at ingest: indexed SQL, never the whole corpus.

When every stored article's claims are linked (``corpus.claim_links.links_current``) the page reads
its claim's reports from the links and their rows (claims, chains, article metadata), and one
Analysis: the claim's own article's. The figures other reports contradict and the denials of the
claim are found among at most ``LOCAL_ARTICLES`` articles near it: its own, its reports', the
articles sharing its specific names (``_local_cross``,
a corpus view of those articles alone). The page never waits for the whole corpus's stories,
contradictions and denials (``cross_views.compute``), which the stories page still uses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from purportedly.model import ChainLink, Claim, Factuality
from purportedly.web.claim_view import (
    OTHER_REPORTS,
    _denials,
    _graph,
    _quote_of,
    _report,
    conflict_list,
    find_claim,
    group_index,
)
from purportedly.web.cross_views import CrossViews, denial_index

if TYPE_CHECKING:
    from purportedly.corpus.corroboration import ClaimReport
    from purportedly.store import Store
    from purportedly.web.queries import CorpusReader

# Below this many articles the corpus-wide views take seconds, once per version of the corpus, and
# the page gives their answers (one story's wordings, claims joined through a matched quote, copies
# folded); from it on, the links' (see the module's docstring for what they leave out).
STORED_FROM = 5000
LOCAL_ARTICLES = 12  # articles searched for the claim's denials and contradicting figures
_ROWS = (
    'SELECT c.article_id, c.claim_id, c.start, c."end", c.quote_id, c.certainty, c.polarity, c.cues,'
    " q.speaker FROM claims c LEFT JOIN quotes q ON q.article_id = c.article_id AND q.quote_id = c.quote_id"
    " WHERE c.article_id IN ({marks})"
)


def links_ready(store: Store | None) -> bool:
    """Whether the claim page reads the stored links: purportedly.corpus present, the links current,
    and STORED_FROM articles or more stored."""
    try:
        from purportedly.corpus.claim_links import links_current
    except ImportError:
        return False
    return store is not None and store.article_count() >= STORED_FROM and links_current(store)


def stored_claim(reader: CorpusReader, article_id: str, claim_id: str) -> dict | None:
    """Everything the claim page shows (the keys of ``claim_view``), from the stored links; None
    when there is no such claim."""
    from purportedly.corpus.claim_links import stored_group

    store = reader.readable()
    if store is None or not article_id.isdigit():
        return None
    with reader.lock:
        group = stored_group(store, int(article_id), claim_id)
        analysis = store.analysis(int(article_id)) if group is not None else None
        claim = find_claim(analysis, claim_id) if analysis is not None else None
        if group is None or analysis is None or claim is None:
            return None
        elsewhere = [r for r in group.reports if r.article_id != int(article_id)][:OTHER_REPORTS]
        here = [r for r in group.reports if r.article_id == int(article_id) and r.claim_id != claim_id]
        rows = _claim_rows(store, [*elsewhere, *here])
        local = _local_cross(store, group, int(article_id), [r.article_id for r in elsewhere])
    this = _report(article_id, analysis, claim)
    others = [_row_report(r, rows[(r.article_id, r.claim_id)]) for r in elsewhere]
    entry = group_index([group])[(article_id, claim_id)]
    polarity = claim.factuality.polarity
    return {
        **this,
        "quote": _quote_of(analysis, claim),
        "other_reports": others,
        "same_article": [_row_report(r, rows[(r.article_id, r.claim_id)]) for r in here],
        "articles": entry["articles"],
        "independent_reports": entry["independent_reports"],
        "mirrors": entry["mirrors"],
        "corroboration": entry["summary"],
        "independent_origins": len(entry["origins"]),
        "origins": entry["origins"],
        "single_recording": entry["single_recording"],
        "contradictions": [
            r for r in others if {polarity, r["claim"]["factuality"]["polarity"]} == {"positive", "negative"}
        ],
        **_denials(analysis, claim, article_id, claim_id, denial_index(local)),
        "count_conflicts": [c for c in conflict_list(local.figures) if article_id in c["articles"]],
        "graph": _graph([this, *others]),
    }


def _claim_rows(store: Store, reports: list[Any]) -> dict[tuple[int, str], Any]:
    """(article id, claim id) -> the claim's row and its quote's speaker, for these reports."""
    ids = sorted({r.article_id for r in reports})
    if not ids:
        return {}
    wanted = {(r.article_id, r.claim_id) for r in reports}
    found = store.session.execute(_ROWS.format(marks=", ".join("?" for _ in ids)), tuple(ids)).fetchall()
    return {(r["article_id"], r["claim_id"]): r for r in found if (r["article_id"], r["claim_id"]) in wanted}


def _row_report(report: ClaimReport, row: Any) -> dict:
    """What ``claim_view._report`` makes of an Analysis, made from the claim's rows (the two FactBank
    perspectives, ``source_value`` and ``author_value``, are not stored in rows: left empty)."""
    factuality = Factuality(
        certainty=row["certainty"], polarity=row["polarity"], value=report.factuality,
        cues=json.loads(row["cues"] or "[]"),
    )
    claim = Claim(id=report.claim_id, text=report.text, start=row["start"], end=row["end"],
                  quote_id=row["quote_id"], chain=list(report.chain), factuality=factuality)
    chain = [link.model_dump(mode="json") for link in report.chain]
    if not chain and row["speaker"]:  # as ``claim_view.chain_of``: the quote's speaker
        chain.append(ChainLink(name=row["speaker"], role="speaker", kind="person").model_dump(mode="json"))
    if not chain or chain[-1]["role"] != "article":
        label = report.outlet or report.title or report.document
        chain.append(ChainLink(name=label, role="article", kind="outlet").model_dump(mode="json"))
    return {
        "article": str(report.article_id),
        "title": report.title or report.document,
        "outlet": report.outlet,
        "date": report.date,
        "claim": claim.model_dump(mode="json"),
        "chain": chain,
    }


def _local_cross(store: Store, group: Any, article_id: int, reports: list[int]) -> CrossViews:
    """Stories, count contradictions and denials among the claim's article, its reports' articles
    and those sharing its specific names (``claim_links.named_neighbours``), at most
    LOCAL_ARTICLES in all."""
    from purportedly.corpus import contradictions, stories
    from purportedly.corpus.claim_links import named_neighbours
    from purportedly.corpus.denials import denials
    from purportedly.corpus.store_view import SubsetView

    near = [article_id, *reports[: LOCAL_ARTICLES - 1]]
    near += named_neighbours(store, article_id, LOCAL_ARTICLES)
    view = SubsetView(store, list(dict.fromkeys(near))[:LOCAL_ARTICLES])
    story_list = stories(view)
    return CrossViews(
        stories=story_list, quotes=[], claims=[group],
        figures=contradictions(view, story_list=story_list),
        denials=denials(view, story_list=story_list),
    )
