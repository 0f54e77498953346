"""What a count counts, as compared across reports: the event class and the counted noun.

The class comes from the counted event (the verb: "identified", "handed over", "wounded") before
the counted noun, so "17 bodies identified" is an identification, not a death toll, and "15
wounded" is never read as killed because "the dead" appear in its sentence. Classes are data
(``data/corpus/count_event_classes.txt``); the first class naming the event word wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from purportedly.lexicons import load_lines
from purportedly.model import Count
from purportedly.names import content_words, fold

_TOKEN = re.compile(r"[\w-]+")
# the counted nouns that stand for "people" in a casualty figure (a bare "12 killed" counts people)
# nouns a death toll is counted in: "a toll of 40", "claimed 45 lives", "40 dead", "23 bodies"
# and the casualty nouns a figure is given in: "21 fatalities", "34 injuries", "the number of injured"
TALLY_NOUNS = frozenset(
    ["toll", "tolls", "number", "figure", "dead", "bodies", "body", "lives", "life"]
    + ["fatality", "fatalities", "death", "deaths", "injury", "injuries", "casualty", "casualties"]
    + ["injured", "wounded", "killed"]
)
PEOPLE_NOUNS = frozenset(
    ["people", "person", "civilian", "civilians", "resident", "residents"]
    + ["victim", "victims", "individual", "individuals"]
)


@lru_cache(maxsize=1)
def event_classes() -> tuple[tuple[str, frozenset[str]], ...]:
    """The event-class lexicon (data/corpus/count_event_classes.txt)."""
    classes = []
    for line in load_lines("corpus/count_event_classes.txt"):
        if ":" in line:
            name, members = line.split(":", 1)
            classes.append((name.strip(), frozenset(members.split())))
    return tuple(classes)


def _class_of(words: set[str]) -> str | None:
    for name, members in event_classes():
        if name in words or words & members:
            return name
    return None


TALLY = re.compile(r"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|victims|people killed))\b", re.I)


LOST_LIVES = re.compile(r"\b(?:lost|lose|losing) (?:their|his|her) li(?:fe|ves)\b", re.I)


def event_class(count: Count, sentence: str = "") -> str | None:
    """The class of the counted event: from the event word first, else from the counted noun and
    the count's own words ("the death toll", "dead"), else, for a figure whose own words name no
    event, a death toll its sentence speaks of ("the toll ... rose to 35 people"); an event no
    class knows keeps its name."""
    event_words = set(_TOKEN.findall(fold(count.event or "")))
    if len({_class_of({w}) for w in event_words} & {"killed", "wounded"}) == 2:
        return "casualties"  # 'killed and wounded': both together, neither alone
    if event_words & {"lost", "lose", "loses", "losing"} and LOST_LIVES.search(sentence):
        return "killed"  # 'lost their lives' (but 'lost their homes' is no death)
    found = _class_of(event_words) if event_words else None
    if found:
        return found
    found = _class_of(set(_TOKEN.findall(fold(" ".join(filter(None, [count.what, count.text]))))))
    if found:
        return found
    if sentence and TALLY.search(sentence) and (not count.what or what_head(count) == "people"):
        return "killed"
    return fold(count.event) if count.event else None


# words that name a casualty figure without saying what befell them: "the number of victims"
# is the dead in one report, the dead and injured in another, the injured in a translation
VAGUE_WORDS = frozenset(["victim", "victims"])
VICTIMS_TALLY = re.compile(r"\bnumber of (?:the )?victims\b", re.I)


def is_vague(count: Count, sentence: str = "") -> bool:
    """Whether the count's class rests only on 'victims' (its own words, or 'the number of
    victims' of its sentence when its own words name no event)."""
    words = set(_TOKEN.findall(fold(" ".join(filter(None, [count.event, count.what, count.text])))))
    if words & VAGUE_WORDS:
        return _class_of(words - VAGUE_WORDS) is None
    return _class_of(words) is None and bool(VICTIMS_TALLY.search(sentence))


def what_head(count: Count) -> str:
    """The counted noun's head, singular-ish: '11 conscripts' -> 'conscript'; people, civilians,
    residents and victims are all 'people' (a toll of one event, however worded); a tally noun
    ("toll", "number") counts people."""
    tokens = [t for t in content_words(count.what or "") if not t.isdigit()]
    if not tokens:
        return ""
    head = tokens[-1]
    if head in PEOPLE_NOUNS or head in TALLY_NOUNS:
        return "people"
    return head.removesuffix("s")
