"""Recordings set 4's classes (session 7), on fictional releases: a broadcaster that obtained and
first aired a tape is its releaser, one airing an agency's release is not; authorities named by
their kind alone release, a station that obtained the tape together with a news agency does not."""

from __future__ import annotations

from purportedly import analyze


def test_a_broadcaster_that_obtained_and_first_aired_a_tape_is_its_releaser():
    text = (
        "The recording was obtained and first aired by the Georgian 7+ TV channel's evening news "
        "programme on Sunday. In it, a harbour pilot tells the tower: “The crane is on fire, hold "
        "all ships outside the breakwater.”"
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser == "Georgian 7+ TV channel"
    assert found[0].releaser_kind == "outlet"
    # described by its nationality alone: a releaser all the same, not a named one
    text = (
        "A Polish TV network aired the recording on Sunday night. In it, a pilot says: “We lost the "
        "left engine over the lake and are turning back to the field.”"
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser == "Polish TV network"
    assert not found[0].releaser_named


def test_a_broadcaster_airing_an_agency_release_is_not_its_releaser():
    text = (
        "The Valdor Defence Forces on Monday released an intercepted call between two officers. "
        "A Polish TV channel aired the recording the same evening. In it, one officer says: "
        "“Move the barges before the tide turns or we lose the whole convoy.”"
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser == "Valdor Defence Forces"


def test_authorities_by_their_kind_release_and_a_station_obtaining_the_tape_does_not():
    text = (
        "Authorities have released recordings of emergency calls made during the fire at the "
        "Marren Street depot, according to several reports.\n\n"
        "The first call came in at 6:40 a.m., according to the recordings, obtained by KVRT and "
        "The Associated Press. A night guard says: “The whole east wing is burning and two men "
        "are still inside.”"
    )
    found = analyze(text).recordings
    assert found, "the recordings are found"
    releasers = {r.releaser for r in found}
    assert "KVRT" not in releasers
    assert "Authorities" in releasers
    text = (
        "Police released recordings of three emergency calls on Thursday. In the first call, a "
        "driver says: “The bus is on its side and the doors will not open.”"
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser == "Police"
    assert found[0].releaser_kind == "government"
    assert not found[0].releaser_named


def test_the_transcript_of_one_recording_of_a_batch_is_that_member_of_the_batch():
    text = (
        "The Valdor Defence Forces on Thursday night released two recordings of intercepted calls "
        "between fighters near the salt flats.\n\n"
        "The transcript of one recording reads:\n\n"
        "Fighter 1: The depot is gone, all of it.\n\n"
        "The transcript of the second call reads:\n\n"
        "Fighter 3: Tell them we are leaving the ridge tonight."
    )
    found = analyze(text).recordings
    assert len(found) == 2
    assert [r.releaser for r in found] == ["Valdor Defence Forces"] * 2


def test_a_weekday_next_to_the_release_dates_it_rather_than_another_event_day():
    text = (
        "The Marsh Brigades released a video on Wednesday appearing to show that the hostage Lena "
        "Varo is alive, months after her capture on October 7, 2023. In the video, she says: "
        "“I am asking my government to bring us home before the winter.”"
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].release_date is None
    assert found[0].release_date_text == "Wednesday"


def test_a_release_credited_to_a_branch_and_to_its_body_is_one_entry():
    from purportedly.corpus.recordings import recordings
    from tests.test_recordings import _analysis
    from tests.test_recordings_bodies import _by

    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _by("VDF Signals Directorate", soldier="Taras Ostrovsky")),
            _analysis("b", "Two", "2024-03-05", _by("VDF", soldier="Taras Ostrovsky")),
        ]
    )
    assert [len(e.carriages) for e in entries] == [2]
    # a body named after another's acronym only when it starts with it: two bodies stay apart
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _by("Marsh Signals Directorate", soldier="Taras Ostrovsky")),
            _analysis("b", "Two", "2024-03-05", _by("VDF", soldier="Taras Ostrovsky")),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 1]
