"""Train the source decision (src/purportedly/data/models/sources.json): is a proposed source cited?

    python scripts/train_sources.py --set ../shared/seeds ../shared/eval/gold \
        --set ../shared/eval/dev/articles ../shared/eval/dev/gold --set ARTICLES GOLD ... \
        --polnear GIT_DIR ../polnear/train/texts train [--polnear GIT_DIR ../polnear/dev/texts dev] \
        [--rows ROWS] [--every N] [--polnear-share S] [--test-set N ...] [--out sources.json]

Rows: the pipeline runs up to the rule-based speakers; ``SourceFinder`` proposes its source groups
(with the rules' own verdict) and ``nlp/sources/decision.py`` gives each its features. Labels:
- our gold (``--set ARTICLES GOLD``, the main labels): a group is a source when its name or an
  alias is a gold source's name or alias (the scorer's own name matching);
- PolNeAR (``--polnear GIT_DIR TEXTS SPLIT``, auxiliary): a group is a source when one of its
  mentions overlaps the Source span of an attribution (direct, indirect or partial) in the first
  annotator's file. Pronoun sources are not names and are left out. Its rows together weigh
  ``--polnear-share`` of ours (its labels count voices on recordings and bare nouns as sources).
PolNeAR's dev split only measures (never fits). Each of our sets is left out in turn and scored by
a model fitted on the others (leave-one-set-out): those held-out scores give the Platt map, the
threshold (best sources F1 over them) and the per-set figures printed for the rules and the model,
as the scorer computes them. ``--test-set N`` keeps our N-th set out altogether and writes nothing.
The final fit uses every row. Fixed seed; texts stay where they are (the rows file holds features
and names only, keep it outside the repo).
Needs scikit-learn (`pip install 'purportedly[train]'`); the package reads only the JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_figures import platt, prf, report  # noqa: E402
from train_speakers import load_scorer  # noqa: E402

from purportedly.analysis import make_doc  # noqa: E402
from purportedly.model import Article  # noqa: E402
from purportedly.nlp.calibrated import CalibratedLogistic, linear_score, platt_chance  # noqa: E402
from purportedly.nlp.pipeline import COMPONENTS, load_pipeline  # noqa: E402
from purportedly.nlp.sources.component import SourceFinder  # noqa: E402
from purportedly.nlp.sources.decision import MODEL_PATH, DocView, group_features  # noqa: E402
from purportedly.reading import read_inputs  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEED = 11
# PolNeAR is auxiliary: its rows together weigh this share of our gold's (its labels count voices
# heard on recordings and bare 'officials' as sources, which our genre's gold does not)
POLNEAR_SHARE = 0.25
MIN_DOCS = 5
C = 0.5  # inverse L2 strength: a few hundred features, keep the weights small
PRONOUNS = {
    "he",
    "she",
    "they",
    "i",
    "we",
    "it",
    "him",
    "her",
    "them",
    "you",
    "his",
    "their",
    "its",
    "who",
    "which",
    "that",
    "this",
    "one",
    "us",
    "me",
    "our",
    "my",
    "your",
}
BINS = 10


def git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def polnear_sources(repo: str, split: str) -> dict[str, list[tuple[int, str]]]:
    """Per article stem: (offset, surface) of every non-pronoun attribution Source span."""
    listing = git(repo, "ls-tree", "--name-only", "HEAD", f"data/{split}/attributions/").split()
    chosen: dict[str, str] = {}
    for path in sorted(listing):  # one annotator per article: the first in name order
        chosen.setdefault(Path(path).name.rsplit("_", 1)[0], path)
    out = {}
    for stem, path in chosen.items():
        spans = []
        for line in git(repo, "show", f"HEAD:{path}").splitlines():
            if not line.startswith("T") or line.count("\t") < 2:
                continue
            _, info, surface = line.split("\t", 2)
            kind, *offsets = info.replace(";", " ").split()
            if kind == "Source" and surface.strip().lower() not in PRONOUNS:
                spans.append((int(offsets[0]), surface.strip()))
        out[stem] = spans
    return out


def locate(text: str, spans: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Where each source span stands in the analysed text (nearest occurrence to its offset):
    reading may change a few characters, so offsets are found again by the words."""
    found = []
    for offset, surface in spans:
        pattern = r"\s+".join(re.escape(w) for w in surface.split())
        hits = [m.span() for m in re.finditer(pattern, text)]
        if hits:
            found.append(min(hits, key=lambda h: abs(h[0] - offset)))
    return found


