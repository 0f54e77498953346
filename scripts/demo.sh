#!/usr/bin/env bash
# Set up, then analyse the bundled sample articles: JSON per article in out/, a reading in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/purportedly analyze samples/ --format json --out out/
.venv/bin/purportedly analyze samples/
