"""Recordings (issue 13): why two retellings of one recording were not joined, one class at a time
(a retelling months later, a short phrase both quote word for word, a releaser closing an
apposition, 'the first of the two calls', a numbered unit in lower case). Articles of our own
writing about fictional releases (tests/articles/recordings/retellings.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly import analyze
from purportedly.analysis import analyze_inputs
from purportedly.claims.recordings import UNIT
from purportedly.corpus.recordings import recordings
from purportedly.model import Analysis
from tests.test_recordings import _analysis, _recording

ARTICLES = Path(__file__).resolve().parent / "articles" / "recordings" / "retellings.jsonl"


@pytest.fixture(scope="module")
def by_doc() -> dict[str, Analysis]:
    found = [a for a in analyze_inputs([str(ARTICLES)]) if isinstance(a, Analysis)]
    assert len(found) == 5
    return {a.document.split(":")[-1]: a for a in found}


@pytest.fixture(scope="module")
def registry(by_doc):
    return recordings(list(by_doc.values()))


def outlets_of(registry) -> list[list[str]]:
    return sorted([c.outlet for c in e.carriages] for e in registry)


# ------------------------------------------------------------------ a retelling months later


def test_a_round_up_months_after_the_release_joins_the_recording_it_retells(registry):
    # the round-up came out four months after the release (beyond the usual retelling window) and
    # quotes the call word for word, with its unit and place: one recording, first appearance first
    assert ["Carpathian Herald", "Steppe Review"] in outlets_of(registry)
    entry = next(e for e in registry if "Steppe Review" in [c.outlet for c in e.carriages])
    assert entry.release_date == "2025-02-10"
    assert entry.first_appearance["outlet"] == "Carpathian Herald"


def test_another_call_of_the_same_releaser_released_later_stays_apart(registry):
    assert ["Plains Gazette"] in outlets_of(registry)


def test_a_late_retelling_needs_more_than_one_shared_quote():
    line = "We waited at the ferry crossing for three nights without bread"
    strong = {"unit": "14th Brigade", "place": "Zarichne"}
    late = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line])),
            _analysis("b", "Two", "2024-07-30", _recording([line], released=None)),
        ]
    )
    assert len(late) == 2  # a shared quote joins within weeks, not five months later
    joined = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line], **strong, soldier="Oleg Varakin")),
            _analysis("b", "Two", "2024-07-30", _recording([line], None, **strong, soldier="Oleg Varakin")),
        ]
    )
    assert len(joined) == 1 and [c.outlet for c in joined[0].carriages] == ["One", "Two"]


def test_a_retelling_before_the_release_or_years_after_it_never_joins():
    line = "We waited at the ferry crossing for three nights without bread"
    strong = {"unit": "14th Brigade", "place": "Zarichne", "soldier": "Oleg Varakin"}
    for day in ("2024-02-01", "2026-03-04"):
        entries = recordings(
            [
                _analysis("a", "One", "2024-03-04", _recording([line], **strong)),
                _analysis("b", "Two", day, _recording([line], None, **strong)),
            ]
        )
        assert len(entries) == 2, day


# ------------------------------------------------------------------ a short phrase word for word


def _told(quotes: list[str], words: list[str]):
    return _recording(quotes).model_copy(update={"keywords": words})


def two(first, second):
    return recordings(
        [_analysis("a", "One", "2024-03-04", first), _analysis("b", "Two", "2024-03-05", second)]
    )


def test_a_short_phrase_both_quote_word_for_word_is_evidence():
    # 'restoring the borderlands' is too short to count as a shared quote; given word for word by
    # both, with a rare word of the telling, it says one recording
    a = _told(["We are only here for a week", "restoring the borderlands"], ["zandvoort"])
    b = _told(["They keep saying it is a short trip", "restoring the borderlands"], ["zandvoort"])
    assert len(two(a, b)) == 1
    # the rare word alone is not enough where both quote the call
    c = _told(["We are only here for a week"], ["zandvoort"])
    d = _told(["They keep saying it is a short trip"], ["zandvoort"])
    assert len(two(c, d)) == 2


def test_a_phrase_of_common_words_is_no_evidence():
    a = _told(["We are only here for a week", "very bad"], ["zandvoort"])
    b = _told(["They keep saying it is a short trip", "very bad"], ["zandvoort"])
    assert len(two(a, b)) == 2


# ------------------------------------------------------------------ who released it


def test_a_releaser_closing_an_apposition_is_the_releaser():
    [rec] = analyze(
        "Leak of a harbour call\n\nApril 6, 2025\n\n"
        "The editor-in-chief of the Lowland Telegraph, Tobias Wenning, published an audio recording of "
        "Dutch navy officers discussing a harbour blockade. "
        "Participants in the call discuss the hovercraft flotilla."
    ).recordings
    assert rec.releaser == "Tobias Wenning" and rec.releaser_named


# ------------------------------------------------------------------ one call of two


def test_the_first_of_the_two_calls_is_one_member_of_the_group(by_doc):
    # the headline's and the subheading's quotes, and the body's, are all the first call's: the
    # second call is announced but never told
    [rec] = by_doc["wire-marines"].recordings
    texts = " | ".join(q.text for q in rec.quotes)
    assert "Nothing is left of the boats" in texts and "swam back alone" in texts
    assert "wife" in {p.role for p in rec.participants}
    assert rec.releaser == "Ilse Varga"


def test_a_numbered_unit_in_lower_case_is_a_unit(by_doc, registry):
    [rec] = by_doc["wire-marines"].recordings
    assert rec.unit == "61st regiment"
    assert ["Harbour Courier", "Lakeside Wire"] in [sorted(o) for o in outlets_of(registry)]
    assert UNIT.search("he serves in the army") is None  # unnumbered: only a capitalised name
    assert UNIT.search("the Kantemirovskaya Division").group() == "Kantemirovskaya Division"
