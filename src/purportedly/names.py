"""Every "same name?" decision in one place: folding, the keys names are compared by, transliteration.

Who uses which key, and why they differ:

- ``surface_key``: one entity's mentions within an article (exact match after folding,
  possessives and a leading 'the'); also a quote's speaker against the entities.
- ``romanize`` (in ``fold``): a name in another script in Latin letters (Харків -> Kharkiv), by
  anyascii, a maintained Unicode-to-ASCII table.
- ``Transliterator`` / ``transliteration_key`` / ``spelling_key``: spellings of one Slavic name
  ('Dmitriy' and 'Dmitry', 'Hrytsenko' and 'Gritsenko', 'Kashevarova' and 'Кашеварова'), by the
  rules of ``data/facts/names.json``; ``spelling_key`` keys a whole name (recordings' participants).
- ``same_person``: two people named by word lists (same surname, no conflicting first name).
- ``near_spelling``: one word of a name misspelt or transliterated otherwise ('Prokorenko' for
  'Prokhorenko'), by rapidfuzz's ratio on long words (the speaker decision's 'renamed?' feature).
- ``alias_key``: a source's alias table lookup (acronyms keep their case: 'SBU' is not 'sbu').
- ``name_key`` / ``same_name``: a name across articles (titles and determiners dropped).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from purportedly.lexicons import load_data, load_lines

MAX_CACHED_KEYS = 50_000
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"}
APOSTROPHES = "'’‘`´"
APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
# data/facts/names.json: title words, words that are never names, transliteration rules, diminutives
NAMES_KEYS = ("titles", "not_names", "transliteration", "diminutives")


def fold(text: str) -> str:
    """Case-, accent- and width-folded text: 'Wrocław' -> 'wroclaw', 'ZELENSKYY' -> 'zelenskyy'."""
    if text.isascii():  # nothing to decompose or strip: the common case, and much the fastest
        return text.casefold()
    # 'ł' has no decomposition into 'l' and a mark, so it is mapped by hand
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # letters of other scripts (Cyrillic) are romanised; Latin ones have only lost their accents
    return romanize(unicodedata.normalize("NFC", stripped)).casefold()


# the soft and hard signs only mark how the consonant before them is said; romanisations
# drop them (Харьков -> Kharkov), while anyascii writes an apostrophe that would split the word
_SIGNS = str.maketrans("", "", "ьъЬЪ")


@lru_cache(maxsize=8192)
def romanize(text: str) -> str:
    """``text`` in ASCII Latin letters, case kept: 'Харків' -> 'Kharkiv', 'Wrocław' -> 'Wroclaw'."""
    if text.isascii():
        return text
    return anyascii(text.translate(_SIGNS))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (an inner apostrophe kept: "ukraine's")."""
    return _WORD.findall(fold(text).replace("’", "'"))


