"""Counts: number words, qualifiers, what was counted, the event, deduplication and what is not a count."""

from __future__ import annotations

import pytest

from tests.test_entities_facts import facts_only_pipeline, run_article


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def summary(doc) -> list[tuple]:
    return [(c.number, c.qualifier, c.what, c.event) for c in doc._.counts]


def test_dated_wire_story_counts(facts_nlp):
    counts = summary(run_article(facts_nlp, "wire_dated.txt"))
    assert counts == [
        (23, None, "men", "lost"),  # headline; the body's '23 men ... were killed' is the same event
        (3, None, "intercepted phone calls", "published"),
        (9, "at least", None, "wounded"),
        (4, "only", None, "came back"),
        (1200, "more than", "calls", "intercepted"),
        (12, None, "men", "mobilised"),  # 'a dozen men'
    ]


def test_repeated_count_takes_when_from_its_retelling(facts_nlp):
    first = run_article(facts_nlp, "wire_dated.txt")._.counts[0]
    assert (first.text, first.time) == ("23 men", "March 2")  # headline count, date from the body


def test_not_counts_ages_units_years_durations(facts_nlp):
    numbers = [c.number for c in run_article(facts_nlp, "wire_dated.txt")._.counts]
    assert 61 not in numbers  # 'Larisa Yevdokimova, 61,'
    assert 4417 not in numbers  # '4417th Motor Rifle Regiment'
    assert 2022 not in numbers and 2 not in numbers  # 'October 2022', 'March 2', 'Two days later'


def test_undated_blog_counts(facts_nlp):
    counts = summary(run_article(facts_nlp, "blog_undated.txt"))
    assert counts == [
        (14, None, "men", "died"),
        (5, None, "friends", "captured"),
    ]  # not 'Hill 113', '29-year-old'


def test_count_text_offsets_and_place_time(facts_nlp):
    doc = facts_nlp("On Monday at least 15 conscripts were wounded near Belgorod.")
    (count,) = doc._.counts
    assert (count.number, count.qualifier, count.what, count.event) == (
        15,
        "at least",
        "conscripts",
        "wounded",
    )
    assert doc.text[count.start : count.end] == count.text == "at least 15 conscripts"
    assert count.place == "Belgorod" and count.time == "Monday"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty-seven soldiers were captured.", [(47, "soldiers", "captured")]),
        ("Two hundred men were mobilised in the town.", [(200, "men", "mobilised")]),
        (
            "A dozen recordings were released, and then 12 recordings were released again.",
            [(12, "recordings", "released")],
        ),
        (
            "He said six of the 40 men who set out came back.",
            [(6, "men", "came back"), (40, "men", "set out")],
        ),
    ],
)
def test_number_words_and_structures(facts_nlp, text, expected):
    assert [(c.number, c.what, c.event) for c in facts_nlp(text)._.counts] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of soldiers were killed and hundreds were wounded.",  # vague: not counts
        "She waited nine days for the call, then three more weeks.",  # durations
        "The 27-year-old mother-of-two spoke for 12 minutes.",  # ages, compounds, durations
        "They met at six in the morning and left at 7:30.",  # clock times
        "Half of the unit and a third of the officers were killed.",  # fractions
        "There was one rifle for every two men.",  # distributive
        "In 2022 the brigade was formed.",  # a year
    ],
)
def test_things_that_are_not_counts(facts_nlp, text):
    assert facts_nlp(text)._.counts == []


def test_works_without_parser_and_ner(facts_nlp):
    with facts_nlp.select_pipes(disable=["parser", "ner", "purportedly_layout"]):
        doc = facts_nlp("At least 12 soldiers were killed on Monday in Kherson. “Yesterday” was bad.")
    assert doc._.entities is not None and doc._.counts is not None
    assert [t.text for t in doc._.times] == ["Monday", "Yesterday"]
