"""Speaker rules that generalise beyond the seeds: genre labels, 'in X's words', voices, 'my father'."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.reading import read_text


@pytest.fixture(scope="module")
def speakers(nlp):
    def run(text: str) -> dict[str, str | None]:
        result = analyze_article(read_text(text, document="general.txt"), nlp)
        return {q.text: q.speaker for q in result.quotes}

    return run


@pytest.mark.parametrize("genre", ["Explainer", "Transcript", "Analysis", "Fact check", "Exclusive"])
def test_a_headline_genre_word_before_a_colon_is_not_a_speaker(speakers, genre):
    text = (
        f"{genre}: 'We were left with nothing at the crossing'\n\n"
        "The regional council published the letter on Friday without naming its author.\n"
    )
    assert speakers(text)["We were left with nothing at the crossing"] != genre


def test_a_labelled_headline_still_takes_its_label(speakers):
    text = "Sapper's mother: 'He wrote to us every single week'\n\nThe letters stopped in March.\n"
    assert speakers(text)["He wrote to us every single week"] == "Sapper's mother"


@pytest.mark.parametrize(
    "phrase, owner",
    [("in the ministry's words", "the ministry"), ("in the words of the governor", "the governor")],
)
def test_in_the_words_of_names_the_speaker(speakers, phrase, owner):
    text = (
        "The regional council met on Friday after the flood.\n\n"
        f'The report describes a night when, {phrase}, "the whole district was cut off."\n'
    )
    assert speakers(text)["the whole district was cut off."] == owner
