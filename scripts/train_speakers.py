"""Train the speaker decision (src/purportedly/data/models/speakers.json) from annotated articles.

    python scripts/train_speakers.py --set ../polnear/train/texts ../polnear/train/gold \
        [--set ../shared/seeds ../shared/eval/gold ...] [--rows ROWS.jsonl] [--out speakers.json]

Each --set is an articles directory and a gold directory in ../shared/eval's format (PolNeAR's
train split converted by ../shared/eval/polnear.py; our own gold). The pipeline runs up to the
rule-based speakers; every quote matched to a gold quote with a named speaker gives its
candidates (``nlp/speakers/decision.py``), labelled right when they name the gold speaker (the
scorer's own matching). The first --set is split by article with a fixed seed: 80% to fit
gradient-boosted trees (200 of depth 3), 20% held out to calibrate them (Platt scaling of the
best candidate's score), to print the reliability table and to choose the abstention threshold
(the lowest whose named speakers are right at least --precision of the time). Sets after the first
(our own genre's gold) all fit the final model.

Articles that retell a recorded call (genre "call", ``decision.GenreFinder``) get their own
calibration and threshold: there a speaker inherited from the context is right more often than in
PolNeAR's political news. It is fitted on scores the model gave quotes it did not train on: the
later sets' articles are split into --folds folds, each scored by a model fitted without it
(cross-fitting), together with the held-out PolNeAR articles of that genre and the articles of
each --calibration-set (real articles of the genre: scored by the final model, never fitted).
Reproducible: fixed seed, sorted inputs, deterministic solver. Needs scikit-learn
(`pip install 'purportedly[train]'`); the package itself reads only the JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from purportedly.analysis import make_doc  # noqa: E402
from purportedly.model import Article  # noqa: E402
from purportedly.nlp.extensions import get_list  # noqa: E402
from purportedly.nlp.pipeline import COMPONENTS, load_pipeline  # noqa: E402
from purportedly.nlp.speakers.call_turns import alternate_turns  # noqa: E402
from purportedly.nlp.speakers.decision import (  # noqa: E402
    MODEL_PATH,
    DocContext,
    GenreFinder,
    SpeakerLexicon,
    propose,
)
from purportedly.reading import read_inputs  # noqa: E402

SEED = 11
TREES, DEPTH, RATE = 200, 3, 0.1
# our own gold is a few hundred quotes beside PolNeAR's thousands, and the genre the tool is for
OWN_WEIGHT = 15.0
CALIBRATION_SHARE = 0.2
BINS = 10
FOLDS = 5
GENRE = "call"
GENRE_FEATURE = "genre_call"


def load_scorer(path: Path):
    """../shared/eval/score.py, so quotes and speakers are matched exactly as they are scored."""
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(
    sets: list[tuple[str, str]], scorer, batch_size: int = 16, only: set[int] | None = None
) -> list[dict]:
    """One row per judged quote: its candidates' features and which of them are right
    (``only``: the indexes of the sets to read; the others are cached already)."""
    after = [spec.name for spec in COMPONENTS]
    skip = tuple(after[after.index("purportedly_speakers") + 1 :])
    nlp = load_pipeline(skip=skip)
    lexicon = SpeakerLexicon.load()
    genres = GenreFinder()
    rows = []
    for set_index, (articles_dir, gold_dir) in enumerate(sets):
        if only is not None and set_index not in only:
            continue
        paths = sorted(str(p) for p in Path(articles_dir).glob("*.txt"))
        articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
        docs = (make_doc(nlp, a) for a in articles)
        for article, doc in zip(articles, nlp.pipe(docs, batch_size=batch_size), strict=True):
            name = Path(article.document).name
            gold_path = Path(gold_dir) / f"{name}.json"
            if not gold_path.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            found = _rows(doc, gold, scorer, lexicon, f"{set_index}:{name}")
            for row in found:
                row["genre"] = genres.genre(article.text)
            rows.extend(found)
        print(f"{articles_dir}: {len(articles)} articles, {len(rows)} judged quotes so far", file=sys.stderr)
    return rows


def _rows(doc, gold: dict, scorer, lexicon: SpeakerLexicon, group: str) -> list[dict]:
    quotes = get_list(doc, "quotes")
    context = DocContext(doc, quotes, lexicon)
    gold_quotes = gold.get("quotes") or []
    predicted = [{"text": q.text} for q in quotes]

    def score(p, g):
        f = scorer.token_f1(p["text"], g["text"])
        return f if f >= 0.6 else None

    pairs = dict(scorer.greedy_match(predicted, gold_quotes, score))
    rows, previous = [], None
    alternated = alternate_turns(context.text, quotes)
    for i, quote in enumerate(sorted(quotes, key=lambda q: q.start)):
        index = quotes.index(quote)
        candidates = propose(context, quote, previous, alternated.get(quote.id))
        if quote.nested_in is None and quote.speaker:
            previous = quote.speaker
        if index not in pairs:
            continue
        accepted = gold_quotes[pairs[index]].get("speaker") or []
        accepted = [scorer.speaker_key(a) for a in ([accepted] if isinstance(accepted, str) else accepted)]
        if not any(accepted):
            continue  # gold leaves the speaker unscored (a pronoun): nothing to learn
        labels = [any(scorer.related(scorer.speaker_key(c.text), a) for a in accepted) for c in candidates]
        rows.append(
            {
                "group": group,
                "quote": i,
                "features": [c.features for c in candidates],
                "labels": labels,
                "rule": [("rule" in c.origins) for c in candidates],
                "texts": [c.text for c in candidates],
                "gold": accepted[0],
            }
        )
    return rows


def fill_genres(rows: list[dict], sets: list[tuple[str, str]]) -> None:
    """Rows cached before genres existed: read each article's genre from its text."""
    genres, seen = GenreFinder(), {}
    for row in rows:
        if "genre" in row:
            continue
        if row["group"] not in seen:
            index, name = row["group"].split(":", 1)
            text = (Path(sets[int(index)][0]) / name).read_text(encoding="utf-8")
            seen[row["group"]] = genres.genre(text)
        row["genre"] = seen[row["group"]]


