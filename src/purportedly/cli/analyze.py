"""`purportedly analyze`: analyse files or stdin; print a readable rendering or write JSON."""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from purportedly.analysis import analyze_inputs, output_path, write_json
from purportedly.cli.app import app
from purportedly.cli.limits import MaxChars, MaxFileSize, Timeout, limits_from_options
from purportedly.limits import DEFAULT_TIMEOUT, Limits
from purportedly.model import Analysis
from purportedly.nlp.pipeline import DEFAULT_MODEL, ModelNotInstalled, load_pipeline
from purportedly.outputs import OutputError
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
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="write <input>.json files here (folders kept)")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="--out: overwrite files that are not ours")] = False,
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
    if out is not None and out.exists() and not out.is_dir():
        message = f"[red]error:[/red] --out {escape(str(out))}: not a directory; nothing analysed"
        errors.print(message, highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    failed = 0
    try:
        profiler = _profiler(model) if profile else nullcontext()
        with profiler as timings:
            sink = _Sink(format, out, force, claims, console, errors)
            failed = _run(inputs, model, batch_size, n_process, sink, limits)
        if timings is not None:
            render_profile(timings, errors)
    except ModelNotInstalled as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    if failed:
        raise typer.Exit(1)


def _profiler(model: str) -> AbstractContextManager[Profile]:
    # wrap the very pipeline object analyze_inputs will use (load_pipeline is cached)
    return profile_pipeline(load_pipeline(model))


class StdoutClosed(Exception):
    """Standard output stopped taking writes; the run stops, saying so in one line."""


class _Sink:
    """Where results go: --out files (atomic, unique names), JSON or a rendering on stdout.

    A file that cannot be written is one error line and the run goes on; the end says how
    many were written and how many were not.
    """

    def __init__(
        self,
        format: OutputFormat,
        out: Path | None,
        force: bool,
        claims: bool,
        console: Console,
        errors: Console,
    ) -> None:
        self.format, self.out, self.force, self.claims = format, out, force, claims
        self.console, self.errors = console, errors
        self.written: set[Path] = set()
        self.not_written = 0

    def put(self, result: Analysis) -> bool:
        """Output one result; False if its file could not be written. StdoutClosed when standard
        output no longer takes writes (disk full, a closed pipe): nothing more can be shown."""
        if self.out is None:
            try:
                self._show(result)
            except OSError as exc:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (so the exit flush cannot fail again)
                raise StdoutClosed(f"standard output: cannot write: {exc.strerror or exc}") from exc
            return True
        try:
            target = write_json(result, self.out, force=self.force, written=self.written)
        except OutputError as exc:
            self.not_written += 1
            self.error(f"{result.document}: not written: {exc}")
            return False
        expected = output_path(self.out, result.document)
        if target != expected:  # two documents asked for one file name: say where the second went
            self.errors.print(
                f"note: {escape(result.document)}: {escape(str(expected))} was already written in this run;"
                f" wrote {escape(str(target))}",
                highlight=False,
                soft_wrap=True,
            )
        return True

    def _show(self, result: Analysis) -> None:
        if self.format is OutputFormat.json:
            text = result.to_json()
            self.console.print_json(text) if self.console.is_terminal else print(text)
        else:
            from purportedly.render.terminal import render_analysis

            render_analysis(result, self.console, claims_only=self.claims)

    def error(self, message: str) -> None:
        self.errors.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)

    def summary(self) -> None:
        if self.out is not None and self.not_written:
            self.errors.print(
                f"wrote {len(self.written)} analyses under {escape(str(self.out))};"
                f" {self.not_written} could not be written (named above)",
                highlight=False,
            )


def _run(
    inputs: list[str],
    model: str,
    batch_size: int,
    n_process: int,
    sink: _Sink,
    limits: Limits | None = None,
) -> int:
    """Analyse and output each result as soon as it is ready; return how many inputs failed."""
    failed = 0
    results = analyze_inputs(inputs, model=model, batch_size=batch_size, n_process=n_process, limits=limits)
    shown = 0
    for result in results:
        if isinstance(result, ReadFailure):
            failed += 1
            sink.errors.print(f"[red]error:[/red] {escape(str(result))}", highlight=False, soft_wrap=True)
            continue
        try:
            if sink.put(result):
                shown += 1
            else:
                failed += 1
        except StdoutClosed as exc:
            sink.error(f"{exc}; stopped after {shown} result(s)")
            return failed + 1
    sink.summary()
    return failed