def extract(args, scorer) -> list[dict]:
    """Rows of every set; with --rows, each set's rows are cached in ROWS.SET.jsonl and reused."""
    jobs = [(f"own{i}", a, g, None) for i, (a, g) in enumerate(args.set)]
    jobs += [(f"polnear-{s}", t, None, (r, s)) for r, t, s in args.polnear]
    rows: list[dict] = []
    finder = nlp = None
    for set_name, articles_dir, gold_dir, polnear in jobs:
        cache = Path(f"{args.rows}.{set_name}.jsonl") if args.rows else None
        if cache is not None and cache.exists():
            rows += [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
            continue
        if nlp is None:
            after = [spec.name for spec in COMPONENTS]
            nlp = load_pipeline(skip=tuple(after[after.index("purportedly_sources") :]))
            finder = SourceFinder(nlp, "sources", model=None)
            finder.bare_nouns = True  # propose what the model may keep in its own mode
        attributions = polnear_sources(*polnear) if polnear else None
        paths = sorted(str(p) for p in Path(articles_dir).glob("*.txt"))
        if polnear and polnear[1] == "train":
            paths = paths[:: args.every]  # a share of the train split, spread over its outlets
        articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
        docs = (make_doc(nlp, a) for a in articles)
        found = []
        for article, doc in zip(articles, nlp.pipe(docs, batch_size=16), strict=True):
            name = Path(article.document).name
            if gold_dir is not None:
                gold_path = Path(gold_dir) / f"{name}.json"
                if not gold_path.exists():
                    continue
                gold = json.loads(gold_path.read_text(encoding="utf-8")).get("sources") or []
                gold = scorer.items({"sources": gold}, "sources", "name")
                spans = None
            else:
                gold, spans = None, locate(doc.text, attributions.get(name.removesuffix(".txt"), []))
            found.extend(doc_rows(doc, finder, f"{set_name}:{name}", gold, spans, scorer))
        print(f"{articles_dir}: {len(articles)} articles, {len(found)} groups", file=sys.stderr)
        if cache is not None:
            cache.write_text("".join(json.dumps(r) + "\n" for r in found), encoding="utf-8")
        rows += found
    return rows


def doc_rows(doc, finder: SourceFinder, doc_id: str, gold, spans, scorer) -> list[dict]:
    view = DocView.of(doc)
    rows = []
    for group, rule_keep in finder.proposals(doc, finder.match(doc)):
        features = group_features(group, doc, view)
        features["rule_keep"] = float(rule_keep)
        names = [group.name, *group.aliases]
        if gold is not None:
            keys = {scorer.name_key(n) for n in names} - {""}
            label = any(
                scorer.name_key(x) in keys for g in gold for x in (g.get("name"), *(g.get("aliases") or []))
            )
        else:
            label = any(s < c.end and c.start < e for c in group.candidates for s, e in spans)
        rows.append(
            {
                "doc": doc_id,
                "name": group.name,
                "aliases": group.aliases,
                "features": features,
                "rule_keep": rule_keep,
                "label": bool(label),
                "gold": gold,
            }
        )
    return rows


def fit(rows: list[dict]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # a feature seen in fewer than MIN_DOCS articles (a head noun of one story) is not learned from
    seen: dict[str, set[str]] = {}
    for r in rows:
        for name in r["features"]:
            seen.setdefault(name, set()).add(r["doc"])
    common = {name for name, docs in seen.items() if len(docs) >= MIN_DOCS}
    vectorizer = DictVectorizer(sparse=True)
    x = vectorizer.fit_transform([{k: v for k, v in r["features"].items() if k in common} for r in rows])
    y = [int(r["label"]) for r in rows]
    weights = row_weights(rows)
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED, solver="lbfgs")
    model.fit(x, y, sample_weight=weights)
    weights_by_name = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
        if abs(w) > 1e-5
    }
    return {"weights": weights_by_name, "bias": round(float(model.intercept_[0]), 5)}


