"""Exports of a stored corpus: JSONL, CSV, Parquet, GraphML provenance graph, ClaimReview JSON-LD.

>>> from purportedly.store import Store
>>> from purportedly.exports import export
>>> export(Store.open("corpus.db"), "parquet", "claims.parquet", table="claims")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from purportedly.corpus.common import Corpus
from purportedly.exports.claimreview import claim_review, claim_reviews, write_claimreview
from purportedly.exports.formats import write_csv, write_jsonl, write_parquet
from purportedly.exports.graphml import provenance_graph, write_graphml
from purportedly.exports.recordings import RECORDING_FORMATS, RECORDING_TABLES, write_recordings
from purportedly.exports.tables import TABLES, table_rows
from purportedly.outputs import atomic_path, check_target

if TYPE_CHECKING:
    from purportedly.store.core import Store

FORMATS = ("jsonl", "csv", "parquet", "graphml", "claimreview", *RECORDING_FORMATS)


def export(
    source: Store | Corpus,
    fmt: str,
    out: str | Path,
    *,
    table: str = "claims",
    min_reports: int = 1,
    force: bool = False,
) -> int:
    """Write the corpus to ``out`` in ``fmt``; returns how many records (lines, rows, nodes, reviews).

    ``table`` (claims, quotes, articles, counts) picks the table for csv and parquet; for
    recordings-jsonl and recordings-csv it is recordings (the default there) or carriages;
    ``min_reports`` keeps only ClaimReviews of claims carried by that many articles.
    Never writes over the store itself, nor over an existing file unless ``force``; the file is
    written beside ``out`` and renamed into place, so a failure leaves the old file (or none).
    Raises OutputError (one line naming ``out``).
    """
    out = Path(out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt in RECORDING_FORMATS:
        table = "recordings" if table == "claims" else table  # 'claims' is every format's default
        if table not in RECORDING_TABLES:
            raise ValueError(f"unknown recordings table {table!r}; choose from {', '.join(RECORDING_TABLES)}")
    check_target(out, force=force, protected=_store_files(source))
    with atomic_path(out) as temporary:
        if fmt in RECORDING_FORMATS:
            return write_recordings(source, fmt, temporary, table)  # streams the store's recordings
        if fmt == "jsonl":  # streamed from a store: one page of articles in memory at a time
            return write_jsonl(source, temporary)
        return _write(Corpus.of(source), fmt, temporary, table, min_reports)


def _store_files(source: object) -> tuple[Path, ...]:
    """The SQLite file (and its WAL companions) behind ``source``, which no export may replace."""
    if getattr(source, "backend", None) != "sqlite" or getattr(source, "path", ":memory:") == ":memory:":
        return ()
    path = Path(source.path)  # type: ignore[attr-defined]
    return (path, Path(f"{path}-wal"), Path(f"{path}-shm"))


def _write(corpus: Corpus, fmt: str, out: Path, table: str, min_reports: int) -> int:
    if fmt == "csv":
        return write_csv(corpus, out, table)
    if fmt == "parquet":
        return write_parquet(corpus, out, table)
    if fmt == "graphml":
        return write_graphml(corpus, out)
    if fmt == "claimreview":
        return write_claimreview(corpus, out, min_reports=min_reports)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = [
    "FORMATS",
    "TABLES",
    "claim_review",
    "claim_reviews",
    "export",
    "provenance_graph",
    "table_rows",
    "write_claimreview",
    "write_csv",
    "write_graphml",
    "write_jsonl",
    "write_recordings",
    "write_parquet",
]
