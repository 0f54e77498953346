"""A logistic model over named features with a Platt map and a keep threshold, read from JSON.

The source and entity decisions ship their weights in this form (``data/models/*.json``, written
by ``scripts/train_sources.py`` and ``scripts/train_entities.py``); the training scripts fit the
weights, and the Platt map on scores of articles the weights did not train on, with the same two
functions the shipped model scores with.
"""

from __future__ import annotations

import math


def linear_score(model: dict, features: dict[str, float]) -> float:
    """The model's raw score: its bias plus the weighted features (unknown features weigh 0)."""
    return model.get("bias", 0.0) + sum(model.get("weights", {}).get(k, 0.0) * v for k, v in features.items())


def platt_chance(calibration: dict, score: float) -> float:
    """A raw score turned into a calibrated chance by the Platt map ``a * score + b``."""
    z = calibration["a"] * score + calibration["b"]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class CalibratedLogistic:
    """Logistic weights by feature name, a Platt map and the keep threshold, from plain JSON."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data.get("weights", {})
        self.bias: float = data.get("bias", 0.0)
        self.calibration: dict = data.get("calibration", {"a": 1.0, "b": 0.0})
        self.threshold: float = data.get("threshold", 0.5)

    def score(self, features: dict[str, float]) -> float:
        return linear_score({"bias": self.bias, "weights": self.weights}, features)

    def probability(self, features: dict[str, float]) -> float:
        return platt_chance(self.calibration, self.score(features))
