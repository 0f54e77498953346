"""Train the registry's merge decision (src/purportedly/data/models/recording_pairs.json).

    python scripts/train_recording_pairs.py --set DIR1 --set DIR2 [--set DIR3 ...]
        [--out recording_pairs.json]

Each --set is a directory holding `articles/` and a `gold.json` in eval/recordings' format (the
texts and gold stay outside the repository). Its articles are ingested into a temporary SQLite
store; every candidate pair of article recordings the registry would compare (compatible, sharing
some evidence: ``corpus/recordings.py``) gives the evidence features (``Matcher.features``),
labelled by the gold: one recording when the two documents carry one gold recording. Where an
article tells several recordings, only the pair of a gold pair with the most evidence is labelled
right (the others are left out, not labelled wrong: the gold does not say which recording of the
article is which).

A plain logistic regression (L2, no class weights), with few features for the few dozen gold
pairs; the merge threshold is the one with the best pair F1 on the training pairs. Before the
shipped fit on all sets, each set is held out in turn: the model is trained on the others and the
registry built with it is scored on the held-out set (pair P/R/F1, releaser accuracy). The L2
strength is the one of C_GRID with the best mean held-out pair F1, so those figures (kept in the
JSON) are slightly optimistic: one number was chosen on them.
Reproducible: sorted inputs, deterministic solver. Needs scikit-learn (`pip install
'purportedly[train]'`); the package itself reads only the JSON.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval" / "recordings"))

from score_recordings import documents_by_id, score  # noqa: E402

from purportedly.engines.ingest import ingest_paths  # noqa: E402
from purportedly.store.core import Store  # noqa: E402

registry = importlib.import_module(
    "purportedly.corpus.recordings"
)  # the package re-exports a function of that name
FEATURES = [
    "quote",
    "quote_reworded",
    "phrase",
    "quotes_differ",
    "keywords",
    "full_name",
    "given_name",
    "same_day",
    "weekday_differs",
    "same_releaser",
    "releaser_unlike",
    "same_unit",
    "same_place",
    "kin_differ",
    "late",
    "quote_meaning",
    "same_kin",
]
C_GRID = (0.3, 1.0, 3.0, 10.0)  # L2 strengths tried; the best mean held-out pair F1 is kept


class Placeholder(registry.PairModel):
    """Features need no model; the matcher is given one that never merges."""

    def __init__(self) -> None:
        super().__init__({"features": [], "coef": [], "intercept": -10.0})


def load_set(directory: Path, work: Path) -> dict:
    db = work / f"{directory.name}.db"
    store = Store.open(str(db))
    ingest_paths(store, [str(directory / "articles")])
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    return {"name": directory.name, "db": str(db), "store": store, "gold": gold}


def examples(data: dict) -> tuple[list[list[float]], list[int]]:
    rows = list(registry.recording_rows(data["store"]))
    matcher = registry.Matcher(rows, Placeholder())
    carried: dict[str, set[str]] = {}
    for rec in data["gold"]["recordings"]:
        for doc in rec["documents"]:
            carried.setdefault(PurePath(doc).name, set()).add(rec["id"])
    by_docs: dict[tuple[str, str], list[tuple[dict, int]]] = {}
    for i, j in sorted(registry._candidates(rows, matcher)):
        if not matcher.compatible(i, j):
            continue
        docs = tuple(sorted((PurePath(rows[i].document).name, PurePath(rows[j].document).name)))
        by_docs.setdefault(docs, []).append(
            (matcher.features(i, j), int(bool(carried.get(docs[0], set()) & carried.get(docs[1], set()))))
        )
    x, y = [], []
    for pairs in by_docs.values():
        if pairs[0][1]:  # the gold pair: the row pair with the most evidence
            pairs = [max(pairs, key=lambda t: sum(t[0].values()) - 2 * t[0]["quotes_differ"])]
        for features, label in pairs:
            x.append([features[f] for f in FEATURES])
            y.append(label)
    return x, y


def fit(x: list[list[float]], y: list[int], c: float) -> registry.PairModel:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, solver="lbfgs", max_iter=1000).fit(x, y)
    model = registry.PairModel(
        {
            "features": FEATURES,
            "coef": [round(float(c), 4) for c in fitted.coef_[0]],
            "intercept": round(float(fitted.intercept_[0]), 4),
        }
    )
    model.threshold = threshold(model, x, y)
    return model


def threshold(model: registry.PairModel, x: list[list[float]], y: list[int]) -> float:
    """The probability from which a pair is merged: the middle of the thresholds giving the best
    pair F1 on the training pairs (few right pairs among many candidates put most right ones below
    0.5; the threshold is chosen on the training sets only, never on a held-out one)."""
    probabilities = [model.probability(dict(zip(FEATURES, row, strict=True))) for row in x]
    grid = [t / 100 for t in range(5, 96, 5)]
    scores = []
    for t in grid:
        tp = sum(p >= t and label for p, label in zip(probabilities, y, strict=True))
        predicted = sum(p >= t for p in probabilities)
        scores.append(2 * tp / (predicted + sum(y)) if predicted + sum(y) else 0.0)
    best = [t for t, f in zip(grid, scores, strict=True) if f >= max(scores) - 1e-9]
    return round((best[0] + best[-1]) / 2, 3)


def measure(model: registry.PairModel, data: dict) -> dict:
    entries = [e.model_dump(mode="json") for e in registry.recordings(data["store"], model=model)]
    return score(data["gold"], entries, documents_by_id(data["db"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", action="append", required=True, type=Path, help="DIR with articles/ and gold.json"
    )
    parser.add_argument("--out", type=Path, default=registry.MODEL_PATH)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sets = [load_set(d, Path(tmp)) for d in sorted(args.set)]
        data = {s["name"]: examples(s) for s in sets}
        for name, (_, y) in data.items():
            print(f"{name}: {len(y)} candidate pairs, {sum(y)} right", file=sys.stderr)
        held_out: dict[float, dict] = {}
        for c in C_GRID if len(sets) > 1 else [1.0]:
            held_out[c] = {}
            for held in sets if len(sets) > 1 else []:
                x = [v for name, (xs, _) in data.items() if name != held["name"] for v in xs]
                y = [v for name, (_, ys) in data.items() if name != held["name"] for v in ys]
                result = measure(fit(x, y, c), held)
                held_out[c][held["name"]] = {
                    "pairs": result["registry_pairs"],
                    "releaser": result["releaser_accuracy"],
                }
                print(
                    f"C={c} held out {held['name']}: {json.dumps(held_out[c][held['name']])}", file=sys.stderr
                )
        mean = {
            c: sum(r["pairs"]["f1"] for r in runs.values()) / max(1, len(runs))
            for c, runs in held_out.items()
        }
        c = max(mean, key=lambda k: (round(mean[k], 3), -k))
        print(f"C={c} (mean held-out pair F1 {mean[c]:.3f})", file=sys.stderr)
        x = [v for xs, _ in data.values() for v in xs]
        y = [v for _, ys in data.values() for v in ys]
        model = fit(x, y, c)
        for s in sets:
            print(
                f"trained on all, {s['name']}: {json.dumps(measure(model, s)['registry_pairs'])}",
                file=sys.stderr,
            )
            s["store"].close()
    out = {
        "_doc": "The recordings registry's merge decision (corpus/recordings.py PairModel), written by "
        "scripts/train_recording_pairs.py: logistic regression over the evidence two retellings share; "
        "held_out gives each set's figures with the model trained on the other sets only.",
        "features": model.features,
        "coef": model.coef,
        "intercept": model.intercept,
        "threshold": model.threshold,
        "trained_on": {name: {"pairs": len(y), "right": sum(y)} for name, (_, y) in data.items()},
        "C": c,
        "held_out": held_out[c],
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
