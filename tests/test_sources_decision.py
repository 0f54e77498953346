"""The learned source decision: every source carries a calibrated confidence; the rules propose,
and in 'model' mode the model keeps or drops; plus the general classes read from real misses."""

from __future__ import annotations

import json

import pytest

from purportedly.nlp.sources.component import SourceFinder
from purportedly.nlp.sources.decision import MODEL_PATH, SourceDecision, load_decision


def names(doc) -> list[str]:
    return [s.name for s in doc._.sources]


def test_shipped_model_is_plain_json_with_a_calibration_and_threshold():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["weights"] and "rule_keep" in data["weights"]
    assert set(data["calibration"]) == {"a", "b"}
    assert 0.0 < data["threshold"] < 1.0
    assert load_decision() is not None


def test_chance_rises_with_the_score():
    decision = SourceDecision({"weights": {"x": 2.0}, "bias": -1.0, "calibration": {"a": 1.0, "b": 0.0}})
    chances = [decision.probability({"x": x}) for x in (-1.0, 0.0, 0.5, 1.0, 3.0)]
    assert chances == sorted(chances)
    assert all(0.0 < c < 1.0 for c in chances)


def test_every_source_has_a_confidence(nlp):
    doc = nlp(
        "The Coastal Watch agency said on Monday that it had intercepted the call. "
        "According to a port official, the ferry left at dawn. Mayor Ilse Varga told reporters it was late."
    )
    sources = doc._.sources
    assert len(sources) >= 2
    assert all(s.confidence is not None and 0.0 <= s.confidence <= 1.0 for s in sources)


def test_model_mode_judges_a_bare_noun_the_rules_leave_out(nlp):
    finder = SourceFinder(nlp, "sources_model", mode="model")
    rules = SourceFinder(nlp, "sources_rules", mode="rules")
    text = "Authorities there said the ferry had been seized on Tuesday."
    assert "Authorities there" not in names(rules(nlp(text)))
    judged = finder(nlp(text))._.sources
    assert [s.name for s in judged] == ["Authorities there"]
    assert judged[0].confidence >= load_decision().threshold


def test_unknown_mode_is_a_clear_error(nlp):
    with pytest.raises(ValueError, match="mode"):
        SourceFinder(nlp, "sources_bad", mode="vote")


def test_the_publisher_that_could_not_verify_in_the_passive_is_no_source(nlp):
    text = (
        "The navy posted the audio, which could not be independently verified by Harbour Gazette, "
        "on its channel. The navy said the call was recorded on Friday."
    )
    assert "Harbour Gazette" not in names(nlp(text))


def test_a_sentence_initial_recording_noun_is_no_source(nlp):
    text = "Footage posted online showed the pier on fire. The port authority said two cranes burned."
    assert "Footage" not in names(nlp(text))


def test_a_voice_that_spoke_in_the_intercepted_conversation_is_no_source(nlp):
    text = (
        "The border service released an intercepted call between two sailors. "
        "\u201cWe have no fuel left,\u201d Oskar said in the March 3 conversation."
    )
    assert "Oskar" not in names(nlp(text))


# session 6: two faults the recordings releasers used to work around, fixed where they arise


def test_a_month_cut_short_is_never_a_source_name(nlp):
    text = (
        "In audio released by the Valdor navy, a sailor who took part in the Oct. 9 raid called his "
        "mother. Harbour officials said the raid began before dawn."
    )
    found = names(nlp(text))
    assert found, "a source is found"
    assert not any(n.rstrip(".").lower() in ("oct", "october") for n in found)


def test_a_description_of_one_body_does_not_resolve_to_another_it_shares_no_word_with(nlp):
    text = (
        "The SBU said on Monday it had detained a courier in the port. Ukraine's military "
        "intelligence said on Tuesday it had intercepted a call between two officers."
    )
    sources = nlp(text)._.sources
    sbu = [s for s in sources if s.name == "Security Service of Ukraine"]
    assert sbu and "Ukraine's military intelligence" not in sbu[0].aliases
    # the description stands for its own body, which the article cites; named as the text names
    # it, with the canonical name among the aliases
    [other] = [s for s in sources if s is not sbu[0]]
    assert other.name == "Ukraine's military intelligence"
    assert "Main Intelligence Directorate" in other.aliases


