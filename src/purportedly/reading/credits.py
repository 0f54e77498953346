"""Recognise photo credit lines ("NAME/AFP via Getty Images") and captions that end with a credit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from purportedly.reading.lexicon import alternation, load_lines

MAX_CREDIT_WORDS = 14  # a credit names a photographer and an agency, never a sentence
MAX_CAPTION_WORDS = 90
MAX_CAPTION_CHARS = 900
MAX_CREDIT_CHARS = 200
MAX_AGENCY_CHARS = 40
MAX_AGENCY_WORDS = 4
# Lowercase words a credit may contain; any other long lowercase word means a sentence (a caption).
PHOTO_WORDS = frozenset({"photo", "photos", "picture", "pictures"})  # "AFP photo" after a caption
CREDIT_WORDS = frozenset(
    {"via", "images", "image", "photo", "photos", "pictures", "picture", "handout", "press", "agency"}
    | {"stock", "news", "service", "ministry", "defence", "defense", "staff", "courtesy", "video"}
    | {"social", "media", "pool", "wire", "from", "source", "credit"}
)


@dataclass(frozen=True)
class CreditPatterns:
    credit_line: re.Pattern[str]  # the whole line is a credit
    marked_line: re.Pattern[str]  # the whole line is a credit opened by a marker ("Photo: ...")
    # the line ends with a credit (a caption carrying its credit), by the character the credit needs
    slash_tail: re.Pattern[str]  # "... NAME/AFP via Getty Images", "... REUTERS/Name"
    via_tail: re.Pattern[str]  # "... Handout via REUTERS"
    paren_tail: re.Pattern[str]  # "... (Name/AP)"
    marked_tail: re.Pattern[str]  # "... Photo: Name/Outlet"


UPPER = "A-ZÀ-ÞА-ЯІЇЄҐ"
CAPS_NAME = rf"[{UPPER}][{UPPER}'’.\-]+(?:\s+[{UPPER}][{UPPER}'’.\-]+){{0,3}}"  # ARIS MESSINIS
PERSON = rf"[{UPPER}][\w'’.\-]*(?:\s+[{UPPER}][\w'’.\-]*){{0,3}}"  # Gleb Garanich
ANY_NAME = r"[^\s/()|]+(?:\s+[^\s/()|]+){0,6}"  # Security Service of Ukraine
PAREN = r"\((?:(?i:photo|picture|image)s?:?\s*)?[^()/]{2,60}/[^()]{2,60}\)"  # (Ivan Tkach/AP)
SIDE = rf"[{UPPER}][\w'’.&\-]*(?:\s+[\w'’.&\-]+){{0,4}}"
NAME_PAIR = rf"{SIDE}\s?/\s?{SIDE}"  # Mark Ellison/The Meridian Post
END = r"\.?\s*$"


def agency_pieces() -> tuple[str, str, str]:
    """(agency, agency with chains and "via", agency then photographer) regex pieces."""
    agency = rf"(?i:{alternation('photo_agencies.txt')})"
    chained = rf"{agency}(?:\s+(?i:photo|images|pictures))?(?:\s?/\s?{agency})*(?:\s+(?i:via)\s+{agency})?"
    agency_first = rf"{agency}(?:\s+(?i:photo))?\s?/\s?(?:{CAPS_NAME}|{PERSON}|@\w+)"
    return agency, chained, agency_first


def marked_piece() -> str:
    """ "Photograph: ...", "Photo by ...", "Photo courtesy of ...", "Image source, ..." """
    marker = rf"(?i:{alternation('credit_markers.txt')})"
    # a comma only after a two-word label ("Image source, Getty Images"): "Image, he said" is prose
    labels = (m for m in load_lines("credit_markers.txt") if " " in m)
    two_word = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    opener = rf"(?:{marker}\s*(?::|\s+(?i:by|courtesy\s+of)\b)|(?i:{two_word})\s*,)"
    return rf"{opener}\s*\S[^\n]{{0,100}}"


@lru_cache(maxsize=1)
def credit_patterns() -> CreditPatterns:
    agency, chained, agency_first = agency_pieces()
    marked = marked_piece()
    whole = (
        rf"{ANY_NAME}\s?/\s?{chained}|{ANY_NAME}\s+(?i:via)\s+{agency}|{agency_first}"
        rf"|{chained}|{PAREN}|{marked}|{NAME_PAIR}"
    )
    return CreditPatterns(
        credit_line=re.compile(rf"(?:{whole})\.?"),
        marked_line=re.compile(marked),
        slash_tail=re.compile(rf"(?:/\s?{chained}\)?|(?<!\S){agency_first}){END}"),
        via_tail=re.compile(rf"\s(?i:via)\s+{agency}{END}"),
        paren_tail=re.compile(rf"{PAREN}{END}"),
        marked_tail=re.compile(rf"(?:^|[.!?”\"’]\s+){marked}{END}"),
    )


@lru_cache(maxsize=1)
def caption_marker_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation('caption_markers.txt')})\s*[:,]\s*\S", re.IGNORECASE)


def is_marked_caption(text: str) -> bool:
    """A line that says it is a caption: "Image caption, ...", "Pictured: ..."."""
    return caption_marker_re().match(text) is not None


def is_credit_line(text: str) -> bool:
    """The whole line is a photo credit: "NAME/AFP via Getty Images", "Photograph: Name/Outlet"."""
    words = text.split()
    if len(words) > MAX_CREDIT_WORDS:
        return False
    if credit_patterns().marked_line.fullmatch(text):  # the marker says it all: "Photo courtesy of ..."
        return True
    bare = (word.strip(",:;.()") for word in words)
    if any(word.islower() and len(word) > 3 and word not in CREDIT_WORDS for word in bare):
        return False
    return credit_patterns().credit_line.fullmatch(text) is not None


def ends_with_credit(text: str) -> bool:
    """The line is a caption that carries its credit at the end ("... April 12, 2022 NAME/AFP")."""
    if len(text) > MAX_CAPTION_CHARS or len(text.split()) > MAX_CAPTION_WORDS:
        return False
    # A credit is short and needs a "/", "via", "(" or ":": search only from just before the last
    # such character (``pos`` keeps "^" and lookbehinds right). Why: this runs on every line.
    patterns = credit_patterns()
    lowered = text.lower()
    tail_start = max(len(text) - MAX_CREDIT_CHARS, 0)
    marked = any(sign in lowered[tail_start:] for sign in (":", ",", " by ", " courtesy "))
    searches = (
        (patterns.slash_tail, text.rfind("/"), MAX_AGENCY_CHARS),
        (patterns.via_tail, lowered.rfind("via"), 1),
        (patterns.paren_tail, text.rfind("("), 0),
        (patterns.marked_tail, tail_start if marked else -1, 0),
    )
    return ends_with_agency(text) or any(
        found >= tail_start and pattern.search(text, max(found - lead, 0)) is not None
        for pattern, found, lead in searches
    )


@lru_cache(maxsize=1)
def agency_names() -> frozenset[str]:
    return frozenset(" ".join(name.lower().split()) for name in load_lines("photo_agencies.txt"))


def ends_with_agency(text: str) -> bool:
    """A bare agency ends the caption: after a full stop ("... 2023. Reuters"), or a two-word name
    that cannot end a sentence ("... on March 3 Getty Images"). Word lookups, not a regex: fast."""
    words = text[-MAX_CREDIT_CHARS:].rstrip(" .").split()
    if len(words) > 2 and words[-1].lower() in PHOTO_WORDS:  # "... in Zamalka. REUTERS photo"
        words = words[:-1]
    for size in range(min(MAX_AGENCY_WORDS, len(words) - 1), 0, -1):
        name = words[-size:]
        if " ".join(name).lower() in agency_names():
            # a credit is set in capitals; "... is trending in social media." is prose
            if all(word.islower() for word in name):
                return False
            return size > 1 or words[-size - 1][-1] in '.!?”"’)'
    return False