def folds(rows: list[dict], k: int) -> list[set[str]]:
    """The later sets' articles in ``k`` folds (sorted, shuffled with the fixed seed)."""
    own = sorted({r["group"] for r in rows if not r["group"].startswith("0:")})
    random.Random(SEED).shuffle(own)
    return [set(own[i::k]) for i in range(k)]


def cross_fitted(train: list[dict], k: int, own_weight: float) -> list[tuple[float, bool, dict]]:
    """(best score, right, row) for every row of the later sets, each scored by a model that did
    not see its article."""
    out = []
    for i, fold in enumerate(folds(train, k)):
        fitted = fit([r for r in train if r["group"] not in fold], own_weight)
        held = [r for r in train if r["group"] in fold]
        out.extend((z, y, r) for (z, y), r in zip(best_per_quote(held, fitted), held, strict=True))
        print(f"fold {i + 1}/{k}: {len(held)} quotes scored", file=sys.stderr)
    return out


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    first = sorted({r["group"] for r in rows if r["group"].startswith("0:")})
    random.Random(SEED).shuffle(first)
    held = set(first[: int(len(first) * CALIBRATION_SHARE)])
    return [r for r in rows if r["group"] not in held], [r for r in rows if r["group"] in held]


def fit(rows: list[dict], own_weight: float = 1.0) -> dict:
    """Gradient-boosted trees over the candidates' features, exported as plain JSON nodes."""
    features = [f for r in rows for f in r["features"]]
    labels = [int(y) for r in rows for y in r["labels"]]
    # quotes of the sets after the first (our own genre's gold) count ``own_weight`` times
    weights = [own_weight if not r["group"].startswith("0:") else 1.0 for r in rows for _ in r["labels"]]
    return boosted_trees(features, labels, weights, TREES)


def boosted_trees(features: list[dict], labels: list[int], weights: list[float], trees: int) -> dict:
    """Weighted gradient-boosted trees (depth DEPTH, rate RATE, seed SEED) as the plain JSON nodes
    ``SpeakerScorer`` walks; the quote decision (train_quotes.py) ships the same form."""
    import math

    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    from purportedly.nlp.speakers.decision import SpeakerScorer

    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    model = GradientBoostingClassifier(
        n_estimators=trees, max_depth=DEPTH, learning_rate=RATE, random_state=SEED
    )
    model.fit(x, labels, sample_weight=weights)
    prior = sum(w * y for w, y in zip(weights, labels, strict=True)) / sum(weights)
    exported = {
        "features": list(vectorizer.feature_names_),
        "init": round(math.log(prior / (1 - prior)), 6),
        "learning_rate": RATE,
        "trees": [_tree(estimator[0].tree_) for estimator in model.estimators_],
    }
    # the JSON trees must give the fitted model's scores
    scorer, names = SpeakerScorer(exported), exported["features"]
    check = x[: min(200, len(x))]
    for row, expected in zip(check, model.decision_function(check), strict=True):
        got = scorer.raw({n: float(v) for n, v in zip(names, row, strict=True)})
        assert abs(got - expected) < 1e-3, (got, expected)
    return exported


