"""Romanisation: one Latin spelling for a name written in any script (Кашеварова -> Kashevarova).

Names of people and places in war reporting reach English text through several scripts and
romanisation schemes (Харків, Kharkiv, Kharkov). Script conversion is anyascii's job (a maintained
Unicode-to-ASCII table covering Cyrillic, Ukrainian letters included); the Latin spelling variants
that remain (kh/h, w/v, -iy/-i) are folded by ``aliases.Transliterator``'s rules, and the one key
every "same name?" check uses is ``aliases.name_key``.
"""

from __future__ import annotations

from functools import lru_cache

from anyascii import anyascii

# the soft and hard signs only mark how the consonant before them is said; romanisations
# drop them (Харьков -> Kharkov), while anyascii writes an apostrophe that would split the word
SIGNS = str.maketrans("", "", "ьъЬЪ")


@lru_cache(maxsize=8192)
def romanize(text: str) -> str:
    """``text`` in ASCII Latin letters, case kept: 'Харків' -> 'Kharkiv', 'Wrocław' -> 'Wroclaw'."""
    if text.isascii():
        return text
    return anyascii(text.translate(SIGNS))
