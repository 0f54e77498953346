"""`python -m tests.hostile`: the hostile audit, printed as counts.

First the hostile corpus (tests/hostile/corpus.py) is ingested twice with the CLI and the store
audited; then every case of the second audit (tests/hostile/cases.py, issue 16) runs against
its promise. ``python -m tests.hostile --cases NAME...`` runs only the cases named.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.hostile.audit import audit_store
from tests.hostile.cases import CASES, Finding
from tests.hostile.cli import run_cli
from tests.hostile.corpus import build_corpus


def corpus_audit(tmp: Path) -> bool:
    root, db = tmp / "hostile", tmp / "corpus.db"
    items = build_corpus(root)
    crashes = 0
    for _ in range(2):  # the second run must add nothing
        run = run_cli("ingest", str(root), "--db", str(db))
        crashes += int(run.returncode not in (0, 1) or "Traceback" in run.stderr)
    audit = audit_store(items, db, crashes)
    print(audit.line())
    for problem in audit.lost + audit.duplicates + audit.misjudged + audit.unclear + audit.bad_offsets:
        print("  ", problem)
    return audit.clean


def case_audit(tmp: Path, names: list[str]) -> list[Finding]:
    findings = []
    for number, case in enumerate(CASES):
        if names and case.__name__ not in names:
            continue
        directory = tmp / f"case{number}"
        directory.mkdir()
        finding = case(directory)
        findings.append(finding)
        mark = "ok " if finding.ok else "BAD"
        print(f"{mark} {finding.name} (peak {finding.peak_mb:.0f} MB)", flush=True)
        for problem in finding.problems:
            print("     ", problem)
    return findings


def summary(findings: list[Finding]) -> str:
    worst = max(findings, key=lambda finding: finding.peak_mb)
    runs = sum(len(finding.runs) for finding in findings)
    return (
        f"cases tried: {len(findings)} ({runs} CLI runs); crashes: {sum(f.crashes for f in findings)}; "
        f"hangs: {sum(f.hangs for f in findings)}; rows or files lost: {sum(f.lost for f in findings)}; "
        f"files overwritten: {sum(f.overwritten for f in findings)}; "
        f"other problems: {sum(len(f.problems) for f in findings)}; "
        f"peak memory of the worst case: {worst.peak_mb:.0f} MB ({worst.name})"
    )


def main(argv: list[str]) -> int:
    names = argv[argv.index("--cases") + 1 :] if "--cases" in argv else []
    with tempfile.TemporaryDirectory() as tmp:
        clean = True if names else corpus_audit(Path(tmp))
        findings = case_audit(Path(tmp), names)
    print(summary(findings))
    return 0 if clean and all(finding.ok for finding in findings) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
