"""Counts the verb path misses: frequencies, populations, people present, event nouns, tallies, 'one'."""

from __future__ import annotations

import pytest

from purportedly.analysis import make_doc
from purportedly.reading import read_text
from tests.conftest import FIXTURES
from tests.test_entities_facts import facts_only_pipeline


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def triples(doc) -> list[tuple]:
    return [(c.number, c.what, c.event) for c in doc._.counts]


def run_fixture(nlp, name: str):
    article = read_text((FIXTURES / "facts" / name).read_text(encoding="utf-8"), document=name)
    return nlp(make_doc(nlp, article))


def test_regional_hamlet_article(nlp):
    doc = run_fixture(nlp, "counts_regional_hamlet.txt")
    assert triples(doc) == [
        (8, "rockets", "fired"),
        (350, "residents", "population"),  # 'a hamlet of about 350 residents'
        (14, "times", "shelled"),  # 'shelled at least 14 times': how often it happened
        (3, "pensioners", "in the cellar"),  # people present where it happened
        (60, "strikes", "strikes"),  # 'put the number of strikes ... at "about sixty"'
    ]
    numbers = {c.number for c in doc._.counts}
    assert 95000 not in numbers  # a channel's subscribers are its audience, not an event
    assert 71 not in numbers and 3 in numbers  # an age; 'three houses from the church' is a distance
    assert [c.qualifier for c in doc._.counts] == [None, "about", "at least", None, "about"]


def test_digest_headlines_without_finite_verbs(nlp):
    doc = run_fixture(nlp, "counts_digest_headlines.txt")
    assert triples(doc) == [
        (1, "volunteer", "wounded"),  # 'One volunteer wounded near ...'
        (3, None, "killed"),
        (7, None, "injured"),
        (2, "drones", "downed"),
    ]
    # 'four men walking along a road' is a scene in a clip; 'The two men at the front stop' are men
    # already met; 'No one was hurt', 'One of the drivers': 'one' as a pronoun counts nothing
    assert 4 not in {c.number for c in doc._.counts}


def test_radio_transcript_frequencies_answers_and_tolls(nlp):
    doc = run_fixture(nlp, "counts_radio_times.txt")
    assert triples(doc) == [
        (25, "times", "listened"),  # the count hangs on 'the longest call' in the parse
        (11, None, "standing"),  # 'How many of you are still standing?' 'I counted eleven.'
        (6, "times", "published"),
        (80, "artillery strikes", "claimed"),  # a reporting verb, but strikes are events themselves
        (19, "toll", "death"),
    ]
    assert 40000 not in {c.number for c in doc._.counts}  # followers


def test_wire_hearsay_groups_and_answers(nlp):
    doc = run_fixture(nlp, "counts_wire_hearsay.txt")
    assert triples(doc) == [
        (31, None, "crossed"),  # 'there were thirty-one of us when we crossed'
        (9, "men", "killed"),
        (4, None, "captured"),
        (5, None, "deserted"),  # 'are said to have deserted': the hearsay verb passes the count on
        (64, "calls", "take"),  # 'How many calls did you take?' ... 'That Tuesday we took 64'
    ]
    assert [t.value for t in doc._.times] == [None, None, None]  # no publication date, no anchor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two gunners were reported to have surrendered.", [(2, "gunners", "surrendered")]),
        ("There were seven nurses on board when it sank.", [(7, "nurses", "sank")]),
        ("The blast killed three and injured nine.", [(3, None, "killed"), (9, None, "injured")]),
        ("The toll has risen to 12 dead.", [(12, "dead", "dead")]),
        ("Officials put the number of dead at 30.", [(30, "dead", "dead")]),
        ("The ferry was hit twice and the port was shelled nine times.", [(9, "times", "shelled")]),
        ("They gave the outpost five grenades that night.", [(5, "grenades", "gave")]),
        ("The district, which had 4,200 inhabitants, emptied.", [(4200, "inhabitants", "population")]),
        ("Before the war the village had a population of 1,300.", [(1300, "population", "population")]),
        ("Six children were inside the school.", [(6, "children", "inside the school")]),
        ("The governor said that one teenager had been detained.", [(1, "teenager", "detained")]),
        ("The agency has reported 40 incidents.", [(40, "incidents", "reported")]),
    ],
)
def test_counts_beyond_the_verb_path(facts_nlp, text, expected):
    assert triples(facts_nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose three times more than wages.",  # a ratio
        "Its video was viewed 300,000 times.",  # an audience
        "We met the convoy at six.",  # a clock time
        "Patrols pass two times a day.",  # a rate
        "She lives four doors away from the checkpoint.",  # a distance
        "The channel, with 12,000 followers, reposted it.",  # an audience
        "One man said the convoy had gone.",  # 'one' under a reporting verb
        "One channel posted the clip at noon.",  # 'one' with an event that is not a casualty
        "The video shows three men digging a trench.",  # a depiction
        "The four soldiers walk on in silence.",  # a definite subject: people already met
        "They may give the outpost six shells tomorrow.",  # a modal: nothing happened yet
    ],
)
def test_not_counts(facts_nlp, text):
    assert triples(facts_nlp(text)) == []
