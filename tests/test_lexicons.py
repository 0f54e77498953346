"""The one lexicon loader: names relative to purportedly/data or absolute, keys checked."""

from __future__ import annotations

import pytest

from purportedly.lexicons import LexiconError, load_data, load_set
from purportedly.nlp.hedges.cues import load_cue_lexicon


def test_a_name_relative_to_the_package_data_and_an_absolute_path_load_alike(tmp_path) -> None:
    own = tmp_path / "titles.txt"
    own.write_text("# my titles\nColonel\n\nmajor\tMaj.\n", encoding="utf-8")
    assert load_set(str(own)) == {"colonel", "major"}
    assert load_set("quotes/titles.txt")  # shipped in purportedly/data/quotes


def test_a_missing_lexicon_is_named() -> None:
    with pytest.raises(LexiconError, match="no_such.txt: no such lexicon"):
        load_set("quotes/no_such.txt")


def test_a_key_the_code_does_not_read_is_an_error(tmp_path) -> None:
    cues = tmp_path / "cues.toml"
    text = '_doc = "fine"\n[verbs]\nfactive = ["know"]\n[vebrs]\npossible = ["guess"]\n'
    cues.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown key\\(s\\) vebrs"):
        load_cue_lexicon(str(cues))
    assert load_data(str(cues))["verbs"] == {"factive": ["know"]}  # without keys: loaded as is
