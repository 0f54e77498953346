"""Recognise byline lines ("By X for Outlet", "Interview by X | 28.11.2023", "Outlet | 11 April 2023")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from purportedly.reading.dates import DATE_RE, is_date_line, publication_date
from purportedly.reading.lexicon import alternation

MAX_BYLINE_CHARS = 200
MAX_NAME_WORDS = 5
MAX_OUTLET_WORDS = 6
MAX_DESCRIBED_WORDS = 16  # name + short description before a trailing date
UPPER = "A-ZÀ-ÞА-ЯІЇЄҐ"
PARTICLES = r"(?:de|da|du|van|von|der|den|al|el|bin|ibn|la|le|ter|ten)\b"  # lowercase parts of names
NAME_WORD_RE = re.compile(rf"(?:[{UPPER}][\w'’.\-/&]*|[{UPPER}]\.|{PARTICLES})")  # RFE/RL's, AT&T
NAME_SPLIT_RE = re.compile(r"\s*(?:,|\band\b|&)\s*")
PART_SPLIT_RE = re.compile(r"\s+[|•·]\s+|\s*\|\s*")
SENTENCE_END_RE = re.compile(r"(?<![A-Z])[.?!:;]\s*$")  # a byline may end with an initial ("By Ann B.")
# what joins a byline to its date: "On", "Published", "Updated", commas and dashes
DATE_LEAD_RE = re.compile(r"(?:\s*(?:\b(?:on|at|published|updated|posted)\b|[,|•·–—-]))*\s*$", re.IGNORECASE)
TEAM_RE = re.compile(
    r"the\s+(?P<name>.+?)\s+(?:team|desk|staff|newsroom|reporters|correspondents|editors|editorial board)",
    re.IGNORECASE,
)


@dataclass
class Byline:
    """What a byline line says: who wrote the article, for which outlet, and when."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: date | None = None


@lru_cache(maxsize=1)
def by_re() -> re.Pattern[str]:
    roles = alternation("byline_roles.txt")
    return re.compile(rf"(?:(?:(?:{roles})\s+)?by\s+|authors?\s*:\s*)(?P<rest>\S.*)", re.IGNORECASE)


def is_name(text: str, max_words: int = MAX_NAME_WORDS) -> bool:
    """A capitalised name of a few words ("Sofiia Marchenko", "Anna de la Cruz", "The Daily Courier")."""
    words = text.split()
    if not 0 < len(words) <= max_words or not text[0].isupper():
        return False
    return all(NAME_WORD_RE.fullmatch(word) for word in words)


@lru_cache(maxsize=1)
def job_title_re() -> re.Pattern[str]:
    """ ", contributing analyst" / ", Kyiv correspondent" at the end of the part after "By"."""
    titles = alternation("byline_job_titles.txt")
    return re.compile(rf",\s+[^,]{{0,40}}?\b(?:{titles})s?\b[^,]{{0,30}}$", re.IGNORECASE)


def parse_by(rest: str) -> Byline | None:
    """The part after "By": names, optionally "for <Outlet>" (a place after "in" and a job title
    after a comma are dropped)."""
    rest = job_title_re().sub("", rest.strip().rstrip(","))
    team = TEAM_RE.fullmatch(rest)
    if team:
        return Byline(outlet=team["name"] if is_name(team["name"], MAX_OUTLET_WORDS) else None)
    names, *outlet_part = re.split(r"\s+(?i:for|at)\s+", rest, maxsplit=1)
    outlet = outlet_part[0].strip() if outlet_part else ""
    names = re.split(r"\s+in\s+(?=[A-Z])", names, maxsplit=1)[0]
    authors = [name for name in NAME_SPLIT_RE.split(names) if name]
    if not authors or not all(is_name(name) for name in authors):
        return None
    return Byline(authors=authors, outlet=outlet if is_name(outlet, MAX_OUTLET_WORDS) else None)


def split_trailing_date(rest: str) -> tuple[str, str | None]:
    """ "Ann Lee On 10/17/22 at 6:11 AM EDT" → ("Ann Lee", "10/17/22 at 6:11 AM EDT")."""
    dated = DATE_RE.search(rest)
    if dated is None or not is_date_line(rest[dated.start() :]):
        return rest, None
    return DATE_LEAD_RE.sub("", rest[: dated.start()]), rest[dated.start() :]


def parse_part(part: str, byline: Byline) -> bool:
    """Fold one "|"-separated part into ``byline``; False when the part is not byline material."""
    if is_date_line(part):
        byline.date = byline.date or publication_date(part)
        return True
    by = by_re().fullmatch(part)
    if by:
        names, when = split_trailing_date(by["rest"])
        parsed = parse_by(names)
        if parsed is None:
            return False
        byline.date = byline.date or (publication_date(when) if when else None)
        byline.authors += parsed.authors
        byline.outlet = byline.outlet or parsed.outlet
        return True
    if is_name(part, MAX_OUTLET_WORDS):
        byline.outlet = byline.outlet or part
        return True
    return False


def parse_byline(text: str) -> Byline | None:
    """The Byline a whole line states, or None when the line is something else.

    A bare name or a bare date is not a byline: an outlet name must sit beside a date or
    an author ("The Harbour Times | 11 April 2023"), and a name needs a "By".
    """
    if len(text) > MAX_BYLINE_CHARS or SENTENCE_END_RE.search(text[-3:]):
        return None
    parts = [part.strip() for part in PART_SPLIT_RE.split(text) if part.strip()]
    byline = Byline()
    if not parts or not all(parse_part(part, byline) for part in parts):
        return described_outlet_with_date(text)
    has_by = any(by_re().fullmatch(part) for part in parts)
    if has_by or (len(parts) > 1 and byline.date is not None):
        return byline
    return None


def described_outlet_with_date(text: str) -> Byline | None:
    """ "Channel Watch, our weekly digest of Telegram, 22 January 2024": a name, a description and a
    trailing date, with no sentence end. The leading name becomes the outlet."""
    rest, when = split_trailing_date(text)
    if when is None or "," not in rest or len(rest.split()) > MAX_DESCRIBED_WORDS:
        return None
    name = rest.split(",", 1)[0].strip()
    if not is_name(name, MAX_OUTLET_WORDS):
        return None
    return Byline(outlet=name, date=publication_date(when))
