"""Load the factuality cue lexicon (data/factuality/cues.toml) and find its cues in text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from purportedly.lexicons import load_data
from purportedly.model import Certainty, CueCategory, Polarity

CUES_FILE = "factuality/cues.toml"  # relative to purportedly/data

CERTAINTY_RANK: dict[str, int] = {"unknown": 0, "possible": 1, "probable": 2, "certain": 3}


@dataclass(frozen=True)
class CueType:
    """What one group of cues does to the claims it scopes over."""

    category: CueCategory
    certainty: Certainty
    polarity: Polarity | None
    hedge: bool


@dataclass(frozen=True)
class CueMatch:
    """One cue found in the text."""

    start: int
    end: int
    text: str
    type: CueType


# Texts scanned with the plain regex before the one split by first letter is compiled: that one
# is three times faster per text but costs 0.03-0.1 s to compile, which a run of one or two
# articles (start-up) would pay for nothing. Both find the same cues.
SPLIT_AFTER = 8


class CueLexicon:
    """All cues compiled into one regex; one linear scan finds every cue in a text."""

    def __init__(self, groups: list[tuple[CueType, list[str]]]) -> None:
        self.types: dict[str, CueType] = {}
        # Regex alternation takes the first alternative that matches at a place, not the
        # longest, so longer (more specific) patterns go first.
        self._flat = sorted(((p, t) for t, patterns in groups for p in patterns), key=lambda pt: -len(pt[0]))
        # Start only at a letter some cue can start with: the engine then skips most positions
        # before trying the long alternation.
        self._letters = sorted(frozenset().union(*(_initials(p) for p, _ in self._flat)))
        alternatives = []
        for index, (pattern, cue_type) in enumerate(self._flat):
            self.types[f"g{index}"] = cue_type
            alternatives.append(f"(?P<g{index}>{_spaces_flexible(pattern)})")
        self.regex = self._compile("|".join(alternatives))
        self._split: re.Pattern | None = None
        self._scans = 0

    def _compile(self, alternation: str) -> re.Pattern:
        # Word boundaries on both sides: "about" must not fire inside "roundabout".
        initials = "".join(self._letters) + "".join(self._letters).upper()
        return re.compile(
            r"\b(?<![\w'’-])(?=[" + re.escape(initials) + "])(?:" + alternation + r")(?![\w'’])",
            re.IGNORECASE,
        )

    def _scanner(self) -> re.Pattern:
        """The regex for the next scan: the plain one at first, then the one split by letter."""
        if self._split is not None:
            return self._split
        self._scans += 1
        if self._scans > SPLIT_AFTER:
            self._split = self._compile(_by_letter(self._flat, self._letters, self.types))
            return self._split
        return self.regex

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """Every cue in ``text[start:end]``, longest first where cues overlap."""
        found = []
        for match in self._scanner().finditer(text, start, len(text) if end is None else end):
            if match.end() > match.start():
                found.append(CueMatch(match.start(), match.end(), match.group(), self.types[match.lastgroup]))
        return found


ALL_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _initials(pattern: str) -> frozenset[str]:
    """Lower-case letters a pattern can start with (every letter when that is not plain to see)."""
    if not pattern:
        return ALL_LETTERS
    if pattern[0].isalpha():
        return frozenset(pattern[0].lower())
    if not pattern.startswith("(?:"):
        return ALL_LETTERS
    close = _closing_paren(pattern)
    if close is None:
        return ALL_LETTERS
    letters = frozenset().union(*(_initials(alt) for alt in _top_level_alternatives(pattern[3:close])))
    if pattern[close + 1 : close + 2] in ("?", "*"):  # an optional group: the rest may come first
        letters |= _initials(pattern[close + 2 :].lstrip(" "))
    return letters


def _by_letter(flat: list[tuple[str, CueType]], letters: list[str], types: dict[str, CueType]) -> str:
    """The alternation of every cue, split by the letter a match starts with.

    Why: Python's engine tries the alternatives one by one at each word start, and under
    IGNORECASE it cannot skip one by its first letter; 83 cues tried at every word was most of
    the component's time. Each letter's branch (``(?=[aA])(?:...)``) holds, in the original
    order, every cue that can start with that letter (``_may_start``, which errs towards
    "could"), so at any place the same cues are tried in the same order and the same one wins.
    """
    branches = []
    starts_of = [_may_start(pattern) for pattern, _ in flat]
    for number, letter in enumerate(letters):
        alternatives = []
        for index, (pattern, cue_type) in enumerate(flat):
            starts = starts_of[index]
            if starts is None or letter in starts:
                name = f"g{index}" if number == 0 else f"g{index}_{number}"
                types[name] = cue_type
                alternatives.append(f"(?P<{name}>{_spaces_flexible(pattern)})")
        if alternatives:
            branches.append(f"(?={re.escape(letter)})(?:{'|'.join(alternatives)})")
    return "|".join(branches)


def _may_start(pattern: str) -> frozenset[str] | None:
    """Lower-case letters a match of ``pattern`` may start with, or None for "any": a superset
    of the truth (None wherever the pattern is not plainly a letter or a group of such)."""
    alternatives = _split_alternatives(pattern)
    if alternatives is None:
        return None
    found: set[str] = set()
    for alternative in alternatives:
        first = alternative[:1]
        if first.isalpha() and alternative[1:2] not in ("?", "*", "{"):
            found.add(first.lower())
            continue
        if not alternative.startswith("(?:"):
            return None
        close = _group_end(alternative)
        if close is None or alternative[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        inner = _may_start(alternative[3:close])
        if inner is None:
            return None
        found |= inner
    return frozenset(found)


def _walk(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character of ``pattern`` outside escapes
    and [classes]; yields (-1, "", -1) once when a class is left open."""
    depth, index = 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            end = _class_end(pattern, index)
            if end is None:
                yield -1, "", -1
                return
            index = end + 1
            continue
        depth += (char == "(") - (char == ")")
        yield index, char, depth
        index += 1


