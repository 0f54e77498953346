"""The evaluation floors from the issues, measured with ../shared/eval/score.py on seeds and dev."""

from __future__ import annotations

import pytest

from tests.conftest import f1_report, needs_shared

# section -> minimum F1; each issue adds its sections when it lands.
SEED_FLOORS = {
    "title": 1.0,
    "date": 1.0,
    "key_points": 1.0,
    "captions": 1.0,
    "quotes": 0.95,  # issue 2
    "speakers": 0.90,  # issue 2
    "sources": 0.90,  # issue 3
    "hedges": 0.85,  # issue 3
    "entities": 0.85,  # issue 4
    "counts": 0.90,  # issue 4
    "times": 0.90,  # issue 4
    "time_values": 0.90,  # issue 4
}
DEV_FLOORS: dict[str, float] = {
    "title": 1.0,
    "date": 1.0,
    "key_points": 1.0,
    "captions": 1.0,
    "quotes": 0.90,  # issue 2
    "speakers": 0.95,  # issue 2 (1.000 after the generalisation pass)
    "sources": 0.80,  # issue 3
    "hedges": 0.80,  # issue 3
    "entities": 0.85,  # issue 4
    "counts": 0.80,  # issue 4
    "times": 0.85,  # issue 4
    "time_values": 0.85,  # issue 4
}


@needs_shared
@pytest.mark.parametrize("section", sorted(SEED_FLOORS))
def test_seed_floor(seed_scores, section):
    assert seed_scores[section]["f1"] >= SEED_FLOORS[section], f1_report(seed_scores)


@needs_shared
@pytest.mark.parametrize("section", sorted(DEV_FLOORS))
def test_dev_floor(dev_scores, section):
    assert dev_scores[section]["f1"] >= DEV_FLOORS[section], f1_report(dev_scores)
