"""Marked text that is not anyone's words: numbers and IDs, handles, titles of works.

Quotation marks also wrap a tweet's numeric ID, a date in embed markup, an @handle, the name of
a show or a book ("Good Morning America", "Three Amigos"). None of them was said by anyone, so
they are not quotes. A title is told apart from a short quote by its shape (every content word
capitalised, no ! or ?), by standing inside a sentence, and by having no cue verb and no speaker:
a capitalised phrase someone is said to have said ("called it 'Total Disaster'") stays a quote.
"""

from __future__ import annotations

import re

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
