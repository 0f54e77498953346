#!/usr/bin/env bash
# Set up, then analyse the bundled sample articles: JSON per article in out/, a reading in the terminal,
# and a searchable corpus in purportedly.db (re-running skips what is already stored).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/purportedly analyze samples/ --format json --out out/
.venv/bin/purportedly analyze samples/
.venv/bin/purportedly ingest samples/ --db purportedly.db
.venv/bin/purportedly stories --db purportedly.db --all
