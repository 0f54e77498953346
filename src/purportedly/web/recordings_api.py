"""The recordings registry in the workspace: the list page and one page per recording."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from purportedly.model import Analysis
from purportedly.web.queries import CorpusReader, colleague_corpus

router = APIRouter(prefix="/api")


def _registry(items: list[tuple[str, Analysis]], store=None) -> list[dict]:
    """Every registry entry as JSON, computed once per version of the stored corpus (streamed from
    the store's recordings table when there is a store)."""
    from purportedly.corpus.recordings import recordings

    source = colleague_corpus(items, store)
    return [] if source is None else [e.model_dump(mode="json") for e in recordings(source)]


def registry(request: Request) -> list[dict]:
    reader: CorpusReader = request.app.state.corpus
    return reader.cached("recordings", reader.with_store(_registry))


@router.get("/recordings")
def recordings_list(request: Request) -> list[dict]:
    """Released recordings: kind, releaser, release date, participants, how many outlets carried each."""
    return [
        {key: entry[key] for key in entry if key not in ("carriages", "quote_variants")}
        | {"carriages": len(entry["carriages"]), "outlets": _outlets(entry)}
        for entry in registry(request)
    ]


@router.get("/recordings/{entry_id}")
def recording_page(request: Request, entry_id: str) -> dict:
    """One recording: participants, quotes, every carriage in date order, hedges by outlet."""
    found = next((e for e in registry(request) if e["id"] == entry_id), None)
    if found is None:
        raise HTTPException(404, "no such recording")
    return found


def _outlets(entry: dict) -> list[str]:
    return list(dict.fromkeys(c["outlet"] or c["document"] for c in entry["carriages"]))
