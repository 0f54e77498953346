#!/usr/bin/env bash
# Set up (Python deps, and Debian's chromium for the browser tests when we may install it),
# then run the whole test suite and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash scripts/setup.sh test,dask
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
