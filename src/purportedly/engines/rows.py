"""Flat rows of analysis results (key columns + the Analysis JSON) and a streaming Parquet writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from purportedly.model import Analysis

# One row per article: columns to filter and join on, plus the whole Analysis as JSON.
ROW_SCHEMA = pa.schema(
    [
        ("document", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("words", pa.int64()),
        ("quotes", pa.int64()),
        ("indirect_quotes", pa.int64()),
        ("sources", pa.int64()),
        ("claims", pa.int64()),
        ("hedges", pa.int64()),
        ("counts", pa.int64()),
        ("entities", pa.int64()),
        ("analysis", pa.string()),
    ]
)


def analysis_row(result: Analysis) -> dict[str, Any]:
    """The Parquet row of one Analysis; ``analysis`` round-trips with ``Analysis.model_validate_json``."""
    return {
        "document": result.document,
        "title": result.title,
        "date": result.date.isoformat() if result.date else None,
        "outlet": result.outlet,
        "url": result.url,
        "words": len(result.article.text.split()),
        "quotes": len(result.quotes),
        "indirect_quotes": len(result.indirect_quotes),
        "sources": len(result.sources),
        "claims": len(result.claims),
        "hedges": len(result.hedges),
        "counts": len(result.counts),
        "entities": len(result.entities),
        "analysis": result.to_json(indent=None),
    }


def analysis_from_row(row: dict[str, Any]) -> Analysis:
    return Analysis.model_validate_json(row["analysis"])


class ParquetRows:
    """Append rows to one Parquet file as they arrive, a row group per ``group_size`` rows.

    Only the current group is held, so memory stays flat however many rows are written.
    """

    def __init__(self, path: Path | str, group_size: int = 1024) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.group_size = group_size
        self.rows_written = 0
        self._pending: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(self.path, ROW_SCHEMA, compression="zstd")

    def append(self, row: dict[str, Any]) -> None:
        self._pending.append(row)
        if len(self._pending) >= self.group_size:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.Table.from_pylist(self._pending, schema=ROW_SCHEMA))
            self.rows_written += len(self._pending)
            self._pending = []

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> ParquetRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
