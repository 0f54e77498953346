"""Ranker features added for the misses whose right speaker was listed (issue 11): each says what
tells the right candidate, on small fictional articles."""

from __future__ import annotations

import pytest

from purportedly.analysis import make_doc
from purportedly.model import Quote, Span
from purportedly.nlp.extensions import get_list
from purportedly.nlp.speakers import decision
from purportedly.nlp.speakers.decision import DocContext, SpeakerLexicon, propose
from purportedly.reading import read_text


@pytest.fixture(scope="module")
def context_of(nlp):
    skip = [name for name in nlp.pipe_names if name.startswith("purportedly_speaker_model")]

    def run(text: str):
        with nlp.select_pipes(disable=skip):
            doc = nlp(make_doc(nlp, read_text(text, document="features.txt")))
        quotes = sorted(get_list(doc, "quotes"), key=lambda q: q.start)
        return DocContext(doc, quotes, SpeakerLexicon.load()), quotes

    return run


def _quote(quotes, words: str):
    return next(q for q in quotes if words in q.text)


def test_a_cue_whose_clause_holds_the_quote_governs_it(context_of):
    context, quotes = context_of(
        "Ferry talks\n\n"
        '"The ferry will run every night," Ole Brand said on Monday.\n\n'
        'Ilse Varga blamed the board for a "paper promise" while Brand says the budget holds.\n'
    )
    own = _quote(quotes, "ferry will run")
    assert own.cue is not None
    assert decision._cue_governs_quote(context, own) == 1.0
    # the piece after a mid-quote cue goes on with the cue's own words
    context2, quotes2 = context_of('Harbour\n\n"We had no radio," Ole Brand said, "and no boat."\n')
    assert decision._cue_governs_quote(context2, _quote(quotes2, "no boat")) == 1.0
    other = _quote(quotes, "paper promise")
    # 'says' stands in another clause: whatever cue the rules found, it does not hold the quote
    assert decision._cue_governs_quote(context, other) == 0.0


def test_a_quote_that_opens_its_paragraph_and_names_in_its_sentence(context_of):
    context, quotes = context_of(
        "Dam talks\n\n"
        '"The river is low this year." Mayor Tove Lind said so at the council.\n\n'
        'Tove Lind heralded the deal with Ole Brand as a "breakthrough for the valley."\n'
    )
    opening, inside = _quote(quotes, "river is low"), _quote(quotes, "breakthrough")
    assert decision._opens_paragraph(context, opening) == 1.0
    assert decision._opens_paragraph(context, inside) == 0.0
    assert decision._names_in_sentence(context, inside) == 2  # Lind and Brand, once each
    # the subject of the speech verb in the sentence after an opening quote
    lind = next(c for c in propose(context, opening, None) if "Lind" in c.text)
    assert lind.features["said_next_sentence"] == 1.0


def test_a_run_of_quotes_keeps_the_previous_speaker_as_a_candidate(context_of):
    context, quotes = context_of(
        "Harbour\n\n"
        '"We sail at dawn," said Ole Brand, a deckhand.\n\n'
        '"The ice has broken early this year."\n\n'
        "The council met later. Ilse Varga, the mayor, and Tove Lind spoke.\n\n"
        '"Nobody sails alone in winter."\n'
    )
    second, last = _quote(quotes, "ice has broken"), _quote(quotes, "Nobody sails")
    assert decision._continues_run(context, second) and not decision._continues_run(context, last)
    assert decision._names_since_previous(context, second) == 0
    assert decision._names_since_previous(context, last) >= 2
    brand = next(c for c in propose(context, second, "Ole Brand") if "Brand" in c.text)
    assert brand.features["previous_in_run"] == 1.0


def _plain(speaker: str | None, mention: str | None, cue: str | None = None, **more) -> Quote:
    return Quote(
        id="q1",
        text="We sail at dawn.",
        start=40,
        end=56,
        speaker=speaker,
        speaker_mention=Span(text=mention, start=10, end=10 + len(mention)) if mention else None,
        cue=cue,
        **more,
    )


def test_a_name_the_resolution_replaced_is_flagged():
    assert decision._rule_renamed(_plain("Joe Crowley", "Meeks", "added")) == 1.0
    assert decision._rule_renamed(_plain("Gregory Meeks", "Meeks", "added")) == 0.0
    assert decision._rule_renamed(_plain("Gregory Meeks", "he", "added")) == 0.0  # a pronoun resolves
    assert decision._rule_renamed(_plain("Gregory Meeks", "the congressman", "added")) == 0.0
    # a misspelt or transliterated surname is the same name, not a rename; a short one is not
    assert decision._rule_renamed(_plain("Yulia Prokhorenko", "Prokorenko", "added")) == 0.0
    assert decision._rule_renamed(_plain("Anna Lea", "Lee", "added")) == 1.0
    assert decision._rule_renamed(_plain("Anna Lindqvist", "Lindholm", "added")) == 1.0


def test_the_pieces_of_a_quote_split_by_its_cue_are_one_decision(context_of):
    text = (
        "Harbour\n\n"
        '"We had no radio," Ole Brand said, "and no boat."\n\n'
        '"The pier is gone," said Mia Holt. "We start again."\n'
    )
    context, quotes = context_of(text)
    pairs = decision._split_pieces(context.text, quotes)
    assert [(a.text, b.text) for a, b in pairs] == [("We had no radio,", "and no boat.")]
    # where both put the same referent first, the piece the cue tells better lends it its chance
    first = [decision.Candidate("Ole Brand", 0, 9, None, {"rule"}, probability=0.9)]
    second = [
        decision.Candidate("Brand", 0, 5, None, {"rule"}, probability=0.6),
        decision.Candidate("Mia Holt", 0, 8, None, {"named"}, probability=0.2),
    ]
    decision._share(first, second)
    assert [c.probability for c in second] == [0.9, 0.2]
    assert first[0].probability == 0.9
    # pieces that put different people first keep their own chances
    other = [decision.Candidate("Mia Holt", 0, 8, None, {"named"}, probability=0.7)]
    decision._share(first, other)
    assert first[0].probability == 0.9 and other[0].probability == 0.7


def test_the_model_decides_alone_only_where_the_rules_found_no_attribution():
    assert not decision._names_no_one(_plain(None, None))  # no cue, no mention: free to name
    assert decision._names_no_one(_plain(None, "a short note", "said"))  # found, and it names no one
    assert decision._names_no_one(_plain(None, None, segment="caption"))
    assert not decision._names_no_one(_plain("Ole Brand", "Brand", "said"))


def test_a_quote_the_rules_left_unattributed_is_named_in_news_only(nlp):
    model = decision.SpeakerModel(nlp, "decide_alone")
    best = decision.Candidate("Tove Lind", 0, 9, None, {"named"}, probability=0.9)
    news, call = _plain(None, None), _plain(None, None)
    model.decide(news, [best], threshold=0.5, alone=True)
    model.decide(call, [best], threshold=0.5, alone=False)
    assert news.speaker == "Tove Lind" and call.speaker is None
    assert call.speaker_candidates and call.speaker_candidates[0].speaker == "Tove Lind"
    unsure = _plain(None, None)
    model.decide(unsure, [decision.Candidate("Tove Lind", 0, 9, None, {"named"}, probability=0.3)], 0.5)
    assert unsure.speaker is None  # below the threshold: listed, not named
