"""The learned speaker decision: candidates, calibrated confidence, abstention, exchanges, labels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from purportedly.analysis import analyze_article
from purportedly.nlp.speakers.call_turns import alternate_turns
from purportedly.nlp.speakers.decision import MODEL_PATH, SpeakerModel, SpeakerScorer, fullest_name
from purportedly.reading import read_text

ARTICLES = Path(__file__).parent / "articles" / "calls"


@pytest.fixture(scope="module")
def analyse(nlp):
    def run(name: str):
        text = (ARTICLES / name).read_text(encoding="utf-8")
        return analyze_article(read_text(text, document=name), nlp)

    return run


def test_the_shipped_model_is_plain_json_with_a_calibration_and_a_threshold():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trees"] and len(data["features"]) > 10
    assert set(data["calibration"]) == {"a", "b"}
    assert 0.0 < data["threshold"] < 1.0
    assert data["held_out"]["reliability"], "the reliability table comes with the model"


def test_boosted_trees_walk_to_their_leaves():
    # one stump on feature 0 ("cue"): below 0.5 -> -1, above -> +1
    tree = [[0, 0.5, 1, 2, 0.0], [-1, 0.0, -1, -1, -1.0], [-1, 0.0, -1, -1, 1.0]]
    scorer = SpeakerScorer({"features": ["cue"], "trees": [tree], "init": 0.0, "learning_rate": 1.0})
    assert scorer.raw({}) == -1.0 and scorer.raw({"cue": 1.0}) == 1.0
    assert scorer.probability({"cue": 1.0}) > 0.5 > scorer.probability({})


def test_probability_grows_with_the_evidence_and_stays_in_range():
    scorer = SpeakerScorer({"weights": {"cue": 2.0}, "bias": -1.0, "calibration": {"a": 1.0, "b": 0.0}})
    low, high = scorer.probability({}), scorer.probability({"cue": 1.0})
    assert 0.0 < low < 0.5 < high < 1.0
    assert scorer.probability({"cue": 1e6}) <= 1.0


def test_every_quote_carries_a_confidence_and_its_candidates(analyse):
    result = analyse("two_party_call.txt")
    assert result.quotes
    for quote in result.quotes:
        assert 0.0 <= quote.speaker_confidence <= 1.0
        assert all(0.0 <= c.confidence <= 1.0 for c in quote.speaker_candidates)
        if quote.speaker is not None:
            assert quote.speaker_candidates and quote.speaker_candidates[0].speaker == quote.speaker
    data = json.loads(result.to_json())
    assert all("speaker_confidence" in q and "speaker_candidates" in q for q in data["quotes"])


def test_a_clear_attribution_is_named_with_high_confidence(analyse):
    quotes = {q.text: q for q in analyse("titles_and_ids.txt").quotes}
    quote = quotes["We will not cut the ferry,"]
    assert quote.speaker == "Ilse Varga"  # the fullest form the article gives, not "Varga"
    assert quote.speaker_confidence >= 0.8


def test_below_the_threshold_the_speaker_is_null_and_candidates_stay(nlp):
    text = (ARTICLES / "titles_and_ids.txt").read_text(encoding="utf-8")
    component = nlp.get_pipe("purportedly_speaker_model")
    strict = SpeakerModel(nlp, "strict", threshold=1.0)
    try:
        nlp.replace_pipe("purportedly_speaker_model", "purportedly_speaker_model", config={"threshold": 1.0})
        result = analyze_article(read_text(text, document="strict.txt"), nlp)
    finally:
        nlp.replace_pipe("purportedly_speaker_model", "purportedly_speaker_model", config={"threshold": None})
    assert strict.threshold == 1.0 and component.threshold < 1.0
    direct = [q for q in result.quotes if q.kind == "direct"]
    assert direct and all(q.speaker is None for q in direct)
    assert any(q.speaker_candidates for q in direct)
    assert all(q.speaker_confidence > 0 for q in direct if q.speaker_candidates)


def test_bare_lines_of_a_two_party_call_alternate(analyse):
    speakers = [(q.text, q.speaker) for q in analyse("two_party_call.txt").quotes]
    assert speakers[:5] == [
        ("Mum, they sent us to the forest with no food,", "the soldier"),
        ("What do you mean, no food?", "his mother"),
        ("Nothing. Three days now.", "the soldier"),
        ("I will call the commander tomorrow.", "his mother"),
        ("Don't call anyone, they will find out.", "the soldier"),
    ]


def test_alternation_stops_at_narration_and_at_a_cue():
    from purportedly.model import Quote

    text = '"One," A said.\n"Two," B said.\n"Three."\nThen nothing happened for a while, "Four."\n"Five."\n'

    def quote(words: str, paragraph: int, speaker: str | None, cue: str | None) -> Quote:
        start = text.index(words)
        return Quote(
            id=f"q{paragraph}",
            text=words,
            start=start,
            end=start + len(words),
            speaker=speaker,
            cue=cue,
            paragraph=paragraph,
        )

    quotes = [
        quote("One,", 0, "A", "said"),
        quote("Two,", 1, "B", "said"),
        quote("Three.", 2, "B", None),
        quote("Four.", 3, "B", None),
        quote("Five.", 4, "B", None),
    ]
    assert alternate_turns(text, quotes) == {"q2": "A"}


def test_labelled_transcript_lines_go_to_their_labels(analyse):
    speakers = [(q.text, q.speaker) for q in analyse("labelled_transcript.txt").quotes]
    assert speakers == [
        ("Where is the truck?", "Soldier A"),
        ("It broke down near the bridge.", "Soldier B"),
        ("Then we walk.", "Soldier A"),
        ("In this mud? We will sink.", "Soldier B"),
        ("Come home, please.", "the wife"),
        ("I cannot, they watch the road.", "the husband"),
        ("Then write to me.", "the wife"),
    ]


def test_fullest_name_ignores_runs_with_no_word():
    # stray punctuation the tagger took for a proper-noun run (found by the property test)
    assert fullest_name([", \u2039", "Varga"]) is None
    assert fullest_name([", \u2039", "Ilse Varga"]) == "Ilse Varga"


def test_fullest_name_refuses_two_people_with_one_surname():
    assert fullest_name(["Varga", "Ilse Varga"]) == "Ilse Varga"
    assert fullest_name(["Ilse Varga", "Ilse Maria Varga"]) == "Ilse Maria Varga"
    assert fullest_name(["Bill Clinton", "Hillary Clinton"]) is None
    assert fullest_name(["Clinton"]) is None


def test_the_array_walk_gives_every_tree_its_own_leaf():
    """The vectorised forest sums exactly the leaves the one-tree-at-a-time walk finds."""
    import random

    from purportedly.nlp.speakers.decision import _Forest

    def _leaf(tree, x):  # the plain walk of one tree, as the trees are written
        node = tree[0]
        while node[2] >= 0:
            node = tree[int(node[2])] if x[int(node[0])] <= node[1] else tree[int(node[3])]
        return node[4]

    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    trees, width = data["trees"], len(data["features"])
    assert trees and width
    forest = _Forest(trees)
    rng = random.Random(7)
    for _ in range(200):
        x = [rng.choice([0.0, 1.0, rng.uniform(-3, 40)]) for _ in range(width)]
        expected = sum(_leaf(tree, x) for tree in trees)
        assert abs(forest.total(np.array(x)) - expected) < 1e-9


def test_the_batch_walk_finds_each_rows_leaves_also_at_a_threshold():
    """Values equal to a split's threshold go left in the batched walk as in the plain one."""
    from purportedly.nlp.speakers.decision import _Forest

    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    trees, width = data["trees"], len(data["features"])
    inner = [node for tree in trees for node in tree if node[2] >= 0]
    assert inner
    rows = np.zeros((len(inner), width))
    for i, (feature, threshold, *_rest) in enumerate(inner):
        rows[i, int(feature)] = threshold  # exactly on the split
    forest = _Forest(trees)
    batch = forest.totals(rows)
    assert batch.shape == (len(inner),)
    for row, total in zip(rows, batch, strict=True):
        assert total == forest.total(row)
        plain = 0.0
        for tree in trees:  # the plain walk of one tree, as the trees are written
            node = tree[0]
            while node[2] >= 0:
                node = tree[int(node[2])] if row[int(node[0])] <= node[1] else tree[int(node[3])]
            plain += node[4]
        assert abs(total - plain) < 1e-9


