"""Hedge categories written once in cues.toml's [define] table: failed checks that may never
succeed, labels a source gives ('presents as'), self-identification, approximators before a
quantity; and hedge sentences that run across a title abbreviation ('Sgt.')."""

from __future__ import annotations

import pytest

from purportedly.nlp.hedges.cues import expand


def hedges_of(nlp, text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.category) for h in nlp(text)._.hedges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Who fired first may never be fully established.",
            [("may never be fully established", "failed_check")],
        ),
        ("The pilot's fate might never be known.", [("might never be known", "failed_check")]),
        ("It is impossible to verify the footage.", [("It is impossible to verify", "failed_check")]),
        ("The navy released a clip it presents as a distress call.", [("presents as", "evidential")]),
        ("State TV portrayed the men as deserters.", [("portrayed the men as", "evidential")]),
        (
            "A broadcast characterised by the ministry as a hoax ran twice.",
            [("characterised by the ministry as", "evidential")],
        ),
        (
            "A man who identified himself as a medic answered the phone.",
            [("identified himself as", "evidential")],
        ),
        ("She describes herself as the unit's cook.", [("describes herself as", "evidential")]),
        ("The garrison fired more than 300 shells.", [("more than", "approximator")]),
        ("Fewer than ten boats left the harbour.", [("Fewer than", "approximator")]),
        ("As many as forty villagers sheltered there.", [("As many as", "approximator")]),
        ("The recording, a little over a minute long, ends abruptly.", [("a little over", "approximator")]),
        ("Just under half the crew returned.", [("Just under", "approximator")]),
        ("The siege cost upwards of 2,000 lives.", [("upwards of", "approximator")]),
    ],
)
def test_new_categories(nlp, text, expected):
    assert hedges_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv presents the tapes as evidence of low morale.",  # an argument, not a label
        "The navy presents them as proof of sabotage.",
        "She presented the award to the crew.",  # no "as" at all
        "The talks lasted more than a year.",  # a duration idiom, not an approximation
        "Shelling continued over three days.",  # a span of time
        "He wanted more than anything to go home.",  # "more than" before no quantity
        "The ferry is close to the pier.",  # "close to" before no quantity
        "The story will never be forgotten.",  # "never be" with no checking verb
    ],
)
def test_still_not_hedges(nlp, text):
    assert hedges_of(nlp, text) == []


def test_hedge_sentence_runs_across_a_title_abbreviation(nlp):
    text = (
        "The harbour was quiet. The coast guard identified the caller as Lt. Marko Danilo, 41, "
        "of the river flotilla. Nobody else spoke."
    )
    (hedge,) = nlp(text)._.hedges
    assert hedge.sentence.startswith("The coast guard identified the caller as Lt. Marko Danilo, 41,")
    assert hedge.sentence.endswith("of the river flotilla.")
    assert text[hedge.sentence_start : hedge.sentence_end] == hedge.sentence


def test_definitions_expand_and_undefined_names_fail():
    definitions = {"A": "(?:x|{B})", "B": "y"}
    assert expand("{A} z{2,3}", definitions) == "(?:x|y) z{2,3}"  # a quantifier is left alone
    with pytest.raises(KeyError):
        expand("{MISSING}", definitions)
    with pytest.raises(ValueError):
        expand("{LOOP}", {"LOOP": "{LOOP}"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A station aired a message attributed to the rebel colonel.", [("attributed to", "evidential")]),
        ("It broadcast a voice the agency attributes to a harbour pilot.", [("attributes to", "evidential")]),
        ("Suspected smugglers burned the customs post.", [("Suspected", "evidential")]),
        ("The navy shelled a suspected arms depot near the ferry pier.", [("suspected", "evidential")]),
        ("The coastguard did not confirm the sinking.", [("did not confirm", "failed_check")]),
        ("The islanders refute the governor's account.", [("refute", "denial")]),
    ],
)
def test_attribution_suspicion_and_unconfirmed_cues(nlp, text, expected):
    assert hedges_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The guards suspected a trap and stayed in the tower.",  # the verb, not the adjective
        "The clerk was suspected of forging the ledger.",
        "The mayor did not name the ferry captain.",  # "did not" before no checking verb
    ],
)
def test_suspicion_verbs_and_other_negations_are_not_hedges(nlp, text):
    assert hedges_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels claim capture of the lighthouse.", [("claim", "reportative")]),
        ("The ferry company claims the cargo was grain.", [("claims", "reportative")]),
        ("A clip shared online claims to show the harbour ablaze.", [("claims", "reportative")]),
    ],
)
def test_claim_as_a_verb_without_that(nlp, text, expected):
    assert hedges_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The claim could not be checked by the harbour office.",
        "The mayor rejected the governor's claims in a speech.",
        "There was no immediate claim of responsibility for the fire.",
        "Neither claim was put to the port authority.",
    ],
)
def test_claim_as_a_noun_is_no_hedge(nlp, text):
    found = hedges_of(nlp, text)
    assert all(cue.lower() not in ("claim", "claims") for cue, _ in found)
    assert "claim" in text.lower()
