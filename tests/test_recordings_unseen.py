"""Recordings (issue 13), classes of error read on a second real set: a platform taken for the
releaser, a description in title case taken for a name, a releaser behind 'the press service of',
a release told only by its weekday, a paraphrase fragment taken for a trimmed quote; the learned
merge decision; entry ids that do not change when an earlier report arrives later. Articles of our
own writing about fictional releases."""

from __future__ import annotations

import json

import pytest

from purportedly import analyze
from purportedly.corpus.recordings import (
    MODEL_PATH,
    Matcher,
    PairModel,
    RecordingRow,
    _quoted_alike,
    recordings,
)
from tests.test_recordings import _analysis, _recording

ON_TELEGRAM = (
    "Soldier tells mother of losses\n\nOn Monday, the Ukrainian military intelligence published on "
    "Telegram allegedly intercepted recordings of a phone conversation. In this conversation, "
    "a Russian soldier is said to have told his mother about heavy losses near Dolynka.\n\n"
    'He said: "We have no boots and no bread left '
    'in the trenches, and the lieutenant sold our fuel."\n'
)
TITLE_CASE = (
    "Intercepted talk reveals orders\n\nUkrainian Intelligence intercepted another conversation, in which a "
    'Russian soldier tells his wife about orders to shell the town of Dolynka.\n\n"They told us to level '
    'Dolynka to the ground by Friday," the soldier says in the recording.\n'
)
PRESS_SERVICE = (
    "Soldier complains of cold\n\nA phone conversation between a Russian soldier and his wife has been "
    "overheard. The intercept was made public on Telegram by the press service of Ukraine's "
    "Chief Directorate "
    'of Intelligence, a news agency reported.\n\n"We sleep in the snow and nobody brings us blankets or '
    'stoves," the soldier says in the call.\n'
)
WEEKDAY_ONLY = (
    "Soldier says his company is gone\n\nIn the audio posted Tuesday by Ukraine's Chief Directorate of "
    "Intelligence on its Telegram channel, a Russian soldier told a friend that his company was gone.\n\n"
    '"Only two of us are left from the whole company," the soldier said in the recording.\n'
)


def only_recording(text: str):
    found = analyze(text).recordings
    assert len(found) == 1, found
    return found[0]


def test_a_platform_is_where_a_recording_was_published_not_who_released_it():
    rec = only_recording(ON_TELEGRAM)
    assert rec.platform == "Telegram"
    assert rec.releaser == "Ukrainian military intelligence" and not rec.releaser_named


def test_a_description_in_title_case_is_still_a_description():
    rec = only_recording(TITLE_CASE)
    assert rec.releaser == "Ukrainian Intelligence"
    assert not rec.releaser_named  # it may retell any named agency's release


def test_a_releaser_behind_its_press_service_releases_the_recording():
    rec = only_recording(PRESS_SERVICE)
    assert rec.releaser is not None and "Directorate of Intelligence" in rec.releaser


def test_a_release_told_only_by_its_weekday_keeps_the_weekday():
    rec = only_recording(WEEKDAY_ONLY)
    assert rec.release_date is None  # an undated article: no day to normalise against
    assert rec.release_date_text == "Tuesday"


def test_releases_on_weekdays_two_days_apart_are_two_recordings_despite_a_shared_quote():
    line = "We have not had a single shell for a week and the trucks never came"
    monday, thursday = _recording([line], released=None), _recording([line], released=None)
    monday.release_date_text, thursday.release_date_text = "Monday", "Thursday"
    apart = recordings(
        [_analysis("a", "One", "2024-03-04", monday), _analysis("b", "Two", "2024-03-08", thursday)]
    )
    assert len(apart) == 2
    friday = _recording([line], released="2024-03-08")  # a Friday: one day from the Thursday
    together = recordings(
        [_analysis("b", "Two", "2024-03-08", thursday), _analysis("c", "Three", "2024-03-09", friday)]
    )
    assert len(together) == 1