def test_a_batch_of_candidates_scores_as_each_one_alone():
    # the shipped model, a few feature rows of different shapes: one walk for all equals one per row
    scorer = SpeakerScorer.load()
    rows = [{}, {"rule": 1.0, "subject_of_cue": 1.0, "distance": 0.1}]
    rows.append({"named": 1.0, "near2": 1.0, "distance": 0.9})
    rows.append({"unknown_feature": 5.0, "ent_person": 1.0})
    batch = scorer.probabilities(rows)
    assert len(batch) == len(rows)
    for row, chance in zip(rows, batch, strict=True):
        assert abs(chance - scorer.probability(row)) < 1e-9
    assert scorer.probabilities([]) == []


def test_an_article_retelling_a_call_is_of_the_call_genre():
    from purportedly.nlp.speakers.decision import GenreFinder

    finder = GenreFinder()
    assert finder.genre("The service released an intercepted call between a gunner and his wife.") == "call"
    assert finder.genre("In a phone\nconversation she said the ferry would run.") == "call"
    assert finder.genre("The senator renewed her call for a vote on the budget.") is None
    assert finder.genre("") is None


def test_each_genre_has_its_threshold_unless_one_is_given(nlp):
    scorer = SpeakerScorer(
        {
            "weights": {"cue": 1.0},
            "calibration": {"a": 1.0, "b": 0.0},
            "threshold": 0.8,
            "genres": {"call": {"calibration": {"a": 2.0, "b": 1.0}, "threshold": 0.3}},
        }
    )
    assert scorer.threshold_for(None) == 0.8 and scorer.threshold_for("call") == 0.3
    assert scorer.probability({"cue": 1.0}, "call") > scorer.probability({"cue": 1.0})
    assert scorer.probabilities([{"cue": 1.0}], "call")[0] == pytest.approx(
        scorer.probability({"cue": 1.0}, "call")
    )
    fixed = SpeakerModel(nlp, "fixed", threshold=0.6)
    assert fixed.threshold_for("call") == 0.6 and fixed.threshold_for(None) == 0.6
    shipped = SpeakerModel(nlp, "shipped")
    assert shipped.threshold_for(None) == shipped.scorer.threshold


