"""Recordings (issue 13), classes read in session 6: two calls of one outlet's template sharing
only everyday words; retellings that share no quote word for word (translated, paraphrased,
trimmed) joined on what the quotes mean and on who, where and which unit the call is about.
Articles and recordings of our own writing about fictional releases."""

from __future__ import annotations

from purportedly import analyze
from purportedly.corpus.quotes_match import same_quote
from purportedly.corpus.recordings import _quoted_alike, recordings
from tests.test_recordings import _analysis, _recording


def test_two_calls_sharing_only_everyday_words_are_two_recordings():
    # one outlet's template, one agency, two soldiers, both on leave: 'coming' and 'leave' are in
    # half the calls of a war
    one = "Honestly, once I get leave, I am not coming back, sweetheart."
    other = "Those on leave, are they coming back or quitting?"
    assert same_quote(one, other)  # the content-word bags alone say one quote
    assert not _quoted_alike(one, other)
    entries = recordings(
        [
            _analysis("a", "Frontline Notes", "2024-03-04", _recording([one], released=None)),
            _analysis("b", "Frontline Notes", "2024-03-09", _recording([other], released=None)),
        ]
    )
    assert len(entries) == 2
    # a trimmed copy of one quote still counts, and so do two words of which one is rare
    assert _quoted_alike("once I get leave, I am not coming back, sweetheart", one)
    assert _quoted_alike("They shelled the pontoon and left", "The pontoon they shelled is gone now")


def test_a_unit_named_after_a_place_is_one_unit_whatever_a_translation_calls_it():
    line = "They told me the diesel for the generators went to the fighters first"
    west = _recording([line], unit="West Kelvarsk Brigade", place="Kelvarsk")
    western = _recording([line], unit="Western Kelvarsk Battalion", place="Kelvarsk")
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", west), _analysis("b", "Two", "2024-03-04", western)]
    )
    assert len(entries) == 1 and len(entries[0].carriages) == 2
    # another place's battalion is another unit: never one recording, whatever they share
    other = _recording([line], unit="North Dornivka Battalion", place="Kelvarsk")
    apart = recordings(
        [_analysis("a", "One", "2024-03-04", west), _analysis("c", "Three", "2024-03-04", other)]
    )
    assert len(apart) == 2


ANOTHER_RELEASE = (
    "Intercept suggests order to shoot captives\n\nVelmarian military intelligence on Tuesday said it had an "
    "audio intercept of a conversation between two soldiers near the town of Orlivets.\n\n"
    '"You keep the senior one for the colonel and let the others go for good," one soldier says in the '
    "recording.\n\nThe Velmarian Security Service (VSS) previously published an alleged intercept from a "
    'tank commander, who said the artillery would "flatten the whole quarry" near Dorsk.\n'
)


def test_the_releaser_of_an_earlier_release_is_not_lent_to_the_call_the_article_is_about():
    first, earlier = analyze(ANOTHER_RELEASE).recordings
    assert "senior one" in first.quotes[0].text and "quarry" in earlier.quotes[0].text
    assert earlier.releaser == "Velmarian Security Service"
    assert first.releaser != "Velmarian Security Service"  # it says who had it, not who published it


def _reported(texts, released="2024-03-04", **people):
    """A recording retold in reported speech only (a paraphrase: no word-for-word quote)."""
    rec = _recording(texts, released=released, **people)
    for quote in rec.quotes:
        quote.verbatim = False
    return rec


def test_a_retelling_in_other_words_joins_on_what_its_quotes_mean():
    # one translation quotes the call, another paraphrases it: no quote alike, but the same rare
    # words (a militia, a graveyard, a clinic misspelt, a rocket, 'fired' as 'misfired') and the
    # same figure in words
    quoted = _recording(
        [
            "They are saying it belongs to the Vortal Brigades, this rocket fell short",
            "they fired it from the graveyard behind the Kessany clinic, 14 of them",
        ]
    )
    paraphrased = _reported(
        [
            "an officer blamed a misfired Vortal rocket, launched by fourteen men by a graveyard near the "
            "Kesany clinic"
        ]
    )
    assert not any(_quoted_alike(q.text, paraphrased.quotes[0].text) for q in quoted.quotes)
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", quoted), _analysis("b", "Two", "2024-03-05", paraphrased)]
    )
    assert len(entries) == 1 and len(entries[0].carriages) == 2


def test_two_calls_released_together_with_everyday_words_in_common_stay_apart():
    # one agency, one day, two soldiers telling their wives about the front in everyday words
    one = _reported(
        ["the soldier told his wife that the commanders had left and nobody brought food"], wife=None
    )
    other = _reported(["a soldier told his wife that his friends were wounded and nobody came for them"])
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", one), _analysis("b", "Two", "2024-03-04", other)]
    )
    assert len(entries) == 2


def test_a_word_censored_by_its_outlet_is_no_rare_word():
    from purportedly.corpus.recordings import _meaning_bag

    bag = _meaning_bag(_recording(["Everyone f*cked off from here, the f—ing trucks never came"]))
    assert bag and not {"cked", "ing", "ed"} & set(bag)


def test_two_calls_of_one_release_naming_one_town_stay_apart():
    # one agency releases two calls on one day; both soldiers are near the same town and say so,
    # in other words: one rare name in common is no evidence of one call
    one = _recording(["We are dug in outside Dornivka and the mortars never stop at night"])
    other = _recording(["My friend was taken to the hospital in Dornivka, his leg is gone"])
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", one), _analysis("b", "Two", "2024-03-04", other)]
    )
    assert len(entries) == 2


def test_two_long_calls_sharing_a_few_rare_words_by_chance_stay_apart():
    # long retellings of two calls of one release: two rare words in common among dozens (three as
    # rare, a fifth of the shorter, would join them: the model cannot tell that from a retelling)
    one = _recording(
        [
            "The quartermaster sold the tarpaulins, the generator and the sledges to a smuggler from the "
            "marshes, and the sappers drank the antifreeze behind the granary",
            "Our lieutenant hides in the cellar with his accordion while the howitzers rust in the orchard",
        ]
    )
    other = _recording(
        [
            "The chaplain blessed the tarpaulins before the convoy left the quarry, the mechanics welded "
            "armour onto the tractors and the medics ran out of tourniquets",
            "At the bakery the cooks boiled nettles, and the howitzers fired twice at the lighthouse",
        ]
    )
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", one), _analysis("b", "Two", "2024-03-04", other)]
    )
    assert len(entries) == 2
