"""`python -m tests.hostile`: ingest the hostile corpus twice with the CLI and print the audit counts."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.hostile.audit import audit_store
from tests.hostile.cli import run_cli
from tests.hostile.corpus import build_corpus


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root, db = Path(tmp) / "hostile", Path(tmp) / "corpus.db"
        items = build_corpus(root)
        crashes = 0
        for _ in range(2):  # the second run must add nothing
            run = run_cli("ingest", str(root), "--db", str(db))
            crashes += int(run.returncode not in (0, 1) or "Traceback" in run.stderr)
        audit = audit_store(items, db, crashes)
    print(audit.line())
    for problem in audit.lost + audit.duplicates + audit.misjudged + audit.unclear + audit.bad_offsets:
        print("  ", problem)
    return 0 if audit.clean else 1


if __name__ == "__main__":
    sys.exit(main())
