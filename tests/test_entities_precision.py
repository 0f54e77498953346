"""Entities: capitalised sentence starts, dates and lone titles are not names; name variants merge."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze

TRANSCRIPT = """Night call from the Zaporizhzhia front

date 2024-02-09

The intercept, released by the SBU on Thursday, runs four minutes.

SOLDIER: They moved us again. To prison? No, to the tree line.
WIFE: And the boys from your company?
SOLDIER: One is in hospital, the other is gone. Kiss Lenochka for me.
"""

WIRE = """Drone debris falls on port district

MYKOLAIV, Nov 4 (Eastline) - Debris from a downed drone damaged a warehouse, regional officials said.
Ruins of the warehouse smouldered for hours. Sgt. Ivan Moroz, a firefighter, said nobody was hurt.
When Moroz says nobody, he means his crew, a colleague added.
"""

AMERICAN = """Moscow disputes account of downed helicopter

Published March 3, 2024

Russia's Defense Ministry said on Saturday that the helicopter had returned to base.
Oleksandr Tkachenko, a spokesman for the regional administration, said the wreckage was photographed.
"We have the serial number," Alexander Tkachenko told reporters later. Tkachenko did not share it.
"""


def names(text: str) -> dict[str, list[str]]:
    return {entity.name: entity.aliases for entity in analyze(text).entities}


@pytest.fixture(scope="module")
def transcript_names() -> dict[str, list[str]]:
    return names(TRANSCRIPT)


def test_sentence_initial_verbs_and_numbers_are_not_names(transcript_names):
    joined = " | ".join(transcript_names)
    assert "Kiss" not in joined
    assert "One is" not in joined
    assert "To prison" not in joined
    assert "Lenochka" in transcript_names


def test_dates_titles_and_common_nouns_are_not_names():
    found = names(WIRE)
    assert "Nov 4" not in found
    assert "Sgt" not in found and "Sgt." not in found
    assert "Ruins" not in found
    assert "Ivan Moroz" in found
    assert "When Moroz" not in found
    assert "Moroz" in found["Ivan Moroz"]


def test_first_name_variants_are_one_person_and_spelling_follows_the_article():
    found = names(AMERICAN)
    people = [name for name in found if name.endswith("Tkachenko")]
    assert len(people) == 1, found
    assert {"Oleksandr Tkachenko", "Alexander Tkachenko"} <= {people[0], *found[people[0]]}
    # the article's own form is the name; the gazetteer's form, in the article's spelling, an alias
    assert "Russian Defense Ministry" in found["Russia's Defense Ministry"]
    assert "Russian Defence Ministry" not in {*found, *found["Russia's Defense Ministry"]}
