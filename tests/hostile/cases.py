"""The second hostile audit (issue 16): each case a real CLI run against one promise.

Promises: nothing a user owns is overwritten or altered unasked; nothing hangs; memory stays
bounded; a bad row costs only itself; a write failure is one line naming the path and leaves
what was written valid. Each case returns a Finding; ``python -m tests.hostile`` prints them all
and ``tests/test_hostile_audit.py`` asserts each one.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from purportedly.shape import MAX_TOKENS, estimated_tokens
from tests.hostile.runs import Run, limit_file_size, run_measured
from tests.hostile.store_checks import article_count, store_problems, stored_documents
from tests.hostile.stories import story, write_stories

MEMORY_CEILING_MB = 2048  # the documented ceiling per analysing process (README), model included
READ_ONLY_VERBS = (
    ("search", "shells"),
    ("stories",),
    ("claims",),
    ("contradictions",),
    ("entities",),
    ("timeline",),
    ("export", "--format", "jsonl", "--out", "{tmp}/never.jsonl"),
)


@dataclass
class Finding:
    """What one case found: its runs, and every broken promise counted."""

    name: str
    runs: list[Run] = field(default_factory=list)
    lost: int = 0  # rows or files that should have been read, analysed or kept, and were not
    overwritten: int = 0  # files of the user's changed or replaced unasked
    problems: list[str] = field(default_factory=list)  # unclear errors, wrong statuses

    @property
    def crashes(self) -> int:
        return sum(run.crashed for run in self.runs)

    @property
    def hangs(self) -> int:
        return sum(run.hung for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max((run.peak_mb for run in self.runs), default=0.0)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.lost or self.overwritten or self.problems)

    def run(self, *args: str, **options) -> Run:
        result = run_measured(*args, **options)
        self.runs.append(result)
        return result

    def expect(self, run: Run, status: int, phrase: str, where: str = "") -> None:
        """``run`` ended with ``status`` and said ``phrase`` in one error line (naming ``where``)."""
        lines = [line for line in run.error_lines() if phrase in line]
        if run.returncode != status:
            self.problems.append(f"exit status {run.returncode}, expected {status}: {run.stderr[-300:]!r}")
        if not lines:
            self.problems.append(f"no error line saying {phrase!r}: {run.stderr[-300:]!r}")
        elif where and where not in lines[0]:
            self.problems.append(f"the error does not name {where}: {lines[0]!r}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` with its hash: what the user owns there."""
    return {str(p.relative_to(directory)): digest(p) for p in sorted(directory.rglob("*")) if p.is_file()}


def count_changed(before: dict[str, str], after: dict[str, str]) -> int:
    return sum(1 for name, value in before.items() if after.get(name) != value)


# ---------------------------------------------------------------------------------- fixtures


def corpus_store(tmp: Path) -> Path:
    """A small real corpus (twelve stories, ingested by the CLI), made once beside the cases' folders."""
    root = tmp.parent / "shared-corpus"
    db = root / "corpus.db"
    if not db.exists():
        write_stories(root / "stories", range(12))
        run = run_measured("ingest", str(root / "stories"), "--db", str(db))
        assert run.returncode == 0, run.stderr[-2000:]
    return db


def foreign_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE expenses (day TEXT, amount REAL)")
        connection.execute("INSERT INTO expenses VALUES ('2024-03-01', 12.5)")
    return path


# ------------------------------------------------------------------- 1. data never overwritten


def export_over_the_store(tmp: Path) -> Finding:
    finding = Finding("export --out naming the store (even with --force)")
    db = corpus_store(tmp)
    before = digest(db), article_count(db)
    for extra in ((), ("--force",)):
        run = finding.run("export", "--format", "jsonl", "--db", str(db), "--out", str(db), *extra)
        finding.expect(run, 1, "already exists" if not extra else "corpus store itself", str(db))
    finding.overwritten += int((digest(db), article_count(db)) != before)
    return finding


def export_over_an_existing_file(tmp: Path) -> Finding:
    finding = Finding("export over an existing file: refused, then replaced whole with --force")
    db, target = corpus_store(tmp), tmp / "mine.jsonl"
    target.write_text("my own notes\n", encoding="utf-8")
    run = finding.run("export", "--format", "jsonl", "--db", str(db), "--out", str(target))
    finding.expect(run, 1, "already exists", str(target))
    finding.overwritten += int(target.read_text(encoding="utf-8") != "my own notes\n")
    forced = finding.run("export", "--format", "jsonl", "--db", str(db), "--out", str(target), "--force")
    lines = target.read_text(encoding="utf-8").splitlines()
    if forced.returncode != 0 or len(lines) != article_count(db):
        finding.problems.append(f"--force did not write every article: {forced.stderr[-300:]!r}")
    return finding


