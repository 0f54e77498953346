"""Marked text that is not anyone's words: numbers and IDs, handles, titles of works.

Quotation marks also wrap a tweet's numeric ID, a date in embed markup, an @handle, the name of
a show or a book ("Good Morning America", "Three Amigos"). None of them was said by anyone, so
they are not quotes. A title is told apart from a short quote by its shape (every content word
capitalised, no ! or ?), by standing inside a sentence, and by having no cue verb and no speaker:
a capitalised phrase someone is said to have said ("called it 'Total Disaster'") stays a quote.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Protocol

from purportedly.nlp.quotes.lexicon import load_set

LETTERS = re.compile(r"[^\W\d_]{2}")
HANDLE = re.compile(r"^\s*(?:[@#]\w+|https?://\S+|www\.\S+)\s*[.,]?\s*$")
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# small words a title keeps in lower case ("Talk Bernie to Me", "The Art of the Deal")
TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "vs",
    "is",
    "me",
    "my",
}
TITLE_MAX_WORDS = 6


def has_no_words(text: str) -> bool:
    """'672149874046083072', '2016-08-23', '@cspan': an ID, a date or a handle, not speech."""
    return not LETTERS.search(text) or bool(HANDLE.match(text))


def looks_like_title(text: str) -> bool:
    """'Good Morning America', 'Cake Boss.', 'Talk Bernie to Me': title case, no exclamation."""
    stripped = text.strip().rstrip(".,;:")
    if not stripped or any(mark in stripped for mark in "!?") or stripped[:1].islower():
        return False
    words = WORD.findall(stripped)
    if not 2 <= len(words) <= TITLE_MAX_WORDS or len(words) != len(stripped.split()):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    lower = [w for w in words if not w[0].isupper()]
    return len(capitalised) >= 2 and all(w.lower() in TITLE_SMALL_WORDS for w in lower)


# ---------------------------------------------------------------- the learned quote decision
# Rules find marked spans; in news articles a small model (data/models/quotes.json, trained by
# scripts/train_quotes.py on PolNeAR train) keeps or drops each one. PolNeAR leaves out scare
# quotes, titles and transcript turns, which our own gold of recorded calls counts, so the
# decision applies only where PolNeAR's conventions are the article's (the news genre); in an
# article retelling a call the rules stand.
DISPLAY = {"title", "standfirst", "key_point", "heading", "caption"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "you", "who", "us", "me"}
FIRST_PERSON = re.compile(r"\b(?:i|we|me|us|my|our|i'm|i’m|we're|we’re)\b", re.IGNORECASE)
LABEL_START = re.compile(r"^[A-Z][A-Z .'-]{1,30}:\s")


class Scorer(Protocol):
    def probabilities(self, rows: list[dict[str, float]], genre: str | None = None) -> list[float]: ...


def quote_shape(
    article: str,
    text: str,
    start: int,
    end: int,
    *,
    kind: str,
    segment: str | None,
    cue: str | None,
    cue_start: int | None,
    speaker: str | None,
    mention: str | None,
    nested: bool,
) -> dict[str, float]:
    """Named features of one marked span, from the rules' answer and the text around it."""
    words = text.split()
    n = len(words)
    line_start = article.rfind("\n", 0, start) + 1
    line_end = article.find("\n", end)
    line_end = len(article) if line_end < 0 else line_end
    before = article[line_start:start].strip(" \t\"'“”‘’")
    after = article[end:line_end].strip(" \t\"'“”‘’.,;:!?")
    stripped = text.strip().rstrip("\"'”’")
    return {
        "words": min(n, 40) / 40,
        "log_words": math.log1p(n) / 4,
        "one_word": float(n == 1),
        "few_words": float(n <= 3),
        "has_cue": float(cue is not None),
        "cue_after": float(cue_start is not None and cue_start >= end),
        "speaker_null": float(speaker is None),
        "speaker_pronoun": float((mention or "").lower() in PRONOUNS),
        "title_shape": float(looks_like_title(text)),
        "no_words": float(has_no_words(text)),
        "starts_upper": float(text.strip()[:1].isupper()),
        "all_lower": float(text == text.lower()),
        "ends_stop": float(stripped[-1:] in ".!?…"),
        "ends_comma": float(stripped[-1:] == ","),
        "display": float(segment in DISPLAY),
        "turn": float(kind == "turn"),
        "indirect": float(kind == "indirect"),
        "nested": float(nested),
        "line_alone": float(not before and not after),
        "mid_sentence": float(bool(before) and before[-1:].isalnum()),
        "first_person": float(bool(FIRST_PERSON.search(text))),
        "has_digit": float(any(ch.isdigit() for ch in text)),
        "label_start": float(bool(LABEL_START.match(text))),
        "introduced": float(_introduced(article, line_start, before)),
        "after_work_noun": float(_after_work_noun(before)),
    }


def _after_work_noun(before: str) -> bool:
    """The span stands right after a noun naming a titled work ("the report, 'X'", "the show
    'X'"): the work's title, not anyone's words."""
    tail = before.rstrip(" ,")
    if not tail[-1:].isalpha():  # a sentence or a colon ends there: the span is not the noun's title
        return False
    return WORD.findall(tail[-40:])[-1].lower() in _work_nouns()


@cache
def _work_nouns() -> frozenset[str]:
    return load_set("work_nouns.txt")


def _introduced(article: str, line_start: int, before: str) -> bool:
    """Text before the quote on its line, or else the last line before it, ends with a colon: the
    words are announced ("The message ends:", "He wrote:"), whoever turns out to own them."""
    if before:
        return before.endswith(":")
    return article[:line_start].rstrip().endswith(":")


def decided(
    quotes: list, kind: str = "kind", segment: str = "segment", nested: str = "nested_in"
) -> list[bool]:
    """Which spans the decision judges: not a labelled turn, not a quote inside another quote, not
    a headline or caption. There the conventions differ, so the rules stand: PolNeAR annotates no
    turns and no headline quotes, and its gold keeps only the outer level of marks, so a quote a
    quoted person quotes ("He told us, 'Never trust the radio'") is never a quote there, while
    our gold counts it, as it counts a label's lines and a headline's quote. ``quotes`` are Quote
    objects or their JSON dicts."""

    def get(q, name):
        return q.get(name) if isinstance(q, dict) else getattr(q, name)

    return [
        get(q, kind) != "turn" and get(q, nested) is None and get(q, segment) not in DISPLAY for q in quotes
    ]


class QuoteDecision:
    """Keep or drop a marked span in a news article: a scorer over ``quote_shape`` features and
    the threshold below which the span is not a quote."""

    def __init__(self, scorer: Scorer, threshold: float) -> None:
        self.scorer = scorer
        self.threshold = threshold

    def keep(self, shapes: list[dict[str, float]]) -> list[bool]:
        return [p >= self.threshold for p in self.scorer.probabilities(shapes)]
