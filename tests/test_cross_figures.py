"""How tolls are worded across reports, on our own articles (tests/articles/stories_figures/):
one fictional theatre strike told by five outlets over two days, each wording its figures
another way (a Title Case headline, "says 21 dead, 57 injured", "killing at least 21" in "one of
the deadliest attacks since the war began", "the number of those killed / of injured rose to",
"the death toll of the strike ... reaching 24 victims", "24 fatalities and 63 injuries", "the
number of victims increased to 63" beside "63 people were injured", numbers in words), plus a
look-alike in another town. And the figure rules on their own: bounds, increments, vague
victims, a ranked "since"."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly import analyze, corpus
from purportedly.corpus.contradictions import is_background, is_increment
from purportedly.corpus.count_classes import event_class, is_vague
from purportedly.engines.ingest import ingest_paths
from purportedly.model import Count
from purportedly.store import Store
from tests.corpus.factory import make_analysis
from tests.test_cross_stories import scorer_lines

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles" / "stories_figures"
GOLD = ARTICLES / "gold.json"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("figures") / "figures.db"
    with Store.open(path) as store:
        summary = ingest_paths(store, [str(ARTICLES)])
    assert (summary.stored, summary.failed) == (6, 0)
    return str(path)


@pytest.fixture(scope="module")
def figures(db):
    with Store.open(db, read_only=True) as store:
        return corpus.contradictions(store)


def reports_of(figures, event):
    [item] = [f for f in figures if f.event == event and f.what == "people"]
    return item, {Path(r.document).name: (r.qualifier, r.number) for r in item.reports}


def test_each_wording_gives_the_reports_toll(figures):
    toll, by_document = reports_of(figures, "killed")
    assert by_document == {
        "t1_courier_headline.txt": (None, 18),  # 'Theatre Kills 18' (Title Case headline only)
        "t2_sentinel_dead_injured.txt": (None, 21),  # 'says 21 dead', in a ranked 'since' sentence
        "t3_wire_number_of.txt": (None, 21),  # 'the number of those killed ... rose to 21'
        "t4_daily_toll_of.txt": (None, 24),  # 'the toll now reaching a grim 24 victims'
        "t5_herald_victims.txt": (None, 24),  # 'Twenty-four died', not the 63 'victims'
    }
    assert toll.kind == "revision"
    assert [r.date for r in toll.reports] == sorted(r.date for r in toll.reports)
    assert "same-day disagreement" in toll.flags and "went down" not in toll.flags


def test_injured_and_wounded_are_one_class(figures):
    _, by_document = reports_of(figures, "wounded")
    assert by_document == {
        "t1_courier_headline.txt": ("more than", 40),  # a floor, not an increment
        "t2_sentinel_dead_injured.txt": (None, 57),  # '57 injured' and 'wounding 57 others'
        "t3_wire_number_of.txt": (None, 60),  # 'the number of injured climbed to 60 people'
        "t4_daily_toll_of.txt": (None, 63),  # 'confirmed ... 63 injuries'
        "t5_herald_victims.txt": (None, 63),  # 'Sixty-three people were injured'
    }


def test_a_share_of_the_dead_is_counted_as_who_they_are(figures):
    [children] = [f for f in figures if f.event == "killed" and f.what == "children"]
    by_document = {Path(r.document).name: r.number for r in children.reports}
    assert by_document == {"t2_sentinel_dead_injured.txt": 5, "t3_wire_number_of.txt": 4}  # 'Four of them'


def test_the_look_alike_is_never_compared(figures):
    assert all("t6_" not in r.document for f in figures for r in f.reports)


def test_the_scorer_on_our_figures_gold(db):
    lines = scorer_lines(GOLD, db)
    assert lines["stories"].startswith("P 1.000  R 1.000  F1 1.000")
    assert lines["contradictions"].startswith("P 1.000  R 1.000")


def test_how_casualty_figures_are_worded():
    """Each wording is read as a count of its class, in sentences of our own."""
    cases = [
        ("Officials say 30 dead, 75 injured in the depot fire.", [(30, "killed"), (75, "wounded")]),
        ("Drone Strike on Bus Depot Kills 12 in Hlybokyi", [(12, "killed")]),
        ("Shelling of Port Leaves at Least 9 Dead", [(9, "killed")]),
        ("The number of those killed in the shelling rose to 14.", [(14, "killed")]),
        ("The number of injured climbed to 40 people, officials said.", [(40, "wounded")]),
        ("The death toll of the drone attack on the depot rose to 17.", [(17, "killed")]),
        ("The death toll is now reaching 23 victims, the mayor said.", [(23, "killed")]),
        ("Investigators confirmed 11 fatalities and 29 injuries.", [(11, "killed"), (29, "wounded")]),
        ("Eight people are dead, including a boy, and 56 more injured.", [(8, "killed"), (56, "wounded")]),
        ("At least 30 people died. Four of them were children.", [(30, "killed"), (4, "killed")]),
        ("Two of the injured were firefighters.", [(2, "wounded")]),
    ]
    for sentence, expected in cases:
        counts = analyze(sentence, document="t").counts
        assert [(c.number, event_class(c, sentence)) for c in counts] == expected, sentence


def test_a_title_case_line_is_read_only_for_casualty_words():
    assert analyze("Brigade 5 Returns Home After Long Tour", document="t").counts == []


def count(number, qualifier=None, what=None, event=None, text=None):
    text = text or str(number)
    return Count(
        number=number, qualifier=qualifier, what=what, event=event, text=text, start=0, end=len(text)
    )


def test_bounds_are_not_increments():
    assert not is_increment(count(50, "more than", "people", "killed"))
    assert is_increment(count(31, "a further", "people", "wounded"))
    assert is_increment(count(75, "another", None, "injured"))


def test_victims_alone_are_vague():
    assert is_vague(count(63, what="victims", event="victims"))
    assert is_vague(count(63, what="people", event="people"), "The number of victims rose to 63 people.")
    assert not is_vague(count(63, what="people", event="injured"), "The number of victims rose to 63.")


def test_a_ranked_since_is_not_a_tally_of_the_war():
    assert not is_background("It was one of the deadliest attacks since the war began, killing 21 people.")
    assert is_background("Strikes have killed 9,000 civilians since the war began.")


FRAME = (
    "The drone strike hit the ferry port of Ostriv on Monday morning, the regional governor "
    "Ivan Petrash said. "
)


def article(document, day, text, counts):
    """An article of one story (the same frame sentence) with the given figures after it."""
    return make_analysis(
        document,
        FRAME + text,
        outlet=document,
        day=day,
        entities=[("Ostriv", "GPE", []), ("Ivan Petrash", "PERSON", [])],
        counts=counts,
    )


def test_an_addition_is_left_out_only_after_a_figure_of_its_kind():
    added = article(
        "a.txt",
        "2025-02-01",
        "12 people were wounded on Monday. A further 30 were wounded on Tuesday.",
        [("12 people", 12, None, "people", "wounded"), ("A further 30", 30, "a further", None, "wounded")],
    )
    beside = article(
        "b.txt",
        "2025-02-01",
        "53 people died, and another 75 were injured.",
        [("53 people", 53, None, "people", "died"), ("another 75", 75, "another", None, "injured")],
    )
    assert [len(s.article_ids) for s in corpus.stories([added, beside])] == [2]
    [found] = corpus.contradictions([added, beside])
    assert found.event == "wounded"
    assert sorted((Path(r.document).name, r.number) for r in found.reports) == [("a.txt", 12), ("b.txt", 75)]


def test_victims_told_again_as_injured_are_not_a_death_toll():
    herald = article(
        "h.txt",
        "2025-02-01",
        "The number of victims increased to 63. 63 people were injured. 24 died.",
        [
            ("63", 63, None, "victims", "victims"),
            ("63 people", 63, None, "people", "injured"),
            ("24", 24, None, None, "died"),
        ],
    )
    other = article(
        "o.txt",
        "2025-02-01",
        "24 people died and 30 were injured.",
        [("24 people", 24, None, "people", "died"), ("30", 30, None, None, "injured")],
    )
    assert [len(s.article_ids) for s in corpus.stories([herald, other])] == [2]
    # the injured disagree (63 and 30); the dead agree (24): the 63 'victims' are no death toll
    found = corpus.contradictions([herald, other])
    assert [(f.event, f.numbers) for f in found] == [("wounded", (30, 63))]
