"""Denials found through the story's index of claims by content word are the denials that comparing
each denial with every claim of its story finds (the definition), on random corpora of denials,
their glosses, claims sharing some or most of their words, and claims repeated in many articles."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from rapidfuzz import fuzz

from purportedly.corpus.clusters import Story
from purportedly.corpus.corroboration import ClaimReport, collect_reports
from purportedly.corpus.denials import MIN_RATIO, MIN_SHARED, Denial, denials, denied_words, is_denial
from purportedly.corpus.features import ArticleMeta, ClaimRow
from purportedly.names import content_words

SUBJECTS = ["the brigade", "Russian forces", "the garrison at Velyka Pyshchana", "drone crews", "the convoy"]
VERBS = ["struck", "shelled", "mined", "abandoned", "burned", "captured"]
OBJECTS = [
    "the grain depot near Ostrivka",
    "the market in Kamianka",
    "the ferry crossing at Dubky",
    "a hospital outside Zarichne",
    "the rail bridge over the Oskil",
    "twelve fuel trucks on the highway",
]
TAILS = ["", " on Monday", " before dawn", " after the ceasefire", " for the third time"]
DENIERS = ["The defence ministry", "A spokesman", "Moscow", "The regional governor"]
CUES = ["denied", "rejected", "refuted", "dismissed"]


def proposition(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"


class ClaimsOnly:
    """A corpus view holding article metadata and claims (what ``denials`` reads)."""

    def __init__(self, seed: int, articles: int = 40) -> None:
        rng = random.Random(seed)
        self.meta = [
            ArticleMeta(
                i, f"doc{i}", f"outlet{i % 7}", None, rng.choice([None, "2024-05-02", "2024-05-03"]), None
            )
            for i in range(1, articles + 1)
        ]
        self.rows: list[ClaimRow] = []
        for article in range(1, articles + 1):
            for n in range(rng.randint(1, 7)):
                claim_id = f"c{n + 1}"  # claim ids repeat across articles, as stored
                said = proposition(rng)
                kind = rng.random()
                if kind < 0.3:
                    denial = f"{rng.choice(DENIERS)} {rng.choice(CUES)} that {said}"
                    self.rows.append(
                        ClaimRow(article, claim_id, denial, None, (), "CT-", (rng.choice(CUES),))
                    )
                    if rng.random() < 0.3:  # its gloss, a shorter negative claim inside it
                        self.rows.append(
                            ClaimRow(article, f"{claim_id}g", said, None, (), "CT-", ("denied",))
                        )
                elif kind < 0.4:  # negative, but no denial cue
                    self.rows.append(ClaimRow(article, claim_id, said, None, (), "PR-", ("not",)))
                else:
                    self.rows.append(
                        ClaimRow(article, claim_id, said, None, (), rng.choice(["CT+", "PR+", "Uu"]), ())
                    )

    def metas(self) -> Iterator[ArticleMeta]:
        return iter(self.meta)

    def claim_rows(self) -> Iterator[ClaimRow]:
        return iter(self.rows)

    def story_features(self) -> Iterator:
        return iter(())

    def stories(self, seed: int) -> list[Story]:
        """Articles dealt into a few stories, some articles in none."""
        rng = random.Random(seed)
        members: dict[int, list[int]] = {}
        for meta in self.meta:
            if rng.random() < 0.9:
                members.setdefault(rng.randrange(3), []).append(meta.id)
        return [
            Story(number + 1, tuple(ids), tuple(f"doc{i}" for i in ids), (), "", None)
            for number, ids in enumerate(members.values())
        ]


def pairwise_denials(view: ClaimsOnly, story_list: list[Story]) -> list[Denial]:
    """The definition: each denial compared with every claim of its story, every denial with
    every other for glosses."""
    cues = {(row.article_id, row.claim_id): row.cues for row in view.claim_rows()}
    reports = collect_reports(view)
    story_ids = {a: story.id for story in story_list for a in story.article_ids}
    candidates = [r for r in reports if is_denial(r, cues.get((r.article_id, r.claim_id), ()))]
    found = []
    for report in candidates:
        if any(
            other.article_id == report.article_id
            and other.claim_id != report.claim_id
            and len(other.text) > len(report.text)
            and report.text.strip(" .,") in other.text
            for other in candidates
        ):
            continue
        others = [
            r
            for r in reports
            if story_ids.get(r.article_id) == story_ids.get(report.article_id)
            and not r.factuality.endswith("-")
            and (r.article_id, r.claim_id) != (report.article_id, report.claim_id)
        ]
        found.append(Denial(report, tuple(_best_per_article(report, others))))
    return found


def _best_per_article(denial: ClaimReport, others: list[ClaimReport]) -> list[ClaimReport]:
    words = denied_words(denial.text)
    best: dict[int, tuple[tuple[int, float], ClaimReport]] = {}
    for other in others:
        theirs = set(content_words(other.text))
        shared = len(words & theirs)
        ratio = fuzz.token_set_ratio(" ".join(sorted(words)), " ".join(sorted(theirs)))
        if shared < MIN_SHARED or ratio < MIN_RATIO:
            continue
        if other.article_id not in best or (shared, ratio) > best[other.article_id][0]:
            best[other.article_id] = ((shared, ratio), other)
    return [r for _, r in sorted(best.values(), key=lambda x: (x[1].date or "", x[1].article_id))]


def as_keys(found: list[Denial]) -> list[tuple]:
    return [(d.key, tuple((r.article_id, r.claim_id) for r in d.denied)) for d in found]


@pytest.mark.parametrize("seed", range(6))
def test_indexed_denials_are_the_pairwise_denials(seed):
    view = ClaimsOnly(seed)
    story_list = view.stories(seed)
    expected = as_keys(pairwise_denials(view, story_list))
    assert len(expected) >= 5
    assert sum(len(denied) for _, denied in expected) >= 10  # denials that found what they deny
    assert as_keys(denials(view, story_list=story_list)) == expected


def test_a_claim_with_the_denials_claim_id_in_another_article_can_be_denied():
    rows = [
        ClaimRow(
            1,
            "c1",
            "The ministry denied that the brigade shelled the market in Kamianka",
            None,
            (),
            "CT-",
            ("denied",),
        ),
        ClaimRow(2, "c1", "The brigade shelled the market in Kamianka", None, (), "CT+", ()),
    ]

    class Two(ClaimsOnly):
        def __init__(self) -> None:
            self.meta = [ArticleMeta(i, f"doc{i}", None, None, None, None) for i in (1, 2)]
            self.rows = rows

    found = denials(Two(), story_list=[Story(1, (1, 2), ("doc1", "doc2"), (), "", None)])
    assert as_keys(found) == [((1, "c1"), ((2, "c1"),))]
