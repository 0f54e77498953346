"""Score same-story clusters and cross-report figure disagreements against a gold file.

    python eval/stories/score_stories.py --gold GOLD.json --db corpus.db
    python eval/stories/score_stories.py --gold GOLD.json --stories s.json --contradictions c.json

``--db`` runs ``purportedly stories --json`` / ``contradictions --json``'s Python twins on a store;
``--stories`` / ``--contradictions`` read their saved output instead. Gold (see README.md):
``{"stories": [{"id", "title", "documents"}], "contradictions": [{"kind", "what", "documents",
"numbers"}]}``. Documents are matched by file name (directories and case ignored).

- **Stories**: pairwise precision, recall and F1 over the unordered pairs of documents put in one
  story (a single-article story gives no pair).
- **Contradictions**: precision and recall over unordered pairs of documents whose figures for
  one counted thing cannot both hold, from contradictions and revisions alike. A gold item's
  pairs are its documents whose numbers differ (``numbers`` aligned with ``documents``; without
  alignment every pair of its documents); a predicted item's pairs are its reports' documents
  whose figures are incompatible (a lower bound "at least 14" fits a later 21).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from itertools import combinations
from pathlib import Path, PurePosixPath

Pair = tuple[str, str]


def doc_key(name: str) -> str:
    """A document as compared: its file name, lower-cased (a corpus row id keeps its suffix)."""
    return PurePosixPath(str(name).replace("\\", "/")).name.lower()


def pairs_of(documents: list[str]) -> set[Pair]:
    keys = sorted({doc_key(d) for d in documents})
    return set(combinations(keys, 2))


def story_pairs(stories: list[dict]) -> set[Pair]:
    return {pair for story in stories for pair in pairs_of(story.get("documents", []))}


def gold_figure_pairs(items: list[dict]) -> set[Pair]:
    found: set[Pair] = set()
    for item in items:
        documents = item.get("documents", [])
        numbers = item.get("numbers")
        if isinstance(numbers, list) and len(numbers) == len(documents):
            for (d1, n1), (d2, n2) in combinations(zip(documents, numbers, strict=True), 2):
                if doc_key(d1) != doc_key(d2) and _differ(n1, n2):
                    found.add(tuple(sorted((doc_key(d1), doc_key(d2)))))
        else:
            found |= pairs_of(documents)
    return found


def _differ(a, b) -> bool:
    """Whether two gold figures cannot both hold. A figure may be an int, a string with its
    qualifier ("at least 14") or a list of the figures one document gives (then they differ when
    no two of them agree)."""
    from purportedly.corpus.contradictions import compatible

    figures_a, figures_b = _figures(a), _figures(b)
    if not figures_a or not figures_b:
        return False
    return not any(compatible(x, y) for x in figures_a for y in figures_b)


def _figures(value) -> list:
    from purportedly.corpus.contradictions import CountReport

    found = []
    for item in value if isinstance(value, list) else [value]:
        match = re.match(r"^\s*(.*?)\s*([\d][\d,]*)\s*$", str(item))
        if match:
            number = int(match.group(2).replace(",", ""))
            found.append(CountReport(0, "", None, number, match.group(1).lower() or None, "", None))
    return found


def predicted_figure_pairs(items: list[dict]) -> set[Pair]:
    from purportedly.corpus.contradictions import CountReport, compatible

    found: set[Pair] = set()
    for item in items:
        reports = [
            CountReport(0, r["document"], r.get("outlet"), int(r["number"]), r.get("qualifier"), "", None)
            for r in item.get("reports", [])
        ]
        for a, b in combinations(reports, 2):
            if doc_key(a.document) != doc_key(b.document) and not compatible(a, b):
                found.add(tuple(sorted((doc_key(a.document), doc_key(b.document)))))
    return found


def prf(predicted: set[Pair], gold: set[Pair]) -> dict:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "predicted": len(predicted),
        "gold": len(gold),
        "hits": hits,
        "missed": sorted(gold - predicted),
        "extra": sorted(predicted - gold),
    }


def from_store(db: str) -> tuple[list[dict], list[dict]]:
    from purportedly import corpus
    from purportedly.corpus.clusters import told_stories
    from purportedly.store import Store

    with Store.open(db, read_only=True) as store:
        found = corpus.stories(store)
        figures = corpus.contradictions(store, story_list=found)
        return [s.as_json() for s in told_stories(found)], [c.as_json() for c in figures]


def score(gold: dict, stories: list[dict], figures: list[dict]) -> dict:
    return {
        "stories": prf(story_pairs(stories), story_pairs(gold.get("stories", []))),
        "contradictions": prf(
            predicted_figure_pairs(figures), gold_figure_pairs(gold.get("contradictions", []))
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--db", help="a store to run stories/contradictions on")
    parser.add_argument("--stories", type=Path, help="saved `purportedly stories --json` output")
    parser.add_argument("--contradictions", type=Path, help="saved `purportedly contradictions --json`")
    parser.add_argument("--details", action="store_true", help="list missed and extra pairs")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    if args.db:
        stories, figures = from_store(args.db)
    elif args.stories and args.contradictions:
        stories = json.loads(args.stories.read_text(encoding="utf-8"))
        figures = json.loads(args.contradictions.read_text(encoding="utf-8"))
    else:
        parser.error("give --db, or both --stories and --contradictions")
    result = score(gold, stories, figures)
    for name, got in result.items():
        line = f"{name:15} P {got['precision']:.3f}  R {got['recall']:.3f}  F1 {got['f1']:.3f}"
        print(f"{line}  ({got['hits']} of {got['gold']} gold pairs, {got['predicted']} predicted)")
        if args.details:
            for pair in got["missed"]:
                print(f"   missed {pair[0]} ~ {pair[1]}")
            for pair in got["extra"]:
                print(f"   extra  {pair[0]} ~ {pair[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
