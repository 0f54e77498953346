"""Times fixed by the story itself: that night, the previous Saturday, night ranges, period parts, ago."""

from __future__ import annotations

from datetime import date

import pytest

from purportedly.analysis import make_doc
from purportedly.model import Article
from purportedly.reading import read_text
from tests.conftest import FIXTURES


def times(doc) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in doc._.times]


def run_fixture(nlp, name: str):
    article = read_text((FIXTURES / "facts" / name).read_text(encoding="utf-8"), document=name)
    return nlp(make_doc(nlp, article))


def dated(nlp, text: str, published: date | None):
    return nlp(make_doc(nlp, Article(document="t", text=text, date=published)))


def test_regional_story_anchors_relative_days_on_the_night_it_tells(nlp):
    doc = run_fixture(nlp, "story_clock_regional.txt")
    assert doc._.article.date == date(2024, 6, 12)  # a Wednesday
    assert times(doc) == [
        ("the night of 7 to 8 June", "2024-06-07"),  # a night is dated by the evening it began
        ("Monday", "2024-06-10"),  # 'the council said on Monday': when it was told, not story time
        ("The next morning", "2024-06-08"),  # the morning after the night, not after the Monday
        ("that night", "2024-06-07"),  # the last night the story named
        ("the previous Saturday", "2024-06-01"),  # strictly before the story's day, 7 June
        ("the past week", None),  # a week is not a day
        ("the start of the year", None),
        ("A week ago", None),
        ("10 June", "2024-06-10"),
        ("The same day", "2024-06-10"),
    ]
    start = next(t for t in doc._.times if t.text == "the start of the year")
    assert (start.period_start, start.period_end) == ("2024-01-01", "2024-12-31")
    assert start.granularity == "year"


def test_interview_offsets_stay_inside_the_speakers_story(nlp):
    doc = run_fixture(nlp, "story_clock_qa.txt")
    assert doc._.article.date == date(2024, 2, 21)  # a Wednesday
    assert times(doc) == [
        ("2 October", "2023-10-02"),
        ("Last autumn", None),
        ("Four days later", None),  # the answer's own story ('one evening' last autumn) fixes no day
        ("this month", None),
        ("Sunday", "2024-02-18"),
        ("Ten days later", "2024-03-03"),  # the date set beside it wins: ', on 3 March'
        ("3 March", "2024-03-03"),
        ("Friday", "2024-02-23"),  # 'will meet on Friday': future tense looks ahead
        ("6 February", "2024-02-06"),
        ("the previous Tuesday", "2024-01-30"),  # 6 February 2024 was itself a Tuesday: the one before
        ("November", None),
    ]
    assert "that night" not in {t.text for t in doc._.times}  # 'talks about that night': a topic


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a plain weekday in a past-tense story: the most recent such day on or before publication;
        # the publication day itself counts (a Sunday paper's 'on Sunday' is that day)
        ("Shelling resumed on Sunday.", date(2024, 3, 4), [("Sunday", "2024-03-03")]),  # a Monday
        ("Shelling resumed on Sunday.", date(2024, 3, 3), [("Sunday", "2024-03-03")]),  # a Sunday
        ("Shelling resumed on Sunday.", date(2024, 3, 9), [("Sunday", "2024-03-03")]),  # a Saturday
        ("Talks will resume on Sunday.", date(2024, 3, 4), [("Sunday", "2024-03-10")]),  # future tense
        (
            "On the night of May 30-31 the bridge was hit. The previous Thursday it was closed.",
            date(2024, 6, 3),
            [("the night of May 30-31", "2024-05-30"), ("The previous Thursday", "2024-05-23")],
        ),
        (
            "The evening of 2 March 2022 was quiet. The following evening the sirens came back.",
            None,
            [("The evening of 2 March 2022", "2022-03-02"), ("The following evening", "2022-03-03")],
        ),
        ("That night the lights went out.", date(2024, 3, 4), [("That night", None)]),  # no anchor: null
        ("The previous Friday nobody came.", date(2024, 3, 4), [("The previous Friday", None)]),
        (
            "Two days ago the ferry stopped; three weeks ago it still ran.",
            date(2024, 3, 4),
            [("Two days ago", "2024-03-02"), ("three weeks ago", None)],
        ),
        ("The fallout of the fall offensive lasted.", date(2024, 3, 4), [("the fall", None)]),
        (
            "On the night of Saturday to Sunday drones hit the port. The next morning it reopened.",
            date(2024, 3, 4),
            [("the night of Saturday to Sunday", "2024-03-02"), ("The next morning", "2024-03-03")],
        ),
        (
            "This morning the mayor spoke; yesterday evening sirens sounded.",
            date(2024, 3, 4),
            [("This morning", "2024-03-04"), ("yesterday evening", "2024-03-03")],
        ),
    ],
)
def test_story_relative_values(nlp, text, published, expected):
    assert times(dated(nlp, text, published)) == expected


def test_period_parts_carry_their_bounds(nlp):
    doc = dated(nlp, "Since the beginning of 2023 and until the end of June, prices rose.", date(2024, 3, 4))
    found = {t.text: (t.value, t.granularity, t.period_start, t.period_end) for t in doc._.times}
    assert found == {
        "the beginning of 2023": (None, "year", "2023-01-01", "2023-12-31"),
        "the end of June": (None, "month", "2023-06-01", "2023-06-30"),  # the last June before March 2024
    }
