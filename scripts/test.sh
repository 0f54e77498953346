#!/usr/bin/env bash
# Set up (Python deps; Debian's chromium for the browser tests and PostgreSQL for the store tests,
# installed when we may), then run the whole test suite and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash scripts/setup.sh test,dask,postgres
# the store's Postgres tests: a local server when we may start one (else they skip, saying why)
if [ -z "${PURPORTEDLY_TEST_PG_URL:-}" ] && url="$(bash scripts/postgres.sh | tail -n 1)"; then
  export PURPORTEDLY_TEST_PG_URL="$url"
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
