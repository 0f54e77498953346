"""The JSON API behind the pages: corpus search and views, one article, one claim, ad-hoc analysis."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from purportedly.model import Analysis
from purportedly.store import tallies
from purportedly.web import corpus_stats, corpus_views, cross_views
from purportedly.web.claim_stored import links_ready, stored_claim
from purportedly.web.claim_view import claim_view, conflict_list, group_index
from purportedly.web.corpus_views import normalise
from purportedly.web.queries import CorpusReader, StoredAnalyses

MAX_PASTED_CHARS = 300_000  # a very long feature is ~60k characters; this bounds the work per request

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=5000)]  # rows per page of a corpus-wide list
Offset = Annotated[int, Query(ge=0)]


class PastedArticle(BaseModel):
    text: str = Field(max_length=MAX_PASTED_CHARS, description="the article text, in any layout")
    document: str = Field("pasted article", max_length=200)


@router.get("/health")
def health() -> dict:
    return {"ok": True}


@router.get("/facets")
def facets(request: Request) -> dict:
    """Values the search filters offer: outlets, speakers, sources, factuality values, date range."""
    return request.app.state.corpus.cached_query("facets", corpus_views.facets)


@router.get("/search")
def search(
    request: Request,
    q: str = "",
    speaker: str = "",
    source: str = "",
    outlet: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    factuality: str = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    """Articles matching every filter given (text, speaker, source, outlet, date range, factuality)."""
    filters = corpus_views.SearchFilters(q, speaker, source, outlet, date_from, date_to, factuality)
    reader: CorpusReader = request.app.state.corpus
    with reader.lock:
        return corpus_views.search(reader.readable(), filters, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=Analysis)
def article(request: Request, article_id: str) -> Analysis:
    """One stored article's full analysis."""
    found = request.app.state.corpus.get(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    return found


@router.get("/articles/{article_id}/claims/{claim_id}")
def claim(request: Request, article_id: str, claim_id: str) -> dict:
    """A claim's provenance graph, the other reports carrying it, its origins and contradictions."""
    reader: CorpusReader = request.app.state.corpus
    if reader.cached_query("links_current", links_ready):
        # the groups kept at ingest: indexed SQL and the shown articles, never the whole corpus
        found = stored_claim(reader, article_id, claim_id)
        if found is None:
            raise HTTPException(404, "no such claim")
        return found
    cross = _cross(reader)
    groups = reader.cached_query("claim_groups", lambda _: group_index(cross.claims) if cross else None)
    conflicts = reader.cached_query(
        "count_conflicts", lambda _: conflict_list(cross.figures) if cross else []
    )
    denials = reader.cached_query("denials", lambda _: cross_views.denial_index(cross) if cross else None)
    view = claim_view(StoredAnalyses(reader), article_id, claim_id, groups, conflicts, denials)
    if view is None:
        raise HTTPException(404, "no such claim")
    return view


def _cross(reader: CorpusReader) -> cross_views.CrossViews | None:
    """Stories, quotes, corroboration, figures and denials: computed once per corpus version."""
    return reader.cached_query("cross", cross_views.compute_store)


@router.get("/stories")
def stories(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Stories told by two or more articles (with copies and shared quotes), largest first, one
    page (``told``: how many in all), and how many articles stand alone."""
    reader: CorpusReader = request.app.state.corpus
    cross = _cross(reader)
    with reader.lock:
        return cross_views.stories_page(reader.readable(), cross, limit, offset)


@router.get("/contradictions")
def contradictions(request: Request, limit: Limit = 1000, offset: Offset = 0) -> list[dict]:
    """Figures that differ across reports: contradictions (one day) and revisions (over days),
    each report with its date, outlet, source and sentence."""
    reader: CorpusReader = request.app.state.corpus
    cross = _cross(reader)
    found = reader.cached_query("contradictions", lambda _: cross_views.figures_page(cross))
    return found[offset : offset + limit]


def _tallied(reader: CorpusReader, name: str, compute: Any, empty: Any) -> Any:
    """A page's aggregate rows (SQL, ``store.tallies``), computed once per version of the corpus."""
    return reader.cached_query(name, lambda store: compute(store.session, normalise) if store else empty)


@router.get("/sources")
def sources(request: Request, limit: Limit = 200, offset: Offset = 0) -> list[dict]:
    """Sources with how many articles cite them and the share of mentions in hedged sentences,
    most cited first, one page (``limit``, ``offset``); each with its first articles."""
    reader: CorpusReader = request.app.state.corpus
    groups = _tallied(reader, "source_groups", tallies.source_groups, [])
    with reader.lock:
        store = reader.readable()
        return corpus_stats.source_rows(store, groups, limit, offset) if store else []


@router.get("/entities")
def entities(request: Request, limit: Limit = 200, offset: Offset = 0) -> list[dict]:
    """Entities under one name with every alias and descriptor, most cited first, one page."""
    reader: CorpusReader = request.app.state.corpus
    groups = _tallied(reader, "entity_groups", tallies.entity_groups, [])
    with reader.lock:
        store = reader.readable()
        return corpus_stats.entity_rows(store, groups, limit, offset) if store else []


@router.get("/timeline")
def timeline(request: Request, limit: Limit = 1000, offset: Offset = 0) -> list[dict]:
    """Dated events: every time expression fixed to a day, oldest first, one page."""
    reader: CorpusReader = request.app.state.corpus
    with reader.lock:
        store = reader.readable()
        return corpus_stats.timeline_rows(store, limit, offset) if store else []


@router.get("/counts")
def counts(request: Request, limit: Limit = 1000, offset: Offset = 0) -> dict:
    """One page of counted events (article order), and every counted thing with its figures."""
    reader: CorpusReader = request.app.state.corpus
    by_what = _tallied(reader, "counted_things", tallies.counted_things, [])
    with reader.lock:
        store = reader.readable()
        if store is None:
            return {"counts": [], "by_what": []}
        return corpus_stats.count_rows(store, by_what, limit, offset)


@router.post("/analyze", response_model=Analysis)
def analyze(pasted: PastedArticle) -> Analysis:
    """Analyse a pasted article without storing it; a pathological one (see ``shape``) is a 422
    naming the limit, before it can take the server's memory."""
    from purportedly.analysis import analyze as run_analysis
    from purportedly.shape import shape_problem

    problem = shape_problem(pasted.text)
    if problem:
        raise HTTPException(422, problem)
    # no lock: the shared pipeline keeps no per-Doc state (tests/test_nlp_pipeline.py runs it in threads)
    return run_analysis(pasted.text, document=pasted.document)
