"""Counts in general classes of phrasing: tallies after a copula, ranges, shares, a bare 'one',
an elided noun in a second clause, two events for one number in one sentence."""

from __future__ import annotations

import pytest

from tests.test_entities_facts import facts_only_pipeline


@pytest.fixture(scope="module")
def facts_nlp():
    return facts_only_pipeline()


def found(doc) -> set[tuple]:
    return {(c.number, c.event) for c in doc._.counts}


def test_tally_given_after_a_copula(facts_nlp):
    doc = facts_nlp("The official figure for army deaths was 4,310, the ministry said.")
    assert (4310, "deaths") in {(c.number, c.what) for c in doc._.counts}
    doc = facts_nlp("A local official said the death toll was much higher, around 90.")
    assert [c.number for c in doc._.counts] == [90]


def test_both_ends_of_a_tally_range(facts_nlp):
    doc = facts_nlp("Monitors put the death toll between 2,100 and 2,600.")
    assert [c.number for c in doc._.counts] == [2100, 2600]


def test_a_share_is_not_a_retelling_of_an_earlier_figure(facts_nlp):
    doc = facts_nlp(
        "At least three people were killed in Velmora. In Sarn, at least five people, including three "
        "children, were killed in air strikes."
    )
    assert sorted((c.number, c.what) for c in doc._.counts) == [(3, "children"), (3, "people"), (5, "people")]


def test_same_number_two_casualty_events_in_one_sentence(facts_nlp):
    doc = facts_nlp("Two men were killed and another two critically wounded on Sunday.")
    assert found(doc) == {(2, "killed"), (2, "wounded")}


def test_a_bare_one_as_a_casualty(facts_nlp):
    doc = facts_nlp("Planes struck the two gunmen in the square, killing one and wounding the second.")
    assert (1, "killing") in found(doc)
    doc = facts_nlp("A colonel was injured and one of his guards was killed in the blast.")
    assert (1, "killed") in found(doc)
    # 'one' that is no casualty stays out
    assert not facts_nlp("She said one of the reasons was the weather.")._.counts


def test_elided_noun_of_a_conjoined_verb(facts_nlp):
    doc = facts_nlp("The storm killed 300 people and displaced 40,000.")
    assert {(c.number, c.what) for c in doc._.counts} == {(300, "people"), (40000, "people")}


def test_a_percentage_is_no_count(facts_nlp):
    doc = facts_nlp("The men agreed it was a 100 per cent civilian aircraft that was shot down.")
    assert not doc._.counts
    assert not facts_nlp("Officials said 70% of the houses were destroyed.")._.counts


def test_martyred_is_killed_and_a_retelling_is_one_count(facts_nlp):
    doc = facts_nlp("Shelling killed six people in the market. Six civilians were martyred, officials said.")
    assert [(c.number, c.event) for c in doc._.counts] == [(6, "killed")]
