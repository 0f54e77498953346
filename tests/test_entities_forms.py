"""Entities: names as the article gives them when the small model joins, cuts or reorders them."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze
from purportedly.names import Transliterator
from purportedly.nlp.entities.aliases import Mention
from purportedly.nlp.entities.clusters import build_clusters

MONITOR = """Shelling hits market town, monitor says

Shells struck the market in Velmora on Sunday, according to the Northern Observatory for Civil Rights.
The Northern Observatory said nine people were wounded. Later the Observatory said the figure could rise.
The Velmora Liberation Front (VLF) denied firing. A VLF commander said the shells came from the hills.
Most of the wounded were children, said Dr Hadi al-Rashed, who runs the town clinic. Mr Rashed said
the clinic had run out of blood. Senior rapporteur Agnes Holt-Varga said the attack must be investigated.
Follow our coverage on Facebook and Instagram.
"""

CAPTION = """Market shelled

Rescuers at the market in Velmora claims SBU Credit: Creative Commons

The SBU said so.
"""

SERVICE = """Intercept released

The Ukraine Security Service has claimed that it intercepted a call between two officers.
The SBU did not say when the call was made. Officials in the US and the UK declined to comment.
"""


def entities(text: str) -> dict[str, list[str]]:
    return {entity.name: entity.aliases for entity in analyze(text).entities}


@pytest.fixture(scope="module")
def monitor() -> dict[str, list[str]]:
    return entities(MONITOR)


def test_short_forms_of_an_organisation_join_its_full_name(monitor):
    full = monitor["Northern Observatory for Civil Rights"]
    assert "Northern Observatory" in full
    assert "Northern Observatory" not in monitor


def test_a_later_word_of_one_organisations_name_is_that_organisation():
    text = "Northern Observatory for Civil Rights ... Observatory ... Ministry of Velmora ... Velmora"
    labels = [
        ("Northern Observatory for Civil Rights", "ORG"),
        ("Observatory", "PERSON"),
        ("Ministry of Velmora", "ORG"),
        ("Velmora", "ORG"),  # after 'of': another thing, not the ministry
    ]
    found, cursor = [], 0
    for surface, label in labels:
        start = text.index(surface, cursor)
        found.append(Mention(start, start + len(surface), surface, label))
        cursor = start + len(surface)
    clusters = build_clusters(found, Transliterator("facts/names.json"))
    assert sorted(c.surfaces for c in clusters) == [
        ["Ministry of Velmora"],
        ["Northern Observatory for Civil Rights", "Observatory"],
        ["Velmora"],
    ]


def test_bracketed_acronym_is_an_alias_of_the_name_before_it(monitor):
    assert "VLF" in monitor["Velmora Liberation Front"]
    assert not any("(" in name for name in monitor)


def test_surname_after_arabic_article_joins_the_full_name(monitor):
    assert "Rashed" in monitor["Hadi al-Rashed"]
    assert "Rashed" not in monitor


def test_double_barrelled_surname_is_one_name(monitor):
    assert "Agnes Holt-Varga" in monitor


def test_names_joined_by_and_are_two_entities(monitor):
    assert "Facebook" in monitor and "Instagram" in monitor
    assert "Facebook and Instagram" not in monitor


def test_a_credit_label_ends_the_name_before_it():
    found = entities(CAPTION)
    assert "Creative Commons" in found
    assert not any("Credit" in name for name in found)


def test_known_body_in_another_word_order_keeps_the_articles_words():
    found = entities(SERVICE)
    assert "Ukraine Security Service" in found
    assert {"SBU", "Security Service of Ukraine"} <= set(found["Ukraine Security Service"])
    assert "US" in found and "UK" in found


DATELINE = """Officials dispute strike account

