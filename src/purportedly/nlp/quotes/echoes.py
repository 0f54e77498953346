"""Quotes that repeat another quote's words (headlines, pull quotes) take that quote's speaker."""

from __future__ import annotations

import re

from purportedly.model import Quote
from purportedly.nlp.quotes.lexicon import load_set

WORD = re.compile(r"[^\W_]+")  # runs of letters and digits, as str.isalnum() reads them
DISPLAY_SEGMENTS = {"title", "standfirst", "key_point", "heading", "caption"}
MIN_SHARED_WORDS = 0.5  # share of a headline quote's content words found in the body quote
MIN_ECHO_WORDS = 1  # even one word: "HUR releases call about 'missing' soldiers" echoes who said it
MIN_PULL_QUOTE_WORDS = 4  # a repeated body quote this long is the same words said by the same person
STOP = load_set("echo_stop_words.txt")  # words left out when two quotes are compared


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def content_words(text: str) -> set[str]:
    return {w[:5] for w in _words(text) if w not in STOP}  # a crude stem: talk / talks


def _normalised(text: str) -> str:
    return " ".join(_words(text))


def repeat_speakers(quotes: list[Quote], resolved: dict[str, str | None]) -> None:
    """A body quote with no cue of its own that repeats an attributed quote word for word (a pull
    quote set apart after a paragraph about someone else) is said by the same speaker."""
    said: dict[str, str] = {}
    for quote in quotes:
        if quote.cue is not None and quote.nested_in is None and resolved.get(quote.id):
            said.setdefault(_normalised(quote.text), resolved[quote.id])
    for quote in quotes:
        if quote.cue is not None or quote.nested_in is not None or quote.segment in DISPLAY_SEGMENTS:
            continue
        key = _normalised(quote.text)
        if len(key.split()) >= MIN_PULL_QUOTE_WORDS and key in said:
            resolved[quote.id] = said[key]


def borrow_from_matching_quotes(
    quotes: list[Quote], resolved: dict[str, str | None], is_headline_noun
) -> None:
    """An unattributed quote (headline, key point) whose words recur in an attributed one: its speaker.

    A headline quote whose speaker was only guessed from the paragraphs before it (no cue) borrows
    too: a heading opens a new entry, so the body quote it repeats knows better.
    """
    attributed = [q for q in quotes if q.nested_in is None and resolved.get(q.id) and q.segment == "body"]
    other_words: dict[str, set[str]] = {}
    for quote in quotes:
        if not _may_borrow(quote, resolved, is_headline_noun):
            continue
        words = content_words(quote.text)
        if len(words) < MIN_ECHO_WORDS:
            continue
        best, best_share = None, 0.0
        for other in attributed:
            if other.id == quote.id:
                continue
            if other.id not in other_words:
                other_words[other.id] = content_words(other.text)
            share = len(words & other_words[other.id]) / len(words)
            if share > best_share:
                best, best_share = other, share
        if best is not None and best_share >= MIN_SHARED_WORDS:
            resolved[quote.id] = resolved[best.id]


def _may_borrow(quote: Quote, resolved: dict[str, str | None], is_headline_noun) -> bool:
    display = quote.segment in DISPLAY_SEGMENTS
    # a headline's cue without a speaker ("'…' - a soldier's call home") still leaves it unattributed
    no_speaker_cue = quote.cue is None or display
    # a headline whose speaker mention named no one ("HUR releases call about '…'") borrows too
    named_no_one = quote.speaker_mention is None or display
    unattributed = no_speaker_cue and named_no_one and not resolved.get(quote.id)
    guessed = display and quote.cue is None and quote.nested_in is None
    return unattributed or guessed or is_headline_noun(quote)
