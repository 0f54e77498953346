"""Cross-article logic on hand-built analyses: origins, corroboration, quotes, clusters, contradictions,
entities, timeline (the end-to-end corpus test runs the real analyser)."""

from __future__ import annotations

from purportedly import corpus
from purportedly.corpus.contradictions import CountReport, compatible
from purportedly.corpus.corroboration import Origin, distinct_origins, origin_of
from purportedly.corpus.quotes_match import same_quote
from purportedly.model import Entity
from tests.corpus.factory import chain, make_analysis

FUEL = "The officers sell our diesel to the villagers by the barrel and the tanks stand still without fuel"
FUEL_RETRANSLATED = (
    "Our officers are selling the diesel to villagers by the barrel, so the tanks stand without fuel"
)


def relayed(document, outlet, releaser, speaker="the soldier", words=FUEL, relay=None):
    links = [(speaker, "speaker"), ("intercepted call", "recording"), (releaser, "releaser")]
    links += [(relay, "relay")] if relay else []
    text = f'"{words}," {speaker} said in a call released by {releaser}.'
    return make_analysis(
        document,
        text,
        outlet=outlet,
        day="2024-03-06",
        quotes=[(words, speaker)],
        claims=[(words, chain(*links, (outlet, "article")))],
    )


def test_origin_is_the_chain_root_beyond_relays():
    links = chain(
        ("the soldier", "speaker"),
        ("call", "recording"),
        ("SSU", "releaser"),
        ("Kyiv Post", "relay"),
        ("Daily", "article"),
    )
    origin = origin_of(links, "Daily")
    assert origin.speaker == "the soldier" and origin.carriers == ("SSU",)
    assert "Kyiv Post" not in origin.label
    assert origin_of(chain(("Daily", "article")), "Daily").own_reporting == "Daily"


def test_two_outlets_relaying_one_agency_recording_are_one_origin():
    analyses = [
        relayed("a.txt", "Harbour Post", "the SSU"),
        relayed("b.txt", "Valley Times", "Security Service of Ukraine", relay="Kyiv Post"),
        relayed("c.txt", "Evening Pulse", "Ukraine's SSU", words=FUEL_RETRANSLATED),
    ]
    [claim] = corpus.corroboration(analyses)
    assert len(claim.article_ids) == 3
    assert claim.independent_origins == 1
    assert "single origin" in claim.summary


def test_independent_sources_count_separately():
    governor = "A drone struck the fuel depot in Lysovka overnight and started a fire"
    agency = "Drones of the directorate struck the fuel depot in Lysovka overnight and started a fire"
    analyses = [
        make_analysis(
            "g.txt",
            f"Governor Ilya Brand said {governor}.",
            outlet="Harbour Post",
            claims=[(governor, chain(("Ilya Brand", "speaker"), ("Harbour Post", "article")))],
        ),
        make_analysis(
            "h.txt",
            f"A source in the directorate said {agency}.",
            outlet="Valley Times",
            claims=[
                (
                    agency,
                    chain(
                        ("a source in the directorate", "speaker"),
                        ("Ukrainska Pravda", "relay"),
                        ("Valley Times", "article"),
                    ),
                )
            ],
        ),
        make_analysis(
            "i.txt",
            f"Governor Brand said {governor}.",
            outlet="Evening Pulse",
            claims=[(governor, chain(("Governor Brand", "speaker"), ("Evening Pulse", "article")))],
        ),
    ]
    [claim] = corpus.corroboration(analyses)
    assert claim.independent_origins == 2
    assert len(claim.article_ids) == 3


def test_a_vague_speaker_never_fuses_two_releases():
    a = Origin(speaker="the soldier", carriers=("SSU",))
    b = Origin(speaker="the soldier", carriers=("Main Intelligence Directorate",))
    vague = Origin(speaker="the soldier", carriers=())
    reports = [type("R", (), {"origin": o})() for o in (a, b, vague)]
    assert len(distinct_origins(reports)) == 3
    reports = [type("R", (), {"origin": o})() for o in (a, vague)]
    assert len(distinct_origins(reports)) == 1


def test_same_quote_trimmed_or_retranslated_but_not_a_different_one():
    assert same_quote(FUEL, "sell our diesel to the villagers by the barrel")
    assert same_quote(FUEL, FUEL_RETRANSLATED)
    assert not same_quote(FUEL, "We have not eaten a hot meal in three weeks in this trench")
    groups = corpus.quote_groups(
        [
            relayed("a.txt", "A", "SSU"),
            relayed("b.txt", "B", "SSU", words=FUEL_RETRANSLATED),
            relayed("c.txt", "C", "SSU", words="Nobody has paid us since the winter began"),
        ]
    )
    assert [g.article_ids for g in groups] == [[1, 2]]