def test_bracketed_labels_of_a_transcript_are_named_by_its_legend(analyse):
    result = analyse("bracketed_transcript.txt")
    turns = [q for q in result.quotes if q.kind == "turn"]
    assert [q.text for q in turns][:2] == [
        "Where are you now?",
        "Near the river. The bridge at Lorvik is gone.",
    ]
    assert len(turns) == 5
    assert [q.speaker for q in turns] == ["Sister", "Sapper", "Sister", "Sapper", "Sister"]


def _quotes_without_the_quote_decision(nlp, text: str, document: str) -> set[str]:
    name = "purportedly_speaker_model"
    try:
        nlp.replace_pipe(name, name, config={"quote_model_path": ""})
        return {q.text for q in analyze_article(read_text(text, document=document), nlp).quotes}
    finally:
        nlp.replace_pipe(name, name, config={})


def test_in_a_news_article_a_title_in_marks_is_dropped_and_speech_is_kept(nlp):
    text = (ARTICLES.parent / "news" / "scare_quotes.txt").read_text(encoding="utf-8")
    texts = {q.text for q in analyze_article(read_text(text, document="news.txt"), nlp).quotes}
    assert "We will not sign a contract we cannot pay for," in texts
    assert "Ferries For Every Night." not in texts  # the report's title: nobody said it
    # switched off, the rules' spans stand
    assert "Ferries For Every Night." in _quotes_without_the_quote_decision(nlp, text, "n.txt")