def _split_alternatives(pattern: str) -> list[str] | None:
    """``pattern``'s top-level alternatives (escapes and [classes] skipped), None if unbalanced."""
    parts, start, depth = [], 0, 0
    for index, char, depth in _walk(pattern):
        if index < 0:
            return None
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    return parts + [pattern[start:]] if depth == 0 else None


def _group_end(pattern: str) -> int | None:
    """Index of the parenthesis closing the group ``pattern`` starts with (escapes, classes skipped)."""
    for index, _char, depth in _walk(pattern):
        if index < 0:
            return None
        if depth == 0:
            return index
    return None


def _class_end(pattern: str, start: int) -> int | None:
    index = start + 1
    if pattern[index : index + 1] == "^":
        index += 1
    if pattern[index : index + 1] == "]":  # a ']' first in a class is a literal
        index += 1
    while index < len(pattern):
        if pattern[index] == "\\":
            index += 2
            continue
        if pattern[index] == "]":
            return index
        index += 1
    return None


def _closing_paren(pattern: str) -> int | None:
    depth = 0
    for index, char in enumerate(pattern):
        if char == "\\":
            continue
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return index
    return None


def _top_level_alternatives(inner: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(inner):
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(inner[start:index])
            start = index + 1
    return parts + [inner[start:]]


def _spaces_flexible(pattern: str) -> str:
    """Let a literal space in a lexicon pattern match any whitespace run (line breaks too)."""
    return pattern.replace(" ", r"\s+")


DEFINITION_REF = re.compile(r"\{([A-Z][A-Z_]*)\}")  # upper case: never a regex quantifier {2,3}


def expand(pattern: str, definitions: dict[str, str], depth: int = 0) -> str:
    """Replace each ``{NAME}`` in ``pattern`` by the sub-pattern the [define] table gives it."""
    if depth > 5:  # a definition that refers to itself would never end
        raise ValueError(f"cue definitions nest too deep in {pattern!r}")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in definitions:
            raise KeyError(f"cue pattern {pattern!r} uses undefined {{{name}}}")
        return expand(definitions[name], definitions, depth + 1)

    return DEFINITION_REF.sub(replace, pattern)


def load_cue_lexicon(name: str = CUES_FILE) -> CueLexicon:
    """The cue lexicon ``name`` (TOML; format in the file's header), one object per file.

    One object however it is asked for: ``load_cue_lexicon()`` and ``load_cue_lexicon(CUES_FILE)``
    were two cache entries, so hedges and claims each scanned every text for the same cues
    (``DocIndex.cue_matches`` keeps one scan per lexicon object).
    """
    return _load_cue_lexicon(name)


@lru_cache(maxsize=4)
def _load_cue_lexicon(name: str) -> CueLexicon:
    data = load_data(name, keys=("define", "cue", "verbs"))
    definitions = data.get("define", {})
    groups = []
    for entry in data.get("cue", []):
        cue_type = CueType(
            category=entry["category"],
            certainty=entry.get("certainty", "certain"),
            polarity=entry.get("polarity"),
            hedge=entry.get("hedge", True),
        )
        groups.append((cue_type, [expand(p, definitions) for p in entry.get("patterns", [])]))
    return CueLexicon(groups)
