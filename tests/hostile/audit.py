"""Check a run over the hostile corpus: nothing crashed, nothing lost, nothing duplicated, errors clear."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from purportedly.model import Analysis
from purportedly.store.dialect import unpack_analysis
from tests.hostile.corpus import HostileItem
from tests.hostile.offsets import offset_problems


@dataclass
class Audit:
    """What a run did with the hostile items; ``clean`` when every list is empty and nothing crashed."""

    tried: int = 0
    analysed: int = 0
    failed: int = 0
    crashes: int = 0
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    misjudged: list[str] = field(default_factory=list)  # odd-but-good rejected, or bad accepted
    unclear: list[str] = field(default_factory=list)  # an error that does not say what went wrong
    bad_offsets: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        problems = (self.lost, self.duplicates, self.misjudged, self.unclear, self.bad_offsets)
        return self.crashes == 0 and not any(problems)

    def line(self) -> str:
        return (
            f"hostile items tried: {self.tried} "
            f"(analysed {self.analysed}, failed with an error {self.failed}); "
            f"crashes: {self.crashes}; lost: {len(self.lost)}; duplicates: {len(self.duplicates)}; "
            f"misjudged: {len(self.misjudged)}; unclear errors: {len(self.unclear)}; "
            f"bad offsets: {len(self.bad_offsets)}"
        )


def _location(item: HostileItem) -> tuple[str, int | None]:
    line = item.line
    return (item.name.rpartition(":")[0], line) if line is not None else (item.name, None)


def audit_store(items: list[HostileItem], db: Path, crashes: int = 0) -> Audit:
    """Audit an ingest into ``db``: good items stored once, bad ones once in the errors table."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        documents = Counter(row[0] for row in connection.execute("SELECT document FROM articles"))
        stored = {row[0]: row[1] for row in connection.execute("SELECT document, analysis FROM articles")}
        error_rows = connection.execute("SELECT input, line, message FROM errors").fetchall()
    errors = Counter((row[0], row[1]) for row in error_rows)
    messages = {(row[0], row[1]): row[2] for row in error_rows}
    audit = Audit(tried=len(items), crashes=crashes)
    for item in items:
        location = _location(item)
        if item.expect == "ok":
            # an analysis failure is recorded under the article's document name
            rejected = errors[location] + sum(n for (name, _), n in errors.items() if name == item.document)
            _judge_ok(audit, item, documents[item.document], rejected)
            if item.document in stored:
                analysis = Analysis.model_validate_json(unpack_analysis(stored[item.document]))
                problems = offset_problems(analysis)
                audit.bad_offsets += [f"{item.document}: {p}" for p in problems]
        else:
            _judge_fail(audit, item, documents, errors[location], messages.get(location, ""))
    return audit


def _judge_ok(audit: Audit, item: HostileItem, stored: int, errors: int) -> None:
    if stored == 1:
        audit.analysed += 1
    elif stored > 1:
        audit.duplicates.append(item.name)
    elif errors:
        audit.misjudged.append(f"{item.name}: rejected, but it is a good article")
    else:
        audit.lost.append(item.name)


def _judge_fail(audit: Audit, item: HostileItem, documents: Counter, errors: int, message: str) -> None:
    if errors == 0:
        audit.lost.append(item.name)
        return
    audit.failed += 1
    if errors > 1:
        audit.duplicates.append(item.name)
    if item.error not in message or "\n" in message:
        audit.unclear.append(f"{item.name}: {message!r} (expected to mention {item.error!r})")


def audit_analyze_output(items: list[HostileItem], stderr: str, out_dir: Path, crashes: int = 0) -> Audit:
    """Audit `purportedly analyze --out`: a JSON per good item, one stderr line per bad one."""
    audit = Audit(tried=len(items), crashes=crashes + stderr.count("Traceback"))
    error_lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    for item in items:
        if item.expect == "ok":
            target = out_dir / f"{item.document}.json"
            if not target.exists():
                named = any(f"{item.name}:" in line for line in error_lines)
                (audit.misjudged if named else audit.lost).append(item.name)
                continue
            audit.analysed += 1
            result = Analysis.model_validate(json.loads(target.read_text(encoding="utf-8")))
            audit.bad_offsets += [f"{item.document}: {p}" for p in offset_problems(result)]
            continue
        named = [line for line in error_lines if line.startswith(f"error: {item.name}: ")]
        if not named:
            audit.lost.append(item.name)
            continue
        audit.failed += 1
        if len(named) > 1:
            audit.duplicates.append(item.name)
        if item.error not in named[0]:
            audit.unclear.append(f"{named[0]!r} (expected to mention {item.error!r})")
    return audit
