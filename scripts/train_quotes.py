"""Train the quote decision (src/purportedly/data/models/quotes.json) on PolNeAR train and our gold.

    python scripts/train_quotes.py --set ../polnear/train/texts ../polnear/train/gold PRED \\
        [--set ../shared/seeds ../shared/eval/gold PRED2 ...] [--own-weight 15] [--out quotes.json]

The rules mark quote spans; this fits the model that keeps or drops each span in a news article
(``nlp/quotes/filters.py``). Each --set is an articles directory, its gold and PRED, the
analyser's JSON output for those articles (``purportedly analyze ARTICLES --format json --out
PRED``; made here when the directory is empty). Every predicted span is labelled a quote when the
scorer (../shared/eval/score.py) matches it to a gold quote. Articles retelling a recorded call
are left out, and so are the spans ``filters.decided`` leaves to the rules (turns, nested
quotes, headlines): there our own conventions hold. The first set (PolNeAR train) is split by
article with a fixed seed: 80% fit 100 gradient-boosted trees of depth 3, 20% calibrate them
(Platt) and choose the threshold that gives the best quote F1 there. The later sets (our own
gold: a person's words quoted in part count as quotes there) all fit, each span weighted
--own-weight times. Reproducible (fixed seed, sorted inputs); needs scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_speakers import boosted_trees, calibrate, load_scorer, probability, reliability  # noqa: E402

from purportedly.lexicons import data_path  # noqa: E402
from purportedly.nlp.quotes.filters import decided, quote_shape  # noqa: E402
from purportedly.nlp.speakers.decision import GenreFinder, SpeakerScorer  # noqa: E402

SEED = 11
TREES = 100  # depth, learning rate and seed: train_speakers.boosted_trees
HELD_SHARE = 0.2
OWN_WEIGHT = 15.0  # our own gold is a few dozen news spans beside PolNeAR's thousands
OUT = data_path("models/speakers.json").with_name("quotes.json")


def shapes(prediction: dict) -> list[dict[str, float]]:
    """``quote_shape`` of every quote of one JSON prediction, in its order."""
    text = prediction["article"]["text"]
    return [
        quote_shape(
            text,
            q["text"],
            q["start"],
            q["end"],
            kind=q["kind"],
            segment=q.get("segment"),
            cue=q.get("cue"),
            cue_start=(q.get("cue_span") or {}).get("start"),
            speaker=_rules_speaker(q),
            mention=(q.get("speaker_mention") or {}).get("text"),
            nested=q.get("nested_in") is not None,
        )
        for q in prediction["quotes"]
    ]


def _rules_speaker(quote: dict) -> str | None:
    """The rules' answer (listed among the candidates when the speaker decision abstained)."""
    own = next((c["speaker"] for c in quote.get("speaker_candidates") or [] if c.get("rules")), None)
    return quote.get("speaker") or own


def rows(articles: str, gold: str, pred: str, scorer, group: str = "0") -> list[dict]:
    pred_dir = Path(pred)
    if not any(pred_dir.glob("*.json")):
        pred_dir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "purportedly.cli", "analyze", articles, "--format", "json"]
        subprocess.run([*command, "--out", str(pred_dir)], check=True, env={"PYTHONPATH": str(ROOT / "src")})
    genres = GenreFinder()
    out = []
    for path in sorted(pred_dir.glob("*.json")):
        gold_path = Path(gold) / path.name
        if not gold_path.exists():
            continue
        prediction = json.loads(path.read_text(encoding="utf-8"))
        if genres.genre(prediction["article"]["text"]) is not None:
            continue
        golds = json.loads(gold_path.read_text(encoding="utf-8")).get("quotes") or []

        def score(p, g):
            f = scorer.token_f1(p["text"], g["text"])
            return f if f >= 0.6 else None

        matched = {i for i, _ in scorer.greedy_match(prediction["quotes"], golds, score)}
        judged = decided(prediction["quotes"])
        for i, features in enumerate(shapes(prediction)):
            if not judged[i]:  # turns and headlines: the rules stand there
                continue
            out.append(
                {
                    "group": f"{group}:{path.name}",
                    "features": features,
                    "label": i in matched,
                    "gold": len(golds),
                }
            )
    return out


def fit(train: list[dict], own_weight: float = 1.0) -> dict:
    """Boosted trees over the span features, in the speaker decision's JSON form."""
    # spans of the sets after the first (our own gold) count ``own_weight`` times
    weights = [1.0 if r["group"].startswith("0:") else own_weight for r in train]
    labels = [int(r["label"]) for r in train]
    return boosted_trees([r["features"] for r in train], labels, weights, TREES)


def f1_at(held: list[dict], chances: list[float], threshold: float) -> tuple[float, float, float]:
    gold = sum({r["group"]: r["gold"] for r in held}.values())
    kept = [r for r, p in zip(held, chances, strict=True) if p >= threshold]
    tp = sum(r["label"] for r in kept)
    precision = tp / len(kept) if kept else 0.0
    recall = tp / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        nargs=3,
        action="append",
        required=True,
        metavar=("ARTICLES", "GOLD", "PRED"),
        help="articles, gold, and the analyser's JSON output for them (made if empty); PolNeAR first",
    )
    parser.add_argument(
        "--own-weight", type=float, default=OWN_WEIGHT, help="weight of the later sets' spans"
    )
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    scorer = load_scorer(Path(args.scorer))
    data = [r for i, spec in enumerate(args.set) for r in rows(*spec, scorer, group=str(i))]
    groups = sorted({r["group"] for r in data if r["group"].startswith("0:")})
    random.Random(SEED).shuffle(groups)
    held_groups = set(groups[: int(len(groups) * HELD_SHARE)])
    train = [r for r in data if r["group"] not in held_groups]
    held = [r for r in data if r["group"] in held_groups]
    fitted = fit(train, args.own_weight)
    scorer = SpeakerScorer(fitted)
    raw = [scorer.raw(r["features"]) for r in held]
    calibration = calibrate([(z, r["label"]) for z, r in zip(raw, held, strict=True)])
    chances = [probability(calibration, z) for z in raw]
    threshold = max((step / 100 for step in range(0, 100)), key=lambda t: (f1_at(held, chances, t)[2], -t))
    precision, recall, f1 = f1_at(held, chances, threshold)
    base = f1_at(held, chances, 0.0)
    model = {
        "about": "quote decision for news articles (nlp/quotes/filters.py); made by scripts/train_quotes.py",
        "seed": SEED,
        "own_weight": args.own_weight,
        "fit_spans": len(train),
        "own_spans": sum(not r["group"].startswith("0:") for r in train),
        "held_out_spans": len(held),
        **fitted,
        "calibration": calibration,
        "threshold": threshold,
        "held_out": {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "rules_alone": {
                "precision": round(base[0], 3),
                "recall": round(base[1], 3),
                "f1": round(base[2], 3),
            },
            "reliability": reliability(list(zip(chances, [r["label"] for r in held], strict=True))),
        },
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"fit on {len(train)} spans, held out {len(held)}; threshold {threshold:.2f}")
    print(f"held out: rules alone P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")
    print(f"held out: with the decision P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
