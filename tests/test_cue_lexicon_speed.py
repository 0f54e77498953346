"""The cue lexicon's regex split by first letter finds exactly what one plain alternation finds,
and hedges and claims share one lexicon object (one scan of each text)."""

from __future__ import annotations

import re

from purportedly.nlp.hedges.cues import (
    CUES_FILE,
    SPLIT_AFTER,
    CueLexicon,
    CueType,
    _may_start,
    load_cue_lexicon,
)

HEDGE = CueType(category="evidential", certainty="possible", polarity=None, hedge=True)
DENIAL = CueType(category="failed_check", certainty="unknown", polarity="underspecified", hedge=True)
GROUPS = [
    (HEDGE, ["reportedly", "(?:is|was) said to", "allegedly", "(?:not )?confirmed", "s?aid"]),
    (DENIAL, ["could not (?:be )?verif(?:y|ied)", "[a-z]+ly unverified", "unclear|not clear", "said"]),
]
TEXT = (
    "The claim, which was said to come from a soldier, reportedly reached Kyiv. It could not be "
    "verified; officials said it was not confirmed and said the figure was unclear, not clear, "
    "or wholly unverified. Aid arrived. ALLEGEDLY, a roundabout said-so; confirmed."
)


def plain_alternation(groups) -> list[tuple[int, int, str, CueType]]:
    """The lexicon's matches by one alternation of every cue, longest first (the reference)."""
    flat = sorted(((p, t) for t, patterns in groups for p in patterns), key=lambda pt: -len(pt[0]))
    spaced = [pattern.replace(" ", r"\s+") for pattern, _ in flat]
    alternatives = "|".join(f"(?P<g{i}>{pattern})" for i, pattern in enumerate(spaced))
    regex = re.compile(r"\b(?<![\w'’-])(?:" + alternatives + r")(?![\w'’])", re.IGNORECASE)
    return [(m.start(), m.end(), m.group(), flat[int(m.lastgroup[1:])][1]) for m in regex.finditer(TEXT)]


def test_split_regex_finds_what_one_alternation_finds():
    lexicon = CueLexicon(GROUPS)
    expected = plain_alternation(GROUPS)
    words = {m[2].lower() for m in expected}
    assert words >= {"reportedly", "was said to", "could not be verified", "unclear"}
    for _ in range(SPLIT_AFTER + 2):  # the plain regex first, then the one split by letter
        assert [(m.start, m.end, m.text, m.type) for m in lexicon.find(TEXT)] == expected
    assert lexicon._split is not None and lexicon._split is not lexicon.regex


def test_may_start_errs_towards_any_letter():
    assert _may_start("(?:is|was) said") == frozenset("iw")
    assert _may_start("unclear|not clear") == frozenset("un")
    assert _may_start("(?:not )?confirmed") is None  # optional group: could start anywhere after
    assert _may_start("s?aid") is None
    assert _may_start("[a-z]+ly") is None


def test_one_lexicon_object_however_asked_for():
    assert load_cue_lexicon() is load_cue_lexicon(CUES_FILE)
