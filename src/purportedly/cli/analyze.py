"""`purportedly analyze`: analyse files or stdin; print a readable rendering or write JSON."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from purportedly.analysis import analyze_inputs, write_json
from purportedly.cli.app import app
from purportedly.nlp.pipeline import DEFAULT_MODEL, ModelNotInstalled, load_pipeline
from purportedly.profiling import Profile, profile_pipeline, render_profile
from purportedly.reading import ReadFailure


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(..., help="files, directories or '-' for stdin"),
    format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text (terminal) or json"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write one <input name>.json per input here"),
    model: str = typer.Option(DEFAULT_MODEL, help="spaCy model to load by name or path"),
    claims: bool = typer.Option(False, "--claims", help="show only claims with their provenance"),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="articles per nlp.pipe batch"),
    n_process: int = typer.Option(1, "--n-process", min=1, help="worker processes (each loads the model)"),
    profile: bool = typer.Option(False, "--profile", help="print the time spent in each stage (to stderr)"),
) -> None:
    """Analyse articles: quotes and speakers, sources, claims, hedges, counts, times."""
    console = Console()
    errors = Console(stderr=True)
    failed = 0
    try:
        profiler = _profiler(model) if profile else nullcontext()
        with profiler as timings:
            failed = _run(inputs, model, batch_size, n_process, format, out, claims, console, errors)
        if timings is not None:
            render_profile(timings, errors)
    except ModelNotInstalled as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if failed:
        raise typer.Exit(1)


def _profiler(model: str) -> AbstractContextManager[Profile]:
    # wrap the very pipeline object analyze_inputs will use (load_pipeline is cached)
    return profile_pipeline(load_pipeline(model))


def _run(
    inputs: list[str],
    model: str,
    batch_size: int,
    n_process: int,
    format: OutputFormat,
    out: Path | None,
    claims: bool,
    console: Console,
    errors: Console,
) -> int:
    """Analyse and output each result as soon as it is ready; return how many inputs failed."""
    failed = 0
    results = analyze_inputs(inputs, model=model, batch_size=batch_size, n_process=n_process)
    for result in results:
        if isinstance(result, ReadFailure):
            failed += 1
            errors.print(f"[red]error:[/red] {result}", highlight=False, soft_wrap=True)
            continue
        if out is not None:
            write_json(result, out)
        elif format is OutputFormat.json:
            console.print_json(result.to_json()) if console.is_terminal else print(result.to_json())
        else:
            from purportedly.render.terminal import render_analysis

            render_analysis(result, console, claims_only=claims)
    return failed
