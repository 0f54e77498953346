"""The story-evidence rules and the figure rules on their own (no analyser): how each kind of
evidence counts, lower bounds, increments, what each count counts, revisions and their flags."""

from __future__ import annotations

from datetime import date

from purportedly import corpus
from purportedly.corpus.contradictions import CountReport, compatible, is_increment
from purportedly.corpus.count_classes import event_class, what_head
from purportedly.corpus.story_evidence import ArticleEvidence, judge, name_weights, shared_names
from purportedly.model import Count
from tests.corpus.factory import make_analysis


def evidence(names=(), day=None, figures=(), quotes=(), title=""):
    item = ArticleEvidence(names=frozenset(names), day=day, figures=frozenset(figures), title=title)
    item.quote_groups.update(quotes)
    item.headline_names = frozenset(n for n in item.names if n in title)
    return item


WEIGHTS = {"velykyi brid": 1.0, "oksana hrytsai": 1.0, "staryi lyman": 1.0, "kharkiv": 1.0}


def test_a_retelling_by_another_outlet_joins_on_its_particulars():
    a = evidence({"velykyi brid", "oksana hrytsai"}, date(2025, 5, 12))
    b = evidence({"velykyi brid"}, date(2025, 5, 12))
    assert judge(a, b, (0.12, 9.0), WEIGHTS).same_story  # few shared words, but place and day
    later = evidence({"velykyi brid", "oksana hrytsai"}, date(2025, 5, 15))
    assert judge(a, later, (0.10, 8.0), WEIGHTS).same_story  # an update three days on


def test_look_alikes_stay_apart():
    here = evidence({"velykyi brid"}, date(2025, 5, 12), title="strike on velykyi brid market")
    there = evidence({"staryi lyman"}, date(2025, 5, 13), title="strike on staryi lyman market")
    verdict = judge(here, there, (0.45, 20.0), WEIGHTS)  # the same wire template, another town
    assert not verdict.same_story
    weeks_later = evidence({"velykyi brid"}, date(2025, 7, 20))
    assert not judge(here, weeks_later, (0.2, 10.0), WEIGHTS).same_story  # same town, another strike


def test_a_shared_region_alone_anchors_nothing():
    weights = name_weights({1: {"donetsk region", "bakhmut"}, 2: {"donetsk region", "kostiantynivka"}}, 10)
    assert weights["donetsk region"] < 0.5 <= weights["bakhmut"]
    a = evidence({"donetsk region", "bakhmut"}, date(2025, 5, 12))
    b = evidence({"donetsk region", "kostiantynivka"}, date(2025, 5, 12))
    verdict = judge(a, b, (0.35, 20.0), weights)  # alike words, one day, one region, two towns
    assert not verdict.same_story


def test_copies_need_nothing_else_and_are_marked():
    verdict = judge(evidence(), evidence(), (0.93, 40.0), WEIGHTS)
    assert verdict.same_story and verdict.near_duplicate


def test_a_quote_and_a_figure_count_as_evidence():
    a = evidence({"velykyi brid"}, date(2025, 5, 12), figures={("killed", 14)}, quotes={3})
    b = evidence({"velykyi brid"}, date(2025, 5, 13), figures={("killed", 14)}, quotes={3})
    verdict = judge(a, b, (0.03, 2.0), WEIGHTS)
    assert verdict.same_story and "a shared quote" in verdict.reasons


def test_names_spelt_differently_in_translation_still_match():
    assert shared_names({"kharkiv", "oleh syniehubov"}, {"charkiv", "oleg synegubov"})
    assert not shared_names({"kharkiv"}, {"kherson"})


def count(text, number, qualifier=None, what=None, event=None):
    return Count(
        number=number, qualifier=qualifier, what=what, event=event, text=text, start=0, end=len(text)
    )


def test_what_each_count_counts():
    assert event_class(count("17 of the bodies", 17, what="bodies", event="identified")) == "identified"
    assert event_class(count("9 bodies", 9, what="bodies", event="handed over")) == "handed_over"
    assert event_class(count("30 bodies", 30, what="bodies", event="sent")) == "moved"
    assert event_class(count("15", 15, event="wounded")) == "wounded"
    assert event_class(count("20", 20, event="dead")) == "killed"
    assert event_class(count("21", 21, what="toll", event="Brid")) == "killed"  # 'the toll rose to 21'
    assert what_head(count("12 civilians", 12, what="civilians")) == what_head(count("x", 12, what="people"))
    assert is_increment(count("A further 31 people", 31, "a further", "people", "wounded"))


