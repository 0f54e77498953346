"""Jargon: glossary terms matched case-insensitively with meanings; bare numbers only in context."""

from __future__ import annotations

import pytest

from tests.test_entities_facts import facts_only_pipeline, run_article


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def terms(doc) -> list[tuple[str, str | None]]:
    return [(g.term, g.category) for g in doc._.glossary]


def test_glossary_hits_in_article(facts_nlp):
    doc = run_article(facts_nlp, "wire_dated.txt")
    assert terms(doc) == [
        ("200s", "casualties"),
        ("meat assaults", "tactics"),
        ("mobiks", "people"),
        ("AWOL", "desertion"),
    ]
    assert "killed" in doc._.glossary[0].meaning


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The commander sent them on MEAT ASSAULTS again.", [("MEAT ASSAULTS", "tactics")]),
        (
            "Barrier troops (zagradotryad) stood behind them.",
            [("Barrier troops", "units"), ("zagradotryad", "units")],
        ),
        ("They came home as cargo 200.", [("cargo 200", "casualties")]),
        (
            "Storm-Z units and Wagnerites fought there; the orcs fled.",
            [("Storm-Z", "units"), ("Wagnerites", "people"), ("orcs", "slurs")],
        ),
        (
            "The kontraktniki went SOCh after zeroing threats.",
            [("kontraktniki", "people"), ("SOCh", "desertion"), ("zeroing", "tactics")],
        ),
    ],
)
def test_terms_case_insensitive(facts_nlp, text, expected):
    assert terms(facts_nlp(text)) == expected


def test_bare_numbers_and_food_words_need_context(facts_nlp):
    assert terms(facts_nlp("About 200 men and 300 trucks arrived; they ate meat.")) == []
    assert terms(facts_nlp("He is a 200 now, they call us meat.")) != []
