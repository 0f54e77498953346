"""Shared fixtures: the loaded pipeline, paths to ../shared, and scoring of analyzer output."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from purportedly.analysis import analyze_inputs, write_json
from purportedly.nlp.pipeline import load_pipeline
from purportedly.reading import ReadFailure

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
DEV_ARTICLES = EVAL / "dev" / "articles"
DEV_GOLD = EVAL / "dev" / "gold"
SEED_GOLD = EVAL / "gold"
FIXTURES = Path(__file__).resolve().parent / "articles"

needs_shared = pytest.mark.skipif(
    not (EVAL / "score.py").exists(), reason="../shared/eval not beside the checkout"
)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


def load_scorer():
    spec = importlib.util.spec_from_file_location("purportedly_eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def analyse_to_dir(articles: list[Path], out_dir: Path) -> None:
    for result in analyze_inputs([str(p) for p in articles]):
        assert not isinstance(result, ReadFailure), str(result)
        write_json(result, out_dir)


@pytest.fixture(scope="session")
def seed_scores(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("seed-pred")
    analyse_to_dir(sorted(SEEDS.glob("*.txt")), out)
    return load_scorer().score_dirs(SEED_GOLD, out)["sections"]


@pytest.fixture(scope="session")
def dev_scores(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("dev-pred")
    analyse_to_dir(sorted(DEV_ARTICLES.glob("*.txt")), out)
    return load_scorer().score_dirs(DEV_GOLD, out)["sections"]


def f1_report(scores: dict) -> str:
    return json.dumps({k: v["f1"] for k, v in scores.items()})


def rules_speaker(quote) -> str | None:
    """The speaker the attribution rules gave a quote: the decided one, or, where the learned
    decision abstained (issue 11), the candidate marked as the rules' answer."""
    if quote.speaker is not None:
        return quote.speaker
    return next((c.speaker for c in quote.speaker_candidates if c.rules), None)