def content_words(text: str) -> list[str]:
    """Words that carry content: not stop words, not single characters."""
    return [w for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


# ------------------------------------------------------------------ within an article


@lru_cache(maxsize=8192)
def surface_key(text: str) -> str:
    """Key for exact matching: folded, no leading 'the', no possessive, single spaces."""
    key = re.sub(r"['’]s\b", "", fold(text))
    key = re.sub(r"[^\w\s-]", " ", key)
    parts = key.split()
    if parts[:1] == ["the"]:
        parts = parts[1:]
    return " ".join(parts)


LEADING = ("the ", "a ", "an ", "one ")


def source_key(text: str) -> str:
    """One source's name within an article: apostrophes, spacing, case and a leading article aside."""
    return strip_leading(" ".join(text.replace("’", "'").split())).lower()


def strip_leading(text: str) -> str:
    lowered = text.lower()
    for word in LEADING:
        if lowered.startswith(word):
            return text[len(word) :]
    return text


def alias_key(text: str) -> str:
    """Case-, apostrophe- and 'the'-insensitive key of a name."""
    text = APOSTROPHE.sub("'", text)
    text = " ".join(text.split())
    acronym = not any(c.islower() for c in text)
    key = text if acronym else text.lower()  # acronyms keep their case: "SBU" is not "sbu"
    return key[4:] if key.startswith("the ") else key


class Transliterator:
    """Maps spelling variants of a Slavic name to one key (rules from data/facts/names.json)."""

    def __init__(self, names_file: str = "facts/names.json") -> None:
        data = load_data(names_file, keys=NAMES_KEYS)
        self.rules = [(re.compile(pattern), repl) for pattern, repl in data["transliteration"]]
        self.diminutives: dict[str, str] = data["diminutives"]
        self._word_keys: dict[str, str] = {}  # names repeat across articles; the rules are many regexes

    def word_key(self, word: str) -> str:
        cached = self._word_keys.get(word)
        if cached is not None:
            return cached
        key = fold(word)
        for pattern, repl in self.rules:
            key = pattern.sub(repl, key)
        if len(self._word_keys) > MAX_CACHED_KEYS:
            self._word_keys.clear()  # bounded memory over a corpus of millions of names
        self._word_keys[word] = key
        return key

    def key(self, name: str) -> str:
        return " ".join(self.word_key(w) for w in surface_key(name).split())

    def first_name_key(self, word: str) -> str:
        """Key of a first name, through a diminutive when it is one ('Zhenya' -> Yevgeny)."""
        folded = fold(word)
        return self.word_key(self.diminutives.get(folded, folded))


@cache
def _default_transliterator() -> Transliterator:
    return Transliterator()


def transliteration_key(word: str) -> str:
    """One spelling for the romanisations of a Slavic name (the shipped rules)."""
    return _default_transliterator().word_key(word)


def spelling_key(name: str) -> str:
    """A whole name's key under transliteration, whatever its script or romanisation:
    'Кашеварова', 'Kashevarova' and 'Kashevarowa' share one; so do 'Харків' and 'Kharkiv'."""
    return _default_transliterator().key(name)


def name_words(name: str, titles: frozenset[str]) -> list[str]:
    """The words of a person's name without titles, possessive 's or punctuation."""
    name = re.sub(r"['’]s\b", "", name)
    found = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
    return [w for w in found if w.lower().rstrip(".") not in titles]


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


NEAR_SPELLING_LENGTH = 5  # words shorter than this differ by too much when a letter differs
NEAR_SPELLING_RATIO = 85  # rapidfuzz ratio: one letter dropped or changed in a long surname


def near_spelling(a: str, b: str) -> bool:
    """The same word, or one spelt a letter or two differently (long words only: 'Lee' and 'Lea'
    are two people)."""
    if a == b:
        return True
    return min(len(a), len(b)) >= NEAR_SPELLING_LENGTH and fuzz.ratio(a, b) >= NEAR_SPELLING_RATIO


# ------------------------------------------------------------------- across articles


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Title words dropped from names (data/corpus/name_titles.txt)."""
    return frozenset(load_lines("corpus/name_titles.txt"))


def name_key(name: str) -> str:
    """A name as compared across articles: folded, without leading determiners, possessive
    qualifiers ("Ukraine's SSU" -> "ssu") and titles ("Governor Ilya Brand" -> "ilya brand")."""
    tokens = words(name)
    titles = name_titles()
    while len(tokens) > 1 and (tokens[0] in _DETERMINERS or tokens[0].endswith("'s") or tokens[0] in titles):
        tokens = tokens[1:]
    return " ".join(t.removesuffix("'s") for t in tokens)


def acronym(name: str) -> str:
    """Initials of a name's content words: 'Security Service of Ukraine' -> 'ssu'."""
    return "".join(w[0] for w in content_words(name_key(name)) if w.isalpha())


def same_name(a: str, b: str, cutoff: float = 90) -> bool:
    """Whether two names plausibly name the same source: equal, acronym of each other, or close."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    compact_a, compact_b = key_a.replace(" ", ""), key_b.replace(" ", "")
    if compact_a == acronym(b) or compact_b == acronym(a):
        return True
    short, long = sorted((key_a.split(), key_b.split()), key=len)
    if short[-1] == long[-1] and set(short) <= set(long) and len(short[-1]) > 2:
        return True  # "Brand" / "Ilya Brand": a surname or a shortened form of the same name
    return fuzz.token_set_ratio(key_a, key_b) >= cutoff and min(len(key_a), len(key_b)) >= 4