def row_weights(rows: list[dict]) -> list[float]:
    """Our gold's rows weigh 1; PolNeAR's together weigh POLNEAR_SHARE of ours."""
    own = sum(r["doc"].startswith("own") for r in rows)
    other = len(rows) - own
    auxiliary = POLNEAR_SHARE * own / other if other and own else 1.0
    return [1.0 if r["doc"].startswith("own") else auxiliary for r in rows]


def section_figures(rows: list[dict], kept: list[bool], scorer) -> tuple[float, float, float, int, int, int]:
    """Our gold's sources section, as score.py computes it, for the groups kept."""
    tp = n_pred = n_gold = 0
    by_doc: dict[str, list[tuple[dict, bool]]] = {}
    for r, k in zip(rows, kept, strict=True):
        by_doc.setdefault(r["doc"], []).append((r, k))
    for items in by_doc.values():
        preds = [{"name": r["name"], "aliases": r["aliases"]} for r, k in items if k]
        gold = items[0][0]["gold"] or []
        tp += len(scorer.greedy_match(preds, gold, scorer.name_score))
        n_pred += len(preds)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def mention_figures(rows: list[dict], kept: list[bool]) -> tuple[float, float, float, int, int, int]:
    """PolNeAR: kept groups that overlap an attribution source (P), source groups kept (R)."""
    tp = sum(k and r["label"] for r, k in zip(rows, kept, strict=True))
    return prf(tp, sum(kept), sum(r["label"] for r in rows))


def evaluate(name: str, rows: list[dict], model: dict, scorer) -> None:
    own = rows[0]["gold"] is not None if rows else False
    measure = (lambda k: section_figures(rows, k, scorer)) if own else (lambda k: mention_figures(rows, k))
    report(f"{name} rules", measure([r["rule_keep"] for r in rows]))
    shipped = CalibratedLogistic(model)
    kept = [shipped.probability(r["features"]) >= shipped.threshold for r in rows]
    report(f"{name} learned", measure(kept))


def reliability(scores: list[float], labels: list[bool], calibration: dict) -> list[dict]:
    bins = [[] for _ in range(BINS)]
    for s, y in zip(scores, labels, strict=True):
        p = platt_chance(calibration, s)
        bins[min(BINS - 1, int(p * BINS))].append((p, y))
    return [
        {
            "bin": f"{i / BINS:.1f}-{(i + 1) / BINS:.1f}",
            "n": len(b),
            "mean_chance": round(sum(p for p, _ in b) / len(b), 3),
            "share_right": round(sum(y for _, y in b) / len(b), 3),
        }
        for i, b in enumerate(bins)
        if b
    ]


def set_of(row: dict) -> str:
    return row["doc"].split(":")[0]


def leave_one_set_out(rows: list[dict]) -> dict[int, float]:
    """Raw scores of our gold's rows, each from a model fitted without its whole set (PolNeAR's
    train rows are in every fit): what the model does on a set of articles it never saw."""
    scores = {}
    for held in sorted({set_of(r) for r in rows if r["doc"].startswith("own")}):
        model = fit([r for r in rows if set_of(r) != held])
        for i, r in enumerate(rows):
            if set_of(r) == held:
                scores[i] = linear_score(model, r["features"])
    return scores


