"""The JSON API behind the pages: corpus search and views, one article, one claim, ad-hoc analysis."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from purportedly.model import Analysis
from purportedly.web import corpus_stats, corpus_views
from purportedly.web.claim_lookup import claim_page
from purportedly.web.queries import CorpusReader

MAX_PASTED_CHARS = 300_000  # a very long feature is ~60k characters; this bounds the work per request

router = APIRouter(prefix="/api")
_analyse_lock = threading.Lock()  # one spaCy pipeline object is shared; run one analysis at a time


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
    with reader.lock:
        store = reader.readable()
        view = claim_page(store, article_id, claim_id) if store is not None else None
    if view is None:
        raise HTTPException(404, "no such claim")
    return view


@router.get("/stories")
def stories(request: Request) -> list[dict]:
    """Same-story clusters: articles that retell the same quotes or claims."""
    reader: CorpusReader = request.app.state.corpus
    return reader.cached("stories", reader.with_store(corpus_views.stories))


@router.get("/sources")
def sources(request: Request) -> list[dict]:
    """Sources with how many articles cite them and the share of mentions in hedged sentences."""
    return request.app.state.corpus.cached("sources", corpus_stats.sources)


@router.get("/entities")
def entities(request: Request) -> list[dict]:
    return request.app.state.corpus.cached("entities", corpus_stats.entities)


@router.get("/timeline")
def timeline(request: Request) -> list[dict]:
    """Dated events: every time expression fixed to a day, oldest first."""
    return request.app.state.corpus.cached("timeline", corpus_stats.timeline)


@router.get("/counts")
def counts(request: Request) -> dict:
    return request.app.state.corpus.cached("counts", corpus_stats.counts)


@router.post("/analyze", response_model=Analysis)
def analyze(pasted: PastedArticle) -> Analysis:
    """Analyse a pasted article without storing it."""
    from purportedly.analysis import analyze as run_analysis

    with _analyse_lock:
        return run_analysis(pasted.text, document=pasted.document)
