"""Entities: canonical names, aliases, transliterations, credits, descriptors, robustness on odd text."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from purportedly.analysis import make_doc
from purportedly.model import Article
from purportedly.names import Transliterator
from purportedly.nlp.pipeline import DEFAULT_MODEL
from purportedly.reading import read_text

FACTS = Path(__file__).resolve().parent / "articles" / "facts"
FACT_COMPONENTS = (
    "purportedly_entities",
    "purportedly_counts",
    "purportedly_times",
    "purportedly_places",
    "purportedly_jargon",
)


def facts_only_pipeline() -> spacy.language.Language:
    """The spaCy model with only the layout and fact components: isolates them from other stages."""
    for module in ("layout", "entities", "counts", "times", "places", "jargon"):
        importlib.import_module(f"purportedly.nlp.{module}")  # registers the factories

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("purportedly_layout", before="parser")
    for name in FACT_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def run_article(nlp, name: str):
    article = read_text((FACTS / name).read_text(encoding="utf-8"), document=name)
    return nlp(make_doc(nlp, article))


def by_name(doc) -> dict:
    return {entity.name: entity for entity in doc._.entities}


def test_transliterated_surname_and_title_merge(facts_nlp):
    entities = by_name(run_article(facts_nlp, "wire_dated.txt"))
    soldier = entities["Pavel Yevdokimov"]
    assert soldier.type == "PERSON"
    assert "Evdokimov" in soldier.aliases  # Yevdokimov / Evdokimov
    assert "Sergeant" in soldier.descriptors
    mother = entities["Larisa Yevdokimova"]  # a relative with the same surname stays apart
    assert "Yevdokimova" in mother.aliases and "Mrs" in mother.descriptors
    assert entities["Vladimir Putin"].descriptors == ["President"]
    assert "the Kremlin spokesman" in entities["Dmitriy Peskov"].descriptors


def test_gazetteer_units_regions_and_pen_names(facts_nlp):
    entities = by_name(run_article(facts_nlp, "wire_dated.txt"))
    # the article's own fullest form names it; the gazetteer's canonical name is an alias (issue 11)
    sbu = entities["Ukraine's Security Service"]
    assert {"SBU", "Security Service of Ukraine"} <= set(sbu.aliases)
    assert entities["4417th Motor Rifle Regiment"].type == "ORG"
    assert entities["Kharkiv region"].type == "GPE"
    assert entities["Steppe Wolf Z"].type == "PERSON"  # 'posts under the name ...'
    assert "Volga Pulse" in entities  # 'the regional site Volga Pulse'
    assert entities["Russian"].type == "NORP"
    assert "Ukraine" in entities  # the owner in "Ukraine's Security Service" is a mention too


def test_all_caps_credit_names_get_title_case(facts_nlp):
    entities = by_name(run_article(facts_nlp, "captions_credits.txt"))
    photographer = entities["Oksana Lytvyn"]
    assert photographer.type == "PERSON" and photographer.aliases == ["OKSANA LYTVYN"]
    assert entities["Petro Havryliuk"].type == "PERSON"  # '(Petro Havryliuk/AP)'
    # a credit writes only the acronym: that is the name, the agency's full name an alias
    assert "Agence France-Presse" in entities["AFP"].aliases
    assert "Associated Press" in entities["AP"].aliases
    assert "Getty Images" in entities
    assert entities["Novyi Bereh"].type == "GPE"


def test_spelling_variants_and_nickname_join_one_person(facts_nlp):
    entities = by_name(run_article(facts_nlp, "blog_undated.txt"))
    person = entities["Aleksandr Shcherbakov"]
    assert {"Aleksandr Scherbakov", "Shcherbakov", "Sasha"} <= set(person.aliases)
    assert "Frontline Letters" in entities  # 'By the Frontline Letters team'
    assert "Kursk Evening" in entities  # 'a local channel called Kursk Evening'
    assert "Mum" not in entities


def test_norp_plural_canonical_singular(facts_nlp):
    doc = facts_nlp("Ukrainians and Russians argued. A Russian officer spoke to Chechens.")
    entities = by_name(doc)
    assert "Russians" in entities["Russian"].aliases
    # written only in the plural: named as written, the singular an alias
    assert entities["Ukrainians"].aliases == ["Ukrainian"]


def test_mentions_point_into_text(facts_nlp):
    doc = run_article(facts_nlp, "wire_dated.txt")
    assert doc._.entities and all(entity.mentions for entity in doc._.entities)
    for entity in doc._.entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text


def test_plain_doc_without_article(facts_nlp):
    doc = facts_nlp("Colonel Ivan Petrenko said 40 soldiers were killed near Bakhmut on Monday.")
    assert doc._.article is None
    assert by_name(doc)["Ivan Petrenko"].descriptors == ["Colonel"]
    assert [c.number for c in doc._.counts] == [40]
    assert [t.value for t in doc._.times] == [None]  # no publication date: Monday cannot be fixed


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "“unbalanced quote and 12",
        "Путин сказал 5 солдат погибли 3 марта",
        "🔥🔥 200s 😀 AWOL",
        "KEY POINTS\n\n  • ",
        "the 99th of Smarch, 2023 — last Blursday",
        "1,2,3,4,5,6 dozen dozens",
    ],
)
def test_odd_text_never_raises(facts_nlp, text):
    check_offsets(facts_nlp(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_text_keeps_offsets_valid(facts_nlp, text):
    check_offsets(facts_nlp(text))


def check_offsets(doc) -> None:
    text = doc.text
    spans = [m for e in doc._.entities for m in e.mentions]
    spans += list(doc._.counts) + list(doc._.times)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for hit in doc._.glossary:
        assert text[hit.start : hit.end] == hit.term
    for place in doc._.places:
        assert 0 <= place.start <= place.end <= len(text)


def test_article_without_segments_is_all_body(facts_nlp):
    article = Article(document="bare", text="Two soldiers were wounded in Kherson yesterday.")
    doc = facts_nlp(make_doc(facts_nlp, article))
    assert [c.number for c in doc._.counts] == [2]
    assert doc._.times[0].text == "yesterday" and doc._.times[0].value is None


@pytest.mark.parametrize(
    "spellings",
    [
        ("Yevseev", "Evseev"),
        ("Yevgeny", "Evgeniy", "Evgenii"),
        ("Dmitry", "Dmitriy"),
        ("Shchukin", "Schukin"),
        ("Dovhan", "Dovgan"),
        ("Sergei", "Sergey", "Serhiy"),
        ("Alexei", "Alexey", "Aleksei"),
        ("Zelensky", "Zelenskyy", "Zelenskiy"),
    ],
)
def test_transliteration_variants_share_a_key(spellings):
    transliterator = Transliterator()
    assert len({transliterator.key(s) for s in spellings}) == 1


def test_different_names_keep_different_keys():
    transliterator = Transliterator()
    assert transliterator.key("Kostrov") != transliterator.key("Kostrova")
    assert transliterator.key("Larisa Morozova") != transliterator.key("Gennady Morozova")


def test_facilities_services_and_prefixed_demonyms(facts_nlp):
    doc = facts_nlp(
        "Shells hit the Kherson drama theatre on Monday. The Ukrainian air force said a pro-Russian "
        "channel had lied."
    )
    entities = by_name(doc)
    assert entities["Kherson drama theatre"].type == "FAC"
    assert entities["Ukrainian air force"].type == "ORG"
    assert "pro-Russian" in entities["Russian"].aliases


def test_reader_outlet_and_authors_are_entities(facts_nlp):
    text = "Harbour Ledger | 2 May 2023\n\nBy Ines Varga\n\nThe Harbour Ledger could not reach the unit."
    article = Article(document="meta", text=text, outlet="Harbour Ledger", authors=["Ines Varga"])
    entities = by_name(facts_nlp(make_doc(facts_nlp, article)))
    assert entities["Harbour Ledger"].type == "ORG" and len(entities["Harbour Ledger"].mentions) == 2
    assert entities["Ines Varga"].type == "PERSON"


def test_role_nouns_before_names_become_singular_descriptors(facts_nlp):
    doc = facts_nlp(
        "Last week pro-war Russian bloggers Vera Lapina and Storm Owl Z said the front had collapsed."
    )
    entities = by_name(doc)
    assert entities["Vera Lapina"].descriptors == ["pro-war Russian blogger"]
    assert entities["Storm Owl Z"].descriptors == ["pro-war Russian blogger"]
    doc = facts_nlp("Kremlin critics Ivan Petrov and Olga Sidorova were detained.")
    assert by_name(doc)["Olga Sidorova"].descriptors == ["Kremlin critic"]
