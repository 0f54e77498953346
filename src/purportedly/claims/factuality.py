"""FactBank-style factuality of a claim from the cues that scope over it, from the article's
presentation (value), its first source's perspective and the article author's perspective."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from purportedly.lexicons import load_data
from purportedly.model import Factuality
from purportedly.nlp.hedges.cues import CERTAINTY_RANK, CUES_FILE, CueMatch

# Cues about quantities ("at least 15") qualify a number, not whether the event happened.
NEUTRAL_CATEGORIES = frozenset({"approximator", "confirmation"})
VALUE_PREFIX = {"certain": "CT", "probable": "PR", "possible": "PS"}
# In reported content these cues are the speaker's hedging ("he said it was probably a drone");
# evidentials ("allegedly") and failed checks are the article's own wording about it.
SPEAKER_CATEGORIES = frozenset({"epistemic", "denial", "approximator", "confirmation"})
VERB_CERTAINTY = {"probable": "probable", "possible": "possible"}


def factuality_of(cues: Iterable[CueMatch]) -> Factuality:
    """Combine cues: certainty is the lowest any cue allows; a denial makes the polarity negative.

    A confirmation is recorded but never raises certainty above what another cue allows:
    "the ministry confirmed" makes the ministry sure, not the article surer than its hedges.
    """
    cues = sorted(set(cues), key=lambda c: c.start)
    certainty, negative = combine(cues)
    names = list(dict.fromkeys(" ".join(c.text.split()) for c in cues))
    if certainty == "unknown":
        return Factuality(certainty="unknown", polarity="underspecified", value="Uu", cues=names)
    polarity = "negative" if negative else "positive"
    return Factuality(certainty=certainty, polarity=polarity, value=code(certainty, negative), cues=names)


def combine(cues: Iterable[CueMatch], certainty: str = "certain", negative: bool = False) -> tuple[str, bool]:
    """The lowest certainty the cues allow, and whether an odd number of them deny."""
    for cue in cues:
        kind = cue.type
        if kind.category == "denial":
            negative = not negative
        elif (
            kind.category not in NEUTRAL_CATEGORIES
            and CERTAINTY_RANK[kind.certainty] < CERTAINTY_RANK[certainty]
        ):
            certainty = kind.certainty
    return certainty, negative


def code(certainty: str, negative: bool) -> str:
    if certainty == "unknown":
        return "Uu"
    return VALUE_PREFIX[certainty] + ("-" if negative else "+")


def with_perspectives(
    factuality: Factuality,
    verb_lemma: str | None,
    speaker_cues: Iterable[CueMatch],
    article_cues: Iterable[CueMatch],
) -> Factuality:
    """Add FactBank's source and author perspectives to a reported claim's factuality.

    The source is committed as its speech verb says ('said' CT+, 'denied' CT-, 'suggested'
    PR+), lowered by its own hedges; the author of the article is uncommitted (Uu) unless the
    verb is factive ('admitted that' presupposes the content), and then only as far as the
    article's own hedges allow.
    """
    verbs = load_verb_classes()
    verb_class = verbs.get((verb_lemma or "").lower())
    start = VERB_CERTAINTY.get(verb_class or "", "certain")
    source = code(
        *combine(
            (c for c in speaker_cues if c.type.category in SPEAKER_CATEGORIES),
            start,
            verb_class == "negative",
        )
    )
    author = "Uu"
    if verb_class == "factive":
        author = code(*combine(c for c in article_cues if c.type.category not in SPEAKER_CATEGORIES))
    return factuality.model_copy(update={"source_value": source, "author_value": author})


def own_voice(factuality: Factuality) -> Factuality:
    """The article asserting in its own voice: the author's perspective is the value itself."""
    return factuality.model_copy(update={"author_value": factuality.value})


@lru_cache(maxsize=2)
def load_verb_classes(name: str = CUES_FILE) -> dict[str, str]:
    """Speech-verb lemma -> factive / negative / probable / possible (cues.toml's [verbs])."""
    data = load_data(name).get("verbs", {})
    return {lemma.lower(): kind for kind, lemmas in data.items() for lemma in lemmas}
