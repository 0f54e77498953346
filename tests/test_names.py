"""One module decides whether two spellings name the same person or source."""

from __future__ import annotations

import pytest

from purportedly.names import (
    fold,
    name_key,
    same_name,
    same_person,
    source_key,
    surface_key,
    transliteration_key,
)


def test_fold_ignores_case_accents_and_the_polish_l() -> None:
    assert fold("Wrocław") == fold("WROCLAW") == "wroclaw"
    assert fold("Zelenskyy") == fold("ZELENSKYY")


@pytest.mark.parametrize(
    ("a", "b"),
    [("Dmitriy", "Dmitry"), ("Hrytsenko", "Gritsenko"), ("Yevgeny", "Evgeniy"), ("Kharkiv", "Harkiv")],
)
def test_romanisations_of_one_name_share_a_key(a: str, b: str) -> None:
    assert transliteration_key(a) == transliteration_key(b)


def test_different_names_keep_different_keys() -> None:
    assert transliteration_key("Petrenko") != transliteration_key("Pavlenko")
    assert same_person(["Oleh", "Hrytsenko"], ["Gritsenko"])
    assert not same_person(["Oleh", "Hrytsenko"], ["Ivan", "Gritsenko"])


def test_the_keys_drop_what_does_not_name() -> None:
    assert surface_key("The SBU's") == surface_key("the SBU") == "sbu"
    assert source_key("the  Ministry’s press office") == "ministry's press office"
    assert name_key("Governor Ilya Brand") == name_key("Ilya Brand")
    assert same_name("Security Service of Ukraine", "SSU")
