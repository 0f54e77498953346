"""Train the entity decision (src/purportedly/data/models/entities.json): does the article name it?

    python scripts/train_entities.py --set NAME ARTICLES GOLD [--set ...] [--rows DIR] [--out FILE]

Rows: the pipeline runs up to the entity recogniser; ``EntityRecognizer.proposals`` gives every
proposed entity (after the rules and the merging) with the features of ``nlp/entities/decision.py``.
Label: the entity is matched one-to-one to a gold entity by the scorer's own name matching
(``score.py``'s greedy match over name and aliases), so a second, cut form of a matched name
('Qudra' beside 'Ashraf al-Qudra') counts as wrong, as the scorer counts it.

Figures: leave one set out. For each set, a model fitted on the other sets decides it, and the
entities section (P/R/F1 as score.py computes it) is printed with every proposal kept ("rules")
and with the model's decision ("learned"). The Platt map is fitted on those left-out scores, the
threshold is the one with the best pooled left-out F1, and the final weights are fitted on every
set. Fixed seed; texts stay where they are (the rows cache holds features and names only, keep
it outside the repo). Needs scikit-learn (`pip install 'purportedly[train]'`); the package reads
only the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_figures import platt, prf  # noqa: E402
from fit_figures import report as shared_report  # noqa: E402
from train_speakers import load_scorer  # noqa: E402

from purportedly.analysis import make_doc  # noqa: E402
from purportedly.model import Article  # noqa: E402
from purportedly.nlp.calibrated import linear_score, platt_chance  # noqa: E402
from purportedly.nlp.entities.decision import MODEL_PATH  # noqa: E402
from purportedly.nlp.pipeline import COMPONENTS, load_pipeline  # noqa: E402
from purportedly.reading import read_inputs  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEED = 11
C = 0.3  # inverse L2 strength: a hundred-odd wrong proposals to learn from, keep the weights small
MIN_DOCS = 5  # a feature seen in fewer articles is not learned from
BINS = 5
TOLERANCE = 0.001


def extract(name: str, articles_dir: str, gold_dir: str, scorer, cache: Path | None) -> list[dict]:
    """One row per proposed entity of every article of the set that has a gold file."""
    if cache is not None and cache.exists():
        return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    after = [spec.name for spec in COMPONENTS]
    nlp = load_pipeline(skip=tuple(after[after.index("purportedly_entities") :]))
    from purportedly.nlp.entities.component import EntityRecognizer

    recogniser = EntityRecognizer(
        nlp,
        "entities",
        "facts/known_entities.json",
        "facts/names.json",
        "facts/demonyms.json",
        "facts/regions.json",
        "",
    )
    paths = sorted(str(p) for p in Path(articles_dir).glob("*.txt"))
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    rows = []
    for article in articles:
        document = Path(article.document).name
        gold_path = Path(gold_dir) / f"{document}.json"
        if not gold_path.exists():
            continue
        gold = scorer.items(json.loads(gold_path.read_text(encoding="utf-8")), "entities", "name")
        doc = nlp(make_doc(nlp, article))
        proposals = recogniser.proposals(doc, recogniser.match(doc))
        preds = [{"name": entity.name} for entity, _ in proposals]
        matched = {i for i, _ in scorer.greedy_match(preds, gold, scorer.name_score)}
        for i, (entity, features) in enumerate(proposals):
            rows.append(
                {
                    "set": name,
                    "doc": f"{name}:{document}",
                    "name": entity.name,
                    "features": features,
                    "label": i in matched,
                    "gold": len(gold),
                }
            )
        if not proposals:  # an article with gold but nothing proposed still counts its gold
            rows.append({"set": name, "doc": f"{name}:{document}", "name": None, "gold": len(gold)})
    print(f"{name}: {len(articles)} articles, {len(rows)} proposals", file=sys.stderr)
    if cache is not None:
        cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def fit(rows: list[dict]) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [r for r in rows if r["name"] is not None]
    seen: dict[str, set[str]] = {}
    for r in rows:
        for feature in r["features"]:
            seen.setdefault(feature, set()).add(r["doc"])
    common = {f for f, docs in seen.items() if len(docs) >= MIN_DOCS}
    vectorizer = DictVectorizer(sparse=True)
    x = vectorizer.fit_transform([{k: v for k, v in r["features"].items() if k in common} for r in rows])
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    model.fit(x, [int(r["label"]) for r in rows])
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
        if abs(w) > 1e-5
    }
    return {"weights": dict(sorted(weights.items())), "bias": round(float(model.intercept_[0]), 5)}


def section(rows: list[dict], kept: list[bool]) -> tuple[float, float, float, int, int, int]:
    """The entities section as score.py computes it: kept proposals, matches among them, gold."""
    tp = sum(k and r["label"] for r, k in zip(rows, kept, strict=True) if r["name"] is not None)
    n_pred = sum(k for r, k in zip(rows, kept, strict=True) if r["name"] is not None)
    n_gold = sum({r["doc"]: r["gold"] for r in rows}.values())
    return prf(tp, n_pred, n_gold)


def report(label: str, figures) -> None:
    shared_report(label, figures, width=24)


def leave_one_set_out(rows: list[dict]) -> list[float]:
    """Each row's score from the model fitted without its set."""
    scores = [0.0] * len(rows)
    for held in sorted({r["set"] for r in rows}):
        model = fit([r for r in rows if r["set"] != held])
        for i, r in enumerate(rows):
            if r["set"] == held and r["name"] is not None:
                scores[i] = linear_score(model, r["features"])
    return scores


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set", nargs=3, action="append", required=True, metavar=("NAME", "ARTICLES", "GOLD")
    )
    parser.add_argument("--rows", type=Path, help="directory for cached rows (outside the repo)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    scorer = load_scorer(SCORER)
    if args.rows:
        args.rows.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, articles, gold in args.set:
        rows += extract(name, articles, gold, scorer, args.rows / f"{name}.jsonl" if args.rows else None)
    real = [i for i, r in enumerate(rows) if r["name"] is not None]
    scores = leave_one_set_out(rows)
    calibration = platt([scores[i] for i in real], [rows[i]["label"] for i in real])
    by_threshold = {}
    for t in [x / 20 for x in range(2, 14)]:
        kept = [
            r["name"] is None or platt_chance(calibration, s) >= t for r, s in zip(rows, scores, strict=True)
        ]
        by_threshold[t] = section(rows, kept)[2]
    # the lowest threshold within TOLERANCE of the best: a dropped entity is lost to every later
    # stage (speaker links, places, recordings' releasers), so ties go to keeping
    best = max(by_threshold.values())
    threshold = min(t for t, f1 in by_threshold.items() if f1 >= best - TOLERANCE)
    print(f"threshold {threshold} (pooled left-out F1 {by_threshold[threshold]:.4f}, best {best:.4f})")
    for held in [name for name, _, _ in args.set]:
        own = [(r, s) for r, s in zip(rows, scores, strict=True) if r["set"] == held]
        report(f"{held} rules", section([r for r, _ in own], [True] * len(own)))
        kept = [r["name"] is None or platt_chance(calibration, s) >= threshold for r, s in own]
        report(f"{held} learned", section([r for r, _ in own], kept))
    print("reliability (left-out chances):")
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for i in real:
        p = platt_chance(calibration, scores[i])
        bins[min(BINS - 1, int(p * BINS))].append((p, rows[i]["label"]))
    for k, b in enumerate(bins):
        if b:
            mean = sum(p for p, _ in b) / len(b)
            right = sum(y for _, y in b) / len(b)
            span = f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}"
            print(f"  {span}  n {len(b):>4}  chance {mean:.3f}  right {right:.3f}")
    model = fit(rows)
    model.update(calibration=calibration, threshold=threshold, trained_on=[name for name, _, _ in args.set])
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model['weights'])} weights")


if __name__ == "__main__":
    main()