def test_a_paraphrase_fragment_scattered_in_a_long_quote_is_no_trimmed_copy_of_it():
    long = (
        "Half the soldiers ran into the forest and the commander stayed behind in the village drinking, and "
        "yesterday we received an order to stay here without food or shells"
    )
    # two of its three words in the long quote, far apart: a paraphrase of something else
    assert not _quoted_alike("orders soldiers received", long)
    assert _quoted_alike("we received an order to stay here without food", long)  # a trimmed copy


def test_an_entry_keeps_its_id_when_an_earlier_report_arrives_later():
    line = "The bridge at the river crossing was blown before we could reach it"
    later = _analysis("later-report", "Two", "2024-03-06", _recording([line]))
    earlier = _analysis("earlier-report", "One", "2024-03-04", _recording([line]))
    [first] = recordings([later])
    [after] = recordings([later, earlier])  # the earlier report is stored second
    assert [c.document for c in after.carriages] == ["earlier-report", "later-report"]
    assert after.first_appearance["document"] == "earlier-report"
    assert after.id == first.id


def test_the_shipped_pair_model_reads_the_matcher_s_features_and_weighs_a_shared_quote_up():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = PairModel(data)
    assert 0 < model.threshold < 1
    line = "We waited at the ferry crossing for three nights without bread"
    rows = [
        RecordingRow(1, "a", "One", None, "2024-03-04", None, _recording([line])),
        RecordingRow(2, "b", "Two", None, "2024-03-05", None, _recording([line])),
        RecordingRow(
            3, "c", "Three", None, "2024-03-05", None, _recording(["Our cook left for the city on Sunday"])
        ),
    ]
    matcher = Matcher(rows, model)
    features = matcher.features(0, 1)
    assert sorted(features) == sorted(model.features)
    assert features["quote"] == 1.0 and matcher.features(0, 2)["quote"] == 0.0
    assert model.probability(features) > model.probability(matcher.features(0, 2))
    assert matcher.score(0, 1) > 0 and matcher.score(0, 2) == 0


@pytest.mark.parametrize("name", ["held_out", "trained_on"])
def test_the_shipped_model_records_how_it_was_trained_and_measured(name):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data[name], name  # the leave-one-set-out figures travel with the model


CREDITED_TO_A_ROLE = (
    "Invader tells wife of captured officer\n\nA phone conversation between an invader and his wife was "
    "published by the Northern Signals Bureau on Thursday.\n\nAccording to a news agency's report, a "
    'Russian invader said, "The second company locked their own major in a cellar so he would not run." '
    '"We loaded the trucks yesterday and then were told to stay," he also added.\n'
)


def test_words_credited_to_a_role_on_the_call_are_its_quotes():
    rec = only_recording(CREDITED_TO_A_ROLE)
    texts = " ".join(q.text for q in rec.quotes)
    assert "locked their own major" in texts and "loaded the trucks" in texts
    assert any(p.role == "soldier" for p in rec.participants)  # 'invader' names the soldier


def test_a_quote_cut_elsewhere_by_another_translation_is_still_one_quote():
    whole = (
        "The fifth battery, they took their colonel prisoner. They forced him to stay with them so that he "
        "wouldn't desert."
    )
    parts = [
        "The fifth battery – they arrested their own artillery colonel,",
        "They forced him to stay, so he wouldn’t run off. "
        "That’s because they have a lot of wounded, which is huge.",
    ]
    assert not any(_quoted_alike(whole, part) for part in parts)  # no quote alike on its own
    one, other = _recording([whole]), _recording(parts)
    entries = recordings(
        [_analysis("a", "One", "2024-03-04", one), _analysis("b", "Two", "2024-03-05", other)]
    )
    assert len(entries) == 1 and len(entries[0].carriages) == 2


def test_a_releaser_name_cut_short_takes_back_its_title_words():
    rec = only_recording(PRESS_SERVICE)
    assert rec.releaser == "Chief Directorate of Intelligence"