def export_write_failures(tmp: Path) -> Finding:
    finding = Finding("export to /dev/full, a directory, and a disk that fills up")
    db = corpus_store(tmp)
    run = finding.run("export", "--format", "jsonl", "--db", str(db), "--out", "/dev/full", "--force")
    finding.expect(run, 1, "not a regular file", "/dev/full")
    run = finding.run("export", "--format", "jsonl", "--db", str(db), "--out", str(tmp))
    finding.expect(run, 1, "is a directory", str(tmp))
    old = tmp / "old.json"
    old.write_text('{"old": true}\n', encoding="utf-8")
    full = finding.run(  # 40 KB: room for SQLite's 32 KB shared-memory file, not for the export
        "export",
        "--format",
        "jsonl",
        "--db",
        str(db),
        "--out",
        str(old),
        "--force",
        preexec=limit_file_size(40_000),
    )
    finding.expect(full, 1, "cannot write", str(old))
    finding.overwritten += int(old.read_text(encoding="utf-8") != '{"old": true}\n')
    finding.lost += len(list(tmp.glob(".old.json.*")))  # a temporary file left behind
    return finding


def analyze_out_name_collisions(tmp: Path) -> Finding:
    finding = Finding("analyze --out: same-named files in folders, ids a/b and a_b, same names given twice")
    source = tmp / "in"
    texts = {"2023/index.txt": 0, "2024/index.txt": 1, "a/x.txt": 2, "b/x.txt": 3}
    for name, index in texts.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(story(index), encoding="utf-8")
    rows = [{"id": "a/b", "text": story(4)}, {"id": "a_b", "text": story(5)}]
    (source / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp / "out"
    run = finding.run("analyze", str(source), "--format", "json", "--out", str(out))
    documents = {json.loads(p.read_text(encoding="utf-8"))["document"] for p in out.rglob("*.json")}
    finding.lost += 6 - len(documents)
    if run.returncode != 0:
        finding.problems.append(f"exit status {run.returncode}: {run.stderr[-300:]!r}")
    twice = tmp / "out2"
    run = finding.run("analyze", str(source / "a/x.txt"), str(source / "b/x.txt"), "--out", str(twice))
    finding.lost += 2 - len(list(twice.rglob("*.json")))
    return finding


def analyze_out_keeps_foreign_files(tmp: Path) -> Finding:
    finding = Finding("analyze --out never replaces a file that is not its own earlier output")
    source, out = tmp / "in", tmp / "out"
    write_stories(source, range(2))
    out.mkdir()
    mine = out / "report_0000.txt.json"
    mine.write_text("notes I keep here\n", encoding="utf-8")
    run = finding.run("analyze", str(source), "--out", str(out))
    finding.expect(run, 1, "already exists", str(mine))
    finding.overwritten += int(mine.read_text(encoding="utf-8") != "notes I keep here\n")
    finding.lost += int(not (out / "report_0001.txt.json").exists())
    again = finding.run("analyze", str(source / "report_0001.txt"), "--out", str(out))
    if again.returncode != 0:  # its own earlier output is replaced: re-runs work
        finding.problems.append(f"a re-run into the same --out failed: {again.stderr[-300:]!r}")
    return finding


def ingest_distinct_names(tmp: Path) -> Finding:
    finding = Finding("ingest: same-named files in folders are stored under distinct names")
    source, db = tmp / "in", tmp / "names.db"
    for index, name in enumerate(("2023/index.txt", "2024/index.txt", "a/x.txt", "b/x.txt")):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(story(10 + index), encoding="utf-8")
    run = finding.run("ingest", str(source), "--db", str(db))
    documents = stored_documents(db) if db.exists() else {}
    finding.lost += 4 - len(documents)
    if run.returncode != 0 or any(count != 1 for count in documents.values()):
        finding.problems.append(f"documents {dict(documents)}; {run.stderr[-300:]!r}")
    return finding


def read_only_verbs_on_foreign_files(tmp: Path) -> Finding:
    finding = Finding("read-only verbs on a foreign SQLite file, a 0-byte file, a truncated db, a directory")
    good = corpus_store(tmp)
    truncated = tmp / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    zero, folder = tmp / "zero.db", tmp / "folder.db"
    zero.touch()
    folder.mkdir()
    targets = {
        foreign_sqlite(tmp / "expenses.db"): "not a purportedly corpus store",
        zero: "no corpus in it yet",
        truncated: "truncated database",
        folder: "is a directory",
        tmp / "notes.db": "not a SQLite database",
    }
    (tmp / "notes.db").write_text("shopping list\n", encoding="utf-8")
    before = snapshot(tmp)
    for number, (target, phrase) in enumerate(targets.items()):
        # every verb on the foreign database (the audit's case); two on each of the others
        for verb in READ_ONLY_VERBS if number == 0 else (READ_ONLY_VERBS[0], READ_ONLY_VERBS[-1]):
            args = [part.format(tmp=tmp) for part in verb]
            finding.expect(finding.run(*args, "--db", str(target)), 2, phrase, str(target))
    finding.overwritten += count_changed(before, snapshot(tmp))
    finding.overwritten += len(set(snapshot(tmp)) - set(before))  # a -wal, -shm or schema added
    return finding


def unknown_url_scheme(tmp: Path) -> Finding:
    finding = Finding(
        "a mistyped store URL (mysql://user:pw@host/db): refused, password masked, nothing made"
    )
    for verb in (("search", "x"), ("ingest", str(tmp / "none.txt")), ("serve",)):
        run = finding.run(*verb, "--db", "mysql://user:s3cret@host/db", cwd=str(tmp))
        finding.expect(run, 2, "unknown store URL scheme 'mysql'")
        if "s3cret" in run.stderr + run.stdout:
            finding.problems.append("the password is shown")
    if (tmp / "mysql:").exists():
        finding.problems.append("a directory named after the URL was made")
    return finding


# ----------------------------------------------------------------------- 2. bounded inputs


def fifos_devices_and_loops(tmp: Path) -> Finding:
    finding = Finding("a FIFO with no writer, a fed FIFO, /dev/zero, a symlink loop: refused by type at once")
    source = tmp / "in"
    write_stories(source, range(2))
    os.mkfifo(source / "pipe.txt")
    fed = tmp / "fed.txt"
    os.mkfifo(fed)
    feeder = threading.Thread(target=_feed, args=(fed,), daemon=True)
    feeder.start()
    (source / "loop_a.txt").symlink_to(source / "loop_b.txt")
    (source / "loop_b.txt").symlink_to(source / "loop_a.txt")
    run = finding.run("analyze", str(source), "/dev/zero", str(fed), "--out", str(tmp / "out"), timeout=120)
    for name, phrase in (
        ("pipe.txt", "named pipe"),
        ("/dev/zero", "character device"),
        ("fed.txt", "named pipe"),
        ("loop_a.txt", "symbolic link loop"),
    ):
        if not any(name in line and phrase in line for line in run.error_lines()):
            finding.problems.append(f"{name}: no error line saying {phrase!r}")
    finding.lost += 2 - len(list((tmp / "out").glob("*.json")))
    _open_for_feeder(fed)
    return finding


def _feed(path: Path) -> None:
    try:  # writes until the reader goes (it never should come): a FIFO fed without end
        with open(path, "wb") as handle:
            while True:
                handle.write(b"x" * 65536)
    except OSError:
        pass


def _open_for_feeder(path: Path) -> None:
    """Release the feeder thread blocked in open(): a reader that opens and closes at once."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.close(descriptor)


def options_validated(tmp: Path) -> Finding:
    finding = Finding("--batch-size 0, --timeout inf/nan/-1, $PURPORTEDLY_MAX_INPUT_BYTES=-1/abc")
    (tmp / "a.txt").write_text(story(0), encoding="utf-8")
    run = finding.run(
        "ingest", str(tmp / "a.txt"), "--db", str(tmp / "o.db"), "--batch-size", "0", timeout=60
    )
    if run.returncode != 2 or "--batch-size" not in run.stderr:
        finding.problems.append(f"--batch-size 0: {run.returncode} {run.stderr[-200:]!r}")
    for value in ("inf", "nan", "-1"):
        run = finding.run("analyze", str(tmp / "a.txt"), "--timeout", value, timeout=60)
        if run.returncode != 2 or "--timeout" not in run.stderr:
            finding.problems.append(f"--timeout {value}: {run.returncode} {run.stderr[-200:]!r}")
    for value in ("-1", "abc"):
        env = {**os.environ, "PURPORTEDLY_MAX_INPUT_BYTES": value}
        run = finding.run("analyze", str(tmp / "a.txt"), env=env, timeout=60)
        finding.expect(run, 2, "PURPORTEDLY_MAX_INPUT_BYTES")
    return finding


def sigint_mid_ingest(tmp: Path) -> Finding:
    finding = Finding("Ctrl-C during an ingest: status 130, one line, the store whole")
    source, db = tmp / "in", tmp / "sigint.db"
    # far more stories than the interrupt needs: on a loaded machine the poll below may first
    # see the store late, and a run that has already finished cannot be interrupted
    write_stories(source, range(400))
    run = finding.run(
        "ingest",
        str(source),
        "--db",
        str(db),
        "--batch-size",
        "2",
        interrupt_when=lambda: article_count(db) >= 3,
    )
    if run.returncode != 128 + signal.SIGINT or "interrupted" not in run.stderr:
        finding.problems.append(f"status {run.returncode}, stderr {run.stderr[-200:]!r}")
    finding.problems += store_problems(db)
    return finding


# ------------------------------------------------------------------------- 3. memory bounded


def pathological_texts(tmp: Path) -> Finding:
    finding = Finding("900 KB of 'A: ' lines, 42k 'LABEL: text' lines, 100 KB of quote marks")
    files = {
        "a_lines.txt": "A: \n" * 230_000,
        "labels.txt": "".join(f"L{i % 9}: text {i}\n" for i in range(42_000)),
        "quotes.txt": '"' * 100_000,
    }
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    run = finding.run("analyze", *(str(tmp / name) for name in files), "--format", "json", timeout=180)
    for name in files:
        if not any(
            name in line and ("pathological" in line or "too many tokens" in line)
            for line in run.error_lines()
        ):
            finding.problems.append(f"{name}: not refused by the shape check: {run.stderr[-300:]!r}")
    if run.peak_mb > MEMORY_CEILING_MB:
        finding.problems.append(f"peak {run.peak_mb:.0f} MB over the ceiling {MEMORY_CEILING_MB} MB")
    return finding


def many_long_articles_in_one_batch(tmp: Path, count: int = 6) -> Finding:
    finding = Finding(f"{count} ordinary 43k-character articles with --batch-size 40")
    rows = []
    for index in range(count):
        text = "\n\n".join(story(100 * index + part) for part in range(110))[:43_000]
        rows.append(json.dumps({"id": f"long-{index}", "text": text}))
    (tmp / "long.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp / "out"
    run = finding.run(
        "analyze", str(tmp / "long.jsonl"), "--batch-size", "40", "--out", str(out), timeout=600
    )
    finding.lost += count - len(list(out.glob("*.json")))
    if run.peak_mb > MEMORY_CEILING_MB:
        finding.problems.append(f"peak {run.peak_mb:.0f} MB over the ceiling {MEMORY_CEILING_MB} MB")
    return finding


def largest_accepted_article(tmp: Path) -> Finding:
    """The per-article ceiling, measured: an article just under the token limit, analysed alone."""
    finding = Finding("the largest article the shape check accepts (just under MAX_TOKENS), peak RSS")
    parts, tokens, index = [], 0, 0
    while tokens < 0.97 * MAX_TOKENS:
        part = story(index)
        parts.append(part)
        tokens += estimated_tokens(part + "\n\n")
        index += 1
    (tmp / "largest.txt").write_text("\n\n".join(parts), encoding="utf-8")
    out = tmp / "out"
    run = finding.run(
        "analyze", str(tmp / "largest.txt"), "--out", str(out), "--timeout", "900", timeout=1200
    )
    finding.lost += int(not (out / "largest.txt.json").exists())
    if run.returncode != 0:
        finding.problems.append(f"exit status {run.returncode}: {run.stderr[-300:]!r}")
    if run.peak_mb > MEMORY_CEILING_MB:
        finding.problems.append(f"peak {run.peak_mb:.0f} MB over the ceiling {MEMORY_CEILING_MB} MB")
    return finding


# ------------------------------------------------------------------- 4. bad rows cost only themselves


def bad_bytes_in_corpora(tmp: Path) -> Finding:
    finding = Finding(
        "a NUL in the first 64 KB of a CSV and a JSONL; an undecodable byte after 64 KB in a CSV"
    )
    good = 30
    padding = "x" * 3000  # pushes the late bad row past the 64 KB sample
    texts = [" ".join(story(i).split()).replace('"', '""') for i in range(good)]  # one line each
    csv_rows = [f'c{i},"{text} {padding if i < 25 else ""}"' for i, text in enumerate(texts)]
    csv_bytes = ("id,text\n" + "\n".join(csv_rows[:3])).encode() + b'\nbad1,"a NUL \x00 here"\n'
    csv_bytes += "\n".join(csv_rows[3:]).encode() + b'\nbad2,"stray \xff\xfe byte"\n'
    (tmp / "feed.csv").write_bytes(csv_bytes)
    json_rows = [json.dumps({"id": f"j{i}", "text": story(200 + i)}) for i in range(good)]
    json_bytes = "\n".join(json_rows[:2]).encode() + b'\n{"id": "bad", "text": "NUL \x00 inside"}\n'
    json_bytes += "\n".join(json_rows[2:]).encode() + b"\n"
    (tmp / "feed.jsonl").write_bytes(json_bytes)
    out = tmp / "out"
    run = finding.run("analyze", str(tmp / "feed.csv"), str(tmp / "feed.jsonl"), "--out", str(out))
    finding.lost += 2 * good - len(list(out.glob("*.json")))
    for where, phrase in (("feed.csv:5", "NUL"), ("feed.jsonl:3", "NUL"), ("feed.csv:", "undecodable")):
        if not any(where in line and phrase in line for line in run.error_lines()):
            finding.problems.append(f"no line naming {where} and {phrase!r}: {run.stderr[-400:]!r}")
    return finding


# --------------------------------------------------------------------------- 5. write failures


def analyze_write_failures(tmp: Path) -> Finding:
    finding = Finding("analyze --out: a file, a blocked name, a disk that fills up, stdout on /dev/full")
    source = tmp / "in"
    write_stories(source, range(3))
    a_file = tmp / "a_file"
    a_file.write_text("keep me\n", encoding="utf-8")
    run = finding.run("analyze", str(source), "--out", str(a_file))
    finding.expect(run, 2, "not a directory", str(a_file))
    finding.overwritten += int(a_file.read_text(encoding="utf-8") != "keep me\n")
    out = tmp / "out"
    (out / "report_0001.txt.json").mkdir(parents=True)  # the name the second result needs
    run = finding.run("analyze", str(source), "--out", str(out))
    finding.expect(run, 1, "is a directory", "report_0001.txt.json")
    finding.lost += 2 - sum(1 for p in out.glob("*.json") if p.is_file())
    full = tmp / "full"
    run = finding.run("analyze", str(source), "--out", str(full), preexec=limit_file_size(2000))
    finding.expect(run, 1, "cannot write")
    for path in full.glob("*"):
        if path.name.startswith(".") or not _valid_json(path):
            finding.problems.append(f"{path.name}: a partial file was left")
    run = finding.run("analyze", str(source), "--format", "json", stdout_path="/dev/full")
    finding.expect(run, 1, "standard output: cannot write")
    return finding


def ingest_disk_full(tmp: Path) -> Finding:
    finding = Finding("ingest into a store on a disk that fills up: one line, what was done, the store valid")
    source, db = tmp / "in", tmp / "full.db"
    write_stories(source, range(40))
    run = finding.run("ingest", str(source), "--db", str(db), preexec=limit_file_size(1_000_000))
    finding.expect(run, 1, "cannot write to the store", str(db))
    if "stopped: stored" not in run.stderr:
        finding.problems.append("the run does not say what was stored before it stopped")
    if db.exists():
        finding.problems += store_problems(db)
    rerun = finding.run("ingest", str(source), "--db", str(db))
    finding.lost += 40 - (article_count(db) if rerun.returncode == 0 else 0)
    return finding


def _valid_json(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(path.stat().st_mode)


CASES: list[Callable[[Path], Finding]] = [
    export_over_the_store,
    export_over_an_existing_file,
    export_write_failures,
    analyze_out_name_collisions,
    analyze_out_keeps_foreign_files,
    ingest_distinct_names,
    read_only_verbs_on_foreign_files,
    unknown_url_scheme,
    fifos_devices_and_loops,
    options_validated,
    sigint_mid_ingest,
    pathological_texts,
    many_long_articles_in_one_batch,
    largest_accepted_article,
    bad_bytes_in_corpora,
    analyze_write_failures,
    ingest_disk_full,
]
