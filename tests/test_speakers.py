"""Speaker resolution: pronouns, descriptions, surnames and spellings, appositions, disputed names."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.reading import read_text


@pytest.fixture(scope="module")
def speakers(nlp):
    def run(text: str) -> dict[str, str | None]:
        result = analyze_article(read_text(text, document="speakers.txt"), nlp)
        return {q.text: q.speaker for q in result.quotes}

    return run


def test_pronoun_takes_the_most_recent_compatible_speaker(speakers):
    text = (
        "A woman in Kherson, Olena Marchuk, spoke to reporters on Monday.\n\n"
        '"The water came at night," she said.\n\n'
        "Her neighbour, a retired miner named Petro Lysenko, said he had lost his boat.\n\n"
        '"I have nothing left to fish with," he said.\n'
    )
    found = speakers(text)
    assert found["The water came at night,"] == "Olena Marchuk"
    assert found["I have nothing left to fish with,"] == "Petro Lysenko"


def test_definite_description_goes_to_the_first_fuller_mention(speakers):
    text = (
        "In the clip, an unnamed Russian paratrooper tells his brother that his company has no food.\n\n"
        '"We eat what we find," the paratrooper says.\n\n'
        '"Then steal it," the purported paratrooper\'s brother answers.\n'
    )
    found = speakers(text)
    assert found["We eat what we find,"] == "an unnamed Russian paratrooper"


def test_contrasting_description_is_not_merged(speakers):
    text = (
        "The recording captures two men. One of them, a sniper, says his rifle is broken.\n\n"
        '"Fix it yourself," says the other man, apparently his commander.\n'
    )
    assert speakers(text)["Fix it yourself,"] == "the other man"


def test_surname_and_misspelt_surname_find_the_full_name(speakers):
    text = (
        "The blogger Yulia Prokhorenko wrote on Telegram that the unit had been withdrawn.\n\n"
        '"They were sent back without a single vehicle," Prokhorenko wrote.\n\n'
        '"Nobody will answer for this," Prokorenko added later.\n'
    )
    found = speakers(text)
    assert found["They were sent back without a single vehicle,"] == "Yulia Prokhorenko"
    assert found["Nobody will answer for this,"] == "Yulia Prokhorenko"


def test_possessive_relative_after_one_of_the_men(speakers):
    text = (
        "In a second call, one of the men tells his friend that the shelling has not stopped for days.\n\n"
        '"Keep your head down and wait for the rotation," his friend advises.\n'
    )
    assert speakers(text)["Keep your head down and wait for the rotation,"] == "his friend"


def test_unknown_speaker_stays_null(speakers):
    text = 'The message, of unknown origin, ends:\n\n"Do not trust the lists of the missing."\n'
    assert speakers(text)["Do not trust the lists of the missing."] is None


def test_disputed_identification_is_never_the_speaker(speakers):
    text = (
        'A voice on the recording says: "Burn the papers before they arrive."\n\n'
        "Channels online identified the speaker as Colonel Arkady Belov, "
        "but his family denied that the voice was his.\n\n"
        '"Burn everything," the man repeats.\n'
    )
    found = speakers(text)
    assert found["Burn the papers before they arrive."] == "A voice"
    assert "Belov" not in (found["Burn everything,"] or "")
