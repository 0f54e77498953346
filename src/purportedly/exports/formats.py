"""Writers for the simple formats: JSONL (one Analysis per line), CSV and Parquet tables."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from purportedly.corpus.common import Corpus
from purportedly.exports.tables import COLUMNS, table_rows

if TYPE_CHECKING:
    from purportedly.store.core import Store


def write_jsonl(source: Store | Corpus, out: Path) -> int:
    """One Analysis (the same JSON as ``analyze --format json``) per line; returns the line count."""
    analyses = (
        (a for _, a in source.analyses())
        if hasattr(source, "analyses")
        else (article.analysis for article in Corpus.of(source).articles)
    )
    lines = 0
    with out.open("w", encoding="utf-8") as handle:
        for analysis in analyses:
            handle.write(analysis.model_dump_json() + "\n")
            lines += 1
    return lines


def write_csv(source: Store | Corpus, out: Path, table: str = "claims") -> int:
    rows = table_rows(source, table)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[table])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def write_parquet(source: Store | Corpus, out: Path, table: str = "claims") -> int:
    rows = table_rows(source, table)
    columns = {name: [row[name] for row in rows] for name in COLUMNS[table]}
    pq.write_table(pa.table(columns), out)
    return len(rows)
