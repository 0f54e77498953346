"""Recognise publication-date lines ("Published: 21:07 GMT, 14 Nov 2022 | Updated: ...") and parse them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from purportedly.reading.lexicon import alternation

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|\.)?"
DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
MAX_DATE_LINE_CHARS = 160
MAX_DATE_PREFIX_CHARS = 30

# Full dates with a year: a publication date is never guessed from a bare "March 3".
DATE_PATTERN = (
    rf"(?P<iso>{YEAR}-[01]\d-[0-3]\d)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|(?P<num>[0-3]?\d[./][01]?\d[./]{YEAR})"
    r"|(?P<us>[01]?\d/[0-3]?\d/\d{2})"
    rf"|(?P<mdy>{MONTH}\s+{DAY},?\s+{YEAR})"
    rf"|(?P<dmy>{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR})"
)
DATE_RE = re.compile(rf"(?<![\w-])(?:{WEEKDAY},?\s+)?(?:{DATE_PATTERN})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def date_line_re() -> re.Pattern[str]:
    """A whole line made only of date pieces: prefixes, weekdays, dates, clock times, zones, separators."""
    prefix = rf"(?:{alternation('date_prefixes.txt')})(?:\s*:|\s+on\b|\s+at\b)?"
    clock = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
    zone = rf"(?:{alternation('timezones.txt')})(?:[+-]\d{{1,2}})?"
    reading_time = r"\d{1,3}\s+min(?:ute)?s?\s+read"
    # a newsletter's or print edition's number beside its date: "Issue 412", "Vol. 9, No. 31"
    edition = r"(?:issue|edition|vol(?:ume|\.)?|no\.|number|page|p\.)\s*#?\d{1,5}"
    pieces = f"{prefix}|{DATE_PATTERN}|{WEEKDAY}|{clock}|{zone}|{reading_time}|{edition}"
    piece = rf"(?:{pieces}|at|on|-|–|—|\||•|·|/|,)"
    return re.compile(rf"\s*(?:(?:{piece})[\s,]*)+", re.IGNORECASE)


TWO_DIGITS_RE = re.compile(r"\d\d")  # every full date has them: a cheap first test
UPDATE_PREFIX_RE = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)


def parse_date_match(match: re.Match[str]) -> date | None:
    """The date a DATE_RE match names, or None when it is not a real calendar day."""
    try:
        if match["iso"]:
            year, month, day = (int(part) for part in match["iso"].split("-"))
        elif match["us"]:  # M/D/YY, the US habit of the outlets that write it
            month, day, year = (int(part) for part in match["us"].split("/"))
            year += 2000
        elif match["num"]:
            day, month, year = (int(part) for part in re.split(r"[./]", match["num"]))
            if month > 12 >= day:  # written month-first (US style)
                day, month = month, day
        else:
            text = match["mdy"] or match["dmy"]
            month = MONTHS[re.search(MONTH, text, re.IGNORECASE).group(0)[:3].lower()]
            day = int(re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", text).group(1))
            year = int(re.search(YEAR, text).group(0))
        return date(year, month, day)
    except (ValueError, AttributeError, KeyError):
        return None


def publication_date(text: str) -> date | None:
    """The publication date in a metadata text: the first date not introduced by "Updated"/"Modified".

    Why: "Published: ... | Updated: ..." lines carry two dates and the publication one wins;
    an "Updated" date is used only when it is the only date given.
    """
    fallback: date | None = None
    for match in DATE_RE.finditer(text):
        value = parse_date_match(match)
        if value is None:
            continue
        before = re.split(r"[|•·]", text[: match.start()])[-1]
        if not UPDATE_PREFIX_RE.search(before):
            return value
        fallback = fallback or value
    return fallback


@lru_cache(maxsize=1)
def date_prefix_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation('date_prefixes.txt')})\s*:?", re.IGNORECASE)


def is_date_prefix_line(text: str) -> bool:
    """ "Published" or "Last updated:" alone on its line, the date on the next one."""
    return len(text) <= MAX_DATE_PREFIX_CHARS and date_prefix_re().fullmatch(text) is not None


def is_date_line(text: str) -> bool:
    """True when ``text`` is nothing but a (dated) publication-date line."""
    if len(text) > MAX_DATE_LINE_CHARS or TWO_DIGITS_RE.search(text) is None or DATE_RE.search(text) is None:
        return False
    return date_line_re().fullmatch(text) is not None
