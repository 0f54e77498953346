"""Chain rules on short fictional texts: citing in turn vs side by side, channels only for
people and only at the attribution, documents never a person, relay phrases before a name."""

from __future__ import annotations

from purportedly.analysis import analyze_article
from purportedly.reading import read_text
from tests.provenance_gold import find_claim


def chain_of(nlp, text: str, claim_text: str) -> list[tuple[str, str, str]]:
    analysis = analyze_article(read_text(text, document="c.txt"), nlp)
    claim = find_claim(analysis, claim_text)
    assert claim is not None, [c.text for c in analysis.claims]
    return [(link.name, link.role, link.kind) for link in claim.chain[:-1]]


def roles(chain) -> list[str]:
    return [role for _, role, _ in chain]


def test_a_person_posting_on_a_channel_gets_a_channel_link(nlp):
    text = "Marko Tesla, a volunteer medic, wrote on her Telegram channel that the clinic had been hit."
    chain = chain_of(nlp, text, "the clinic had been hit")
    assert chain[0][1] == "speaker" and "Tesla" in chain[0][0]
    assert chain[1] == ("Marko Tesla's Telegram channel", "relay", "channel")


def test_an_institution_posting_on_its_channel_gets_none(nlp):
    text = "The Defence Ministry of Ruritania said on its Telegram channel that the bridge had been repaired."
    chain = chain_of(nlp, text, "the bridge had been repaired")
    assert all(kind != "channel" for _, _, kind in chain), chain


def test_a_channel_far_from_the_attribution_is_not_the_speakers(nlp):
    text = (
        "Olha Stepko said the shelter had lost power on Monday night, hours before a video of the "
        "street was posted on Telegram."
    )
    chain = chain_of(nlp, text, "the shelter had lost power")
    assert all(kind != "channel" for _, _, kind in chain), chain


def test_a_document_heads_its_chain_with_its_holder_after(nlp):
    text = (
        "An internal memo says the garrison will be rotated in June, according to a copy seen by "
        "the Lakeside Echo."
    )
    chain = chain_of(nlp, text, "the garrison will be rotated in June")
    assert chain[0][1:] == ("document", "document") and "memo" in chain[0][0]
    assert chain[1][1] == "relay" and "Lakeside Echo" in chain[1][0]
    assert all(kind != "person" for _, _, kind in chain)


def test_citing_in_turn_puts_the_deepest_source_first(nlp):
    text = (
        "The Harbour Gazette reported, citing the Salt Flats Daily, which cited a port official, "
        "Danylo Ostrovsky, that two cranes had collapsed."
    )
    chain = chain_of(nlp, text, "The Harbour Gazette reported")
    names = [name for name, _, _ in chain]
    assert roles(chain) == ["speaker", "relay", "relay"], chain
    assert "Ostrovsky" in names[0] and "Salt Flats Daily" in names[1] and "Harbour Gazette" in names[2]


def test_quoted_by_is_a_relay_not_a_citation(nlp):
    text = "Governor Ivan Pelekh said the ferry had sunk, in remarks quoted by the Lakeside Echo."
    chain = chain_of(nlp, text, "the ferry had sunk")
    assert chain[0][1] == "speaker" and "Pelekh" in chain[0][0]
    assert ("relay" in roles(chain)) and any("Lakeside Echo" in name for name, _, _ in chain)


def test_according_to_a_person_near_a_call_is_no_voice_on_it(nlp):
    text = (
        "The agency released an intercepted call on Monday. "
        "At least 40 men surrendered last month, according to the hotline's organisers."
    )
    chain = chain_of(nlp, text, "At least 40 men surrendered last month")
    assert "recording" not in roles(chain), chain


def test_according_to_a_court_report_is_a_document(nlp):
    text = "Bohdan Ilnytsky, according to the court report, was already in custody in May."
    chain = chain_of(nlp, text, "was already in custody in May")
    assert chain[0][1:] == ("document", "document") and "court report" in chain[0][0]