def _tree(tree) -> list[list[float]]:
    """A fitted regression tree as [feature, threshold, left, right, value] nodes (leaves: left -1)."""
    return [
        [
            int(tree.feature[i]),
            round(float(tree.threshold[i]), 6),
            int(tree.children_left[i]),
            int(tree.children_right[i]),
            round(float(tree.value[i][0][0]), 6),
        ]
        for i in range(tree.node_count)
    ]


def best_per_quote(rows: list[dict], model: dict) -> list[tuple[float, bool]]:
    """(score of the best candidate, whether it is right); a quote with none gives (-inf, False)."""
    from purportedly.nlp.speakers.decision import SpeakerScorer

    scorer = SpeakerScorer(model)
    out = []
    for r in rows:
        scores = [scorer.raw(f) for f in r["features"]]
        if not scores:
            out.append((float("-inf"), False))
            continue
        k = max(range(len(scores)), key=scores.__getitem__)
        out.append((scores[k], bool(r["labels"][k])))
    return out


def calibrate(best: list[tuple[float, bool]]) -> dict:
    from sklearn.linear_model import LogisticRegression

    known = [(z, y) for z, y in best if z != float("-inf")]
    platt = LogisticRegression(C=1e6, max_iter=1000, random_state=SEED)
    platt.fit([[z] for z, _ in known], [int(y) for _, y in known])
    return {"a": round(float(platt.coef_[0][0]), 5), "b": round(float(platt.intercept_[0]), 5)}


def probability(calibration: dict, z: float) -> float:
    import math

    if z == float("-inf"):
        return 0.0
    return 1 / (1 + math.exp(-(calibration["a"] * z + calibration["b"])))


def reliability(scored: list[tuple[float, bool]]) -> list[dict]:
    table = []
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = [(p, y) for p, y in scored if low <= p < high or (b == BINS - 1 and p == 1.0)]
        if inside:
            table.append(
                {
                    "bin": f"{low:.1f}-{high:.1f}",
                    "quotes": len(inside),
                    "mean_predicted": round(sum(p for p, _ in inside) / len(inside), 3),
                    "observed": round(sum(y for _, y in inside) / len(inside), 3),
                }
            )
    return table


