#!/usr/bin/env bash
# Score the analyzer on PolNeAR (networkdynamics/PolNeAR, 1,008 annotated US news articles):
# converts a split with ../shared/eval/polnear.py when it is not converted yet, analyses its
# texts and prints quotes and speakers (P of speakers = precision of the speakers we name).
#
#   bash scripts/score_polnear.sh [GIT_DIR] [--split dev|train]
#
# GIT_DIR (or $POLNEAR_GIT) is the bare git directory the search tool's
# `fetch github:networkdynamics/PolNeAR` returns. Converted splits live in $POLNEAR_DIR
# (default ../polnear, outside the repo: PolNeAR states no licence, its texts stay out).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
POLNEAR_DIR=${POLNEAR_DIR:-../polnear}
GIT_DIR=${POLNEAR_GIT:-}
SPLIT=dev
while [ $# -gt 0 ]; do
  case "$1" in
    --split) SPLIT=$2; shift 2 ;;
    *) GIT_DIR=$1; shift ;;
  esac
done
if [ ! -d "$POLNEAR_DIR/$SPLIT/gold" ]; then
  if [ -z "$GIT_DIR" ]; then
    echo "error: $POLNEAR_DIR/$SPLIT is not converted yet; give the PolNeAR git dir (or set POLNEAR_GIT)" >&2
    exit 2
  fi
  python3 ../shared/eval/polnear.py "$GIT_DIR" "$POLNEAR_DIR/$SPLIT" --split "$SPLIT"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PYTHONPATH=src "$PYTHON" -m purportedly.cli analyze "$POLNEAR_DIR/$SPLIT/texts" --format json --out "$out" >/dev/null
echo "== PolNeAR $SPLIT ($POLNEAR_DIR/$SPLIT)"
python3 ../shared/eval/score.py --gold "$POLNEAR_DIR/$SPLIT/gold" --pred "$out" --json > "$out/scores.json"
python3 - "$out/scores.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
print("documents:", result["documents"])
print(f"{'section':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
for name in ("quotes", "speakers"):
    s = result["sections"][name]
    print(f"{name:<10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['tp']:5} {s['pred']:5} {s['gold']:5}")
print(f"named-speaker precision: {result['sections']['speakers']['precision']:.3f}")
PY
