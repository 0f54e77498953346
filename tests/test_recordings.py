"""Recordings (issue 13): per article, the released items a report retells; across the corpus, one
registry entry per recording with every outlet's carriage. Articles of our own writing, about
fictional releases (tests/articles/recordings/recordings.jsonl)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from purportedly import corpus
from purportedly.analysis import analyze_inputs
from purportedly.cli import app
from purportedly.corpus.features import FEATURES_VERSION
from purportedly.corpus.recordings import recordings
from purportedly.engines.ingest import ingest_analyses
from purportedly.exports import export
from purportedly.model import Analysis, Article, Participant, Recording, RecordingQuote
from purportedly.names import romanize, spelling_key
from purportedly.store import Store
from tests.pg_schema import fresh_schema_url

ARTICLES = Path(__file__).resolve().parent / "articles" / "recordings" / "recordings.jsonl"


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    found = [a for a in analyze_inputs([str(ARTICLES)]) if isinstance(a, Analysis)]
    assert len(found) == 7
    return found


@pytest.fixture(scope="module")
def by_doc(analyses) -> dict[str, Analysis]:
    return {a.document.split(":")[-1]: a for a in analyses}


@pytest.fixture(scope="module")
def registry(analyses):
    return recordings(analyses)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, analyses) -> Path:
    path = tmp_path_factory.mktemp("recordings") / "corpus.db"
    with Store.open(path) as store:
        ingest_analyses(store, analyses)
    return path


def entry_with(registry, name: str):
    found = [e for e in registry if any(name in (p.name or "") for p in e.participants)]
    assert len(found) == 1, [e.participants for e in registry]
    return found[0]


# ------------------------------------------------------------------ transliteration


@pytest.mark.parametrize(
    "variants",
    [
        ("Kashevarova", "Kashevarowa", "Кашеварова"),
        ("Kharkiv", "Kharkov", "Харків", "Харьков"),
        ("Lyudmila Kashevarova", "Людмила Кашеварова", "Ljudmila Kaschewarowa"),
        ("Dmytro", "Dmitro", "Дмитро"),
        ("Kyiv", "Київ"),
    ],
)
def test_transliteration_variants_share_one_name_key(variants):
    assert len({spelling_key(v) for v in variants}) == 1, {v: spelling_key(v) for v in variants}


def test_different_names_keep_different_keys():
    assert spelling_key("Kashevarova") != spelling_key("Kashirina")
    assert spelling_key("Kharkiv") != spelling_key("Kherson")


def test_romanize_converts_other_scripts_and_keeps_latin_text():
    assert romanize("Харків") == "Kharkiv"
    assert romanize("Харьков") == "Kharkov"  # the soft sign leaves no apostrophe inside the word
    assert romanize("Wrocław") == "Wroclaw"
    assert romanize("Kashevarova") == "Kashevarova"


# ------------------------------------------------------------------ per article


def test_an_article_recording_has_releaser_platform_date_participants_and_quotes(by_doc):
    [rec] = by_doc["ledger-call"].recordings
    assert rec.kind == "call"
    assert rec.releaser == "Security Service of Ukraine" and rec.releaser_named
    assert rec.releaser_kind == "intelligence_service"
    assert rec.platform == "Telegram"
    assert rec.release_date == "2024-05-14" and rec.release_date_text == "Tuesday"
    assert rec.unit == "47th Motor Rifle Regiment" and rec.place == "Kharkiv"
    roles = {p.role: p for p in rec.participants}
    assert roles["mother"].name == "Lyudmila Kashevarova"
    assert roles["soldier"].unit == "47th Motor Rifle Regiment"
    texts = [q.text for q in rec.quotes if q.verbatim]
    assert any(t.startswith("They sent us across the river") for t in texts)
    assert any(t.startswith("Mum, do not tell anyone") for t in texts)
    text = by_doc["ledger-call"].article.text
    assert all(text[q.start : q.end] == q.text for q in rec.quotes)
    assert "purportedly" in rec.hedges and rec.unverified and rec.verified_by is None


def test_a_relative_release_day_is_normalised_against_the_article_date(by_doc):
    [rec] = by_doc["baltic-call"].recordings  # 'on Tuesday' in a Friday 17 May report
    assert rec.release_date == "2024-05-14"


def test_two_recordings_of_one_release_stay_two_in_the_article(by_doc):
    first, second = by_doc["ledger-two-calls"].recordings
    assert [p.name for p in first.participants if p.role == "soldier"] == ["Arseny Dolgov"]
    assert [p.name for p in second.participants if p.role == "soldier"] == ["Kirill Sobolev"]
    assert first.release_date == second.release_date == "2024-06-03"
    assert {p.role for p in first.participants} == {"soldier", "wife"}
    assert {p.role for p in second.participants} == {"soldier", "friend"}
    assert [q.text[:12] for q in first.quotes if q.verbatim] == ["We left the "]
    assert [q.text[:12] for q in second.quotes if q.verbatim] == ["They want us"]


def test_an_unknown_release_date_stays_null(by_doc):
    [rec] = by_doc["plain-video"].recordings
    assert rec.kind == "audio"
    assert rec.releaser == "Main Intelligence Directorate"
    assert rec.release_date is None and rec.release_date_text is None


def test_a_time_of_the_call_is_not_taken_for_its_release():
    from purportedly import analyze

    result = analyze(
        "SBU releases call\n\nMarch 20, 2024\n\nUkraine's Security Service (SBU) on Wednesday released an "
        'intercepted call that was recorded on March 11. "We are freezing here," a soldier says in the call.'
    )
    [rec] = result.recordings
    assert rec.release_date == "2024-03-20"
    assert rec.call_time == "2024-03-11"


def test_an_independent_verification_is_reported_with_who_did_it():
    from purportedly import analyze

    result = analyze(
        "Call verified\n\nApril 2, 2024\n\nUkraine's Security Service (SBU) on Monday released an "
        "intercepted call in which a soldier tells his brother about looting. "
        '"Take the television too," the soldier says in the call. '
        "The recording was verified by Lantern Audio Lab, an independent forensic laboratory."
    )
    [rec] = result.recordings
    assert rec.verified_by == "Lantern Audio Lab"
    [entry] = recordings([result])
    assert entry.verified_by == "Lantern Audio Lab"
    assert "verified by Lantern Audio Lab" in entry.verification


def test_an_article_without_a_recording_has_none():
    from purportedly import analyze

    result = analyze(
        'Officials call for calm\n\n"We call on everyone to stay home," the mayor said on Monday.'
    )
    assert result.recordings == []


# ------------------------------------------------------------------ the registry


def test_one_recording_retold_by_four_outlets_is_one_entry_in_date_order(registry):
    entry = entry_with(registry, "Kashevarova")
    assert [c.outlet for c in entry.carriages] == [
        "Dnipro Ledger",
        "Northern Courier",
        "Meridian Daily",
        "Baltic Wire",
    ]
    assert [c.date for c in entry.carriages] == sorted(c.date for c in entry.carriages)
    assert entry.first_appearance["outlet"] == "Dnipro Ledger"
    assert entry.first_appearance["date"] == "2024-05-14"
    assert entry.release_date == "2024-05-14" and entry.releaser == "Security Service of Ukraine"
    mother = next(p for p in entry.participants if p.role == "mother")
    # the translated report's Cyrillic and the misspelt one are one person
    assert set(mother.spellings) == {"Lyudmila Kashevarova", "Людмила Кашеварова", "Lyudmila Kashevarowa"}
    assert mother.name == "Lyudmila Kashevarova"


def test_each_carriage_says_how_the_outlet_carried_it(registry):
    entry = entry_with(registry, "Kashevarova")
    by_outlet = {c.outlet: c for c in entry.carriages}
    assert by_outlet["Dnipro Ledger"].hedges[0] == "purportedly"
    assert "allegedly" in by_outlet["Northern Courier"].hedges
    assert by_outlet["Meridian Daily"].carried == "verbatim"
    assert by_outlet["Northern Courier"].carried == "both"  # a trimmed quote and reported speech
    assert all(c.names_releaser for c in entry.carriages)
    assert all(c.unverified for c in entry.carriages)


def test_quotes_worded_differently_are_shown_side_by_side(registry):
    entry = entry_with(registry, "Kashevarova")
    assert entry.quote_variants
    river = next(g for g in entry.quote_variants if any("river" in v.text for v in g))
    texts = {v.outlet: v.text for v in river if v.verbatim}
    assert texts["Northern Courier"] == "half of the company did not come back."  # trimmed
    assert texts["Baltic Wire"].startswith("They sent us across the river")
    assert len({v.outlet for v in river}) >= 3


def test_two_recordings_released_the_same_day_stay_two_entries(registry):
    dolgov = entry_with(registry, "Arseny Dolgov")
    sobolev = entry_with(registry, "Kirill Sobolev")
    assert dolgov.id != sobolev.id
    assert dolgov.release_date == sobolev.release_date == "2024-06-03"
    assert dolgov.releaser == sobolev.releaser
    for entry in (dolgov, sobolev):
        assert [c.outlet for c in entry.carriages] == ["Dnipro Ledger", "Northern Courier"]
    assert all("tank" in q.text for c in dolgov.carriages for q in c.quotes if q.verbatim)
    assert all("factory" in q.text for c in sobolev.carriages for q in c.quotes if q.verbatim)


def test_the_registry_keeps_an_unknown_release_date_null(registry):
    entry = next(e for e in registry if e.releaser == "Main Intelligence Directorate")
    assert entry.release_date is None and len(entry.carriages) == 1


def test_verification_in_words(registry):
    entry = entry_with(registry, "Kashevarova")
    assert entry.verification.startswith(
        "released by one party to the conflict (Security Service of Ukraine); not independently verified"
    )
    assert entry.verified_by is None
    assert len(registry) == 4


# ------------------------------------------------------------------ the store


def _dump(entries) -> list[dict]:
    return [e.model_dump(mode="json", exclude={"carriages": {"__all__": {"article_id"}}}) for e in entries]


def test_a_sqlite_store_gives_the_registry_without_loading_analyses(stored, registry, monkeypatch):
    from tests.test_corpus_store import refuse_analysis_loads

    loads = refuse_analysis_loads(monkeypatch)
    with Store.open(stored, read_only=True) as store:
        assert _dump(corpus.recordings(store)) == _dump(registry)
        rows = store.query(
            "SELECT count(*) AS n FROM article_recordings WHERE version = ?", (FEATURES_VERSION,)
        )
        assert rows[0]["n"] == 7
    assert loads == []


def test_a_postgres_store_gives_the_same_registry(analyses, registry, monkeypatch):
    from tests.test_corpus_store import refuse_analysis_loads

    with fresh_schema_url() as url:
        with Store.open(url) as store:
            ingest_analyses(store, analyses)
        loads = refuse_analysis_loads(monkeypatch)
        with Store.open(url, read_only=True) as store:
            assert _dump(corpus.recordings(store)) == _dump(registry)
        assert loads == []
        monkeypatch.undo()
        with Store.open(url) as store, store.transaction() as db:  # as a store made before recordings
            _make_legacy(db)
        with Store.open(url) as store:  # a writable open adds the table, the next ingest fills it
            ingest_analyses(store, [])
            assert store.query("SELECT count(*) AS n FROM article_recordings")[0]["n"] == 7
            assert _dump(corpus.recordings(store)) == _dump(registry)


def _make_legacy(db) -> None:
    """Turn a store back into one made before recordings: no table, an older features version."""
    db.execute("DROP TABLE article_recordings")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'features_version'")


def test_a_store_made_before_recordings_is_read_then_migrated(stored, registry, tmp_path):
    legacy = tmp_path / "legacy.db"
    legacy.write_bytes(stored.read_bytes())
    with Store.open(legacy) as store, store.transaction() as db:
        _make_legacy(db)
    with Store.open(legacy, read_only=True) as store:  # computed from the stored analyses
        assert _dump(corpus.recordings(store)) == _dump(registry)
    with Store.open(legacy) as store:  # a writable open adds the table, the next ingest fills it
        ingest_analyses(store, [])
        assert store.query("SELECT count(*) AS n FROM article_recordings")[0]["n"] == 7
        assert _dump(corpus.recordings(store)) == _dump(registry)


# ------------------------------------------------------------------ CLI and exports


def test_cli_table_and_json(stored):
    runner = CliRunner()
    result = runner.invoke(app, ["recordings", "--db", str(stored)], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    assert "Security Service of Ukraine" in result.output and "2024-06-03" in result.output
    result = runner.invoke(app, ["recordings", "--db", str(stored), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert isinstance(listed, list) and len(listed) == 4
    first = listed[0]
    assert {"id", "kind", "releaser", "release_date", "participants", "verification", "carriages"} <= set(
        first
    )
    assert [c["outlet"] for c in first["carriages"]][0] == "Dnipro Ledger"


def test_exports_one_row_per_recording_and_per_carriage(stored, tmp_path):
    with Store.open(stored, read_only=True) as store:
        assert export(store, "recordings-csv", tmp_path / "r.csv") == 4
        assert export(store, "recordings-csv", tmp_path / "c.csv", table="carriages") == 9
        assert export(store, "recordings-jsonl", tmp_path / "r.jsonl") == 4
        assert export(store, "recordings-jsonl", tmp_path / "c.jsonl", table="carriages") == 9
        with pytest.raises(ValueError, match="unknown recordings table 'quotes'"):
            export(store, "recordings-csv", tmp_path / "x.csv", table="quotes")
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert rows[0]["carriages"] == "4" and rows[0]["first_outlet"] == "Dnipro Ledger"
    carriages = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8")))
    first = [c for c in carriages if c["recording_id"] == rows[0]["recording_id"]]
    assert [c["position"] for c in first] == ["1", "2", "3", "4"]
    assert first[2]["outlet"] == "Meridian Daily" and "Кашеварова" not in first[2]["quotes"]
    lines = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {line["recording_id"] for line in lines} == {r["recording_id"] for r in rows}
    assert all(line["article_recording_id"].startswith("rec") for line in lines)
    entry = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert len(entry["carriages"]) == 4


def test_cli_export_rejects_a_table_recordings_do_not_have(stored, tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--format",
            "recordings-csv",
            "--table",
            "quotes",
            "--db",
            str(stored),
            "--out",
            str(tmp_path / "x.csv"),
        ],
    )
    assert result.exit_code == 2
    assert "unknown recordings table" in result.output


def test_web_api_lists_recordings_and_serves_one(stored):
    from fastapi.testclient import TestClient

    from purportedly.web import create_app

    client = TestClient(create_app(stored))
    listed = client.get("/api/recordings").json()
    assert len(listed) == 4 and listed[0]["carriages"] == 4
    assert listed[0]["outlets"] == ["Dnipro Ledger", "Northern Courier", "Meridian Daily", "Baltic Wire"]
    one = client.get(f"/api/recordings/{listed[0]['id']}").json()
    assert [c["outlet"] for c in one["carriages"]] == listed[0]["outlets"]
    assert client.get("/api/recordings/rec-nothing").status_code == 404


# ------------------------------------------------------------------ matching rules, on hand-made recordings


def _analysis(doc: str, outlet: str, day: str, recording: Recording) -> Analysis:
    return Analysis(
        document=doc,
        outlet=outlet,
        date=date.fromisoformat(day),
        article=Article(document=doc, text="(hand-made recording)"),
        recordings=[recording],
    )


def _recording(quotes=(), released="2024-03-04", unit=None, place=None, **people) -> Recording:
    return Recording(
        id="rec1",
        description="an intercepted call",
        start=0,
        end=1,
        releaser="Security Service of Ukraine",
        releaser_kind="intelligence_service",
        release_date=released,
        participants=[Participant(role=role, name=name) for role, name in people.items()],
        unit=unit,
        place=place,
        quotes=[RecordingQuote(quote_id=f"q{i}", text=t, start=0, end=1) for i, t in enumerate(quotes)],
    )


def test_a_misspelt_name_is_still_one_participant():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording(mother="Lyudmila Kashevarova")),
            _analysis("b", "Two", "2024-03-05", _recording(mother="Lyudmila Kashevarvoa")),
        ]
    )
    assert len(entries) == 1 and len(entries[0].carriages) == 2


def test_soldiers_of_one_unit_at_one_place_saying_different_things_are_two_recordings():
    same = {"unit": "12th Tank Regiment", "place": "Vovchansk"}
    entries = recordings(
        [
            _analysis(
                "a", "One", "2024-03-04", _recording(["There is no fuel left for the tanks at all"], **same)
            ),
            _analysis(
                "b",
                "Two",
                "2024-03-04",
                _recording(["Our commander drinks every night in the cellar"], **same),
            ),
        ]
    )
    assert len(entries) == 2


def test_differently_named_soldiers_are_never_one_recording_even_with_a_shared_quote():
    line = "They want us to take the factory by Friday"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line], soldier="Kirill Sobolev")),
            _analysis("b", "Two", "2024-03-04", _recording([line], soldier="Arseny Dolgov")),
        ]
    )
    assert len(entries) == 2


def test_a_retelling_without_a_release_date_joins_only_within_its_window():
    line = "We have not had a single shell for a week"
    near = _recording([line], released=None)
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line])),
            _analysis("b", "Two", "2024-03-20", near),
            _analysis("c", "Three", "2024-11-20", near),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 2]
    joined = next(e for e in entries if len(e.carriages) == 2)
    assert [c.outlet for c in joined.carriages] == ["One", "Two"]
    assert joined.release_date == "2024-03-04"


def test_an_unnamed_releaser_reads_as_such():
    rec = _recording(["The shells never came"]).model_copy(update={"releaser": None, "releaser_kind": None})
    [entry] = recordings([_analysis("a", "One", "2024-03-04", rec)])
    assert entry.verification == "released by an unnamed party; not independently verified"


def test_a_recording_described_again_is_one_recording_with_its_later_release_details():
    from purportedly import analyze

    result = analyze(
        "Soldier says his platoon ate boots\n\nOctober 9, 2023\n\n"
        "A Russian soldier in Ukraine told his wife that his platoon had nothing to eat, according to "
        "a 40-second audio clip released by Ukrainian officials.\n\n"
        "A recording of the intercepted call was released on Saturday on YouTube by Ukraine's Military "
        "Intelligence (HUR).\n\n"
        '"We have been boiling boots for two days," the soldier says.\n\n'
        "The authenticity of the soldier's words has not been independently verified."
    )
    [rec] = result.recordings  # the clip, the recording and the call are one item
    assert rec.release_date == "2023-10-07" and rec.platform == "YouTube"
    assert rec.releaser == "Main Intelligence Directorate"
    assert rec.unverified  # said of the only recording the article tells
    assert rec.place is None  # 'in Ukraine' says nothing of where the call was made
    assert {p.role for p in rec.participants} >= {"soldier", "wife"}


def test_a_second_recording_needs_a_sign_that_it_is_another():
    from purportedly import analyze

    result = analyze(
        "Two releases\n\nOctober 9, 2023\n\n"
        "Ukraine's Security Service (SBU) on Friday released an intercepted call in which a soldier tells "
        'his sister about frostbite. "My toes are black," the soldier says.\n\n'
        "The SBU also released a new video in which an officer purportedly complains about drones. "
        '"We lose a vehicle every hour," the officer says in the video.'
    )
    call, video = result.recordings
    assert (call.kind, video.kind) == ("call", "video")
    assert [q.text for q in call.quotes] == ["My toes are black,"]
    assert [q.text for q in video.quotes] == ["We lose a vehicle every hour,"]


def test_background_about_earlier_releases_is_no_recording_of_its_own():
    from purportedly import analyze

    result = analyze(
        "Dam call\n\nJuly 3, 2023\n\n"
        "Since the start of the war, Ukraine has released audio of many intercepted phone calls.\n\n"
        "On Monday the Security Service of Ukraine (SBU) published on Telegram a call in which a soldier "
        'tells a friend about the flooded bank. "The water took the whole village," the soldier says.'
    )
    [rec] = result.recordings
    assert rec.release_date == "2023-07-03" and rec.platform == "Telegram"
    assert [q.text for q in rec.quotes] == ["The water took the whole village,"]


# ------------------------------------------------------------------ real-article classes (issue 13 check)


def _released_by(releaser, named=True, **kwargs) -> Recording:
    return _recording(**kwargs).model_copy(update={"releaser": releaser, "releaser_named": named})


def test_an_entry_takes_a_report_only_when_it_fits_every_member_not_a_chain():
    # A and B share a quote; B and C share another; A and C name different releasers: three reports
    # linked pairwise are not one recording unless each fits the entry as a whole
    first = "We have been sleeping in the trench for nine nights"
    second = "The lieutenant sold our fuel in town"
    sbu, hur = "Security Service of Ukraine", "Main Intelligence Directorate"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _released_by(sbu, quotes=[first])),
            _analysis("b", "Two", "2024-03-04", _released_by(None, False, quotes=[first, second])),
            _analysis("c", "Three", "2024-03-04", _released_by(hur, quotes=[second])),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 2]


def test_a_report_joins_an_entry_only_with_evidence_against_most_of_its_members():
    # D shares a quote with only one of the three members of an entry: not enough
    shared = "The bridge at Dovhivka was blown before we crossed"
    other = "Nobody has seen the colonel or his driver since the storm in May"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([shared, other])),
            _analysis("b", "Two", "2024-03-04", _recording([shared, other])),
            _analysis("c", "Three", "2024-03-05", _recording([shared, other])),
            _analysis("d", "Four", "2024-03-05", _recording([other, "The dog ate the last of the bread"])),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [4]  # D shares 'other' with all three: it fits
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([shared])),
            _analysis("b", "Two", "2024-03-04", _recording([shared])),
            _analysis("c", "Three", "2024-03-05", _recording([shared, other])),
            _analysis("d", "Four", "2024-03-05", _recording([other])),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 3]


def test_short_quotes_are_no_evidence_of_one_recording():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording(["No?", "F"])),
            _analysis("b", "Two", "2024-03-04", _recording(["No?", "What happened?"])),
        ]
    )
    assert len(entries) == 2


def test_a_described_releaser_may_retell_a_named_one_but_two_named_releasers_never_match():
    line = "They left us at the quarry without water for three days"
    described = "Ukrainian secret service"
    described = recordings(
        [
            _analysis("a", "One", "2024-03-04", _released_by("Security Service of Ukraine", quotes=[line])),
            _analysis("b", "Two", "2024-03-05", _released_by(described, False, quotes=[line])),
        ]
    )
    assert len(described) == 1 and described[0].releaser == "Security Service of Ukraine"
    named = recordings(
        [
            _analysis("a", "One", "2024-03-04", _released_by("Security Service of Ukraine", quotes=[line])),
            _analysis("b", "Two", "2024-03-05", _released_by("Main Intelligence Directorate", quotes=[line])),
        ]
    )
    assert len(named) == 2


def test_rare_words_of_the_telling_join_retellings_that_quote_nothing_alike():
    def told(words: list[str], quotes=()) -> Recording:
        return _recording(quotes).model_copy(update={"keywords": words})

    common = ["officers", "discuss", "audio", "recording", "published"]
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", told([*common, "zandvoort", "hovercraft", "flotilla"])),
            _analysis("b", "Two", "2024-03-05", told([*common, "hovercraft", "flotilla", "zandvoort"])),
            _analysis("c", "Three", "2024-03-05", told([*common, "orchard", "tractor"])),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 2]


def _one(text: str):
    from purportedly import analyze

    return analyze(text).recordings


def test_who_is_quoted_about_a_recording_is_not_its_releaser():
    [rec] = _one(
        "Leak of naval call\n\nApril 6, 2025\n\n"
        "An audio recording of Dutch navy officers discussing a harbour blockade was posted online. "
        "Tobias Wenning, an editor at the Lowland Telegraph, was the first to publish the audio on Friday. "
        '"This is a very grave breach," Defence Minister Pieter Aalbers told journalists about the '
        "recording. "
        "Participants in the call discuss the hovercraft flotilla."
    )
    assert rec.releaser == "Tobias Wenning" and rec.releaser_named
    assert rec.release_date == "2025-04-04"


def test_an_outlet_retelling_a_release_names_the_original_releaser():
    [rec] = _one(
        "Calls from the marsh\n\nMay 2, 2025\n\n"
        "The calls were intercepted by the Ukrainian army and published by the Harbour Gazette. "
        'In one such call, a soldier tells his sister: "The marsh has swallowed two of our trucks."'
    )
    assert rec.releaser == "Ukrainian army" and rec.releaser_named is False


def test_a_releaser_only_described_is_kept_as_a_description():
    [rec] = _one(
        "Wife's call\n\nMay 2, 2025\n\n"
        "I listened to the audio of the phone call, which Ukrainian intelligence claims to have intercepted. "
        '"Bring me a fur coat from the flat on the corner," the woman is heard saying.'
    )
    assert rec.releaser == "Ukrainian intelligence" and rec.releaser_named is False
    assert rec.releaser_kind == "intelligence_service"


def test_a_releaser_told_once_for_all_its_recordings_releases_the_quoted_one():
    [rec] = _one(
        "A new recording\n\nMay 2, 2025\n\n"
        "The Ukrainian secret service repeatedly publishes intercepted calls from Russian soldiers. "
        "In a new recording, a soldier talks to his aunt.\n\n"
        'Soldier: "Our own artillery hit the school we slept in."'
    )
    assert rec.releaser == "Ukrainian secret service"


def test_recordings_mentioned_only_in_general_produce_none():
    assert _one(
        "Intercepts\n\nMay 2, 2025\n\n"
        "The Ukrainian secret service regularly publishes intercepted calls from Russian soldiers. "
        "Analysts say such intercepted conversations are hard to verify."
    ) == []


def test_words_said_on_a_recording_are_its_quote_whoever_the_sentence_credits():
    [rec] = _one(
        "Mother's call\n\nMay 2, 2025\n\n"
        "A soldier complained during an intercepted call with his mother, the Border Service of Ukraine "
        "said in a statement.\n\n"
        '"You are only guarding the orchards, stop whining!" the mother said in a 19-second clip of the '
        "conversation released by the Border Service."
    )
    assert any("guarding the orchards" in q.text for q in rec.quotes)


def test_one_such_and_another_such_address_the_members_of_a_group():
    recs = _one(
        "Calls from the dunes\n\nMay 2, 2025\n\n"
        "The calls were intercepted by the Ukrainian army. "
        'In one such phone call, a soldier tells his sister: "The dunes are full of our burnt trucks."\n\n'
        "In another such conversation, a man speaks with the comrades of his nephew.\n\n"
        '"They said the ferry would never come back for us," a soldier told the man.'
    )
    assert len(recs) == 2
    assert "burnt trucks" in recs[0].quotes[0].text and "ferry" in recs[1].quotes[0].text


def test_a_clip_shared_last_week_is_another_release_and_the_first_is_referred_back_to_by_its_day():
    recs = _one(
        "Two clips\n\nAugust 10, 2023\n\n"
        "Ukrainian military intelligence on Tuesday published audio of a call in which a Russian soldier "
        "says his battalion has no boots.\n\n"
        "Last week, the GUR shared a clip of a soldier telling a friend that his unit was sent into a "
        "minefield.\n\n"
        "On its Telegram channel on Tuesday, the GUR posted the audio of the call between the soldier and "
        "his mother."
    )
    assert len(recs) == 2
    first, second = recs
    assert first.release_date == "2023-08-08" and second.release_date is None
    assert {p.role for p in first.participants} >= {"mother"}
    assert "mother" not in {p.role for p in second.participants}


def test_a_unit_misnamed_in_translation_is_still_one_unit():
    line = "The whole company got drunk before the rotation and was cut down"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line], unit="31st Brigade")),
            _analysis("b", "Two", "2024-03-05", _recording([line], unit="31st regiment")),
            _analysis("c", "Three", "2024-03-05", _recording([line], unit="44th Brigade")),
        ]
    )
    assert sorted(len(e.carriages) for e in entries) == [1, 2]


def test_wordings_sharing_no_content_words_are_not_one_quote():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording(["Oh no. Are you hurt? Is it all okay?"])),
            _analysis("b", "Two", "2024-03-04", _recording(["Oh no, are you hungry? Is it all the same?"])),
        ]
    )
    assert len(entries) == 2



def test_an_outlet_taken_for_releaser_may_be_retelling_anyone_s_release():
    line = "The whole battery was drunk when the drones came over the ridge"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _released_by("Main Intelligence Directorate", quotes=[line])),
            _analysis("b", "Two", "2024-03-05", _released_by("The Harbour Gazette", quotes=[line])),
        ]
    )
    assert len(entries) == 1 and entries[0].releaser == "Main Intelligence Directorate"


def test_a_shared_given_name_alone_is_weak_evidence_a_full_name_strong():
    def named(soldier: str, quotes=()) -> Recording:
        return _recording(quotes, released=None, soldier=soldier)

    said, other = ["We drink water from the puddles by the road"], ["The tanks have no fuel since Sunday"]
    weak = recordings(
        [
            _analysis("a", "One", "2024-03-04", named("Andrey", said)),
            _analysis("b", "Two", "2024-03-05", named("Andrei", other)),
        ]
    )
    assert len(weak) == 2
    strong = recordings(
        [
            _analysis("a", "One", "2024-03-04", named("Andrey Volkov", said)),
            _analysis("b", "Two", "2024-03-05", named("Andrei Volkov", other)),
        ]
    )
    assert len(strong) == 1


def test_a_name_right_after_the_role_word_is_the_participant_s():
    [rec] = _one(
        "Losses\n\nMay 2, 2025\n\n"
        "The Security Service of Ukraine released an intercepted call in which the Russian soldier Matvei "
        'tells his wife about the losses. "They are grinding us down, there are no shells," Matvei says.'
    )
    assert [p.name for p in rec.participants if p.role == "soldier"] == ["Matvei"]


def test_a_unit_without_its_number_does_not_conflict_with_a_numbered_one():
    line = "The whole company got drunk before the rotation and was cut down"
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _recording([line], unit="31st Brigade")),
            _analysis("b", "Two", "2024-03-05", _recording([line], unit="Territorial Defence Regiment")),
            _analysis("c", "Three", "2024-03-05", _recording([line], unit="Marine Brigade")),
        ]
    )
    # b and c, both unnumbered and different, stay apart; a may join either
    assert sorted(len(e.carriages) for e in entries) == [1, 2]
