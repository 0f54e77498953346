"""Claims: source chains (original speaker first, article last) and FactBank factuality."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.claims.factuality import factuality_of
from purportedly.nlp.hedges.cues import load_cue_lexicon
from purportedly.reading import read_text
from tests.conftest import SEEDS, needs_shared
from tests.provenance_gold import ARTICLES, alias_sets, chain_pairs, find_claim, link_matches, load


@pytest.mark.parametrize("stem", ARTICLES)
def test_chains_and_factuality_match_hand_gold(nlp, stem):
    analysis, gold = load(stem, nlp)
    aliases = alias_sets(gold)
    assert gold["claims"], stem  # the gold has claims to check
    for expected in gold["claims"]:
        claim = find_claim(analysis, expected["text"])
        assert claim is not None, (expected["text"], [c.text for c in analysis.claims])
        links = chain_pairs(claim)
        assert len(links) == len(expected["chain"]), (expected["text"], links)
        for predicted, wanted in zip(links, expected["chain"], strict=True):
            assert link_matches(predicted, wanted, aliases), (expected["text"], links)
        assert claim.factuality.value == expected["value"], (expected["text"], claim.factuality)
        for perspective in ("source_value", "author_value"):  # FactBank's two perspectives
            if perspective in expected:
                got = getattr(claim.factuality, perspective)
                assert got == expected[perspective], (expected["text"], perspective, claim.factuality)


def test_every_claim_is_well_formed(nlp):
    checked = 0
    for stem in ARTICLES:
        analysis, _ = load(stem, nlp)
        sources = {s.id for s in analysis.sources}
        checked += len(analysis.claims)
        for claim in analysis.claims:
            assert analysis.article.text[claim.start : claim.end] == claim.text
            assert claim.chain[-1].role == "article"
            assert all(link.source_id in sources for link in claim.chain if link.source_id)
    assert checked > len(ARTICLES)  # the articles have claims to check


def test_article_voice_claim_has_only_the_article_link(nlp):
    text = "Drones apparently hit the depot overnight."
    analysis = analyze_article(read_text(text, document="voice.txt"), nlp)
    (claim,) = analysis.claims
    assert [link.role for link in claim.chain] == ["article"]
    assert claim.chain[0].name == "this article"
    assert (claim.factuality.certainty, claim.factuality.value) == ("probable", "PR+")


def test_back_reference_failed_check_scopes_over_previous_claim(nlp):
    text = "The governor said 40 soldiers had deserted. That figure could not be independently confirmed."
    analysis = analyze_article(read_text(text, document="figure.txt"), nlp)
    claim = find_claim(analysis, "40 soldiers had deserted")
    assert claim is not None
    assert claim.factuality.value == "Uu"
    assert "could not be independently confirmed" in claim.factuality.cues


def cues(text: str):
    return load_cue_lexicon().find(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", "CT+"),
        ("apparently", "PR+"),
        ("purportedly", "PS+"),
        ("denied", "CT-"),
        ("reportedly denied", "PR-"),
        ("could not be verified", "Uu"),
        ("confirmed", "CT+"),
        ("confirmed purportedly", "PS+"),  # a confirmation never lifts a hedge
        ("at least", "CT+"),  # approximators qualify numbers, not the event
    ],
)
def test_factuality_values(text, value):
    assert factuality_of(cues(text)).value == value


# ----------------------------------------------------------------- the seeds
def seed_analysis(nlp, prefix: str):
    path = next(SEEDS.glob(f"{prefix}*.txt"))
    return analyze_article(read_text(path.read_text(encoding="utf-8"), document=path.name), nlp)


def roles_and_names(claim) -> list[tuple[str, str]]:
    return [(link.role, link.name) for link in claim.chain]


@needs_shared
def test_seed_intercepted_call_chain(nlp):
    analysis = seed_analysis(nlp, "000_")
    claim = find_claim(analysis, "The convicts were brought to us from a prison")
    chain = roles_and_names(claim)
    assert [role for role, _ in chain] == ["speaker", "recording", "releaser", "article"]
    assert "soldier" in chain[0][1].lower()
    assert "intercepted phone call" in chain[1][1]
    assert chain[2][1] == "Security Service of Ukraine"
    assert claim.factuality.value == "PR+"  # "according to the recording"


@needs_shared
def test_seed_blogger_translated_by_outlet(nlp):
    analysis = seed_analysis(nlp, "000_")
    claim = find_claim(analysis, "The result of mobilisation is that untrained guys")
    # blogger -> her Telegram channel -> the translating outlet -> this article
    assert roles_and_names(claim)[:3] == [
        ("speaker", "Anatasia Kashevarova"),
        ("relay", "Anatasia Kashevarova's Telegram channel"),
        ("translator", "The Telegraph"),
    ]
    assert claim.chain[1].kind == "channel"


@needs_shared
def test_seed_purportedly_intercepted_call_lowers_every_quote(nlp):
    analysis = seed_analysis(nlp, "002_")
    claim = find_claim(analysis, "everyone is planning to take off on the 26th")
    chain = roles_and_names(claim)
    assert [role for role, _ in chain] == ["speaker", "recording", "releaser", "article"]
    assert chain[2][1] == "Main Intelligence Directorate"
    assert claim.factuality.value == "PS+"
    friend = roles_and_names(find_claim(analysis, "shoot yourself in the legs"))
    assert friend[2] == ("releaser", "Security Service of Ukraine")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n ",
        "🙂🙂🙂",
        "Он сказал: «мы уходим»",
        '"unbalanced, the SBU said',
        "Reportedly.\n\n\n“",
        "a" * 500,
    ],
)
def test_claims_never_raise_and_offsets_hold(nlp, text):
    from purportedly.claims import build_claims

    doc = nlp(text)
    for claim in build_claims(doc):
        assert text[claim.start : claim.end] == claim.text
        assert claim.chain and claim.chain[-1].role == "article"