def test_lower_bounds_and_estimates():
    def report(number, qualifier=None):
        return CountReport(1, "d", None, number, qualifier, "", None)

    assert compatible(report(14, "at least"), report(21))
    assert compatible(report(50, "more than"), report(288))
    assert not compatible(report(14, "at least"), report(12))
    assert compatible(report(50, "about"), report(55)) and not compatible(report(50, "about"), report(288))


def toll_article(document, outlet, day, number, qualifier=None):
    words = f"{qualifier} {number}" if qualifier else str(number)
    text = f"The strike on the ferry port of Ostriv killed {words} people, officials said."
    return make_analysis(
        document,
        text,
        outlet=outlet,
        day=day,
        entities=[("Ostriv", "GPE", [])],
        counts=[(f"killed {words} people", number, qualifier, "people", "killed")],
    )


def test_a_toll_over_days_is_a_revision_flagged_when_it_goes_down():
    analyses = [
        toll_article("a.txt", "Harbour Post", "2025-02-01", 50, "about"),
        toll_article("b.txt", "Valley Times", "2025-02-02", 288),
        toll_article("c.txt", "Evening Pulse", "2025-02-03", 275),
        toll_article("d.txt", "Daily Ledger", "2025-02-04", 288),
    ]
    [found] = corpus.contradictions(analyses)
    assert found.kind == "revision" and "went down" in found.flags
    assert [(r.date, r.number) for r in found.reports] == [
        ("2025-02-01", 50),
        ("2025-02-02", 288),
        ("2025-02-03", 275),
        ("2025-02-04", 288),
    ]
    assert "same-day disagreement" not in found.flags
    rising = corpus.contradictions([analyses[0], analyses[1]])
    assert [f.flags for f in rising] == [()]


def test_a_tally_of_the_war_is_not_the_storys_figure():
    background = make_analysis(
        "c.txt",
        "The strike on the ferry port of Ostriv killed 12 people. Russian strikes have killed "
        "9,000 civilians since the invasion began.",
        outlet="Evening Pulse",
        day="2025-02-01",
        entities=[("Ostriv", "GPE", [])],
        counts=[
            ("killed 12 people", 12, None, "people", "killed"),
            ("killed 9,000 civilians", 9000, None, "civilians", "killed"),
        ],
    )
    assert corpus.contradictions([toll_article("a.txt", "Harbour Post", "2025-02-01", 12), background]) == []


def test_same_day_figures_that_cannot_both_hold_are_a_contradiction():
    found = corpus.contradictions(
        [
            toll_article("a.txt", "Harbour Post", "2025-02-01", 12),
            toll_article("b.txt", "Valley Times", "2025-02-01", 14, "at least"),
        ]
    )
    assert [f.kind for f in found] == ["contradiction"]
    assert corpus.contradictions(
        [
            toll_article("a.txt", "Harbour Post", "2025-02-01", 21),
            toll_article("b.txt", "Valley Times", "2025-02-01", 14, "at least"),
        ]
    ) == []


def test_how_a_death_toll_is_worded():
    """The analyser reads each wording as a count, and its class is killed (or not), in words of
    our own; a toll is never read from 'lost their homes' or a bare verb with an object."""
    from purportedly import analyze

    killed = [
        "The death toll hit 30.",
        "The number of dead reached 45 on Tuesday.",
        "The attack claimed 45 lives.",
        "Forty-five people lost their lives.",
        "Authorities said at least 40 people are dead.",
        "The attack left 20 dead and 15 wounded.",
        "The toll was lowered to 275.",
        "Officials revised the death toll down to 19 on Thursday.",
    ]
    for sentence in killed:
        counts = analyze(sentence, document="t").counts
        assert counts, sentence
        assert event_class(counts[0], sentence) == "killed", sentence
    for sentence in ["Forty-five people lost their homes.", "The soldiers reached 45 villages."]:
        assert all(event_class(c, sentence) != "killed" for c in analyze(sentence, document="t").counts)
    wounded = analyze("The attack left 20 dead and 15 wounded.", document="t").counts
    assert [(c.number, event_class(c)) for c in wounded] == [(20, "killed"), (15, "wounded")]
