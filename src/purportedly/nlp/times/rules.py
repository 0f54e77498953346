"""Patterns for date expressions and the calendar arithmetic that fixes them to a day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
}

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"  # undotted: only right before a day number
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
SEASON = r"(?:winter|summer|spring|autumn|fall)"
PART_OF_DAY = r"(?:[ \t]+(?:night|morning|afternoon|evening))?"
COUNT_WORD = (
    r"(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Aa]n?)"
)

PART_OF_DAY_NOUN = r"(?:night|morning|afternoon|evening)"
RANGE_JOIN = r"[ \t]*(?:to|into|-|–)[ \t]*"
SPAN_EDGE = r"(?:start|beginning|end|middle|first[ \t]+half|second[ \t]+half|turn)"

# (kind, pattern) in priority order: longer, more specific forms first
PATTERNS: list[tuple[str, str]] = [
    ("iso_date", rf"{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    # 'the night of June 2', 'the night of 7 to 8 June': one night, dated by the day it began
    (
        "part_of_date",
        rf"[Tt]he[ \t]+{PART_OF_DAY_NOUN}[ \t]+of[ \t]+"
        rf"(?:{DAY}(?:{RANGE_JOIN}{DAY})?[ \t]+(?:of[ \t]+)?{MONTH}|"
        rf"(?:{MONTH}|{MONTH_ABBR})[ \t]+{DAY}(?:{RANGE_JOIN}{DAY})?)(?:,?[ \t]+{YEAR})?(?![\d:])",
    ),
    (
        "month_day",
        rf"(?:(?:[Ll]ast|[Tt]his|[Nn]ext)[ \t]+)?(?:{MONTH}|{MONTH_ABBR})[ \t]+{DAY}"
        rf"(?:,?[ \t]+{YEAR})?(?![\d:])",
    ),
    ("day_month", rf"{DAY}[ \t]+(?:of[ \t]+)?{MONTH}(?:,?[ \t]+{YEAR})?"),
    ("month_year", rf"(?:(?:early|mid|late)[- \t]+)?{MONTH}[ \t]+{YEAR}"),
    (
        "season",
        rf"(?:(?:the[ \t]+|last[ \t]+|this[ \t]+|next[ \t]+)(?:(?:early|late)[ \t]+)?{SEASON}"
        rf"(?:[ \t]+of[ \t]+{YEAR})?|{SEASON}[ \t]+{YEAR})\b",
    ),
    # 'the start of the year', 'the end of June': part of a period, never a single day
    (
        "period_part",
        rf"the[ \t]+{SPAN_EDGE}[ \t]+of[ \t]+(?:(?:{MONTH}[ \t]+)?{YEAR}|{MONTH}|"
        r"(?:the|this|last|next|that)[ \t]+(?:year|month|week))\b",
    ),
    (
        "holiday",
        r"(?:New[ \t]+Year['’]s[ \t]+(?:Eve|Day)|Christmas(?:[ \t]+(?:Eve|Day))?|Orthodox[ \t]+Christmas|"
        r"Victory[ \t]+Day|Defender[ \t]+of[ \t]+the[ \t]+Fatherland[ \t]+Day|Independence[ \t]+Day)",
    ),
    # 'the night of Saturday to Sunday': dated by the evening it began, like 'Saturday night'
    ("weekday_night", rf"[Tt]he[ \t]+night[ \t]+(?:of|from)[ \t]+{WEEKDAY}{RANGE_JOIN}{WEEKDAY}"),
    ("weekday", rf"(?:(?:last|this|next|Last|This|Next)[ \t]+)?{WEEKDAY}{PART_OF_DAY}"),
    (
        "relative_day",
        rf"(?:the[ \t]+day[ \t]+before[ \t]+yesterday|the[ \t]+day[ \t]+after[ \t]+tomorrow|"
        rf"(?:yesterday|tomorrow|this)[ \t]+{PART_OF_DAY_NOUN}\b|"
        r"yesterday|today|tomorrow|tonight|last[ \t]+night)",
    ),
    # 'the previous Sunday', 'the following Monday': counted from the last day the text fixed
    ("story_weekday", rf"(?:[Tt]he[ \t]+(?:previous|following|next)|[Tt]hat)[ \t]+{WEEKDAY}{PART_OF_DAY}"),
    (
        "next_day",
        rf"(?:the[ \t]+(?:next|following|previous)[ \t]+(?:day|{PART_OF_DAY_NOUN})|"
        rf"the[ \t]+(?:day|{PART_OF_DAY_NOUN})[ \t]+(?:before|after)(?![ \t]+(?:yesterday|tomorrow)))",
    ),
    # 'that night', 'the same day': the day the story is telling about
    ("same_day", rf"(?:that|the[ \t]+same)[ \t]+(?:day|{PART_OF_DAY_NOUN})\b"),
    ("offset", rf"{COUNT_WORD}[ \t]+(?:days?|weeks?)[ \t]+(?:later|earlier|(?:after|before)(?=[ \t]+the\b))"),
    ("ago", rf"{COUNT_WORD}[ \t]+(?:days?|weeks?|months?|years?)[ \t]+ago\b"),
    (
        "period",
        r"(?:(?:last|this|next|that|the[ \t]+previous|the[ \t]+following|the[ \t]+past)[ \t]+"
        r"(?:week|month|year|weekend)\b|the[ \t]+weekend)",
    ),
    ("month", rf"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- \t]+|(?:[Ll]ast|[Tt]his|[Nn]ext)[ \t]+)?{MONTH}"),
    (
        "ordinal_day",
        r"the[ \t]+\d{1,2}(?:st|nd|rd|th)(?![ \t]+(?:[A-Z]|century|anniversary|time|birthday|floor|round|"
        r"place|day|year|of[ \t]+(?:the|his|her|their|its)))",
    ),
    ("year", rf"(?<![\d,.])\b{YEAR}\b(?![\d,]|[ \t]+(?:calls|men|people|soldiers|troops|recordings))"),
]
# '(?<!\w)(?=\w)': every form starts a word, so the engine skips mid-word positions at once (speed)
# word forms that may open a sentence ('Yesterday', 'The following day', 'Last week') match in any case
CASELESS_KINDS = ("season", "period_part", "relative_day", "next_day", "same_day", "ago", "period")
TIME_PATTERN = re.compile(
    r"(?<!\w)(?=\w)(?:"
    + "|".join(
        f"(?P<{kind}>(?i:{pattern}))" if kind in CASELESS_KINDS else f"(?P<{kind}>{pattern})"
        for kind, pattern in PATTERNS
    )
    + ")"
)
# 'May' the verb and 'March' the noun: a bare month needs a preposition or a day/year beside it
BARE_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|during|early|late|mid|last|this|next|and|or)"
    r"[ \t]+|-)$",
    re.IGNORECASE,
)

NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*[ \t]+\Z")
# 'knew about that night', 'the memory of that night': the events, talked about, not when something happened
TOPIC_BEFORE = re.compile(r"\b(?:about|of|remember|recall|forget)[ \t]+$", re.IGNORECASE)
DURATION_BEFORE = re.compile(r"\b(?:for|almost|nearly|about|over|within|after)[ \t]+$", re.IGNORECASE)


@dataclass
class TimeCandidate:
    kind: str
    start: int
    end: int
    text: str


def find_candidates(text: str, start: int = 0, end: int | None = None) -> list[TimeCandidate]:
    """Every date expression in ``text[start:end]``, left to right, without overlaps."""
    found = []
    for match in TIME_PATTERN.finditer(text, start, len(text) if end is None else end):
        kind = match.lastgroup or ""
        if kind == "month" and not _bare_month_ok(text, match):
            continue
        if (
            kind in CASELESS_KINDS
            and match.group()[0].isupper()
            and NAME_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        ):
            continue  # 'Bryansk Today' is a channel, not a day
        if kind == "same_day" and TOPIC_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if kind == "offset" and DURATION_BEFORE.search(text[max(0, match.start() - 15) : match.start()]):
            continue  # 'for almost a week before the surrender' is a duration
        found.append(TimeCandidate(kind, match.start(), match.end(), match.group()))
    return found


def _bare_month_ok(text: str, match: re.Match) -> bool:
    words = match.group().split()
    if len(words) > 1:
        return True
    return bool(BARE_MONTH_CONTEXT.search(text[max(0, match.start() - 12) : match.start()]))


# ------------------------------------------------------------------ arithmetic
def month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(word[:3]))


def weekday_number(word: str) -> int:
    return WEEKDAY_NAMES.index(word.lower())


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for(month: int, day: int, anchor: date, strictly_past: bool = False) -> date | None:
    """A month and day without a year: the occurrence nearest before the anchor (a month ahead at most)."""
    candidate = safe_date(anchor.year, month, day)
    if candidate is None:
        return None
    if candidate > anchor + timedelta(days=31) or (strictly_past and candidate >= anchor):
        candidate = safe_date(anchor.year - 1, month, day)
    return candidate


def weekday_date(weekday: int, anchor: date, direction: str) -> date:
    """'Sunday' in a past-tense story: the most recent Sunday on or before the anchor (the day itself counts);
    'last Sunday': strictly before; 'next Sunday' / future tense: strictly after."""
    if direction == "future":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def count_value(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)
