"""Score the recordings registry against a real-article gold file.

    purportedly ingest DIR/articles --db r.db
    purportedly recordings --db r.db --json > recordings.json
    python3 eval/recordings/score_recordings.py --gold DIR/gold.json --pred recordings.json --db r.db

- registry pairs: two documents are a pair when one recording entry is carried by both; precision,
  recall and F1 of the predicted pairs against the gold's (`recordings[].documents`);
- carriages found: gold (document, recording) carriages whose document carries any predicted entry;
- releaser accuracy: of the gold carriages whose recording has a releaser, the share whose document
  carries a predicted entry with that releaser (any of the gold's `releaser_aliases`, compared
  without case, a leading "the" or punctuation).

Carriages name their article by `document` or by `article_id`; with `--db` (a SQLite store) article
ids are turned into the stored document names. Names are compared by their base name.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from itertools import combinations
from pathlib import PurePath


def base(name: str) -> str:
    return PurePath(str(name)).name


def norm(name: str | None) -> str:
    text = re.sub(r"[^\w\s]", " ", (name or "").lower())
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def documents_by_id(db: str | None) -> dict[int, str]:
    if not db:
        return {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return {row[0]: row[1] for row in con.execute("SELECT id, document FROM articles")}


def predicted_carriages(entries: list[dict], docs: dict[int, str]) -> list[tuple[str, dict, dict]]:
    found = []
    for entry in entries:
        for carriage in entry.get("carriages", []):
            document = carriage.get("document") or docs.get(carriage.get("article_id"), "")
            found.append((base(document), entry, carriage))
    return found


def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for docs in groups:
        out.update(frozenset(p) for p in combinations(sorted(set(docs)), 2))
    return out


def prf(pred: set, gold: set) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp,
            "pred": len(pred), "gold": len(gold)}


def releaser_matches(predicted: str | None, gold: dict) -> bool:
    names = {norm(gold.get("releaser"))} | {norm(a) for a in gold.get("releaser_aliases", [])}
    return norm(predicted) in names - {""}


def restrict(gold: dict, keep) -> dict:
    """The gold seen through only the documents `keep` accepts (to score a part of the set)."""
    recordings = [dict(r, documents=[d for d in r["documents"] if keep(base(d))]) for r in gold["recordings"]]
    carriages = [c for c in gold.get("carriages", []) if keep(base(c["document"]))]
    return {"recordings": recordings, "carriages": carriages}


def score(gold: dict, entries: list[dict], docs: dict[int, str], keep=lambda name: True) -> dict:
    gold = restrict(gold, keep)
    carried = [c for c in predicted_carriages(entries, docs) if keep(c[0])]
    by_entry: dict[str, list[str]] = {}
    for document, entry, _ in carried:
        by_entry.setdefault(entry.get("id", id(entry)), []).append(document)
    gold_groups = [[base(d) for d in r["documents"]] for r in gold["recordings"]]
    result = {"registry_pairs": prf(pairs(list(by_entry.values())), pairs(gold_groups))}
    recordings = {r["id"]: r for r in gold["recordings"]}
    carriages = [c for c in gold.get("carriages", [])]
    found = [c for c in carriages if any(d == base(c["document"]) for d, _, _ in carried)]
    with_releaser = [c for c in carriages if recordings[c["recording"]].get("releaser")]
    right = [
        c for c in with_releaser
        if any(d == base(c["document"]) and releaser_matches(e.get("releaser") or k.get("releaser"),
                                                            recordings[c["recording"]])
               for d, e, k in carried)
    ]
    result["carriages_found"] = {"share": round(len(found) / len(carriages), 3) if carriages else 1.0,
                                 "found": len(found), "gold": len(carriages)}
    result["releaser_accuracy"] = {
        "share": round(len(right) / len(with_releaser), 3) if with_releaser else 1.0,
        "right": len(right), "gold": len(with_releaser)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--pred", required=True, help="`purportedly recordings --json` output")
    parser.add_argument("--db", help="the SQLite store, to name carriages given by article id")
    parser.add_argument("--only", help="score only documents whose name matches this regular expression")
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(args.pred, encoding="utf-8") as fh:
        entries = json.load(fh)
    pattern = re.compile(args.only) if args.only else None
    keep = (lambda name: bool(pattern.search(name))) if pattern else (lambda name: True)
    print(json.dumps(score(gold, entries, documents_by_id(args.db), keep), indent=2))


if __name__ == "__main__":
    main()
