"""Score cross-article answers against a same-story gold file.

    purportedly ingest DIR/articles --db s.db
    purportedly stories --db s.db --json > stories.json
    purportedly contradictions --db s.db --json > contradictions.json
    python3 eval/stories/score_stories.py --gold DIR/gold.json --stories stories.json \
        --contradictions contradictions.json

Stories are scored on document pairs: two documents are a pair when one story holds both (a
document no predicted story lists is alone). Contradictions are scored on document pairs too: a
predicted object (contradiction or revision) pairs every two of its reports from different
documents whose figures differ (unless a report's optional `qualifier` makes one a bound the other
fits); gold pairs come from the gold's `contradictions`. Document names
are compared by their base name, so a store that keeps relative paths scores the same.
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import PurePath


def base(name: str) -> str:
    return PurePath(str(name).split(":")[0]).name


def story_pairs(stories: list[dict]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for story in stories:
        docs = sorted({base(d) for d in story.get("documents", [])})
        pairs.update(frozenset(p) for p in combinations(docs, 2))
    return pairs


def predicted_conflict_pairs(objects: list[dict]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for obj in objects:
        reports = obj.get("reports", [])
        for a, b in combinations(reports, 2):
            da, db = base(a.get("document", "")), base(b.get("document", ""))
            if da != db and a.get("number") != b.get("number") and not compatible(a, b):
                pairs.add(frozenset((da, db)))
    return pairs


LOWER_BOUNDS = {"at least", "more than", "over", "lower bound", "min"}
UPPER_BOUNDS = {"up to", "fewer than", "less than", "at most", "upper bound", "max"}


def compatible(a: dict, b: dict) -> bool:
    """Two figures that can both hold, when the reports say which is a bound (optional key)."""
    for bound, other in ((a, b), (b, a)):
        qualifier = (bound.get("qualifier") or "").lower()
        if qualifier in LOWER_BOUNDS and other["number"] >= bound["number"]:
            return True
        if qualifier in UPPER_BOUNDS and other["number"] <= bound["number"]:
            return True
    return False


def gold_conflict_pairs(objects: list[dict]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for obj in objects:
        docs = sorted({base(d) for d in obj.get("documents", [])})
        pairs.update(frozenset(p) for p in combinations(docs, 2))
    return pairs


def prf(pred: set, gold: set) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp,
            "pred": len(pred), "gold": len(gold)}


def score(gold: dict, stories: list[dict], conflicts: list[dict]) -> dict:
    known = {base(d) for s in gold["stories"] for d in s["documents"]}
    pred_stories = [{"documents": [d for d in s.get("documents", []) if base(d) in known]} for s in stories]
    result = {"stories": prf(story_pairs(pred_stories), story_pairs(gold["stories"]))}
    if conflicts is not None:
        result["contradictions"] = prf(predicted_conflict_pairs(conflicts),
                                       gold_conflict_pairs(gold.get("contradictions", [])))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--stories", required=True)
    parser.add_argument("--contradictions")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(args.stories, encoding="utf-8") as fh:
        stories = json.load(fh)
    conflicts = None
    if args.contradictions:
        with open(args.contradictions, encoding="utf-8") as fh:
            conflicts = json.load(fh)
    result = score(gold, stories, conflicts)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for section, row in result.items():
        print(f"{section:15s} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"
              f"  (tp {row['tp']}, pred {row['pred']}, gold {row['gold']})")


if __name__ == "__main__":
    main()
