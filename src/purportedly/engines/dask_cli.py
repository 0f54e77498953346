"""The ``purportedly ingest --engine dask`` path: progress on stderr around ``ingest_with_dask``."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from purportedly.engines.dask import ingest_with_dask
from purportedly.limits import Limits


def ingest_on_dask(
    inputs: list[str],
    *,
    db: Path,
    parquet: Path | None,
    scheduler: str | None,
    model: str,
    batch_size: int,
    partition_size: int = 64,
    limits: Limits | None = None,
) -> int:
    """Run a distributed ingest with a progress line; return the exit code (1 if inputs failed)."""
    errors = Console(stderr=True)
    where = scheduler or "a local cluster (2 worker processes)"
    errors.print(f"analysing on Dask: {where}", highlight=False)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=False) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_progress(outcome: str, name: str) -> None:
            progress.update(task, advance=1, description=f"{outcome} {name[-40:]}")
            if outcome == "failed":
                progress.console.print(f"[red]failed:[/red] {name}", highlight=False)

        summary = ingest_with_dask(
            inputs,
            db=db,
            parquet=parquet,
            scheduler=scheduler,
            model=model,
            batch_size=batch_size,
            partition_size=partition_size,
            on_progress=on_progress,
            limits=limits,
        )
    written = f"{db}" + (f" and {parquet}" if parquet else "")
    counts = f"stored {summary.stored}, skipped {summary.skipped}, failed {summary.failed}"
    errors.print(f"{counts}: {written}", highlight=False)
    return 1 if summary.failed else 0