def test_in_an_article_retelling_a_call_the_rules_keep_every_marked_span(nlp):
    text = (ARTICLES.parent / "news" / "scare_quotes.txt").read_text(encoding="utf-8")
    text = text.replace("on Tuesday.", "on Tuesday, after an intercepted call was released.")
    texts = {q.text for q in analyze_article(read_text(text, document="call.txt"), nlp).quotes}
    assert "We will not sign a contract we cannot pay for," in texts
    assert "Ferries For Every Night." in texts


def test_a_quote_a_quoted_person_quotes_is_left_to_the_rules(nlp):
    # PolNeAR's gold keeps only the outer marks, so the decision never learnt nested quotes: ours count
    text = (
        "Harbour crews return to Vellmar\n\n"
        "\"Our skipper told us, 'Nobody sails until the ice breaks,' and we waited,\" said Ole Brand, "
        "a deckhand. The crews came back on Monday.\n"
    )
    texts = {q.text for q in analyze_article(read_text(text, document="nested.txt"), nlp).quotes}
    assert "Nobody sails until the ice breaks," in texts


def test_turns_and_headlines_are_left_to_the_rules():
    from purportedly.nlp.quotes.filters import decided

    quotes = [
        {"id": "q1", "kind": "turn", "segment": "body", "nested_in": None},
        {"id": "q2", "kind": "direct", "segment": "body", "nested_in": "q1"},
        {"id": "q3", "kind": "direct", "segment": "title", "nested_in": None},
        {"id": "q4", "kind": "direct", "segment": "body", "nested_in": None},
        {"id": "q5", "kind": "direct", "segment": "body", "nested_in": "q4"},
    ]
    assert decided(quotes) == [False, False, False, True, False]


def test_quote_shape_tells_a_phrase_inside_a_sentence_from_a_line_of_speech():
    from purportedly.nlp.quotes.filters import quote_shape

    article = 'They called it a "paper promise" on Tuesday.\n"We will not sign," she said.'
    a, b = article.index("paper promise"), article.index("We will not sign,")
    common = {"kind": "direct", "segment": "body", "nested": False, "mention": None}
    scare = quote_shape(article, "paper promise", a, a + 13, cue=None, cue_start=None, speaker=None, **common)
    said = article.index("said")
    speech = quote_shape(
        article, "We will not sign,", b, b + 17, cue="said", cue_start=said, speaker="she", **common
    )
    assert scare["mid_sentence"] == 1.0 and scare["few_words"] == 1.0 and scare["speaker_null"] == 1.0
    assert speech["mid_sentence"] == 0.0 and speech["cue_after"] == 1.0 and speech["first_person"] == 1.0


def test_quote_shape_knows_words_announced_by_a_colon():
    from purportedly.nlp.quotes.filters import quote_shape

    article = 'The note ends:\n\n"Do not wait for us."\nHe said the ferry was "late" again.'
    a, b = article.index("Do not wait"), article.index("late")
    common = {"kind": "direct", "segment": "body", "nested": False, "mention": None, "cue": None}
    announced = quote_shape(article, "Do not wait for us.", a, a + 19, cue_start=None, speaker=None, **common)
    scare = quote_shape(article, "late", b, b + 4, cue_start=None, speaker=None, **common)
    assert announced["introduced"] == 1.0 and announced["line_alone"] == 1.0
    assert scare["introduced"] == 0.0
