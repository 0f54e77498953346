"""Find speaker-labelled turns: transcript lines (``SOLDIER: ...``) and interview turns (``Q:`` / ``A:``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set, load_table

# An upper-case label of up to five words at the start of a line, then a colon and the words.
LABEL_LINE = re.compile(
    r"^[ \t]*(?P<label>[^\W\d_][^\W_]*(?:[ .'\u2019-]+[^\W_]+){0,4})[ \t]*:[ \t]+(?P<text>\S[^\n]*)$", re.M
)
# The same label in brackets ("(W): ...", "[Soldier B]: ..."): the brackets mark it as a label, so
# one letter is enough (a transcript's legend says who "W" is).
BRACKETED_LINE = re.compile(
    r"^[ \t]*[(\[](?P<label>[^\W\d_][^\W_]*(?:[ .'\u2019-]+[^\W_]+){0,2})[)\]]"
    r"[ \t]*:[ \t]+(?P<text>\S[^\n]*)$",
    re.M,
)


@dataclass
class Turn:
    """One labelled turn: the label, the words after it, and what the label says about the speaker."""

    label: str
    label_start: int
    label_end: int
    start: int  # the turn's words (after the label and colon)
    end: int
    role: str | None  # "interviewer" / "interviewee" for Q&A labels, else None
    unknown: bool  # an unidentified voice: the speaker stays null


def _adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    """Label lines with nothing but blank lines between them (at most two: page text often has two)."""
    return text[a.end() : b.start()].count("\n") <= 3 and not text[a.end() : b.start()].strip()


def _bracketed(match: re.Match) -> bool:
    return match.re is BRACKETED_LINE


def _is_title_label(label: str) -> bool:
    words = label.split()
    return len(words) <= 3 and all(w[:1].isupper() for w in words)


def _is_upper_label(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class TurnFinder:
    """Find turns, telling speaker labels from article furniture such as ``VERDICT:``."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        self.roles = load_table("turn_labels.txt", data_dir)
        self.furniture = load_set("non_speaker_labels.txt", data_dir)
        self.unknown_words = load_set("unknown_voice_words.txt", data_dir)

    def find(self, text: str, allowed: list[tuple[int, int]]) -> list[Turn]:
        """Turns whose line lies inside one of the ``allowed`` (start, end) stretches."""
        lines = [*LABEL_LINE.finditer(text), *BRACKETED_LINE.finditer(text)]
        candidates = sorted((m for m in lines if self._inside(m.start(), allowed)), key=lambda m: m.start())
        candidates = [m for m in candidates if self._may_be_speaker(m.group("label"), _bracketed(m))]
        counts = Counter(self._key(m.group("label")) for m in candidates)
        repeated_blocks = self._blocks_with_repeats(text, candidates)
        turns = []
        for k, match in enumerate(candidates):
            key = self._key(match.group("label"))
            neighbour = self._has_labelled_neighbour(text, candidates, k)
            if _is_upper_label(match.group("label")):
                is_turn = key in self.roles or counts[key] >= 2 or neighbour
            else:  # "Soldier: …" in title case: only inside a block of labels where one repeats
                # ("Soldier A:" twice and "Soldier B:" once are one transcript)
                is_turn = key in self.roles or (neighbour and k in repeated_blocks)
            if is_turn:
                turns.append(self._turn(match, key))
        return turns

    @staticmethod
    def _inside(offset: int, allowed: list[tuple[int, int]]) -> bool:
        """Whether ``offset`` lies in one of the sorted, disjoint ``allowed`` stretches."""
        k = bisect_right(allowed, (offset, float("inf"))) - 1
        return k >= 0 and allowed[k][0] <= offset < allowed[k][1]

    @staticmethod
    def _key(label: str) -> str:
        return " ".join(label.lower().replace("\u2019", "'").split())

    def _may_be_speaker(self, label: str, bracketed: bool = False) -> bool:
        key = self._key(label)
        if key in self.roles:
            return True
        return (
            (_is_upper_label(label) or _is_title_label(label))
            and key not in self.furniture
            and (len(label) > 1 or bracketed)
        )

    @staticmethod
    def _blocks_with_repeats(text: str, candidates: list[re.Match]) -> set[int]:
        """Indexes of labels in a run of adjacent labelled lines where some label comes twice."""
        found: set[int] = set()
        block: list[int] = []
        for k in range(len(candidates) + 1):
            joined = k < len(candidates) and block and _adjacent(text, candidates[block[-1]], candidates[k])
            if k < len(candidates) and (not block or joined):
                block.append(k)
                continue
            keys = Counter(TurnFinder._key(candidates[i].group("label")) for i in block)
            if keys and max(keys.values()) >= 2:
                found.update(block)
            block = [k] if k < len(candidates) else []
        return found

    @staticmethod
    def _has_labelled_neighbour(text: str, candidates: list[re.Match], k: int) -> bool:
        """A label on the very next or previous line: the layout of a transcript."""

        return (k > 0 and _adjacent(text, candidates[k - 1], candidates[k])) or (
            k + 1 < len(candidates) and _adjacent(text, candidates[k], candidates[k + 1])
        )

    def _turn(self, match: re.Match, key: str) -> Turn:
        words = set(key.upper().split())
        end = match.end("text")
        while end > match.start("text") and match.string[end - 1].isspace():
            end -= 1
        return Turn(
            label=match.group("label"),
            label_start=match.start("label"),
            label_end=match.end("label"),
            start=match.start("text"),
            end=end,
            role=self.roles.get(key) or None,
            unknown=bool(words & {w.upper() for w in self.unknown_words}),
        )
