"""Entities: countries and capitals from the world list, capitals spelt as words, dash datelines."""

from __future__ import annotations

from purportedly.analysis import analyze
from purportedly.nlp.entities.component import world_capitals, world_countries

HEADLINED = """Fuel Convoy Attacked In Burkina Faso

Gunmen attacked a fuel convoy near the border on Sunday, a local official said.
Male and female workers were among the passengers, he said.
"""

WIRE = """Port reopens after dredging

LAGOS (Eastline) —

The port reopened to cargo ships on Monday after three weeks of dredging, the harbour authority said.
"""


def entity_names(text: str) -> set[str]:
    return {entity.name for entity in analyze(text).entities}


def test_world_list_holds_countries_and_capitals():
    assert {"Nigeria", "Burkina Faso", "Yemen"} <= world_countries()
    assert {"Cairo", "Abuja", "Sanaa"} & world_capitals()


def test_country_in_a_title_case_headline_is_a_place():
    assert "Burkina Faso" in entity_names(HEADLINED)
    assert "Lesotho" in entity_names("Lesotho: Gunmen Attack Convoy\n\nThe convoy was hit on Sunday.\n")


def test_capital_spelt_like_an_english_word_is_not_a_place():
    assert "Male" in world_capitals()
    assert "Male" not in entity_names(HEADLINED)


def test_dash_dateline_on_its_own_line_names_place_and_agency():
    names = entity_names(WIRE)
    assert {"Lagos", "Eastline"} <= names