def named_scores(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    named = [(p, y) for p, y in scored if p >= threshold]
    right = sum(y for _, y in named)
    precision = right / len(named) if named else 0.0
    recall = right / len(scored) if scored else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def choose_threshold(scored: list[tuple[float, bool]], target: float) -> float:
    """The lowest threshold whose named speakers reach ``target`` precision on held-out quotes."""
    for step in range(0, 100):
        threshold = step / 100
        if named_scores(scored, threshold)[0] >= target:
            return threshold
    return 0.99


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("ARTICLES", "GOLD"), default=[])
    parser.add_argument("--rows", help="cache of extracted rows (JSONL): read if present, else written")
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    parser.add_argument("--precision", type=float, default=0.92, help="named-speaker precision to reach")
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument(
        "--own-weight", type=float, default=OWN_WEIGHT, help="weight of the later sets' quotes"
    )
    parser.add_argument("--folds", type=int, default=FOLDS, help="cross-fitting folds for the genre")
    parser.add_argument(
        "--calibration-set",
        nargs=2,
        action="append",
        metavar=("ARTICLES", "GOLD"),
        default=[],
        help="a set that only calibrates the genre (never fitted)",
    )
    parser.add_argument(
        "--genre-precision", type=float, default=0.92, help="named precision to reach in call articles"
    )
    args = parser.parse_args(argv)
    cache = Path(args.rows) if args.rows else None
    sets = [tuple(s) for s in args.set + args.calibration_set]
    calibration_only = {f"{i}:" for i in range(len(args.set), len(sets))}
    rows = []
    if cache is not None and cache.exists():
        rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    missing = set(range(len(sets))) - {int(r["group"].split(":", 1)[0]) for r in rows}
    if missing:  # sets given but not in the cache yet (a new gold set): read them and add them
        # the scorer matches gold to what was found: needed only to read sets, not a rows cache
        rows.extend(extract(sets, load_scorer(Path(args.scorer)), only=missing))
        if cache is not None:
            cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if not rows:
        parser.error("give at least one --set ARTICLES GOLD (or an existing --rows cache)")
    if sets:
        fill_genres(rows, sets)
    for row in rows:  # the genre is also a feature: the trees may learn where inheritance holds
        for features in row["features"]:
            features.pop(GENRE_FEATURE, None)
            if row.get("genre") == GENRE:
                features[GENRE_FEATURE] = 1.0
    calibrating = [r for r in rows if r["group"].split(":", 1)[0] + ":" in calibration_only]
    train, held = split([r for r in rows if r["group"].split(":", 1)[0] + ":" not in calibration_only])
    fitted = fit(train, args.own_weight)
    best = best_per_quote(held, fitted)
    news = [b for b, r in zip(best, held, strict=True) if r.get("genre") != GENRE]
    calibration = calibrate(news)
    scored = [(probability(calibration, z), y) for z, y in news]
    threshold = choose_threshold(scored, args.precision)
    precision, recall, f1 = named_scores(scored, threshold)
    rule_right = sum(any(y for y, r in zip(row["labels"], row["rule"], strict=True) if r) for row in held)
    table = reliability(scored)
    genres = {}
    # the call genre: out-of-fold scores of our own articles of it, and held-out PolNeAR's of it
    has_own = any(not r["group"].startswith("0:") for r in train)
    crossed = cross_fitted(train, args.folds, args.own_weight) if has_own else []
    own = [(z, y) for z, y, r in crossed if r.get("genre") == GENRE]
    own += [b for b, r in zip(best, held, strict=True) if r.get("genre") == GENRE]
    own += [
        b
        for b, r in zip(best_per_quote(calibrating, fitted), calibrating, strict=True)
        if r.get("genre") == GENRE
    ]
    if len(own) >= 50:
        genre_calibration = calibrate(own)
        genre_scored = [(probability(genre_calibration, z), y) for z, y in own]
        genre_threshold = choose_threshold(genre_scored, args.genre_precision)
        gp, gr, gf = named_scores(genre_scored, genre_threshold)
        genres[GENRE] = {
            "calibration": genre_calibration,
            "threshold": genre_threshold,
            "calibrated_on": len(own),
            "held_out": {
                "named_precision": round(gp, 3),
                "recall": round(gr, 3),
                "f1": round(gf, 3),
                "reliability": reliability(genre_scored),
            },
        }
    model = {
        "about": "speaker decision for purportedly_speaker_model; made by scripts/train_speakers.py",
        "seed": SEED,
        "own_weight": args.own_weight,
        "fit_quotes": len(train),
        "held_out_quotes": len(held),
        **fitted,
        "calibration": calibration,
        "threshold": threshold,
        "genres": genres,
        "held_out": {
            "named_precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "rules_alone_recall": round(rule_right / len(held), 3) if held else 0.0,
            "reliability": table,
        },
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"fit on {len(train)} quotes, calibrated on {len(held)}; threshold {threshold:.2f}")
    print(
        f"held out: named precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
        f"(rules alone right on {model['held_out']['rules_alone_recall']:.3f})"
    )
    print(f"{'bin':<9} {'quotes':>6} {'predicted':>9} {'observed':>8}")
    for row in table:
        print(f"{row['bin']:<9} {row['quotes']:>6} {row['mean_predicted']:>9.3f} {row['observed']:>8.3f}")
    for name, genre in genres.items():
        held_out = genre["held_out"]
        print(
            f"genre {name}: calibrated on {genre['calibrated_on']} quotes; "
            f"threshold {genre['threshold']:.2f}; "
            f"named precision {held_out['named_precision']:.3f}, recall {held_out['recall']:.3f}, "
            f"F1 {held_out['f1']:.3f}"
        )
        for row in held_out["reliability"]:
            print(f"{row['bin']:<9} {row['quotes']:>6} {row['mean_predicted']:>9.3f} {row['observed']:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
