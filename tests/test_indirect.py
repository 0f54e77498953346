"""Reported speech beyond 'said that': cue verbs from the lexicon with or without 'that', 'told Y',
and clauses 'according to X' in either position; each with its cue and speaker."""

from __future__ import annotations

import pytest


def reported(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.cue, q.speaker) for q in nlp(text)._.indirect_quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour master claimed that the pier had held.", ("the pier had held", "claimed")),
        ("Colonel Taras Bilyk insisted that no trenches were lost.", ("no trenches were lost", "insisted")),
        (
            "The mayor warned that the wells would run dry by Friday.",
            ("the wells would run dry by Friday", "warned"),
        ),
        (
            "The navy denied that its boats had shelled the ferry.",
            ("its boats had shelled the ferry", "denied"),
        ),
        (
            "The brigade acknowledged that two trucks were destroyed.",
            ("two trucks were destroyed", "acknowledged"),
        ),
        ("Hrytsenko admitted that he had never read the order.", ("he had never read the order", "admitted")),
        ("The channel alleged that recruits were being beaten.", ("recruits were being beaten", "alleged")),
        (
            "Marta Kobzar told the Lakeside Echo that her brother had been captured.",
            ("her brother had been captured", "told"),
        ),
        (
            "The ferryman's daughter says the boat has not sailed since May.",
            ("the boat has not sailed since May", "says"),
        ),
    ],
)
def test_cue_verbs_report_a_clause(nlp, text, expected):
    (found,) = reported(nlp, text)
    assert found[:2] == expected
    assert found[2] is not None


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        (
            "According to the district governor, six drones were shot down overnight.",
            "six drones were shot down overnight",
            "the district governor",
        ),
        (
            "Six drones were shot down overnight, according to the district governor.",
            "Six drones were shot down overnight",
            "the district governor",
        ),
        (
            "According to Nadia Ostapenko, the shelter flooded twice in April.",
            "the shelter flooded twice in April",
            "Nadia Ostapenko",
        ),
    ],
)
def test_according_to_attributes_its_clause(nlp, text, clause, speaker):
    doc = nlp(text)
    (quote,) = doc._.indirect_quotes
    assert (quote.text, quote.cue.lower(), quote.speaker) == (clause, "according to", speaker)
    assert text[quote.start : quote.end] == quote.text
    assert text[quote.cue_span.start : quote.cue_span.end].lower() == "according to"


def test_according_to_a_document_keeps_its_mention(nlp):
    text = "According to a navy memo seen by the Lakeside Echo, the drills were cancelled in May."
    (quote,) = nlp(text)._.indirect_quotes
    assert quote.text == "the drills were cancelled in May"
    assert quote.speaker_mention is not None and "memo" in quote.speaker_mention.text


@pytest.mark.parametrize(
    "text",
    [
        # the speech verb is attributed already; 'according to' names what carried it
        '"We will hold," said Olha Reva, according to a letter she sent home.',
        # inside a direct quote the words are the speaker's, not reported speech
        '"According to our commander, the bridge is mined," the sapper said.',
        "The bridge was closed, the governor said.",  # a parenthetical cue reports nothing more
        "According to.",  # no clause at all
    ],
)
def test_no_reported_speech(nlp, text):
    assert [q for q in nlp(text)._.indirect_quotes if (q.cue or "").lower() == "according to"] == []


@pytest.mark.parametrize(
    "text", ["", "according to", "According to «", "🙂 according to 🙂 them, it fell", "А по словам"]
)
def test_never_raises_and_offsets_hold(nlp, text):
    for quote in nlp(text)._.indirect_quotes:
        assert text[quote.start : quote.end] == quote.text


def test_according_to_vouches_only_for_its_own_conjunct(nlp):
    text = "Nobody was hurt, according to Taras Holub, but the mourners spent the night in the cellar."
    (quote,) = nlp(text)._.indirect_quotes
    assert (quote.text, quote.speaker) == ("Nobody was hurt", "Taras Holub")
