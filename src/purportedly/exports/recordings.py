"""The recordings registry as files: one row per recording, or one per carriage (JSONL or CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from purportedly.corpus.recordings import RecordingEntry, recordings

RECORDING_FORMATS = ("recordings-jsonl", "recordings-csv")
RECORDING_TABLES = ("recordings", "carriages")
COLUMNS = {
    "recordings": [
        "recording_id",
        "kind",
        "releaser",
        "releaser_kind",
        "platform",
        "release_date",
        "participants",
        "place",
        "unit",
        "call_time",
        "verification",
        "verified_by",
        "first_date",
        "first_outlet",
        "carriages",
        "outlets",
    ],
    "carriages": [
        "recording_id",
        "position",
        "article_id",
        "article_recording_id",
        "document",
        "outlet",
        "date",
        "title",
        "url",
        "releaser",
        "names_releaser",
        "release_date",
        "hedges",
        "unverified",
        "verified_by",
        "carried",
        "quotes",
    ],
}


def recording_row(entry: RecordingEntry) -> dict[str, Any]:
    participants = [", ".join(filter(None, [p.role, p.name, p.unit, p.place])) for p in entry.participants]
    return {
        "recording_id": entry.id,
        "kind": entry.kind,
        "releaser": entry.releaser,
        "releaser_kind": entry.releaser_kind,
        "platform": entry.platform,
        "release_date": entry.release_date,
        "participants": "; ".join(participants),
        "place": entry.place,
        "unit": entry.unit,
        "call_time": entry.call_time,
        "verification": entry.verification,
        "verified_by": entry.verified_by,
        "first_date": entry.first_appearance.get("date"),
        "first_outlet": entry.first_appearance.get("outlet"),
        "carriages": len(entry.carriages),
        "outlets": "; ".join(entry.outlets),
    }


def carriage_rows(entry: RecordingEntry) -> list[dict[str, Any]]:
    return [
        {
            "recording_id": entry.id,
            "position": position,
            **c.model_dump(
                include=set(COLUMNS["carriages"]) - {"quotes", "hedges", "recording_id"}
            ),  # the registry's id is the row's
            "hedges": "; ".join(c.hedges),
            "quotes": json.dumps([q.text for q in c.quotes], ensure_ascii=False),
        }
        for position, c in enumerate(entry.carriages, start=1)
    ]


def rows_of(entries: Iterable[RecordingEntry], table: str) -> list[dict[str, Any]]:
    if table not in RECORDING_TABLES:
        raise ValueError(f"unknown recordings table {table!r}; choose from {', '.join(RECORDING_TABLES)}")
    if table == "recordings":
        return [recording_row(e) for e in entries]
    return [row for e in entries for row in carriage_rows(e)]


def write_recordings(source: Any, fmt: str, out: Path, table: str = "recordings") -> int:
    """``recordings-jsonl``: one registry entry per line (table recordings: the whole entry with its
    carriages; carriages: one carriage per line, with its recording id); ``recordings-csv``: the flat
    table. Returns the record count."""
    if table not in RECORDING_TABLES:
        raise ValueError(f"unknown recordings table {table!r}; choose from {', '.join(RECORDING_TABLES)}")
    entries = recordings(source)
    if fmt == "recordings-jsonl":
        with out.open("w", encoding="utf-8") as handle:
            if table == "recordings":
                for entry in entries:
                    handle.write(entry.model_dump_json() + "\n")
                return len(entries)
            lines = [
                json.dumps(
                    {"recording_id": e.id, "position": i, **c.model_dump(mode="json")}, ensure_ascii=False
                )
                for e in entries
                for i, c in enumerate(e.carriages, start=1)
            ]
            handle.writelines(line + "\n" for line in lines)
            return len(lines)
    rows = rows_of(entries, table)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[table])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