def test_stories_cluster_retellings_and_keep_unrelated_apart():
    text = (
        "Engineers reopened the river bridge near Hlukhiv on Friday after eight months of repairs, the "
        "regional road service said. Trucks carrying grain crossed the bridge in the afternoon."
    )
    retold = (
        "The river bridge near Hlukhiv reopened on Friday after eight months of repairs, according to the "
        "regional road service. Grain trucks crossed the bridge that afternoon."
    )
    other = "A cyberattack disrupted payments at a state bank for several hours on Saturday, the bank said."
    analyses = [make_analysis("a.txt", text), make_analysis("b.txt", other), make_analysis("c.txt", retold)]
    found = corpus.stories(analyses)
    assert [sorted(s.article_ids) for s in found] == [[1, 3], [2]]


def test_counts_that_cannot_both_be_true_are_a_contradiction():
    a = make_analysis(
        "a.txt",
        "Officials said 11 conscripts were killed in the shooting at the range.",
        outlet="Harbour Post",
        counts=[("11 conscripts were killed", 11, None, "conscripts", "killed")],
    )
    b = make_analysis(
        "b.txt",
        "A channel said 12 conscripts were killed in the shooting at the range.",
        outlet="Valley Times",
        counts=[("12 conscripts were killed", 12, None, "conscripts", "killed")],
    )
    c = make_analysis(
        "c.txt",
        "At least 11 conscripts died in the shooting at the range, officials said.",
        outlet="Evening Pulse",
        counts=[("At least 11 conscripts died", 11, "at least", "conscripts", "died")],
    )
    [found] = corpus.contradictions([a, b, c])
    assert found.numbers == (11, 12)
    assert {r.outlet for r in found.reports} == {"Harbour Post", "Valley Times", "Evening Pulse"}
    assert "11 (" in found.summary and "12 (" in found.summary
    assert corpus.contradictions([b, c]) == []


def test_count_compatibility():
    def report(number, qualifier=None, article=1):
        return CountReport(article, "d", None, number, qualifier, "", None)

    assert not compatible(report(11), report(12))
    assert compatible(report(11, "at least"), report(12))
    assert not compatible(report(13, "at least"), report(12))
    assert compatible(report(20, "about"), report(22))
    assert compatible(report(10, "up to"), report(7))


def test_differing_counts_in_one_article_or_different_stories_are_not_contradictions():
    one = make_analysis(
        "a.txt",
        "Shelling killed 3 people in Kupiansk. Another strike killed 5 people in Izium.",
        entities=[("Kupiansk", "GPE", []), ("Izium", "GPE", [])],
        counts=[
            ("killed 3 people", 3, None, "people", "killed"),
            ("killed 5 people", 5, None, "people", "killed"),
        ],
    )
    other = make_analysis(
        "b.txt",
        "A missile strike on a port warehouse killed 7 people overnight.",
        counts=[("killed 7 people", 7, None, "people", "killed")],
    )
    assert corpus.contradictions([one, other]) == []


def test_entities_merge_transliterations_and_surnames():
    a = make_analysis(
        "a.txt",
        "President Volodymyr Zelenskyy met troops. Zelenskyy said Kyiv would hold.",
        entities=[("Volodymyr Zelenskyy", "PERSON", []), ("Kyiv", "GPE", [])],
    )
    b = make_analysis(
        "b.txt",
        "Zelensky visited Kiev on Monday.",
        entities=[("Zelensky", "PERSON", []), ("Kiev", "GPE", ["Kyiv"])],
    )
    c = make_analysis(
        "c.txt",
        "Oleksandr Ivanov and Petro Ivanenko spoke.",
        entities=[("Oleksandr Ivanov", "PERSON", []), ("Petro Ivanenko", "PERSON", [])],
    )
    found = {e.name: e for e in corpus.entities([a, b, c])}
    assert set(found["Volodymyr Zelenskyy"].aliases) == {"Zelensky"}
    assert found["Volodymyr Zelenskyy"].article_ids == (1, 2)
    kyiv = next(e for e in found.values() if e.type == "GPE")
    assert {kyiv.name, *kyiv.aliases} == {"Kyiv", "Kiev"} and kyiv.article_ids == (1, 2)
    assert "Oleksandr Ivanov" in found and "Petro Ivanenko" in found


