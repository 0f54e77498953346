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
# (its URL goes through a file, not a pipe, and the start is time-limited: a server process that
# kept the pipe open would otherwise hang the whole run)
if [ -z "${PURPORTEDLY_TEST_PG_URL:-}" ]; then
  pg_url_file="$(mktemp)"
  if timeout 300 bash scripts/postgres.sh >"$pg_url_file"; then
    PURPORTEDLY_TEST_PG_URL="$(tail -n 1 "$pg_url_file")"
    export PURPORTEDLY_TEST_PG_URL
  fi
  rm -f "$pg_url_file"
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
