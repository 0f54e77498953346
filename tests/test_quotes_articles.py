"""Quotes, cues and speakers on our own articles, one per quoting convention (tests/articles/quotes/)."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.model import Analysis, Quote
from purportedly.reading import read_text
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "quotes"


@pytest.fixture(scope="module")
def analysed(nlp):
    cache: dict[str, Analysis] = {}

    def run(name: str) -> Analysis:
        if name not in cache:
            text = (ARTICLES / name).read_text(encoding="utf-8")
            cache[name] = analyze_article(read_text(text, document=name), nlp)
        return cache[name]

    return run


def by_text(result: Analysis, words: str) -> Quote:
    matches = [q for q in result.quotes if q.text == words]
    assert len(matches) == 1, [q.text for q in result.quotes]
    return matches[0]


def table(result: Analysis) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in result.quotes]


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_every_offset_points_at_its_text(analysed, name):
    result = analysed(name)
    text = result.article.text
    assert result.quotes + result.indirect_quotes, name
    for quote in result.quotes + result.indirect_quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue_span):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_wire_story_with_straight_quotes(analysed):
    result = analysed("wire_straight.txt")
    assert table(result) == [
        (
            "direct",
            "We fire four rounds and then we sit. The rest goes to the assault units,",
            "a Russian artillery sergeant",
            "says",
        ),
        ("direct", "By evening we have nothing left to shoot.", "a Russian artillery sergeant", None),
        ("direct", "They know everything. They just do not care.", "a Russian artillery sergeant", "replies"),
        ("direct", "a collapse of supply discipline", "the agency", "said"),
    ]
    first = result.quotes[0]
    assert first.speaker_mention.text == "the sergeant" and first.cue_span.text == "says"


def test_wire_story_reported_speech(analysed):
    indirect = analysed("wire_straight.txt").indirect_quotes
    complaint = next(q for q in indirect if q.cue == "complains")
    assert complaint.kind == "indirect"
    assert complaint.text.startswith("his battery receives only a handful of shells")
    assert complaint.speaker == "a Russian artillery sergeant"
    assert all(q.kind == "indirect" for q in indirect)


def test_tabloid_single_quotes_and_apostrophes(analysed):
    result = analysed("tabloid_single.txt")
    title = by_text(
        result, "They\u2019ve taken his glasses and sent him to the trenches".replace("\u2019", "'")
    )
    assert title.segment == "title" and title.speaker == "Drafted teacher's sister"
    body = by_text(result, "He can't see ten metres in front of him,")
    assert (body.speaker, body.cue, body.segment) == ("the teacher's sister", "said", "body")
    assert by_text(result, "I don't know how he's meant to shoot.").speaker == "the teacher's sister"
    last = by_text(result, "The soldiers' families are frightened to write anything now,")
    assert (last.speaker, last.speaker_mention.text, last.cue) == ("Irina Volkova", "Mrs Volkova", "added")
    key_point = [q for q in result.quotes if q.segment == "key_point"]
    assert [(q.text, q.speaker) for q in key_point] == [("stop complaining", "Irina Volkova")]


def test_multi_paragraph_quote_one_entry_per_paragraph(analysed):
    result = analysed("multipara_curly.txt")
    assert table(result) == [
        (
            "direct",
            "They put us in a basement on the first night. Nobody gave us a map. The lieutenant said, "
            "\u2018You will learn the terrain by walking it,\u2019 and then he left.",
            "A conscript from the Urals",
            None,
        ),
        ("direct", "You will learn the terrain by walking it,", "The lieutenant", "said"),
        (
            "direct",
            "On the third day the shelling started at dawn and did not stop until the evening.",
            "A conscript from the Urals",
            None,
        ),
        (
            "direct",
            "I have not washed for a week. Do not tell my mother any of this.",
            "A conscript from the Urals",
            None,
        ),
        ("direct", "Come back to me. Please.", "his girlfriend", "replies"),
    ]
    assert result.quotes[1].nested_in == result.quotes[0].id


def test_transcript_turns(analysed):
    result = analysed("transcript_labels.txt")
    turns = [(q.text, q.speaker, q.cue) for q in result.quotes if q.kind == "turn"]
    assert turns == [
        ("Sveta, it's me. Can you talk?", "a Russian marine", "MARINE:"),
        ("Yes. Where are you? Are you eating?", "his wife", "WIFE:"),
        (
            'Where is the food? There is no food. The sergeant says supplies are "on the way." '
            "Every day on the way.",
            "a Russian marine",
            "MARINE:",
        ),
        ("Tell them you are ill.", "his wife", "WIFE:"),
        ("Get off the phone, now.", None, "UNKNOWN VOICE:"),
        ("I have to go.", "a Russian marine", "MARINE:"),
    ]
    nested = by_text(result, "on the way.")
    assert nested.nested_in == by_text(result, turns[2][0]).id
    assert (nested.speaker, nested.cue) == ("The sergeant", "says")
    # the headline's quote recurs in a turn and takes its speaker
    assert by_text(result, "Where is the food?").speaker == "a Russian marine"


def test_question_and_answer_turns(analysed):
    result = analysed("qa_interview.txt")
    turns = [(q.speaker, q.cue) for q in result.quotes if q.kind == "turn"]
    assert turns == [("Joanna Kerr", "Q:"), ("Lukas Brenner", "A:")] * 2
    assert by_text(result, "A recording is a claim, not a fact").speaker == "Lukas Brenner"
    inner = by_text(result, "I was ordered to do it,")
    assert (inner.speaker, inner.cue) == ("The man", "said") and inner.nested_in is not None


def test_live_blog_dash_attribution_and_headings(analysed):
    result = analysed("liveblog_dash.txt")
    dash = by_text(result, "The trenches flood every night. We sleep standing up.")
    assert (dash.speaker, dash.cue) == ("a Ukrainian infantry sergeant", "\u2014")
    echoes = [q for q in result.quotes if q.text == "the trenches flood every night"]
    assert {q.segment for q in echoes} == {"key_point", "heading"}
    assert {q.speaker for q in echoes} == {"a Ukrainian infantry sergeant"}
    surname = by_text(result, "The fire is under control,")
    assert (surname.speaker, surname.speaker_mention.text) == ("Pavel Sorokin", "Sorokin")


def test_inversion_mid_quote_attribution_and_nesting(analysed):
    result = analysed("inversion_nested.txt")
    outer = by_text(
        result, "Our captain gathered us and said, 'Anyone who surrenders will be shot by his own side,'"
    )
    assert (outer.speaker, outer.speaker_mention.text, outer.cue) == (
        "Viktor Sazonov",
        "the older prisoner",
        "said",
    )
    inner = by_text(result, "Anyone who surrenders will be shot by his own side,")
    assert (inner.nested_in, inner.speaker) == (outer.id, "Our captain")
    assert by_text(result, "We believed him.").speaker == "Viktor Sazonov"
    first, second = (
        by_text(result, "We had no way to call for help,"),
        by_text(result, "and no way to retreat."),
    )
    assert first.speaker == second.speaker == "The younger man"
    assert by_text(result, "I only want to know he is alive,").speaker == "Natalya Sazonova"


def test_unclosed_quote_is_capped_at_its_paragraph(analysed):
    result = analysed("unclosed.txt")
    assert table(result) == [
        ("direct", "We will hold the line no matter what happens", "The commander", "told")
    ]