def test_timeline_orders_dated_events_with_their_counts():
    a = make_analysis(
        "a.txt",
        "On 5 March a strike killed 4 people. Nothing happened later.",
        times=[("5 March", "2024-03-05")],
        counts=[("killed 4 people", 4, None, "people", "killed")],
    )
    b = make_analysis(
        "b.txt",
        "Talks resumed on 2 March. A year ago they stalled.",
        times=[("2 March", "2024-03-02"), ("A year ago", None)],
    )
    events = corpus.timeline([a, b])
    assert [(e.date, e.document) for e in events] == [("2024-03-02", "b.txt"), ("2024-03-05", "a.txt")]
    assert events[1].sentence == "On 5 March a strike killed 4 people."
    assert events[1].counts == ("killed 4 people",)


def test_claims_about_a_topic_follow_entity_aliases():
    a = relayed(
        "a.txt", "Harbour Post", "SSU", words="Fuel is sold in Kiev markets by the officers of our unit"
    )
    a.entities.append(Entity(id="e1", name="Kyiv", type="GPE", aliases=["Kiev"]))
    assert [c.text for c in corpus.claims_about([a], "Kyiv")] == [a.claims[0].text]
    assert corpus.claims_about([a], "Odesa") == []


def test_large_inputs_are_hashed_or_blocked_but_find_the_same_pairs(monkeypatch):
    from purportedly.corpus import common

    texts = [
        FUEL,
        FUEL_RETRANSLATED,
        "Nobody has paid us since the winter began, the men say",
        FUEL + " again",
    ]
    exact = set(common.similar_pairs(texts, cutoff=72, min_shared=4))
    monkeypatch.setattr(common, "EXACT_LIMIT", 2)
    hashed = set(common.similar_pairs(texts, cutoff=72, min_shared=4))
    blocked = set(common.similar_pairs(texts, cutoff=72, min_shared=4, blocks=["a", "a", "b", "b"]))
    assert exact == {(0, 1), (0, 3), (1, 3)}
    assert hashed == exact
    assert blocked == {(0, 1)}  # pairs across blocks are not compared


def test_one_name_mistagged_in_one_article_is_still_one_entity():
    texts = ["Smoke rose over Lysovka.", "Residents of Lysovka fled.", "Lysovka was shelled."]
    types = ["GPE", "GPE", "PERSON"]
    analyses = [
        make_analysis(f"{i}.txt", t, entities=[("Lysovka", kind, [])])
        for i, (t, kind) in enumerate(zip(texts, types, strict=True))
    ]
    [place] = corpus.entities(analyses)
    assert place.type == "GPE" and place.article_ids == (1, 2, 3)


def test_one_wire_template_filled_with_two_villages_is_two_stories():
    template = (
        "Ukraine's security service on {day} released an intercepted call in which a Russian soldier tells "
        "his {relative} that his unit {deed} near the village of {place}. The agency posted the recording on "
        "its Telegram channel. We could not independently verify the recording."
    )
    stories_told = [
        ("Sunday", "mother", "abandoned its wounded after a failed assault", "Hlynove"),
        ("Friday", "wife", "was ordered to shoot deserters in the back", "Sosnivka"),
        ("Sunday", "sister", "left its wounded behind after the assault failed", "Hlynove"),
    ]
    analyses = [
        make_analysis(
            f"{n}.txt",
            template.format(day=d, relative=r, deed=x, place=p),
            entities=[(p, "GPE", []), ("Ukraine", "GPE", [])],
        )
        for n, (d, r, x, p) in enumerate(stories_told)
    ]
    found = corpus.stories(analyses)
    assert sorted(sorted(s.article_ids) for s in found) == [[1, 3], [2]]


def test_a_generic_claim_in_two_unrelated_stories_is_not_one_claim():
    generic = "The security service released the intercepted call on its Telegram channel on Sunday"
    stories_told = [
        (
            "a.txt",
            "Hlynove",
            "Soldiers near Hlynove abandoned their wounded after a failed assault on the ridge.",
        ),
        (
            "b.txt",
            "Sosnivka",
            "Gunners at Sosnivka were ordered to fire on deserters crossing the frozen river.",
        ),
    ]
    analyses = [
        make_analysis(
            name,
            f"{story} {generic}.",
            entities=[(place, "GPE", [])],
            claims=[(generic, chain(("security service", "speaker"), ("Outlet", "article")))],
        )
        for name, place, story in stories_told
    ]
    assert len(corpus.stories(analyses)) == 2
    assert [len(c.article_ids) for c in corpus.corroboration(analyses)] == [1, 1]
