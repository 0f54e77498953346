"""FactBank's two perspectives on a claim: its source's commitment and the article author's.
A plain 'X said' commits X (CT+) but leaves the article uncommitted (Uu); factive verbs commit
the author too; denials and 'suggested' lower the source's own value."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.reading import read_text
from tests.provenance_gold import find_claim


def factuality(nlp, text: str, claim_text: str):
    analysis = analyze_article(read_text(text, document="f.txt"), nlp)
    claim = find_claim(analysis, claim_text)
    assert claim is not None, [c.text for c in analysis.claims]
    return claim.factuality


@pytest.mark.parametrize(
    ("text", "claim", "value", "source", "author"),
    [
        # the source asserts; the article only reports
        ("The harbour master said the pier had collapsed.", "the pier had collapsed", "CT+", "CT+", "Uu"),
        (
            "Sergeant Ilko Moroz told the Lakeside Echo that his platoon had withdrawn.",
            "his platoon had withdrawn",
            "CT+",
            "CT+",
            "Uu",
        ),
        # a denial is the source's negative commitment
        (
            "The navy denied that its boats had shelled the ferry.",
            "its boats had shelled the ferry",
            "CT-",
            "CT-",
            "Uu",
        ),
        # factive verbs presuppose the content: the author is committed as well
        (
            "The brigade admitted that two trucks were destroyed.",
            "two trucks were destroyed",
            "CT+",
            "CT+",
            "CT+",
        ),
        (
            "The governor acknowledged that the shelter had flooded.",
            "the shelter had flooded",
            "CT+",
            "CT+",
            "CT+",
        ),
        # ... unless the article itself cannot vouch for it
        (
            "The brigade reportedly admitted that two trucks were destroyed.",
            "two trucks were destroyed",
            "PR+",
            "CT+",
            "PR+",
        ),
        # the source only holds it likely
        (
            "The mayor suggested that the bridge could reopen by June.",
            "the bridge could reopen by June",
            "PR+",
            "PR+",
            "Uu",
        ),
        (
            "Olena Dzyuba speculated that the convoy had turned back.",
            "the convoy had turned back",
            "CT+",
            "PS+",
            "Uu",
        ),
        # a speaker's own hedge inside the quote is the speaker's, not the article's
        ('"Maybe forty of us are left," the gunner said.', "forty of us are left", "CT+", "CT+", "Uu"),
        ('"Perhaps forty of us are left," the gunner said.', "forty of us are left", "CT+", "PS+", "Uu"),
    ],
)
def test_source_and_author_perspectives(nlp, text, claim, value, source, author):
    found = factuality(nlp, text, claim)
    assert (found.value, found.source_value, found.author_value) == (value, source, author)


def test_own_voice_has_no_source_perspective(nlp):
    found = factuality(nlp, "Drones apparently struck the depot overnight.", "Drones apparently struck")
    assert (found.value, found.source_value, found.author_value) == ("PR+", None, "PR+")


def test_failed_check_leaves_the_author_uncommitted_even_after_a_factive_verb(nlp):
    text = "The commander admitted that 30 men had deserted. That figure could not be verified."
    found = factuality(nlp, text, "30 men had deserted")
    assert found.value == "Uu"
    assert (found.source_value, found.author_value) == ("CT+", "Uu")
