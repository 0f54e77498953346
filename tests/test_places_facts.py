"""Places: offline geocoding of place entities, regions from the data file, context-preferred countries."""

from __future__ import annotations

import pytest

from tests.test_entities_facts import facts_only_pipeline


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def places(doc) -> dict:
    return {p.name: p for p in doc._.places}


def test_cities_countries_and_regions_resolve(facts_nlp):
    doc = facts_nlp(
        "Shells hit Kharkiv, in Ukraine, while men from the Penza region were sent to Belgorod in Russia."
    )
    found = places(doc)
    assert (
        found["Kharkiv"].resolved
        and found["Kharkiv"].country_code == "UA"
        and found["Kharkiv"].feature == "city"
    )
    assert found["Ukraine"].feature == "country" and found["Ukraine"].geonameid == 690791
    assert found["Penza region"].feature == "region" and found["Penza region"].country_code == "RU"
    assert found["Belgorod"].country_code == "RU" and 50 < found["Belgorod"].latitude < 51
    for place in doc._.places:
        assert doc.text[place.start : place.end] == place.text


def test_unknown_village_stays_unresolved(facts_nlp):
    doc = facts_nlp("Troops left the village of Zelena Dolyna near Kupiansk in Ukraine.")
    village = places(doc)["Zelena Dolyna"]
    assert village.resolved is False and village.latitude is None


def test_article_country_breaks_ties(facts_nlp):
    # geonames has a Kirovsk in Russia (the bigger) and one in Ukraine: the article's country decides
    in_ukraine = places(facts_nlp("Soldiers in Ukraine were moved to Kirovsk."))["Kirovsk"]
    assert in_ukraine.resolved and in_ukraine.country_code == "UA"
    alone = places(facts_nlp("Soldiers were moved to Kirovsk."))["Kirovsk"]
    assert alone.country_code == "RU"  # no context: the most populous


def test_every_place_mention_keeps_its_own_text(facts_nlp):
    # a mention merged into a longer entity keeps its own words; the canonical name is separate
    doc = facts_nlp("Kyiv, Telegram Kyiv")
    assert doc._.places
    for place in doc._.places:
        assert doc.text[place.start : place.end] == place.text
