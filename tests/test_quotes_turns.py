"""Labelled turns: transcript labels (upper and title case, names and roles), furniture labels, Q&A."""

from __future__ import annotations

from purportedly.analysis import analyze_article
from purportedly.nlp.quotes.turns import TurnFinder
from purportedly.reading import read_text


def labels(text: str) -> list[tuple[str, bool]]:
    return [(t.label, t.unknown) for t in TurnFinder().find(text, [(0, len(text))])]


def test_fact_check_furniture_is_not_a_turn():
    text = (
        "CLAIM: A clip shows a colonel.\n\nOUR RATING: FALSE\n\nWHAT WE FOUND: Nothing.\n\nVERDICT: False.\n"
    )
    assert labels(text) == []


def test_a_single_upper_label_without_a_transcript_around_it_is_not_a_turn():
    assert labels("Intro paragraph.\n\nWARNING: graphic content below.\n\nMore text.") == []


def test_transcript_block_with_an_unknown_voice():
    text = "PRIVATE: Hello?\nSERGEANT: Quiet.\nUNIDENTIFIED VOICE: Move!\nPRIVATE: Yes.\n"
    assert labels(text) == [
        ("PRIVATE", False),
        ("SERGEANT", False),
        ("UNIDENTIFIED VOICE", True),
        ("PRIVATE", False),
    ]


def test_title_case_labels_only_in_a_repeated_block():
    assert labels("Note: the call was edited.\n\nSource: the ministry.") == []
    text = "Father: Are you eating?\nSon: Sometimes.\nFather: Come home.\nSon: I cannot.\n"
    assert [label for label, _ in labels(text)] == ["Father", "Son", "Father", "Son"]


def test_name_label_resolves_to_the_full_name_and_role_label_to_a_description(nlp):
    text = (
        "The service named the caller as Sergei Ivanov, a driver from Kursk.\n\n"
        "IVANOV: Are you there?\nWife: I am here.\nIVANOV: Listen to me.\nWife: Always.\n"
    )
    result = analyze_article(read_text(text, document="turns.txt"), nlp)
    assert [(q.kind, q.text, q.speaker, q.cue) for q in result.quotes] == [
        ("turn", "Are you there?", "Sergei Ivanov", "IVANOV:"),
        ("turn", "I am here.", "the wife", "Wife:"),
        ("turn", "Listen to me.", "Sergei Ivanov", "IVANOV:"),
        ("turn", "Always.", "the wife", "Wife:"),
    ]
    assert all(q.speaker_mention.text == q.cue[:-1] for q in result.quotes)
