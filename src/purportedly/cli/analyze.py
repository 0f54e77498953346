"""`purportedly analyze`: analyse files or stdin; print a readable rendering or write JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from purportedly.analysis import analyze_inputs, write_json
from purportedly.cli.app import app
from purportedly.nlp.pipeline import DEFAULT_MODEL, ModelNotInstalled
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
) -> None:
    """Analyse articles: quotes and speakers, sources, claims, hedges, counts, times."""
    console = Console()
    errors = Console(stderr=True)
    failed = 0
    try:
        results = analyze_inputs(inputs, model=model)
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
    except ModelNotInstalled as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if failed:
        raise typer.Exit(1)
