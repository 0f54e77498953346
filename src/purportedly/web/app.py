"""Build the workspace app: security, the JSON API, the static single-page UI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from purportedly import __version__
from purportedly.web.api import router
from purportedly.web.queries import CorpusReader
from purportedly.web.recordings_api import router as recordings_router
from purportedly.web.security import BodyLimit, install_security

STATIC = Path(__file__).resolve().parent / "static"


def _page(name: str) -> Response:
    # no-store: pages are tiny, and a stale shell after an upgrade would load mismatched modules
    return FileResponse(STATIC / name, media_type="text/html", headers={"Cache-Control": "no-store"})


def create_app(
    db: str | Path, token: str | None = None, *, host: str | None = None, allowed_hosts: Sequence[str] = ()
) -> FastAPI:
    """The workspace over the corpus store ``db`` (a SQLite path, ``sqlite:///path`` or a
    ``postgresql://`` URL); with ``token``, every request must carry it. ``host`` is the address
    the server is bound to: requests naming another host (DNS rebinding) are refused, except the
    names in ``allowed_hosts`` (None: no Host check, for tests and embedding)."""
    app = FastAPI(
        title="purportedly workspace",
        version=__version__,
        description="Who said it, through whom it reached the page, and how sure anyone is.",
        docs_url=None,  # the Swagger page loads scripts from a CDN, which the CSP (rightly) blocks
        redoc_url=None,
    )
    app.state.corpus = CorpusReader(db)
    install_security(app, token, host, allowed_hosts)
    app.add_middleware(BodyLimit)
    app.include_router(router)
    app.include_router(recordings_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return _page("index.html")

    @app.get("/login", include_in_schema=False)
    def login_page() -> Response:
        return _page("login.html")

    return app