def train(rows: list[dict], scorer) -> dict:
    """Fit on every row; calibrate and pick the threshold on our sets' leave-one-set-out scores."""
    held_out = leave_one_set_out(rows)
    own = sorted(held_out)
    scores = [held_out[i] for i in own]
    labels = [rows[i]["label"] for i in own]
    calibration = platt(scores, labels)
    best = (-1.0, 0.5)
    for t in [x / 20 for x in range(4, 17)]:
        kept = [platt_chance(calibration, s) >= t for s in scores]
        f1 = section_figures([rows[i] for i in own], kept, scorer)[2]
        best = max(best, (f1, -t))
    threshold = -best[1]
    model = fit(rows)
    model.update(calibration=calibration, threshold=threshold)
    print(f"threshold {threshold} (our sets, left out one at a time: sources F1 {best[0]:.3f})")
    print("leave-one-set-out, per set (rules | model at the threshold | model at raw 0.5):")
    for name in sorted({set_of(rows[i]) for i in own}):
        idx = [i for i in own if set_of(rows[i]) == name]
        subset = [rows[i] for i in idx]
        report(f"  {name} rules", section_figures(subset, [r["rule_keep"] for r in subset], scorer))
        kept = [platt_chance(calibration, held_out[i]) >= threshold for i in idx]
        report(f"  {name} model", section_figures(subset, kept, scorer))
        report(f"  {name} model@0.5", section_figures(subset, [held_out[i] >= 0 for i in idx], scorer))
    subset = [rows[i] for i in own]
    report("  all rules", section_figures(subset, [r["rule_keep"] for r in subset], scorer))
    report(
        "  all model",
        section_figures(subset, [platt_chance(calibration, s) >= threshold for s in scores], scorer),
    )
    report("  all model@0.5", section_figures(subset, [s >= 0 for s in scores], scorer))
    for label, pick in (
        ("all proposals", lambda r: True),
        ("sources the rules keep", lambda r: r["rule_keep"]),
    ):
        chosen = [k for k, i in enumerate(own) if pick(rows[i])]
        print(f"reliability, left-out sets, {label}:")
        for row in reliability([scores[k] for k in chosen], [labels[k] for k in chosen], calibration):
            print(
                f"  {row['bin']}  n {row['n']:>5}  chance {row['mean_chance']:.3f}"
                f"  right {row['share_right']:.3f}"
            )
    return model


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", nargs=2, action="append", default=[], metavar=("ARTICLES", "GOLD"))
    parser.add_argument(
        "--polnear", nargs=3, action="append", default=[], metavar=("GIT_DIR", "TEXTS", "SPLIT")
    )
    parser.add_argument("--rows", default=None, help="JSONL cache of the rows (outside the repo)")
    parser.add_argument("--every", type=int, default=1, help="PolNeAR train: every N-th article only")
    parser.add_argument(
        "--test-set", type=int, action="append", default=[], help="our set N: measure, not fit"
    )
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument("--polnear-share", type=float, default=POLNEAR_SHARE)
    args = parser.parse_args(argv)
    globals()["POLNEAR_SHARE"] = args.polnear_share
    scorer = load_scorer(SCORER)
    rows = extract(args, scorer)
    tests = {f"own{n}" for n in args.test_set} | {"polnear-dev"}
    for i, (articles, _) in enumerate(args.set):
        print(f"own{i}: {articles}")
    fitting = [r for r in rows if r["doc"].split(":")[0] not in tests]
    model = train(fitting, scorer)
    for name in sorted({r["doc"].split(":")[0] for r in rows}):
        evaluate(name, [r for r in rows if r["doc"].startswith(name + ":")], model, scorer)
    if not args.test_set:
        model["trained_on"] = sorted({r["doc"].split(":")[0] for r in fitting})
        Path(args.out).write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(model['weights'])} weights)")


if __name__ == "__main__":
    main()
