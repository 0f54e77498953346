"""Dash dialogue, as Ukrainian and Russian texts and their translations write speech:
'— Words, — she said. — More words.'"""

from __future__ import annotations

from pathlib import Path

from purportedly.analysis import analyze_article
from purportedly.nlp.quotes.marks import dash_dialogue
from purportedly.reading import read_text

ARTICLE = Path(__file__).resolve().parent / "articles" / "quotes" / "dash_dialogue.txt"


def quotes(nlp):
    text = ARTICLE.read_text(encoding="utf-8")
    return analyze_article(read_text(text, document=ARTICLE.name), nlp).quotes


def test_speech_on_both_sides_of_the_narration_is_quoted(nlp) -> None:
    found = {q.text: q for q in quotes(nlp)}
    first = found["Every night they fired at the pier"]  # the dialogue comma is not quoted
    second = found["Nobody wanted to be the first to cross again."]
    assert first.cue == "recalls"
    assert first.speaker == second.speaker and "boatman" in first.speaker


def test_the_narrators_words_are_not_quoted(nlp) -> None:
    assert not any("recalls" in q.text or "says Valentyna" in q.text for q in quotes(nlp))


def test_a_quote_inside_dialogue_nests_in_it(nlp) -> None:
    found = {q.text: q for q in quotes(nlp)}
    outer = found["I told the volunteers, «Take me across or I swim»"]
    inner = found["Take me across or I swim"]
    assert outer.speaker == "Valentyna Hrab" and outer.cue == "says"
    assert inner.nested_in == outer.id


def test_dashed_list_lines_and_a_lone_dashed_line_are_not_dialogue(nlp) -> None:
    texts = [q.text for q in quotes(nlp)]
    assert not any("pontoons" in text or text == "Kherson" for text in texts)
    assert "We are not going anywhere." not in texts


def test_offsets_point_at_the_words() -> None:
    text = "— We stayed, — he said. — The others left."
    spans = dash_dialogue(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == ["We stayed", "The others left."]
    assert spans[-1].close_at is None  # the last piece runs to the paragraph's end


def test_a_dash_before_long_speech_is_punctuation_not_narration() -> None:
    text = (
        "— We waited, — he said. — Then the shelling started — it went on for hours and hours, "
        "all through the night and into the morning of the next day."
    )
    spans = dash_dialogue(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans][0] == "We waited"
    assert text[spans[1].start : spans[1].end].startswith("Then the shelling started — it went on")
    assert text[spans[1].start : spans[1].end].endswith("of the next day.")
