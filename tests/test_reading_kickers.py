"""Page furniture above the headline: section kickers, newsletter mastheads with issue numbers,
bylines that carry the author's job title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from purportedly.reading import read_text
from purportedly.reading.bylines import parse_byline

ARTICLES = Path(__file__).resolve().parent / "articles" / "reading"


def read_fixture(name: str):
    return read_text((ARTICLES / name).read_text(encoding="utf-8"), document=name)


def test_a_section_label_above_the_headline_is_a_kicker_not_the_title() -> None:
    article = read_fixture("kicker_comment.txt")
    assert article.title == "Why a recorded phone call is not yet a fact"
    assert [s.text for s in article.segments if s.kind == "kicker"] == ["OPINION"]
    assert article.date == date(2024, 3, 14)
    assert article.authors == ["Ilse Brandvold"]


def test_a_kicker_is_not_story_text_for_quotes() -> None:
    from purportedly import analyze

    text = (ARTICLES / "kicker_comment.txt").read_text(encoding="utf-8")
    result = analyze(text)
    assert all(quote.start > text.index("14 March 2024") for quote in result.quotes)


def test_a_short_first_line_that_is_not_a_section_label_stays_the_headline() -> None:
    text = "Shelling in Kherson\n\nKHERSON, May 2 (Reuters) - Two people were hurt, officials said.\n"
    assert read_text(text).title == "Shelling in Kherson"


def test_a_section_label_glued_to_the_next_line_is_not_taken_for_a_kicker() -> None:
    # a one-word headline glued to its standfirst is the headline, whatever the word
    text = "Analysis\nWhat the intercepted calls tell us\n3 May 2024\n\nThe body starts here, at last.\n"
    article = read_text(text)
    assert article.title == "Analysis"
    assert not [s for s in article.segments if s.kind == "kicker"]


def test_a_masthead_with_an_issue_number_beside_its_date() -> None:
    article = read_fixture("newsletter_issue.txt")
    assert article.title == "EASTERN FRONT MORNING"
    assert article.date == date(2024, 3, 5)
    standfirsts = [s.text for s in article.segments if s.kind == "standfirst"]
    assert standfirsts == ["A daily round-up for subscribers"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Ilse Brandvold, senior correspondent", ["Ilse Brandvold"]),
        ("By Anna Lee, Kyiv bureau chief", ["Anna Lee"]),
        ("By Anna Lee and Bo Kim, staff writers", ["Anna Lee", "Bo Kim"]),
        ("By Anna Lee, Bo Kim", ["Anna Lee", "Bo Kim"]),
    ],
)
def test_a_job_title_after_the_author_is_dropped(line: str, authors: list[str]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    assert parse_byline("By the way, the soldiers were tired and their editor knew it") is None
