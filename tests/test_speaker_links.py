"""Quote speakers link to the entity they name; descriptions that name nobody stay unlinked."""

from __future__ import annotations

from purportedly.analysis import analyze

ARTICLE = """Ferry captain disputes navy account of mine strike

Published 12 August 2024

Captain Marta Hrytsenko said the ferry had kept to the cleared channel. "We never left the corridor,"
she said. "The charts were checked twice."

The Ukrainian Navy said in a statement that a drifting mine had been reported near the route.
"Vessels were warned on Tuesday," the statement said.

"Nobody told us anything," a deckhand said, asking not to be named.
"""


def test_named_people_and_pronouns_link_to_their_entity():
    analysis = analyze(ARTICLE)
    names = {entity.id: entity.name for entity in analysis.entities}
    by_text = {quote.text: quote for quote in analysis.quotes}
    corridor = by_text["We never left the corridor,"]
    charts = by_text["The charts were checked twice."]
    assert names[corridor.speaker_entity] == "Marta Hrytsenko"
    assert charts.speaker_entity == corridor.speaker_entity  # 'she' is the same person


def test_a_description_that_names_nobody_stays_unlinked():
    analysis = analyze(ARTICLE)
    deckhand = next(q for q in analysis.quotes if q.text.startswith("Nobody told us"))
    assert deckhand.speaker and "deckhand" in deckhand.speaker
    assert deckhand.speaker_entity is None


def test_every_link_points_at_an_entity_of_the_analysis():
    analysis = analyze(ARTICLE)
    ids = {entity.id for entity in analysis.entities}
    linked = [q.speaker_entity for q in analysis.quotes if q.speaker_entity]
    assert linked and set(linked) <= ids
