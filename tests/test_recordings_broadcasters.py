"""Recordings set 5's classes, on fictional releases: a state broadcaster told by its country's
adjective or possessive ('Pakistani state television aired a video', "aired by Yemen's state-run
TV") is the recording's releaser, described (not named), for countries beyond the ones the first
sets' conflicts named."""

from __future__ import annotations

from purportedly import analyze


def _releasers(text: str) -> list[tuple[str | None, bool | None]]:
    found = analyze(text).recordings
    assert found, "the recording is found"
    return [(r.releaser, r.releaser_named) for r in found]


def test_a_state_broadcaster_by_its_nationality_releases_a_video():
    text = (
        "Pakistani state television late on Friday aired a video of two fishermen detained off the "
        "coast, in which one of them says the crew lost its way in the fog."
    )
    assert ("Pakistani state television", False) in _releasers(text)


def test_a_state_run_channel_by_its_country_possessive_releases_a_video():
    text = (
        "The footage, aired by Yemen's state-run TV on Sunday, shows three engineers of a stranded "
        "cargo ship sitting on a bench and asking their families not to worry."
    )
    assert ("Yemen's state-run TV", False) in _releasers(text)


def test_a_named_agency_beside_a_state_broadcaster_is_still_the_releaser():
    # the broadcaster is an outlet: a named body releasing the same video comes first
    text = (
        "The Coastal Guard Command released a video of the detained crew on Tuesday, and Iranian "
        "state television aired it hours later."
    )
    releasers = _releasers(text)
    assert releasers[0][0] == "Coastal Guard Command"



def test_an_armed_group_by_its_name_and_kind_releases_a_video():
    # the entity recogniser keeps only 'Oromar' (an ORG): the group's whole name is the party
    text = (
        "Barge crew shown in video\n\nThe Iran-backed Oromar rebels on Monday released a video of the "
        "captured barge crew, in which the captain says the crew is being treated well."
    )
    assert _releasers(text) == [("Oromar rebels", True)]


def test_a_country_adjective_before_a_group_word_is_no_group_name():
    text = (
        "Barge crew shown in video\n\nUkrainian fighters on Monday released a video of the captured "
        "barge crew, in which the captain says the crew is being treated well."
    )
    assert ("Ukrainian fighters", True) not in _releasers(text)


def test_an_uploader_known_by_its_handle_is_the_releaser():
    text = (
        "Ministers heard on leaked call\n\nA recording of a phone call between two ministers of the "
        "Lorvan cabinet was uploaded on Tuesday by an anonymous user called "
        "\u201cGrey Heron\u201d. In it, one of them says the harbour deal will not survive the winter."
    )
    assert ("Grey Heron", True) in _releasers(text)


def test_the_people_on_a_call_that_has_been_leaked_did_not_release_it():
    # 'between X and Y has been leaked': the verb is passive, Y is heard on the call
    text = (
        "Ministers heard on leaked call\n\nA phone call between the Lorvan trade minister Ada Kestrel "
        "and her deputy Tomas Wren has been leaked online, uploaded by an account under the name of "
        "Pell Ostrander. In it, Kestrel says the harbour deal will not survive the winter."
    )
    releasers = [name for name, _ in _releasers(text)]
    assert releasers and "Tomas Wren" not in releasers
    assert "Pell Ostrander" in releasers
