"""The per-Doc index: token lookups on arrays give what a loop over Tokens gives."""

from __future__ import annotations

from purportedly.nlp.doc_index import doc_index

TEXT = (
    "The regional governor SAID on Tuesday that two drones were shot down. "
    "According to the ministry, a depot burned. Officials are saying little; "
    "a spokesman told reporters the fire was out."
)


def test_words_in_finds_forms_and_lemmas_as_a_token_loop_does(nlp):
    doc = nlp(TEXT)
    words = frozenset({"say", "according", "tell", "ministry"})
    expected = [t.i for t in doc if t.lower_ in words or t.lemma_.lower() in words]
    found = doc_index(doc).words_in(words)
    assert found == expected
    # the upper-case form, the inflected forms and the plain word are all there
    assert {doc[i].lower_ for i in found} >= {"said", "according", "saying", "told", "ministry"}


def test_words_in_an_empty_doc_or_with_no_word_is_empty(nlp):
    assert doc_index(nlp.make_doc("")).words_in(frozenset({"say"})) == []
    assert doc_index(nlp(TEXT)).words_in(frozenset()) == []
