"""`purportedly serve`: the analyst workspace (web pages + JSON API) over a SQLite or PostgreSQL store."""

from __future__ import annotations

import os
import secrets
import threading
from typing import Annotated

import typer

from purportedly.cli.app import app

TOKEN_ENV = "PURPORTEDLY_TOKEN"


@app.command()
def serve(
    db: Annotated[
        str,
        typer.Option(
            "--db", help="the corpus store: a SQLite file, or a postgresql://user:pass@host/dbname URL"
        ),
    ],
    host: Annotated[str, typer.Option(help="address to bind; non-loopback ones need --token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help=f"access token every request must carry, at least 16 characters; 'auto' makes one and"
            f" prints it once (or set ${TOKEN_ENV}, which keeps it out of the process list)",
            show_default=False,
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host", help="also answer to this Host name (e.g. a proxy's); repeatable"
        ),
    ] = None,
) -> None:
    """Serve the workspace: search, article and claim views, corpus charts, analyse-a-paste."""
    from purportedly.web.security import TokenRequired, check_bind  # web deps load only for this verb

    token = token or os.environ.get(TOKEN_ENV) or None
    if token == "auto":
        token = secrets.token_urlsafe(24)
        typer.echo(f"access token (shown once; keep it): {token}")
    try:
        check_bind(host, token)
    except TokenRequired as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    _check_store(db)
    import uvicorn

    from purportedly.nlp.pipeline import load_pipeline
    from purportedly.web import create_app

    # load the spaCy pipeline while the analyst opens the page, so the first pasted article is quick
    threading.Thread(target=load_pipeline, daemon=True, name="warm-up").start()

    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"purportedly workspace on http://{shown}:{port}/" + (" (token required)" if token else ""))
    web = create_app(db, token=token, host=host, allowed_hosts=allowed_host or ())
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _check_store(db: str) -> None:
    """Refuse to start on what is not a corpus store (a missing or foreign file, an unknown URL
    scheme) or a database server we cannot reach: one line, exit status 2."""
    from purportedly.store import Store, redact
    from purportedly.store.url import StoreError

    try:
        Store.open(db, read_only=True).close()
    except (ImportError, ConnectionError, StoreError) as exc:  # psycopg not installed; server unreachable
        message = redact(str(exc))
        if "file not found" in message:
            message = f"no corpus at {redact(db)}; ingest articles into it first"
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(2) from exc
