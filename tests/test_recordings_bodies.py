"""Recordings set 3's classes (rec4), on fictional releases: one body written several ways (its
acronym, a nationality's adjective or its country, a known alias), a bare country as releaser, a
source misnamed by a date word (fixed in the sources step since), and a description of a
country's military beside its named forces."""

from __future__ import annotations

from purportedly import analyze
from purportedly.claims.releasers import ReleaserFinder
from purportedly.corpus.recordings import _releaser_fits, recordings, releaser_key
from purportedly.model import Analysis, Article, Source, Span
from tests.test_recordings import _analysis, _recording

LINE = "Tell the quartermaster the fuel trucks from the northern depot never reached the bridge"


def _by(releaser: str, kind: str = "military", named: bool = True, quotes=(LINE,), **people):
    rec = _recording(list(quotes), **people)
    rec.releaser, rec.releaser_kind, rec.releaser_named = releaser, kind, named
    return rec


def test_a_body_its_acronym_and_its_nationality_forms_share_one_key():
    keys = {releaser_key(n) for n in ("VDF", "Valdor Defence Forces", "Valdor Defence Force")}
    assert keys == {"vdf"}
    assert releaser_key("Israeli Defense Forces") == releaser_key("Israel Defense Forces") == "idf"
    # a known source's alias resolves to its name, whatever the nationality's form
    assert releaser_key("SBU") == releaser_key("Ukrainian Security Service") == releaser_key(
        "Security Service of Ukraine"
    )
    assert releaser_key("HUR") == releaser_key("Ukraine Defence Intelligence")
    # two people with the same initials are not one releaser
    assert releaser_key("Maria Sokolova") != releaser_key("Mikhail Sorokin")
    assert releaser_key("VDF") != releaser_key("Valdor Border Guard")


def test_a_bare_country_is_no_named_releaser():
    assert releaser_key("Israel") == ""
    assert releaser_key("Poland") == ""


def test_one_release_told_with_the_acronym_and_the_full_name_is_one_entry():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _by("VDF", soldier="Taras Ostrovsky")),
            _analysis("b", "Two", "2024-03-05", _by("Valdor Defence Forces", soldier="Taras Ostrovsky")),
        ]
    )
    assert [len(e.carriages) for e in entries] == [1 + 1]


def test_a_name_with_the_words_an_outlet_adds_to_say_what_it_is_keeps_one_key():
    assert releaser_key("Kestrel militant group") == releaser_key("Kestrel")
    assert releaser_key("the Kestrel armed group") == releaser_key("Kestrel")
    assert releaser_key("Kestrel militant group") != releaser_key("Orlan militant group")
    # a nationality with lower-case words is a description of the country's bodies, left whole
    assert releaser_key("Ukrainian military intelligence") != releaser_key("Ukrainian")
    assert releaser_key("Valdor Defence Forces") == releaser_key("VDF")  # all capitalised: untouched


def test_one_video_credited_to_a_group_with_and_without_its_description_is_one_entry():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _by("Kestrel", soldier="Taras Ostrovsky")),
            _analysis("b", "Two", "2024-03-05", _by("Kestrel militant group", soldier="Taras Ostrovsky")),
        ]
    )
    assert [len(e.carriages) for e in entries] == [1 + 1]


def test_two_bodies_with_different_acronyms_stay_apart():
    entries = recordings(
        [
            _analysis("a", "One", "2024-03-04", _by("VDF", soldier="Taras Ostrovsky")),
            _analysis("b", "Two", "2024-03-05", _by("KSB", soldier="Taras Ostrovsky")),
        ]
    )
    assert len(entries) == 2


def test_a_description_of_a_country_military_fits_its_named_forces():
    described = _by("Israeli military", named=False)
    assert _releaser_fits(described, "Israel Defense Forces")
    assert _releaser_fits(described, "IDF")  # an acronym shows no head word to compare
    assert _releaser_fits(_by("Israel", kind="unknown", named=False), "Israel Defense Forces")
    # another country's military is not the named forces
    assert not _releaser_fits(_by("Polish military", named=False), "Israel Defense Forces")
    # an intelligence description keeps needing a shared head word
    spies = _by("Ukrainian intelligence", kind="intelligence_service", named=False)
    assert not _releaser_fits(spies, "Security Service of Ukraine")
    assert _releaser_fits(spies, "Main Intelligence Directorate")


def test_a_releaser_before_a_month_cut_short_is_named_by_itself():
    # the source recogniser once named 'the Valdor navy' after the 'Oct.' of the appositive
    text = "In audio released by the Valdor navy, a raider of the Oct. 9 attack called home."
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser == "Valdor navy"


def test_a_release_told_as_background_with_its_own_modifiers_is_a_second_recording():
    text = (
        "Harbour call released\n\nMarch 4, 2025\n\n"
        "The Valdor Defence Forces on Monday released an intercepted call in which two officers discuss "
        "“moving the barges before the tide turns.” The recording could not be verified.\n\n"
        "The Marsh Security Bureau has previously released a purported radio intercept of a convoy "
        "commander who said his trucks would “wait at the salt flats until dawn.”"
    )
    found = analyze(text).recordings
    assert len(found) == 2
    assert [q.text for q in found[1].quotes] == ["wait at the salt flats until dawn."]


def _finder(text: str, mention: str, name: str, aliases: list[str]) -> ReleaserFinder:
    start = text.index(mention)
    span = Span(text=mention, start=start, end=start + len(mention))
    source = Source(id="s1", name=name, kind="intelligence_service", aliases=aliases, mentions=[span])
    analysis = Analysis(document="d", article=Article(document="d", text=text), sources=[source])
    return ReleaserFinder(analysis, set())


def test_a_description_of_another_body_than_the_one_named_is_not_that_body():
    # 'Ukraine's military intelligence' once resolved to the article's only named service, the SBU
    text = (
        "The SBU said on Monday it had detained a courier. Ukraine's military intelligence on "
        "Tuesday released an intercepted call between two officers of the brigade."
    )
    found = analyze(text).recordings
    assert found, "the recording is found"
    assert found[0].releaser != "Security Service of Ukraine"
    # one sharing a head word with the body's name is that body
    text = "Ukraine's security service on Monday released an intercepted call from the salt flats."
    finder = _finder(text, "Ukraine's security service", "Security Service of Ukraine", ["SBU"])
    [party] = finder.releasers_in(0, len(text))
    assert party.name == "Security Service of Ukraine"


def test_a_releaser_that_previously_released_is_in_a_release_relation():
    text = "The Marsh Security Bureau (MSB) has previously released a purported radio intercept."
    finder = _finder(text, "Marsh Security Bureau", "Marsh Security Bureau", [])
    assert [p.name for p in finder.releasers_in(0, len(text))] == ["Marsh Security Bureau"]
