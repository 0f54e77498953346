#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and print its URL (stdout); exit 1 when we cannot.
# Installs Debian's postgresql only when root, apt-get exists and no server is installed
# (as scripts/test.sh does for chromium). The server runs as the postgres user.
set -euo pipefail
ROLE=purportedly DB=purportedly_test PASSWORD=purportedly PORT="${PGPORT:-5432}"
# Only the URL goes to stdout: the caller captures it, so every tool's chatter (pg_ctlcluster
# prints "Removed stale pid file." on a reused cluster) is sent to stderr.
exec 3>&1 1>&2

if [ "$(id -u)" != 0 ]; then
  echo "postgres.sh: not root, cannot start a server" >&2
  exit 1
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  command -v apt-get >/dev/null || { echo "postgres.sh: no apt-get to install postgresql" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
command -v pg_ctlcluster >/dev/null || { echo "postgres.sh: needs Debian's pg_ctlcluster" >&2; exit 1; }

version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q online \
  || pg_ctlcluster "$version" main start 3>&- </dev/null
# (the server must not inherit fd 3: it lives on after this script, and a caller reading our
# stdout through a pipe would wait for end-of-file for ever)
for _ in $(seq 30); do
  pg_isready -q -h localhost -p "$PORT" && break
  sleep 1
done

as_postgres() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -tAq "$@"; }
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  as_postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  as_postgres -c "CREATE DATABASE $DB OWNER $ROLE"
fi
echo "postgresql://$ROLE:$PASSWORD@localhost:$PORT/$DB" >&3
