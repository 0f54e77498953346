"""Figures the training scripts of the calibrated logistic decisions share (train_entities,
train_sources): precision/recall/F1 from counts, a printed report line, and the Platt fit that maps
a model's score to a calibrated chance (read back by ``purportedly.nlp.calibrated.platt_chance``)."""

from __future__ import annotations

SEED = 11


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float, int, int, int]:
    """P, R and F1 as score.py computes them (an empty side counts as perfect), with the counts."""
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp, n_pred, n_gold


def report(label: str, figures, width: int = 34) -> None:
    p, r, f, tp, n_pred, n_gold = figures
    print(f"{label:<{width}} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   tp {tp} pred {n_pred} gold {n_gold}")


def platt(scores: list[float], labels: list[bool]) -> dict:
    """The Platt map's slope and intercept, fitted on scores the model did not train on."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, random_state=SEED).fit([[s] for s in scores], [int(y) for y in labels])
    return {"a": round(float(model.coef_[0][0]), 5), "b": round(float(model.intercept_[0]), 5)}
