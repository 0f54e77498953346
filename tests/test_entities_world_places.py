"""Entities: world countries and capitals, capitals spelt as words, dash datelines, inner possessives."""

from __future__ import annotations

from spacy.tokens import Span

from purportedly.analysis import analyze
from purportedly.nlp.entities.component import world_capitals, world_countries
from purportedly.nlp.entities.filters import trim_ner_span

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


def test_liberation_front_read_as_a_person_is_one_organisation(nlp):
    """The small model sometimes labels "X People's Liberation Front" PERSON (seen on real copy);
    the span is set by hand here so the test does not hang on one model's whims."""
    doc = nlp.make_doc("Fighters of the Velmora People’s Liberation Front crossed the river.")
    doc.ents = [Span(doc, 3, 8, label="PERSON")]
    recognizer = nlp.get_pipe("purportedly_entities")
    mentions = recognizer._clean_ent(doc, doc.ents[0])
    assert [(m.text, m.label) for m in mentions] == [("Velmora People’s Liberation Front", "ORG")]


def test_lower_case_description_after_a_name_is_not_part_of_it(nlp):
    doc = nlp("The harbour master told the Eastline news agency that the port was shut.")
    doc.ents = [Span(doc, 5, 8, label="ORG")]
    trimmed = trim_ner_span(doc.ents[0])
    assert trimmed is not None and trimmed.text == "Eastline"


def test_a_body_noun_after_a_name_stays_in_it_while_a_description_is_cut():
    from purportedly import analyze

    paper = {e.name for e in analyze("The Velmora Times newspaper said the talks had failed.").entities}
    assert "Velmora Times" in paper  # 'newspaper' only describes the paper
    navy = {e.name for e in analyze("In audio released by the Valdor navy, a raider called home.").entities}
    assert "Valdor navy" in navy  # 'navy' is the body itself: 'Valdor' alone is the country
