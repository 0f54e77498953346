"""Hedges: cue categories, scope rules (outside quotes, approximators before numbers), robustness."""

from __future__ import annotations

import pytest
import spacy

from purportedly.nlp.hedges.cues import load_cue_lexicon
from tests.provenance_gold import ARTICLES, load


def hedges_of(nlp, text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.category) for h in nlp(text)._.hedges]


@pytest.mark.parametrize("stem", ARTICLES)
def test_hedges_match_hand_gold(nlp, stem):
    analysis, gold = load(stem, nlp)
    predicted = [(h.cue.lower(), h.sentence) for h in analysis.hedges]
    expected = [(h["cue"].lower(), h["sentence"]) for h in gold["hedges"]]
    assert sorted(predicted) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The call was purportedly intercepted last week.", [("purportedly", "evidential")]),
        ("The alleged strike hit a school.", [("alleged", "evidential")]),
        ("He is said to have deserted.", [("is said to", "evidential")]),
        ("The soldier apparently fled.", [("apparently", "evidential")]),
        ("Troops reportedly withdrew.", [("reportedly", "evidential")]),
        ("Ten men died, according to the governor.", [("according to", "reportative")]),
        ("The channel claimed that the depot burned.", [("claimed", "reportative")]),
        ("The ministry denied that any troops had fled.", [("denied", "denial")]),
        (
            "The figure could not be independently verified.",
            [("could not be independently verified", "failed_check")],
        ),
        ("We have not been able to verify the clip.", [("have not been able to verify", "failed_check")]),
        ("It is unclear who made the recording.", [("It is unclear", "epistemic")]),
        (
            "At least 12 people were hurt and about 30 homes burned.",
            [("At least", "approximator"), ("about", "approximator")],
        ),
        ("The unit waited for almost a week.", [("almost", "approximator")]),
        ("A man the agency identifies as a major gives the order.", [("identifies as", "evidential")]),
        ("Moscow radio aired a voice the navy described as a defector.", [("described as", "evidential")]),
        ("A woman the brigade describes as a cook speaks first.", [("describes as", "evidential")]),
        ("The ferry was presumably sunk by a mine.", [("presumably", "evidential")]),
        ("It is entirely possible that the clip was cut.", [("It is entirely possible", "epistemic")]),
        ("The mayor may or may not have left the town.", [("may or may not", "epistemic")]),
        ("As several listeners suggested, the tape was spliced.", [("suggested", "epistemic")]),
        ("Nearly half the crew deserted.", [("Nearly", "approximator")]),
        ("The army shells the port almost every night.", [("almost", "approximator")]),
        ("Roughly 200 sailors were aboard.", [("Roughly", "approximator")]),
        ("The harbour authority disputed the account.", [("disputed", "denial")]),
        ("The fleet rejected these allegations outright.", [("rejected these allegations", "denial")]),
        ("I cannot check who sent the photo.", [("cannot check", "failed_check")]),
        (
            "The Gazette has not been able to trace the first upload.",
            [("has not been able to trace", "failed_check")],
        ),
        (
            "Reporters struggled to establish where it was filmed.",
            [("struggled to establish", "failed_check")],
        ),
        ("We were unable to determine the date.", [("were unable to determine", "failed_check")]),
        ("A clip that purports to show the ferry sinking.", [("purports", "evidential")]),
        ("The pilots discussed the apparent loss of a radar.", [("apparent", "evidential")]),
        ("Logs indicate that the barge left at dawn.", [("indicate", "epistemic")]),
        ("A broker had reports indicating that a tug was hit.", [("indicating", "epistemic")]),
        ("There is no way of verifying the tape.", [("no way of verifying", "failed_check")]),
        ("It was not immediately clear who fired.", [("It was not immediately clear", "epistemic")]),
        ("Shelling blamed on the militia hit a mill.", [("blamed on", "reportative")]),
        ("The agency counted over 90 deaths in the valley.", [("over", "approximator")]),
    ],
)
def test_cues_and_categories(nlp, text, expected):
    assert hedges_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The governor said the bridge was closed.",  # said is not a hedge
        "The ministry confirmed the losses.",  # an affirmative confirmation is not a hedge
        "The claim was repeated on state television.",  # the noun "claim"
        "They talked about the war for an hour.",  # "about" without a number
        "Only three were identified as of Monday.",  # "identified as of" is a date, not an identification
        "The town was almost certainly shelled.",  # "almost certainly" is not an approximation
        "The port rejected the offer of help.",  # rejecting an offer is not denying a claim
        "The envoy described as well the state of the roads.",  # "described as well" is not a label
        "Land disputes over the border farm dragged on.",  # the noun "disputes over"
        "The committee made two suggestions.",  # the noun "suggestion"
        "The siege went on over three weeks.",  # "over" before a span of time
        "The ferry is apparent from the bridge.",  # "apparent" as a predicate, nothing doubted
        "The gauge indicates the depth.",  # "indicates" with no claim after it
    ],
)
def test_not_hedges(nlp, text):
    assert hedges_of(nlp, text) == []


def test_cues_inside_quotes_belong_to_the_speaker(nlp):
    text = '"Apparently at least 40 of us are gone," the soldier says, apparently in tears.'
    assert hedges_of(nlp, text) == [("apparently", "evidential")]


def test_hedge_sentence_and_offsets(nlp):
    text = "The bridge stood. Two trucks were reportedly hit near it. Nobody was hurt."
    (hedge,) = nlp(text)._.hedges
    assert hedge.sentence == "Two trucks were reportedly hit near it."
    assert text[hedge.start : hedge.end] == hedge.cue
    assert text[hedge.sentence_start : hedge.sentence_end] == hedge.sentence


def test_works_on_a_plain_doc_without_article_or_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    import purportedly.nlp.hedges.component  # noqa: F401  registers the factory

    nlp.add_pipe("purportedly_hedges")
    doc = nlp("Officials said at least 5 drones were allegedly shot down.")
    assert [(h.cue, h.category) for h in doc._.hedges] == [
        ("at least", "approximator"),
        ("allegedly", "evidential"),
    ]


def test_longest_cue_wins_where_cues_overlap():
    cues = load_cue_lexicon().find("That figure could not be confirmed.")
    assert [(c.text, c.type.category) for c in cues] == [("could not be confirmed", "failed_check")]


@pytest.mark.parametrize(
    "text", ["", "\n\n", "🙂 allegedly 🙂", "Он якобы сказал «около 40»", '"about 40 said']
)
def test_never_raises_and_offsets_hold(nlp, text):
    for hedge in nlp(text)._.hedges:
        assert text[hedge.start : hedge.end] == hedge.cue
        assert text[hedge.sentence_start : hedge.sentence_end] == hedge.sentence