SARNOVA — Regional officials said on Monday that a drone hit the Marten Valley province overnight.
Farms across Marten Valley lost power. In the Kharkiv region, and in Kharkiv itself, sirens sounded.
"""


def test_dash_dateline_names_its_place():
    assert "Sarnova" in entities(DATELINE)


def test_bare_region_name_joins_its_province_unless_a_capital_shares_it():
    found = entities(DATELINE)
    region = next(name for name, aliases in found.items() if "Marten Valley" in {name, *aliases})
    assert "Marten Valley province" in {region, *found[region]}
    # a region named after its capital: 'Kharkiv' alone may be the city
    assert "Kharkiv" in found and "Kharkiv region" in found


DESCRIBED = """Ministry disputes footage

Russia's defence ministry said the footage was staged. Russian Telegram channels shared it widely,
and the Russian defence ministry later repeated its denial.
"""


def test_known_body_described_in_lower_case_and_adjective_split_from_a_known_name():
    found = entities(DESCRIBED)
    ministry = [name for name, aliases in found.items() if "Russian defence ministry" in {name, *aliases}]
    assert ministry and "Russia's defence ministry" in {ministry[0], *found[ministry[0]]}
    assert "Telegram" in found
    assert "Russian Telegram" not in found


REBELS = """Clashes near the river

Fighters of the K17 movement attacked two farms near el-Karma on Tuesday, the UN's KAVOMI mission said.
The state news agency NARU reported that the Prosecutor General's Office in Sarnova had opened an inquiry.
Residents fled towards the hills, said a commander of the People's Liberation Army, which holds the town.
The National Salvation Front said it had not fired. Later the NSF repeated the denial, and K17 fighters
withdrew from the town. Russia's FSB said it had warned of the raid; the FSB gave no detail. Footage
filmed by a UAV was shared.
"""


@pytest.fixture(scope="module")
def rebels():
    return entities(REBELS)


def test_short_unknown_acronyms_in_running_text_are_proposed(rebels):
    assert {"k17", "kavomi", "naru"} <= {name.lower() for name in rebels}
    assert "UAV" not in rebels  # a common acronym is a noun


def test_an_acronym_joins_the_one_name_whose_initials_it_is(rebels):
    front = rebels.get("National Salvation Front")
    assert front is not None and "NSF" in front
    assert "NSF" not in rebels


def test_an_institution_named_with_a_possessive_is_one_name(rebels):
    assert "Prosecutor General's Office" in rebels and "People's Liberation Army" in rebels
    assert "Prosecutor General" not in rebels and "Liberation Army" not in rebels


def test_a_countrys_acronym_body_is_named_without_its_owner(rebels):
    assert "FSB" in rebels and "Russia's FSB" not in rebels


def test_a_place_written_with_the_arabic_article_in_lower_case_is_kept(rebels):
    assert "el-Karma" in rebels


RAN_INTO = """Varna offered Sarnova Russian positions, report says

The Washington Post reported on Sunday that officials met twice. Two officials told the Post that the
offer was made in person. The Northern Observatory for Civil Rights war monitor said four people died.
The Dorn-Kremlin feud has grown since then. Aid groups said they were helping Palestinians in the camps.
Officials in Sarnova declined to comment.
"""


@pytest.fixture(scope="module")
def ran_into():
    return entities(RAN_INTO)


def test_a_name_run_into_a_peoples_adjective_is_the_name_and_the_people(ran_into):
    assert "Sarnova" in ran_into and "Sarnova Russian" not in ran_into


def test_a_known_outlet_by_its_last_word_is_that_outlet(ran_into):
    assert "Post" in ran_into["The Washington Post"] and "Post" not in ran_into


def test_a_name_ends_before_the_description_it_modifies(ran_into):
    assert "Northern Observatory for Civil Rights" in ran_into
    assert "Northern Observatory for Civil Rights war" not in ran_into


def test_a_known_body_hyphenated_to_another_name_is_split_off(ran_into):
    assert "Kremlin" in ran_into and "Dorn-Kremlin" not in ran_into


def test_a_people_written_only_in_the_plural_is_named_so(ran_into):
    assert "Palestinians" in ran_into and "Palestinian" in ran_into["Palestinians"]
