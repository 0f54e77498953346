"""scripts/train_speakers.py: the fitted trees ship as JSON that scores as the fitted model did,
the calibration and threshold come from held-out quotes, and the same rows give the same file."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_speakers.py"


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("train_speakers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(n_articles: int = 60) -> list[dict]:
    """Quotes with two candidates each: the one the cue verb's subject names is usually right."""
    rng = random.Random(3)
    rows = []
    for a in range(n_articles):
        for q in range(6):
            right_is_subject = rng.random() < 0.85
            subject = {"subject_of_cue": 1.0, "distance": rng.random() * 0.3}
            other = {"subject_of_cue": 0.0, "distance": 0.2 + rng.random() * 0.6}
            rows.append(
                {
                    "group": f"0:article{a}.txt",
                    "quote": q,
                    "features": [subject, other],
                    "labels": [right_is_subject, not right_is_subject],
                    "rule": [True, False],
                    "texts": ["Subject", "Other"],
                    "gold": "subject" if right_is_subject else "other",
                }
            )
    return rows


def test_training_is_reproducible_and_calibrated(train, tmp_path):
    rows_path = tmp_path / "rows.jsonl"
    rows_path.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    outputs = []
    for name in ("a.json", "b.json"):
        assert (
            train.main(["--rows", str(rows_path), "--out", str(tmp_path / name), "--precision", "0.8"]) == 0
        )
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    assert model["trees"] and model["features"] == ["distance", "subject_of_cue"]
    held = model["held_out"]
    assert held["named_precision"] >= 0.8
    table = held["reliability"]
    assert table and sum(row["quotes"] for row in table) == model["held_out_quotes"]
    # calibrated: the quotes binned high are right more often than those binned low
    assert table[-1]["observed"] > 0.75


def test_the_threshold_is_the_lowest_that_reaches_the_precision(train):
    scored = [(0.95, True)] * 8 + [(0.6, True), (0.55, False), (0.3, False), (0.2, False)]
    threshold = train.choose_threshold(scored, 0.9)
    precision, recall, _ = train.named_scores(scored, threshold)
    assert precision >= 0.9 and recall == 9 / 12
    assert train.named_scores(scored, threshold - 0.01)[0] < 0.9


def test_articles_of_the_call_genre_get_their_own_cross_fitted_calibration(train, tmp_path):
    # PolNeAR-like rows (set 0) and rows of our own genre (set 1, articles retelling a call), where
    # the candidate inherited from the context (not the cue's subject) is right more often
    rows = _rows()
    rng = random.Random(5)
    for a in range(30):
        for q in range(4):
            right = rng.random() < 0.9
            rows.append(
                {
                    "group": f"1:call{a}.txt",
                    "quote": q,
                    "features": [
                        {"previous": 1.0, "distance": 0.5},
                        {"subject_of_cue": 0.0, "distance": 0.9},
                    ],
                    "labels": [right, not right],
                    "rule": [True, False],
                    "texts": ["Mother", "Other"],
                    "gold": "mother",
                    "genre": "call",
                }
            )
    rows_path = tmp_path / "rows.jsonl"
    rows_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    outputs = []
    for name in ("a.json", "b.json"):
        args = [
            "--rows",
            str(rows_path),
            "--out",
            str(tmp_path / name),
            "--folds",
            "3",
            "--genre-precision",
            "0.85",
        ]
        assert train.main(args) == 0
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    call = model["genres"]["call"]
    # every own-genre quote was scored once, by a model that did not train on its article
    assert call["calibrated_on"] == 120
    assert set(call["calibration"]) == {"a", "b"} and 0.0 <= call["threshold"] < 1.0
    assert call["held_out"]["named_precision"] >= 0.85 and call["held_out"]["reliability"]
    # the default calibration is still PolNeAR's held-out fifth (no call rows in it)
    assert sum(r["quotes"] for r in model["held_out"]["reliability"]) == model["held_out_quotes"]


def test_folds_split_only_our_own_articles_and_cover_them_once(train):
    rows = [{"group": f"0:p{i}.txt"} for i in range(10)] + [{"group": f"2:o{i}.txt"} for i in range(7)]
    parts = train.folds(rows, 3)
    assert len(parts) == 3 and all(parts)
    joined = set().union(*parts)
    assert joined == {f"2:o{i}.txt" for i in range(7)} and sum(len(p) for p in parts) == 7
