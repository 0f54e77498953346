"""A logistic model over named features with a Platt map and a keep threshold, read from JSON.

The source and entity decisions ship their weights in this form (``data/models/*.json``, written
by ``scripts/train_sources.py`` and ``scripts/train_entities.py``); the training scripts fit the
weights, and the Platt map on scores of articles the weights did not train on.
"""

from __future__ import annotations

import math


class CalibratedLogistic:
    """Logistic weights by feature name, a Platt map and the keep threshold, from plain JSON."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data.get("weights", {})
        self.bias: float = data.get("bias", 0.0)
        self.calibration: dict = data.get("calibration", {"a": 1.0, "b": 0.0})
        self.threshold: float = data.get("threshold", 0.5)

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        z = self.calibration["a"] * self.score(features) + self.calibration["b"]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
