"""Counts beyond the event lexicon: any cardinal that quantifies a noun under a verb is a counted event."""

from __future__ import annotations

import pytest

from tests.test_entities_facts import facts_only_pipeline, run_article


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def triples(doc) -> list[tuple]:
    return [(c.number, c.what, c.event) for c in doc._.counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # subject of a verb the lexicon does not know
        ("Fourteen drones flew over the port overnight.", [(14, "drones", "flew")]),
        ("Twenty-two divers landed on the sandbar.", [(22, "divers", "landed")]),
        # object of a verb, with a separated particle
        ("The guards turned the nine hikers back at the ridge.", [(9, "hikers", "turned back")]),
        ("They chased the five boys off.", [(5, "boys", "chased off")]),
        # object of a verb's preposition: the preposition belongs to the event
        ("The council paid for six radios.", [(6, "radios", "paid for")]),
        # thousands separator, perfect tense
        ("The line has taken 2,500 calls since Friday.", [(2500, "calls", "taken")]),
        # an adverb particle
        ("Seven cadets walked away from the camp.", [(7, "cadets", "walked away")]),
        # the lexicon still canonicalises and wins: 'died' stays an event word
        ("Three sailors died at sea.", [(3, "sailors", "died")]),
    ],
)
def test_any_verb_makes_a_counted_event(facts_nlp, text, expected):
    assert triples(facts_nlp(text)) == expected


def test_bare_number_as_subject_takes_its_antecedent(facts_nlp):
    doc = facts_nlp("Four clerks left the office at noon. The four were stopped at the border.")
    assert triples(doc) == [(4, "clerks", "left"), (4, "clerks", "stopped")]  # two events, one group


def test_same_number_two_events_are_two_counts(facts_nlp):
    doc = facts_nlp("Two lorries crossed the bridge. Later two tractors blocked the road.")
    assert triples(doc) == [(2, "lorries", "crossed"), (2, "tractors", "blocked")]


def test_same_event_repeated_is_one_count(facts_nlp):
    doc = facts_nlp("Nine divers landed on the reef. Officials said the nine divers landed safely.")
    assert triples(doc) == [(9, "divers", "landed")]


@pytest.mark.parametrize(
    "text",
    [
        "Two officials told reporters the talks had failed.",  # reporting verbs count no event
        "One rumour can turn into three stories.",  # a modal: nothing happened
        "Room 12 was hit.",  # a number after its noun names a thing
        "The plan has three stages.",  # copulas and light verbs
        "He spent 40 minutes on the phone.",  # durations stay excluded
        "The ferry carried 3 km of cable.",  # measures stay excluded
        "She turned 34 in 2021.",  # an age, a year
        "Dozens of boats were damaged.",  # vague
    ],
)
def test_general_rule_keeps_exclusions(facts_nlp, text):
    assert facts_nlp(text)._.counts == []


def test_tabloid_article_with_key_points_and_caption(facts_nlp):
    doc = run_article(facts_nlp, "general_counts_tabloid.txt")
    found = triples(doc)
    # headline, key point and body tell the 18 once; the caption's 'two volunteers' is a picture
    assert [t for t in found if t[0] == 18] == [(18, "fishermen", "towed")]  # then "towed back"
    assert (2, "volunteers", "deck") not in found and not any(t[0] == 2 for t in found)
    assert (2500, "calls", "taken") in found
    assert (4, "boats", "sank") in found  # inside a quote
    assert (300, "loaves", "handed out") in found
    assert (6, "radios", "paid for") in found
    assert (3, "trawlermen", "walked away") in found
    assert (3, "trawlermen", "found") in found  # 'the three', a second event of the same group
    assert not any(t[0] == 3 and t[2] and "turn" in t[2] for t in found)  # modal


def test_offsets_valid_on_general_counts(facts_nlp):
    doc = run_article(facts_nlp, "general_counts_tabloid.txt")
    assert doc._.counts
    for count in doc._.counts:
        assert doc.text[count.start : count.end] == count.text


@pytest.mark.parametrize("text", ["", "🙂 12 ✊", "Один два три 5", "“Six", "the five", "5 5 5 5 5"])
def test_never_raises_on_odd_text(facts_nlp, text):
    for count in facts_nlp(text)._.counts:
        assert count.number > 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Q: How many of these videos have you verified? A: Roughly 240 since June.",
            [(240, "videos", "verified")],
        ),
        ('He asked how many tanks had crossed. "Nine," she said.', [(9, "tanks", "crossed")]),
        # a reported yes/no question: the event comes from its verb, what stays unknown
        (
            'She asked him whether anyone had been wounded. "Three," he said. "Three of my men."',
            [(3, None, "wounded")],
        ),
    ],
)
def test_bare_number_answering_a_question(facts_nlp, text, expected):
    assert triples(facts_nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        'The rally began at noon. "Six," she said.',  # no question before: nothing counted
        "How many tanks crossed? Nobody knows. The report has 12 pages.",  # not an opening number
    ],
)
def test_bare_number_without_question_is_not_counted(facts_nlp, text):
    assert facts_nlp(text)._.counts == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marines seized 12 rifles and three mortars.", [(12, "rifles", "seized"), (3, "mortars", "seized")]),
        ("The convoy, 40 trucks, crossed the river.", [(40, "trucks", "crossed")]),
        ("Police questioned the four men who escaped.", [(4, "men", "escaped")]),
    ],
)
def test_conjoined_apposed_and_relative_clause_nouns(facts_nlp, text, expected):
    assert triples(facts_nlp(text)) == expected


def test_adverbial_number_phrase_is_not_counted(facts_nlp):
    assert facts_nlp('"And spell the name four ways."')._.counts == []
