"""Counts and entities classes read from real articles' misses, checked on texts of our own."""

from __future__ import annotations

import pytest

from purportedly.analysis import make_doc
from purportedly.reading import read_text
from tests.test_entities_facts import facts_only_pipeline


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def counts_of(nlp, text: str) -> list[tuple]:
    return [(c.number, c.what, c.event) for c in nlp(text)._.counts]


def entity_names(nlp, text: str) -> list[str]:
    doc = nlp(make_doc(nlp, read_text(text, document="fictional.txt")))
    return [e.name for e in doc._.entities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an action noun governs 'of N things': the action is the event
        ("The governor ordered a partial call-up of 4,000 reservists.", [(4000, "reservists", "call-up")]),
        ("The council announced the evacuation of 230 residents.", [(230, "residents", "evacuation")]),
        # a noun that names no action is no event
        ("She described the fate of two fishermen.", []),
    ],
)
def test_action_noun_of_count(facts_nlp, text, expected):
    assert counts_of(facts_nlp, text) == expected


def test_bare_number_counts_the_noun_counted_before_it(facts_nlp):
    counts = counts_of(facts_nlp, "His company once numbered 180 sailors, and now there are 41.")
    assert (41, "sailors") in [(n, w) for n, w, _ in counts]


def test_verbless_line_counts_people_for_the_line_before(facts_nlp):
    text = "A: They are sending us across the river tonight. Fifteen men.\nB: Only fifteen?"
    counts = counts_of(facts_nlp, text)
    assert [(n, w) for n, w, _ in counts][:1] == [(15, "men")]
    assert counts[0][2]  # an event is named, taken from the line before


def test_a_verbless_line_of_things_is_no_count(facts_nlp):
    assert counts_of(facts_nlp, "A: We have checked the depot. Nine crates.") == []


def test_place_joined_by_particles_is_one_entity(facts_nlp):
    names = entity_names(facts_nlp, "The convoy left Bellmont-on-Tarrow at dawn and reached the coast.\n")
    assert "Bellmont-on-Tarrow" in names
    assert "Tarrow" not in names


def test_country_owning_a_region_is_not_part_of_its_name(facts_nlp):
    names = entity_names(facts_nlp, "Shelling hit villages in Ukraine's Donetsk province on Monday.\n")
    assert "Donetsk province" in names
    assert not any(n.startswith("Ukraine's") for n in names)


def test_headline_case_description_is_no_name(facts_nlp):
    # the small model tags the headline's 'Ukrainian Medic' a person; the body writes 'Ukrainian medic'
    text = (
        "Ukrainian Medic Says Convoy Was Hit\n\n"
        "A Ukrainian medic said the convoy was hit near the bridge.\n"
    )
    names = entity_names(facts_nlp, text)
    assert "Ukrainian Medic" not in names
    assert "Ukrainian" in names
