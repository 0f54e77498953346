#!/usr/bin/env bash
# Score the analyzer against hand annotations: the seeds and the dev set in ../shared/eval,
# any ARTICLES_DIR GOLD_DIR pair given as arguments, or PolNeAR's dev split (`polnear`).
# Prints score.py's tables. PYTHON picks the interpreter (default .venv/bin/python); the
# code scored is this checkout's src/.
#
#   bash scripts/score.sh                                   # seeds + dev
#   bash scripts/score.sh eval/heldout3/articles eval/heldout3/gold
#   bash scripts/score.sh polnear [GIT_DIR] [--split dev|train]   # see scripts/score_polnear.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
score() {  # $1 label, $2 articles dir, $3 gold dir
  local out; out=$(mktemp -d)
  PYTHONPATH=src "$PYTHON" -m purportedly.cli analyze "$2"/*.txt --format json --out "$out" >/dev/null
  echo "== $1 ($2)"
  python3 ../shared/eval/score.py --gold "$3" --pred "$out"
  rm -rf "$out"
}
if [ "${1:-}" = polnear ]; then
  shift
  exec bash scripts/score_polnear.sh "$@"
elif [ $# -eq 2 ]; then
  score "custom" "$1" "$2"
else
  score seeds ../shared/seeds ../shared/eval/gold
  score dev ../shared/eval/dev/articles ../shared/eval/dev/gold
fi
