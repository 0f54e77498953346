"""The story's own calendar: the day 'that night' or 'the previous Sunday' points back to; period bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from purportedly.nlp.times.rules import (
    MONTH_NAMES,
    month_number,
    safe_date,
    weekday_date,
    weekday_number,
    year_for,
)

PARTS_OF_DAY = ("night", "evening", "morning", "afternoon")
YEAR_WORD = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DAY_NUMBER = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
MONTH_WORD = re.compile(r"\b(" + "|".join(m[:3] for m in MONTH_NAMES) + r")[a-z]*\.?", re.IGNORECASE)
RELATIVE_YEAR = {"last": -1, "previous": -1, "next": 1}


def part_of_day(text: str) -> str | None:
    lower = text.lower()
    return next((part for part in PARTS_OF_DAY if part in lower), None)


@dataclass
class StoryClock:
    """The days the text has fixed so far, in reading order.

    'that night' refers back to the last *night* the story named ('the night of 7 to 8 June'), even when
    a later sentence mentioned another day (the day a call was intercepted); with no such night it
    takes the last day fixed. Nothing fixed yet means nothing to point back to: null, never a guess.
    """

    last: date | None = None
    last_start: int = -1
    by_part: dict[str, date] = field(default_factory=dict)

    def remember(self, start: int, text: str, value: date) -> None:
        self.last, self.last_start = value, start
        part = part_of_day(text)
        if part is not None:
            self.by_part[part] = value

    def same_day(self, text: str) -> date | None:
        """'that night', 'that evening', 'the same day'."""
        part = part_of_day(text)
        return self.by_part.get(part, self.last) if part else self.last

    def story_weekday(self, text: str) -> date | None:
        """'the previous Sunday': strictly before the story's day; 'the following Monday': after it;
        'that Friday': the one on or before it."""
        if self.last is None:
            return None
        words = text.lower().split()
        name = next(w for w in words if w not in ("the", "previous", "following", "next", "that"))
        direction = {"previous": "last", "following": "future", "next": "future"}.get(words[1], "past")
        return weekday_date(weekday_number(name), self.last, direction)


def night_range_start(text: str, anchor: date | None) -> date | None:
    """'the night of June 2' is June 2; 'the night of 7 to 8 June' began on 7 June: a night is dated by the
    evening it starts (the first day of the range)."""
    year = YEAR_WORD.search(text)
    bare = YEAR_WORD.sub("", text)
    day = DAY_NUMBER.search(bare)
    month = MONTH_WORD.search(bare)
    if day is None or month is None:
        return None
    month_index, day_index = month_number(month.group(1)), int(day.group(1))
    if year is not None:
        return safe_date(int(year.group()), month_index, day_index)
    return year_for(month_index, day_index, anchor) if anchor is not None else None


def period_bounds(text: str, anchor: date | None) -> tuple[date, date] | None:
    """First and last day of the month or year that 'the start of the year' or 'the end of June 2023'
    is part of: the year of the anchor when the text names none; None when nothing fixes it."""
    lower = text.lower()
    year_match = YEAR_WORD.search(text)
    month = MONTH_WORD.search(YEAR_WORD.sub("", text.replace("the ", "", 1)))
    month_index = month_number(month.group(1)) if month and not lower.endswith(("year", "week")) else None
    if year_match is not None:
        year = int(year_match.group())
    elif anchor is None:
        return None
    else:
        relative = (v for k, v in RELATIVE_YEAR.items() if f"{k} year" in lower or f"{k} month" in lower)
        shift = next(relative, 0)
        year = anchor.year + shift if "year" in lower else anchor.year
        if lower.endswith("month"):
            month_index = (anchor.month + shift - 1) % 12 + 1
            year = anchor.year + (anchor.month + shift - 1) // 12
        elif month_index is not None and year_match is None:
            start = year_for(month_index, 1, anchor)
            year = start.year if start else anchor.year
    if lower.endswith("week"):
        return None
    if month_index is None:
        return date(year, 1, 1), date(year, 12, 31)
    next_month = date(year + month_index // 12, month_index % 12 + 1, 1)
    return date(year, month_index, 1), next_month - timedelta(days=1)
