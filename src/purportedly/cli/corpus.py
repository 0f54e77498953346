"""Corpus verbs (ingest, search, claims, stories, contradictions, export): thin wrappers over the library."""

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


class ExportTable(StrEnum):
    claims = "claims"
    quotes = "quotes"
    articles = "articles"
    counts = "counts"


def _open(db: str, must_exist: bool = True):
    from purportedly.store import Store, parse_target

    backend, location = parse_target(db)
    # a database server is checked by connecting; only a file can be missing beforehand
    if must_exist and backend == "sqlite" and not Path(location).exists():
        Console(stderr=True).print(
            f"[red]error:[/red] no corpus at {escape(db)}; run `purportedly ingest ... --db {escape(db)}`"
        )
        raise typer.Exit(2)
    try:
        return Store.open(db)
    except (ImportError, ConnectionError) as exc:  # psycopg not installed; database server unreachable
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, directories, JSONL/CSV corpora, '-'")],
    db: Db = DEFAULT_DB,
    model: Annotated[str, typer.Option(help="spaCy model to load by name or path")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option("--batch-size", help="articles per nlp.pipe batch")] = 32,
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
    from purportedly.store import redact

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
        try:
            nlp = load_pipeline(model)
        except ModelNotInstalled as exc:
            errors.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from exc
        with _open(db, must_exist=False) as store:
            summary = _with_progress(
                errors,
                lambda report: ingest_paths(
                    store, inputs, nlp=nlp, batch_size=batch_size, on_progress=report, limits=limits
                ),
            )
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


@app.command()
def claims(
    about: Annotated[str | None, typer.Option("--about", help="claims naming this")] = None,
    db: Db = DEFAULT_DB,
    min_reports: Annotated[int, typer.Option("--min-reports", help="carried by this many articles")] = 1,
) -> None:
    """Claims across the corpus: the reports carrying each, and how many independent origins."""
    from purportedly.corpus import claims_about, corroboration

    store = _open(db)
    found = claims_about(store, about) if about else corroboration(store)
    console = Console()
    shown = 0
    for claim in found:
        if len(claim.article_ids) < min_reports:
            continue
        shown += 1
        console.print(f"[bold]{escape(claim.text)}[/bold]", highlight=False)
        console.print(f"  {escape(claim.summary)}", highlight=False)
        for report in claim.reports:
            where = " · ".join(filter(None, [report.outlet, report.date, report.document]))
            console.print(
                escape(f"   - {where}: {report.origin.label} [{report.factuality}]"), highlight=False
            )
    if not shown:
        console.print("no claims")


@app.command()
def stories(
    db: Db = DEFAULT_DB,
    all_: Annotated[bool, typer.Option("--all", help="also single-article stories")] = False,
) -> None:
    """Same-story clusters: articles (re-)telling one story, by shingle overlap and shared quotes."""
    from purportedly.corpus import stories as find_stories

    table = Table("story", "articles", "first date", "headline", "outlets")
    for story in find_stories(_open(db)):
        if story.size > 1 or all_:
            table.add_row(
                str(story.id), str(story.size), story.first_date or "", story.label, ", ".join(story.outlets)
            )
    Console().print(table)


@app.command()
def contradictions(db: Db = DEFAULT_DB) -> None:
    """Counts of one event that differ across reports (11 killed in one, 12 in another)."""
    from purportedly.corpus import contradictions as find_contradictions

    console = Console()
    found = find_contradictions(_open(db))
    for item in found:
        console.print(f"[bold]{escape(item.summary)}[/bold]", highlight=False)
        for report in item.reports:
            who = f" (according to {report.attributed_to})" if report.attributed_to else ""
            console.print(
                escape(f"   - {report.outlet or report.document}: {report.text}{who}"), highlight=False
            )
    if not found:
        console.print("no contradictions")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="the export format")],
    out: Annotated[Path, typer.Option("--out", "-o", help="the file to write")],
    db: Db = DEFAULT_DB,
    table: Annotated[ExportTable, typer.Option(help="table for csv/parquet")] = ExportTable.claims,
    min_reports: Annotated[int, typer.Option("--min-reports", help="claimreview: carried by this many")] = 1,
) -> None:
    """Export the corpus: JSONL, CSV/Parquet tables, GraphML provenance graph, ClaimReview JSON-LD."""
    from purportedly.exports import export as write_export

    written = write_export(_open(db), format.value, out, table=table.value, min_reports=min_reports)
    Console(stderr=True).print(f"wrote {written} record(s) to {out}", highlight=False)


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
