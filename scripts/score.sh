#!/usr/bin/env bash
# Score the analyzer against hand annotations: the seeds and the dev set in ../shared/eval,
# or any ARTICLES_DIR GOLD_DIR pair given as arguments. Prints score.py's tables.
set -euo pipefail
cd "$(dirname "$0")/.."
score() {  # $1 label, $2 articles dir, $3 gold dir
  local out; out=$(mktemp -d)
  .venv/bin/purportedly analyze "$2"/*.txt --format json --out "$out" >/dev/null
  echo "== $1 ($2)"
  python3 ../shared/eval/score.py --gold "$3" --pred "$out"
  rm -rf "$out"
}
if [ $# -eq 2 ]; then
  score "custom" "$1" "$2"
else
  score seeds ../shared/seeds ../shared/eval/gold
  score dev ../shared/eval/dev/articles ../shared/eval/dev/gold
fi
