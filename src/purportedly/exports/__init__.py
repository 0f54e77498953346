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
from purportedly.exports.tables import TABLES, table_rows

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

FORMATS = ("jsonl", "csv", "parquet", "graphml", "claimreview")


def export(
    source: Store | Corpus, fmt: str, out: str | Path, *, table: str = "claims", min_reports: int = 1
) -> int:
    """Write the corpus to ``out`` in ``fmt``; returns how many records (lines, rows, nodes, reviews).

    ``table`` (claims, quotes, articles, counts) picks the table for csv and parquet;
    ``min_reports`` keeps only ClaimReviews of claims carried by that many articles.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":  # streamed from a store: one page of articles in memory at a time
        return write_jsonl(source, out)
    corpus = Corpus.of(source)
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
    "write_parquet",
]
