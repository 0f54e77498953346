"""Read the number a token starts: digits, number words, 'Forty-seven', 'a dozen'; None if not a count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from purportedly.lexicons import load_data

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
HYPHENS = {"-", "–", "‑"}


@dataclass
class NumberSpan:
    """A whole number written in the text, spanning tokens [start, end)."""

    value: int
    start: int
    end: int


class NumberReader:
    """Turns tokens into integers using the number-word lexicon."""

    def __init__(self, number_words_file: str = "facts/number_words.json") -> None:
        data = load_data(number_words_file, keys=("units", "tens", "multipliers", "collectives"))
        self.units: dict[str, int] = data["units"]
        self.tens: dict[str, int] = data["tens"]
        self.multipliers: dict[str, int] = data["multipliers"]
        self.collectives: dict[str, int] = {k: v for k, v in data["collectives"].items() if " " not in k}

    def word_value(self, word: str) -> int | None:
        word = word.lower()
        return self.units.get(word, self.tens.get(word))

    def read(self, doc: Doc, i: int) -> NumberSpan | None:
        token = doc[i]
        lower = token.lower_
        if lower in self.collectives:
            start = i - 1 if i > 0 and doc[i - 1].lower_ == "a" else i
            return NumberSpan(self.collectives[lower], start, i + 1)
        if DIGITS.match(token.text):
            value, end = int(token.text.replace(",", "")), i + 1
        else:
            value = self.word_value(lower)
            if value is None:
                return None
            end = i + 1
            # 'Forty-seven' is tokenised as Forty - seven
            if (
                value >= 20
                and end + 1 < len(doc)
                and doc[end].text in HYPHENS
                and not doc[i].whitespace_
                and self.word_value(doc[end + 1].text) is not None
            ):
                value += self.word_value(doc[end + 1].text) or 0
                end += 2
        if end < len(doc) and doc[end].lower_ in self.multipliers:
            value *= self.multipliers[doc[end].lower_]
            end += 1
        return NumberSpan(value, i, end)


def glued_by_hyphen(doc: Doc, span: NumberSpan) -> bool:
    """'Mother-of-two', '27-year-old', '12-minute': the number is part of a compound word."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    glued_before = (
        before is not None
        and before.text in HYPHENS
        and not before.whitespace_
        and span.start >= 2
        and not doc[span.start - 2].whitespace_
    )
    glued_after = after is not None and after.text in HYPHENS and not doc[span.end - 1].whitespace_
    return glued_before or glued_after


def is_year(token: Token) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", token.text))


def is_ordinal(token: Token) -> bool:
    return bool(ORDINAL.match(token.text))
