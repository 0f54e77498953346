"""Origins merged through the index of same names (``SameNames``) are the origins that comparing
every pair of origins merges, on random origins: speakers spelt several ways, surnames alone,
agencies by their initials, agencies quoted as speakers, one speaker behind two releases, and
outlets reporting on their own."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations

import pytest

from purportedly.corpus.corroboration import distinct_origins, pairwise_distinct_origins
from purportedly.corpus.origins import Origin, SameNames
from purportedly.names import same_name

SPEAKERS = [
    "Ilya Brand",
    "Brand",
    "Governor Ilya Brand",
    "Olena Hrytsenko",
    "Olena Hrytsenka",
    "Hrytsenko",
    "Taras Melnyk",
    "Petro Melnyk",
    "the soldier",
    "a soldier",
    "a resident of Zarichne",
]
CARRIERS = [
    "Security Service of Ukraine",
    "SSU",
    "the SSU",
    "Main Intelligence Directorate",
    "MID",
    "Kyiv Post Wire",
]
OUTLETS = ["Evening Pulse", "the Evening Pulse", "Steppe Courier", "Steppe Courrier", "Border Herald"]


@dataclass(frozen=True)
class Report:
    origin: Origin


def random_origin(rng: random.Random) -> Origin:
    kind = rng.random()
    if kind < 0.2:
        return Origin(speaker=None, carriers=(), own_reporting=rng.choice(OUTLETS))
    if kind < 0.5:
        return Origin(speaker=rng.choice(SPEAKERS), carriers=())
    speaker = rng.choice([None, *SPEAKERS, *CARRIERS])
    carriers = tuple(rng.sample(CARRIERS, rng.choice([1, 1, 2])))
    return Origin(speaker=speaker, carriers=carriers, media=rng.choice([(), ("an intercepted call",)]))


def test_same_names_are_every_pair_same_name_holds():
    names = [*SPEAKERS, *CARRIERS, *OUTLETS, "", "the"]
    index = SameNames(names)
    for a, b in combinations(names, 2):
        assert (b in index.of(a)) == same_name(a, b), (a, b)
    assert index.of("Security Service of Ukraine") >= {"SSU", "the SSU"}
    # a name the index was not made for is compared with each name it holds
    assert "Ilya Brand" in index.of("Ilya Brandt")
    for name in names:
        assert ("Ilya Brandt" in index.of(name)) == same_name(name, "Ilya Brandt"), name


@pytest.mark.parametrize("seed", range(8))
def test_indexed_origins_are_the_pairwise_origins(seed):
    rng = random.Random(seed)
    reports = [Report(random_origin(rng)) for _ in range(rng.randint(20, 60))]
    expected = pairwise_distinct_origins(reports)
    assert 1 < len(expected) < len({r.origin for r in reports})  # some merged, not all
    assert distinct_origins(reports) == expected
    # with an index made for the whole corpus (more names than these reports carry)
    corpus = SameNames([*SPEAKERS, *CARRIERS, *OUTLETS, "Mykola Brand"])
    assert distinct_origins(reports, corpus) == expected
