"""Times: which expressions are dates, and how each is fixed against the publication date or the text."""

from __future__ import annotations

from datetime import date

import pytest

from purportedly.analysis import make_doc
from purportedly.model import Article
from tests.test_entities_facts import facts_only_pipeline, run_article


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def times(doc) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in doc._.times]


def dated(nlp, text: str, published: date):
    return nlp(make_doc(nlp, Article(document="t", text=text, date=published)))


def test_dated_wire_story(facts_nlp):
    doc = run_article(facts_nlp, "wire_dated.txt")
    assert doc._.article.date == date(2023, 3, 9)  # a Thursday
    assert times(doc) == [
        ("Tuesday", "2023-03-07"),
        ("March 2", "2023-03-02"),
        ("Yesterday", None),  # inside a quoted call: the day it was said is unknown
        ("January", None),
        ("Two days later", "2023-03-04"),  # two days after the last fixed day, March 2
        ("last Friday", "2023-03-03"),
        ("October 2022", None),
    ]
    assert "09:40" not in {t.text for t in doc._.times}  # the Published line is metadata


def test_undated_blog_every_relative_time_is_null(facts_nlp):
    doc = run_article(facts_nlp, "blog_undated.txt")
    assert doc._.article.date is None
    assert times(doc) == [
        ("last Wednesday", None),
        ("the 19th", None),
        ("Two days later", None),  # nothing fixed before it
        ("3 April 2023", "2023-04-03"),
        ("the weekend", None),
        ("The following day", "2023-04-04"),  # anchored on the absolute date in the text
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike came on Sunday.", [("Sunday", "2024-03-03")]),  # the publication day itself counts
        ("The strike came last Sunday.", [("last Sunday", "2024-02-25")]),
        ("Officials met on Friday.", [("Friday", "2024-03-01")]),
        ("Officials will meet on Friday.", [("Friday", "2024-03-08")]),  # future tense looks ahead
        ("Drones came on Tuesday night.", [("Tuesday night", "2024-02-27")]),
        (
            "It happened yesterday, and more is expected tomorrow.",
            [("yesterday", "2024-03-02"), ("tomorrow", "2024-03-04")],
        ),
        ("They plan to leave on the 26th.", [("the 26th", "2024-03-26")]),  # day of the publication month
        (
            "A call was recorded on Feb. 27 and another on 1 March.",
            [("Feb. 27", "2024-02-27"), ("1 March", "2024-03-01")],
        ),
        ("The post appeared on New Year's Eve.", [("New Year's Eve", "2023-12-31")]),
        (
            "It started in December and this year got worse; the rifles are from 1945.",
            [("December", None), ("this year", None), ("1945", None)],
        ),
        (
            "Recruiting began in spring 2023 and peaked last autumn.",
            [("spring 2023", None), ("last autumn", None)],
        ),
        (
            "Fighting resumed last week, after the summer of 2023 and early May.",
            [("last week", None), ("the summer of 2023", None), ("early May", None)],
        ),
        (
            "He was called up on 14 February 2023 and deployed the next day.",
            [("14 February 2023", "2023-02-14"), ("the next day", "2023-02-15")],
        ),
    ],
)
def test_values_against_publication_date(facts_nlp, text, expected):
    assert times(dated(facts_nlp, text, date(2024, 3, 3))) == expected  # a Sunday


@pytest.mark.parametrize(
    "text",
    [
        "The unit fought for three days and then for weeks.",  # durations
        "The message came at 14:20 BST.",  # a clock time
        "In recent weeks and recent days the shelling grew.",  # vague spans
        "Bryansk Today, a channel, may post more.",  # a name, and the verb 'may'
        "The 35th Separate Rifle Battalion lost men.",  # a unit, not 'the 35th'
    ],
)
def test_not_date_expressions(facts_nlp, text):
    assert times(dated(facts_nlp, text, date(2024, 3, 3))) == []


def test_absolute_date_in_text_anchors_month_day_without_publication_date(facts_nlp):
    doc = facts_nlp("The theatre, bombed last March 16, was photographed on April 12, 2022.")
    assert times(doc) == [("last March 16", "2022-03-16"), ("April 12, 2022", "2022-04-12")]
    assert doc._.times[0].anchor == "date in text"