def test_a_description_sharing_a_word_with_the_named_body_is_that_body(nlp):
    text = (
        "The SBU said on Monday it had detained a courier in the port. Ukraine's security service "
        "said the courier carried maps."
    )
    sources = nlp(text)._.sources
    assert [s.name for s in sources] == ["Security Service of Ukraine"]
    assert "Ukraine's security service" in sources[0].aliases


def test_genre_features_see_a_party_to_a_call_and_the_page_furniture(nlp):
    from purportedly.nlp.sources.decision import DocView, group_features

    text = (
        "The border service released an intercepted call between Oskar Lind and his brother. "
        "Oskar Lind said in the call that the fuel was gone. The border service said it was genuine."
    )
    doc = nlp(text)
    finder = SourceFinder(nlp, "sources_probe")
    view = DocView.of(doc)
    features = {g.name: group_features(g, doc, view) for g, _ in finder.proposals(doc, finder.match(doc))}
    assert "Oskar Lind" in features
    assert features["Oskar Lind"]["call_party"] == 1.0
    assert features["Oskar Lind"]["on_call_all"] == 1.0
    assert all(f["in_byline"] == 0.0 for f in features.values())


# session 6: general classes read from first4/first5's misses (fictional articles)


def test_a_known_body_named_in_another_order_or_without_its_country_is_that_body(nlp):
    text = (
        "The Ukraine Security Service said on Monday that a courier had been detained. "
        "Security Service officers said the courier carried maps. The SBU said more arrests would follow."
    )
    sources = nlp(text)._.sources
    assert [s.name for s in sources] == ["Security Service of Ukraine"]
    assert "Ukraine Security Service" in sources[0].aliases


def test_a_person_named_after_an_office_without_a_comma_is_named_by_the_name(nlp):
    text = (
        "On Sunday the head of the Valdor regional administration Marta Kovalenko said that three "
        "missiles had hit the depot."
    )
    found = names(nlp(text))
    assert "Marta Kovalenko" in found
    assert not any(n.startswith("head of") for n in found)


def test_a_proper_name_coordinated_before_a_plural_noun_is_a_source_of_its_own(nlp):
    text = "Six people were killed in the shelling, according to the UN and local authorities."
    found = names(nlp(text))
    assert "UN" in found and "local authorities" in found


def test_a_known_outlet_the_recording_was_shared_with_is_a_source(nlp):
    text = (
        "Harbour officials shared the recording with CNN on Friday. A port engineer told CNN the "
        "cranes had been moved before the strike."
    )
    assert "CNN" in names(nlp(text))


def test_a_promotion_line_naming_the_outlet_to_the_reader_is_no_source(nlp):
    text = (
        "The port authority said two cranes burned. Remember to check the Harbour Gazette website "
        "for all your local news."
    )
    found = names(nlp(text))
    assert found, "the port authority is found"
    assert not any("Harbour Gazette" in n for n in found)


def test_a_body_someone_formerly_served_describes_them_and_is_no_source(nlp):
    text = (
        "Oleg Marin, a blogger and former Federal Security Service (FSB) officer who writes about the "
        "front, said the commanders had fled."
    )
    found = names(nlp(text))
    assert any("Marin" in n for n in found)
    assert "Federal Security Service" not in found
    # a serving member speaks for the body
    text = "An FSB officer told reporters that the commanders had fled."
    assert "Federal Security Service" in names(nlp(text))


def test_a_body_that_did_not_immediately_comment_is_no_source(nlp):
    text = (
        "Authorities in Valdor did not immediately comment on the strike. Earlier, the mayor of "
        "Tarnsk said that nobody had been hurt."
    )
    found = names(nlp(text))
    assert any("mayor" in n for n in found)
    assert not any("Authorities" in n for n in found)
