"""Figures compared once per figure (number and qualifier) flag exactly what comparing every pair
of reports flags: contradiction or revision, same-day disagreement, a figure that went down."""

from __future__ import annotations

import random

import pytest

from purportedly.corpus.contradictions import CountReport, _distinct, _judge, _went_down, incompatible_pairs


def reports(seed: int) -> list[CountReport]:
    rng = random.Random(seed)
    out = []
    for article in range(rng.randint(2, 12)):
        out.append(
            CountReport(
                article_id=article,
                document=f"d{article}",
                outlet=rng.choice(["Eastwire", "Ledger", "Tabloid", None]),
                number=rng.choice([11, 12, 14, 20]),
                qualifier=rng.choice([None, None, "at least", "about", "up to"]),
                text="",
                attributed_to=None,
                date=rng.choice([None, "2024-05-01", "2024-05-01", "2024-05-02"]),
            )
        )
    return _distinct(out)


def pairwise(found: list[CountReport]):
    """The verdict from every pair of reports (the definition)."""
    pairs = incompatible_pairs(found)
    if not pairs:
        return None
    if not any(a.date and b.date and a.date != b.date for a, b in pairs):
        return "contradiction", ()
    ordered = sorted(found, key=lambda r: (r.date or "9999", r.number, r.article_id))
    flags = []
    if any(a.date and a.date == b.date and a.outlet != b.outlet for a, b in pairs):
        flags.append("same-day disagreement")
    if _went_down(ordered):
        flags.append("went down")
    return "revision", tuple(flags)


@pytest.mark.parametrize("seed", range(60))
def test_by_figure_is_by_pair(seed):
    found = reports(seed)
    expected = pairwise(found)
    judged = _judge(1, "killed", "people", found)
    if judged is None:
        assert expected is None
    else:
        assert (judged.kind, judged.flags if judged.kind == "revision" else ()) == expected


def test_the_random_cases_cover_every_verdict():
    verdicts = {pairwise(reports(seed)) for seed in range(60)}
    kinds = {v[0] if v else None for v in verdicts}
    assert kinds == {None, "contradiction", "revision"}
    assert any(v and "same-day disagreement" in v[1] for v in verdicts)
