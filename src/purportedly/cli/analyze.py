"""`purportedly analyze`: analyse files or stdin; print a readable rendering or write JSON."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from purportedly.analysis import analyze_inputs, write_json
from purportedly.cli.app import app
from purportedly.cli.limits import MaxChars, MaxFileSize, Timeout, limits_from_options
from purportedly.limits import DEFAULT_TIMEOUT, Limits
from purportedly.nlp.pipeline import DEFAULT_MODEL, ModelNotInstalled, load_pipeline
from purportedly.profiling import Profile, profile_pipeline, render_profile
from purportedly.reading import ReadFailure


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="files, directories or '-' for stdin")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text (terminal) or json")] = (
        OutputFormat.text
    ),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write <input>.json files here")] = None,
    model: Annotated[str, typer.Option(help="spaCy model to load by name or path")] = DEFAULT_MODEL,
    claims: Annotated[bool, typer.Option("--claims", help="show only claims with their provenance")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="articles per nlp.pipe batch")] = 32,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="worker processes")] = 1,
    profile: Annotated[bool, typer.Option("--profile", help="print time per stage to stderr")] = False,
    max_file_size: MaxFileSize = None,
    max_chars: MaxChars = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> None:
    """Analyse articles: quotes and speakers, sources, claims, hedges, counts, times."""
    console = Console()
    errors = Console(stderr=True)
    limits = limits_from_options(max_file_size, max_chars, timeout)
    failed = 0
    try:
        profiler = _profiler(model) if profile else nullcontext()
        with profiler as timings:
            failed = _run(inputs, model, batch_size, n_process, format, out, claims, console, errors, limits)
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
    limits: Limits | None = None,
) -> int:
    """Analyse and output each result as soon as it is ready; return how many inputs failed."""
    failed = 0
    results = analyze_inputs(inputs, model=model, batch_size=batch_size, n_process=n_process, limits=limits)
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
