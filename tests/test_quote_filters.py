"""Marked text that is nobody's words: IDs, dates, handles, titles of works (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly.analysis import analyze_article
from purportedly.nlp.quotes.filters import has_no_words, looks_like_title
from purportedly.reading import read_text

ARTICLE = Path(__file__).parent / "articles" / "calls" / "titles_and_ids.txt"


@pytest.mark.parametrize(
    "text", ["6721498740460173", "2016-08-23", "@deskshow", "#vote2024", "https://x.example/a"]
)
def test_ids_dates_and_handles_have_no_words(text):
    assert has_no_words(text)


@pytest.mark.parametrize("text", ["We will not cut the ferry,", "no", "Seven,", "on the 21st."])
def test_speech_has_words(text):
    assert not has_no_words(text)


@pytest.mark.parametrize(
    "text", ["Good Morning Desk", "Cake Boss.", "Talk Bernie to Me", "The Art of the Deal"]
)
def test_titles_look_like_titles(text):
    assert looks_like_title(text)


@pytest.mark.parametrize(
    "text", ["Boats! Boats!", "Mama", "a fantasy", "We will not stop,", "Where Is My Son?", "Seven"]
)
def test_speech_does_not_look_like_a_title(text):
    assert not looks_like_title(text)


def test_an_article_keeps_speech_and_drops_ids_handles_and_show_names(nlp):
    result = analyze_article(read_text(ARTICLE.read_text(encoding="utf-8"), document="titles.txt"), nlp)
    texts = [q.text for q in result.quotes]
    assert "We will not cut the ferry," in texts and "a fantasy" in texts
    assert "Boats! Boats!" in texts  # shouted by residents: words, though capitalised
    for dropped in ("Morning Desk Live", "6721498740460173", "@deskshow"):
        assert dropped not in texts
