"""Compare source names across spellings: titles, possessives, transliterations, surnames."""

from __future__ import annotations

import re
from functools import lru_cache

# Romanisations of the same Cyrillic letters: Dmitry/Dmitriy, Hrytsenko/Gritsenko, Yevgeny/Evgeniy.
TRANSLITERATION_RULES = (
    (r"^ye", "e"),
    (r"iy$|yy$|ii$|y$|ij$", "i"),
    (r"kh", "h"),
    (r"g", "h"),
    (r"shch", "sh"),
    (r"sch", "sh"),
    (r"iy|yi|ii", "i"),
    (r"y", "i"),
    (r"j", "i"),
    (r"(.)\1", r"\1"),
)


@lru_cache(maxsize=8192)  # the same few names are compared many times per article
def transliteration_key(word: str) -> str:
    """One spelling for the romanisations of a Slavic name."""
    key = word.lower()
    for pattern, replacement in TRANSLITERATION_RULES:
        key = re.sub(pattern, replacement, key)
    return key


def name_words(name: str, titles: frozenset[str]) -> list[str]:
    """The words of a person's name without titles, possessive 's or punctuation."""
    name = re.sub(r"['’]s\b", "", name)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
    return [w for w in words if w.lower().rstrip(".") not in titles]


def same_person(a: list[str], b: list[str]) -> bool:
    """Two name word lists name the same person: same surname, first names not in conflict."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if 1 < len(shorter) < len(longer) and all(
        transliteration_key(x) == transliteration_key(y) for x, y in zip(shorter, longer, strict=False)
    ):
        return True  # 'Ivan Petrovich' (given name and patronymic) of 'Ivan Petrovich Sokolov'
    if transliteration_key(a[-1]) != transliteration_key(b[-1]):
        return False
    if len(a) > 1 and len(b) > 1:
        return transliteration_key(a[0]) == transliteration_key(b[0])
    return True
