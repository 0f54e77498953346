"""Corpus verbs (ingest, search, claims, stories, contradictions, export, recordings): thin wrappers
over the library."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from purportedly.cli.app import app
from purportedly.cli.limits import MaxChars, MaxFileSize, Timeout, limits_from_options
from purportedly.limits import DEFAULT_TIMEOUT
from purportedly.nlp.pipeline import DEFAULT_MODEL, ModelNotInstalled

Db = Annotated[
    str, typer.Option("--db", help="the corpus: a SQLite file, or a postgresql://user:pass@host/dbname URL")
]
DEFAULT_DB = "purportedly.db"


class ExportFormat(StrEnum):
    claimreview = "claimreview"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"
    recordings_jsonl = "recordings-jsonl"
    recordings_csv = "recordings-csv"


class ExportTable(StrEnum):
    claims = "claims"
    quotes = "quotes"
    articles = "articles"
    counts = "counts"
    recordings = "recordings"
    carriages = "carriages"


def _open(db: str, *, read_only: bool = True):
    """The store at ``db``; read-only verbs open it read-only and need a corpus in it. Anything
    else (a missing or foreign file, an unknown URL scheme, a server out of reach) is one line and
    exit status 2."""
    from purportedly.store import Store
    from purportedly.store.url import StoreError, redact

    try:
        store = Store.open(db, read_only=read_only)
        return store.require_corpus() if read_only else store
    except (ImportError, ConnectionError, StoreError) as exc:  # no psycopg; server unreachable; not a store
        message = str(exc)
        if read_only and "file not found" in message:
            message = f"no corpus at {redact(db)}; run `purportedly ingest ... --db {redact(db)}`"
        line = f"[red]error:[/red] {escape(redact(message))}"
        Console(stderr=True).print(line, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, directories, JSONL/CSV corpora, '-'")],
    db: Db = DEFAULT_DB,
    model: Annotated[str, typer.Option(help="spaCy model to load by name or path")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="articles per nlp.pipe batch")] = 32,
    # --- scale (issue 7): distributed ingest, implemented in purportedly.engines.dask
    engine: Annotated[str, typer.Option(help="local, or dask (a cluster; see README 'Scale')")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler, tcp://host:8786")] = None,
    parquet: Annotated[Path | None, typer.Option(help="with --engine dask: also write rows here")] = None,
    max_file_size: MaxFileSize = None,
    max_chars: MaxChars = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> None:
    """Analyse articles into a corpus; resumable (stored articles are skipped), errors kept in the store."""
    from purportedly.engines.ingest import ingest_paths
    from purportedly.nlp.pipeline import load_pipeline
    from purportedly.store.ingest import StoreWriteError
    from purportedly.store.url import redact

    limits = limits_from_options(max_file_size, max_chars, timeout)
    errors = Console(stderr=True)
    if engine == "dask" or scheduler:
        from purportedly.engines.dask import ingest_with_dask

        where = scheduler or "a local cluster (2 worker processes)"
        errors.print(f"analysing on Dask: {where}", highlight=False, markup=False)
        options = {"model": model, "batch_size": batch_size, "limits": limits}
        summary = _with_progress(
            errors,
            lambda report: ingest_with_dask(
                inputs, db=db, parquet=parquet, scheduler=scheduler, on_progress=report, **options
            ),
        )
        written = redact(db) + (f" and {parquet}" if parquet else "")
    elif engine != "local" or parquet is not None:
        raise typer.BadParameter("--engine is local or dask; --parquet needs --engine dask")
    else:
        store = _open(db, read_only=False)  # first: a wrong --db is refused before the model loads
        with store:
            try:
                nlp = load_pipeline(model)
            except ModelNotInstalled as exc:
                errors.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
                raise typer.Exit(2) from exc
            try:
                summary = _with_progress(
                    errors,
                    lambda report: ingest_paths(
                        store, inputs, nlp=nlp, batch_size=batch_size, on_progress=report, limits=limits
                    ),
                )
            except StoreWriteError as exc:
                errors.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
                done = exc.summary
                errors.print(
                    f"stopped: stored {done.stored}, skipped {done.skipped}, failed {done.failed} before the"
                    " store failed; the rest was not stored (re-run to resume)",
                    highlight=False,
                    soft_wrap=True,
                )
                raise typer.Exit(1) from exc
            written = store.location
    counts = f"stored {summary.stored}, skipped {summary.skipped}, failed {summary.failed}"
    # file names and URLs are printed as text: a name with '[/]' is not Rich markup
    errors.print(f"{counts}: {written}", highlight=False, markup=False)
    if summary.failed:
        raise typer.Exit(1)


def _with_progress(errors: Console, run):
    """``run(on_progress)`` under a progress line on stderr; failed inputs are listed as they come."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=False) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_progress(outcome: str, name: str) -> None:
            progress.update(task, advance=1, description=escape(f"{outcome} {name[-40:]}"))
            if outcome == "failed":
                progress.console.print(f"[red]failed:[/red] {escape(name)}", highlight=False)

        return run(on_progress)


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='words that must all occur; "quoted phrase" for a phrase')],
    db: Db = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="quotes by this speaker")] = None,
    source: Annotated[str | None, typer.Option(help="articles citing this source")] = None,
    outlet: Annotated[str | None, typer.Option(help="articles from this outlet")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before YYYY-MM-DD")] = None,
    factuality: Annotated[str | None, typer.Option(help="claims only: certain/probable/possible")] = None,
    limit: Annotated[int, typer.Option(help="at most this many hits")] = 20,
) -> None:
    """Full-text search of article text, quotes and claims, with a snippet per hit."""
    store = _open(db)
    try:
        hits = store.search(
            query,
            speaker=speaker,
            source=source,
            outlet=outlet,
            since=_date(since),
            until=_date(until),
            factuality=factuality,
            limit=limit,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    console = Console()
    if not hits:
        console.print("no matches")
    for hit in hits:
        where = " · ".join(filter(None, [hit.outlet, hit.date, hit.document]))
        who = f" — {hit.speaker}" if hit.speaker else ""
        console.print(f"[bold]{hit.kind}[/bold] [dim]{escape(where)}[/dim]{escape(who)}", highlight=False)
        snippet = Text("  " + hit.snippet)
        snippet.highlight_regex(r"\[[^\]]*\]", "bold yellow")
        console.print(snippet, highlight=False)


AsJson = Annotated[bool, typer.Option("--json", help="print a JSON list (shape in the README)")]


def _print_json(value) -> None:
    import json

    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@app.command()
def claims(
    about: Annotated[str | None, typer.Option("--about", help="claims naming this")] = None,
    db: Db = DEFAULT_DB,
    min_reports: Annotated[int, typer.Option("--min-reports", help="carried by this many articles")] = 1,
    as_json: AsJson = False,
) -> None:
    """Claims across the corpus: the articles carrying each, copies, and independent origins."""
    from purportedly.corpus import claims_about, corroboration

    store = _open(db)
    found = claims_about(store, about) if about else corroboration(store)
    found = [claim for claim in found if len(claim.article_ids) >= min_reports]
    if as_json:
        documents = {r.article_id: r.document for claim in found for r in claim.reports}
        _print_json([claim.as_json(documents) for claim in found])
        return
    console = Console()
    for claim in found:
        console.print(f"[bold]{escape(claim.text)}[/bold]", highlight=False)
        console.print(f"  {escape(claim.summary)}", highlight=False)
        for report in claim.reports:
            where = " · ".join(filter(None, [report.outlet, report.date, report.document]))
            console.print(
                escape(f"   - {where}: {report.origin.label} [{report.factuality}]"), highlight=False
            )
    if not found:
        console.print("no claims")


@app.command()
def stories(
    db: Db = DEFAULT_DB,
    all_: Annotated[bool, typer.Option("--all", help="also single-article stories")] = False,
    as_json: AsJson = False,
) -> None:
    """Same-story clusters: articles telling one story (shared names, figures, dates, quotes, words)."""
    from purportedly.corpus import quote_groups
    from purportedly.corpus import stories as find_stories
    from purportedly.corpus.clusters import told_stories

    store = _open(db)
    quotes = quote_groups(store)
    found = find_stories(store, quotes=quotes)
    shown = found if all_ else told_stories(found)
    if as_json:
        _print_json([{**story.as_json(), "quotes": _story_quotes(story, quotes)} for story in shown])
        return
    console = Console()
    if not shown:
        console.print(f"nothing clustered: each of the {len(found)} stored article(s) tells its own story")
        return
    table = Table("story", "articles", "first date", "headline", "outlets", "copies")
    for story in shown:
        document = dict(zip(story.article_ids, story.documents, strict=True))
        copies = "; ".join(" = ".join(document[i] for i in group) for group in story.mirrors)
        table.add_row(
            str(story.id),
            str(story.size),
            story.first_date or "",
            escape(story.label),
            escape(", ".join(story.outlets)),
            escape(copies),
        )
    console.print(table)
    for story in shown:
        for quote in _story_quotes(story, quotes):
            line = f"story {story.id}: \"{quote['text']}\" in {quote['articles']} articles, {quote['first']}"
            console.print(escape(line), highlight=False)


def _story_quotes(story, quotes) -> list[dict]:
    """The quotes a story's articles share, with their first appearance."""
    members = set(story.article_ids)
    return [
        {"text": q.text, "articles": len(q.article_ids), "first": q.first_appearance}
        for q in quotes
        if set(q.article_ids) <= members
    ]


@app.command()
def contradictions(db: Db = DEFAULT_DB, as_json: AsJson = False) -> None:
    """Figures that differ across reports: contradictions (one day) and revisions (over days)."""
    from purportedly.corpus import contradictions as find_contradictions

    found = find_contradictions(_open(db))
    if as_json:
        _print_json([item.as_json() for item in found])
        return
    console = Console()
    for item in found:
        flags = f" [{'; '.join(item.flags)}]" if item.flags else ""
        console.print(f"[bold]{item.kind}: {escape(item.label)}{escape(flags)}[/bold]", highlight=False)
        for report in item.reports:
            figure = f"{report.qualifier} {report.number}" if report.qualifier else str(report.number)
            who = f", according to {report.attributed_to}" if report.attributed_to else ""
            when = report.date or "undated"
            where = report.outlet or report.document
            console.print(escape(f"   {when}  {figure:>14}  {where}{who}"), highlight=False)
            console.print(escape(f"      \"{report.sentence or report.text}\""), highlight=False, style="dim")
    if not found:
        console.print("no contradictions or revisions")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="the export format")],
    out: Annotated[Path, typer.Option("--out", "-o", help="the file to write (never the store itself)")],
    db: Db = DEFAULT_DB,
    table: Annotated[
        ExportTable, typer.Option(help="table for csv/parquet; recordings or carriages for recordings-*")
    ] = ExportTable.claims,
    min_reports: Annotated[int, typer.Option("--min-reports", help="claimreview: carried by this many")] = 1,
    force: Annotated[bool, typer.Option("--force", help="overwrite --out if it exists")] = False,
) -> None:
    """Export the corpus: JSONL, CSV/Parquet tables, GraphML provenance graph, ClaimReview JSON-LD."""
    from purportedly.exports import export as write_export
    from purportedly.outputs import OutputError, check_target

    errors = Console(stderr=True)
    try:
        check_target(out, force=force)  # before opening the store: a refusal costs nothing
        options = {"table": table.value, "min_reports": min_reports, "force": force}
        written = write_export(_open(db), format.value, out, **options)
    except OutputError as exc:
        line = f"[red]error:[/red] {escape(str(exc))}; nothing written"
        errors.print(line, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    except ValueError as exc:  # a table the format has not
        errors.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    errors.print(f"wrote {written} record(s) to {escape(str(out))}", highlight=False)


@app.command()
def entities(
    db: Db = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC, ...")] = None,
    limit: Annotated[int, typer.Option(help="at most this many")] = 50,
) -> None:
    """Canonical people, places and organisations across the corpus, with aliases and articles."""
    from purportedly.corpus import entities as find_entities

    types = (type_.upper(),) if type_ else None
    table = Table("name", "type", "aliases", "articles", "mentions")
    for entity in find_entities(_open(db), types=types)[:limit]:
        table.add_row(
            escape(entity.name),
            entity.type,
            escape(", ".join(entity.aliases)),
            str(len(entity.article_ids)),
            str(entity.mentions),
        )
    Console().print(table)


@app.command()
def timeline(db: Db = DEFAULT_DB) -> None:
    """Dated events across the corpus in date order, with the counts in their sentences."""
    from purportedly.corpus import timeline as find_timeline

    console = Console()
    for event in find_timeline(_open(db)):
        counts = f" [{'; '.join(event.counts)}]" if event.counts else ""
        where = event.outlet or event.document
        console.print(escape(f"{event.date}  {where}: {event.sentence}{counts}"), highlight=False)


@app.command()
def recordings(
    db: Db = DEFAULT_DB,
    json_: Annotated[bool, typer.Option("--json", help="print the registry as a JSON list")] = False,
    min_carriages: Annotated[int, typer.Option("--min-carriages", help="carried by this many articles")] = 1,
) -> None:
    """Released recordings (intercepted calls, videos, audio) across the corpus: releaser, date,
    participants, and every outlet that carried each, first appearance first."""
    from purportedly.corpus.recordings import recordings as registry

    entries = registry(_open(db), min_carriages=min_carriages)
    if json_:
        import json

        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=1))
        return
    table = Table(
        "recording", "kind", "released by", "release date", "participants", "carried by", "verification"
    )
    for entry in entries:
        people = "; ".join(", ".join(filter(None, [p.role, p.name, p.unit])) for p in entry.participants)
        carried = ", ".join(f"{c.outlet or c.document} ({c.date or '?'})" for c in entry.carriages)
        table.add_row(
            entry.id,
            entry.kind,
            escape(entry.releaser or "unnamed"),
            entry.release_date or "unknown",
            escape(people),
            escape(carried),
            escape(entry.verification),
        )
    Console().print(table)
    if not entries:
        Console().print("no recordings")
