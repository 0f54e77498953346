"""Match person names across spellings: surname first, tolerant of transliteration and typos (rapidfuzz)."""

from __future__ import annotations

from rapidfuzz import fuzz


class NameIndex:
    """Distinct people by name; a surname alone finds the full name, 'Gritsenko' finds 'Hrytsenko'."""

    def __init__(self, titles: frozenset[str], threshold: int) -> None:
        self.titles = titles
        self.threshold = threshold
        self.people: list[list[str]] = []  # words of each person's longest name

    def _clean(self, words: list[str]) -> list[str]:
        return [w for w in words if w.lower().rstrip(".") not in self.titles] or words

    def add(self, words: list[str]) -> int:
        words = self._clean(words)
        index = self.lookup(words)
        if index is None:
            self.people.append(words)
            return len(self.people) - 1
        if len(words) > len(self.people[index]):
            self.people[index] = words
        return index

    def lookup(self, words: list[str]) -> int | None:
        """The person ``words`` names: exact surname first, then a close spelling."""
        words = self._clean(words)
        if not words:
            return None
        for exact in (True, False):
            for index, known in enumerate(self.people):
                if self._same_surname(words[-1], known[-1], exact) and self._same_first(words, known):
                    return index
        return None

    def _same_surname(self, a: str, b: str, exact: bool) -> bool:
        a, b = a.lower(), b.lower()
        if exact:
            return a == b
        return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= self.threshold

    def _same_first(self, a: list[str], b: list[str]) -> bool:
        if len(a) < 2 or len(b) < 2:
            return True
        first_a, first_b = a[0].lower().rstrip("."), b[0].lower().rstrip(".")
        if len(first_a) == 1 or len(first_b) == 1:
            return first_a[0] == first_b[0]
        return fuzz.ratio(first_a, first_b) >= self.threshold - 15

    def canonical(self, index: int) -> str:
        return " ".join(self.people[index])
