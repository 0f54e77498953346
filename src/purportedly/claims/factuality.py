"""FactBank-style factuality of a claim from the cues that scope over it."""

from __future__ import annotations

from collections.abc import Iterable

from purportedly.model import Factuality
from purportedly.nlp.hedge_cues import CERTAINTY_RANK, CueMatch

# Cues about quantities ("at least 15") qualify a number, not whether the event happened.
NEUTRAL_CATEGORIES = frozenset({"approximator", "confirmation"})
VALUE_PREFIX = {"certain": "CT", "probable": "PR", "possible": "PS"}


def factuality_of(cues: Iterable[CueMatch]) -> Factuality:
    """Combine cues: certainty is the lowest any cue allows; a denial makes the polarity negative.

    A confirmation is recorded but never raises certainty above what another cue allows:
    "the ministry confirmed" makes the ministry sure, not the article surer than its hedges.
    """
    cues = sorted(set(cues), key=lambda c: c.start)
    certainty = "certain"
    negative = False
    for cue in cues:
        kind = cue.type
        if kind.category == "denial":
            negative = not negative
        elif (
            kind.category not in NEUTRAL_CATEGORIES
            and CERTAINTY_RANK[kind.certainty] < CERTAINTY_RANK[certainty]
        ):
            certainty = kind.certainty
    names = list(dict.fromkeys(" ".join(c.text.split()) for c in cues))
    if certainty == "unknown":
        return Factuality(certainty="unknown", polarity="underspecified", value="Uu", cues=names)
    polarity = "negative" if negative else "positive"
    sign = "-" if negative else "+"
    return Factuality(
        certainty=certainty, polarity=polarity, value=VALUE_PREFIX[certainty] + sign, cues=names
    )
