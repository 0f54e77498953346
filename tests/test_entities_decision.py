"""The learned entity decision: a calibrated confidence on every entity, junk proposals dropped."""

from __future__ import annotations

import json

import pytest

from purportedly.analysis import analyze
from purportedly.nlp.entities.decision import MODEL_PATH, EntityDecision, load_decision, written_lower
from purportedly.nlp.pipeline import load_pipeline

PAGE = """Home | News | Reports & Files | Contact

Shells Hit Velmora Market

Fierce shelling hit the market in Velmora on Sunday, the Northern Observatory for Civil Rights said.
Debris covered the square.
The army denied it. Hadi al-Rashed, a doctor, said nine people were wounded.
"""


@pytest.fixture(scope="module")
def entities():
    return analyze(PAGE).entities


def test_shipped_model_is_plain_json_with_a_threshold_and_calibration():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["weights"] and 0.0 < data["threshold"] < 1.0
    assert set(data["calibration"]) == {"a", "b"}
    assert "first5" in data["trained_on"]


def test_every_entity_carries_a_confidence_at_or_above_the_threshold(entities):
    decision = load_decision()
    assert decision is not None and entities
    for entity in entities:
        assert entity.confidence is not None
        assert decision.threshold <= entity.confidence <= 1.0


def test_names_are_kept_and_a_capitalised_common_word_is_dropped(entities):
    names = {entity.name for entity in entities}
    assert {"Velmora", "Hadi al-Rashed", "Northern Observatory for Civil Rights"} <= names
    assert "Debris" not in names  # a sentence-initial common noun the small model called a person
    assert "Contact" not in names  # a menu word


def test_without_a_model_every_proposal_is_kept_with_no_confidence():
    nlp = load_pipeline()
    recogniser = nlp.get_pipe("purportedly_entities")
    shipped, recogniser.decision = recogniser.decision, None
    try:
        doc = nlp(PAGE)
    finally:
        recogniser.decision = shipped
    names = {entity.name for entity in doc._.entities}
    assert "Debris" in names and all(e.confidence is None for e in doc._.entities)


def test_probability_follows_the_weights_through_the_calibration():
    decision = EntityDecision({"weights": {"a": 2.0}, "bias": -1.0, "calibration": {"a": 1.0, "b": 0.0}})
    assert decision.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert decision.probability({"a": 0.0}) < 0.5 < decision.probability({"a": 1.0})
    assert load_decision("/nonexistent/entities.json") is None


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("the army moved north", "Army", True),
        ("the army", "Army", True),  # at the very end
        ("army units", "Army", True),  # at the very start
        ("the Army moved", "Army", False),  # only capitalised
        ("the armyman moved", "Army", False),  # inside a longer word
        ("a pre-army drill", "Army", False),  # after a hyphen
        ("the army-led", "Army", False),  # before a hyphen
        ("army_2 and 2army", "Army", False),  # underscore and digit are word characters
        ("armyé, then the army.", "Army", True),  # a later occurrence that stands alone
        ("barrel bombs fell", "Barrel Bombs", True),
        ("the army", "army", False),  # not capitalised: no question to ask
    ],
)
def test_written_lower_finds_the_name_as_a_lower_case_word(text, name, found):
    assert written_lower(text, name) is found
