"""Sources written the way different outlets spell them: lower-case ministries, dotted site names."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.nlp.tokenizer import dotted_name
from purportedly.reading import read_text

EXCHANGE = """Swap on the border

KHARKIV, March 4 - Ukraine's coordination centre said on Monday that 90 servicemen had come home.

Russia's defence ministry said it had received the same number of its own soldiers.

Hours later the Russian Defense Ministry claimed that its forces had taken a village near the river.

Ukraine's general staff denied that any village had been lost.
"""

SITES = """Regional press

The Russian news site Fontanka.Ru reported in 2022 that the bridge had been closed for repairs.

A week later the exile outlet Sever.Realii wrote that residents had been told to leave.
"""


def sources(text: str, nlp):
    return analyze_article(read_text(text), nlp).sources


def source_names(text: str, nlp) -> list[str]:
    return [source.name for source in sources(text, nlp)]


def test_a_lower_case_ministry_is_the_same_source_as_its_capitalised_spelling(nlp) -> None:
    found = {source.name: [m.text for m in source.mentions] for source in sources(EXCHANGE, nlp)}
    # both spellings are mentions of one source, named as the article first wrote it
    assert found["Russia's defence ministry"] == ["Russia's defence ministry", "Russian Defense Ministry"]
    assert "Ukraine's general staff" in found


def test_a_dotted_site_name_is_cited_whole(nlp) -> None:
    names = source_names(SITES, nlp)
    assert "Fontanka.Ru" in names and "Sever.Realii" in names
    assert not any(name in ("Fontanka", "Ru", "Sever") for name in names)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Bel.Ru", True),
        ("Sibir.Realii", True),
        ("Fontanka.Ru", True),
        ("Kyiv.The", False),  # a missing space between two sentences
        ("said.He", False),
        ("U.S.", False),
    ],
)
def test_dotted_names_and_missing_spaces_are_told_apart(text: str, whole: bool) -> None:
    assert dotted_name(text) is whole
