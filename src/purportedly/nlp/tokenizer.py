"""Tokenizer adjustments for news copy: dotted outlet names ('Bel.Ru', 'Sibir.Realii') stay one token."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

# 'Bel.Ru', 'Sibir.Realii', 'Fontanka.Ru': capitalised parts joined by a dot with no space. The stock
# tokenizer splits them as if a sentence ended there, which cuts the outlet's name in two.
DOTTED_NAME_RE = re.compile(r"[A-ZА-ЯІЇЄҐ][\w-]*(?:\.[A-ZА-ЯІЇЄҐ][\w-]*)+")


def dotted_name(text: str) -> bool:
    """True for 'Bel.Ru'; false for a missing space between sentences ('Kyiv.The', 'said.He')."""
    if not DOTTED_NAME_RE.fullmatch(text):
        return False
    return all(part.lower() not in STOP_WORDS for part in text.split(".")[1:])


def keep_dotted_names(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer keep dotted names whole, on top of its own token_match."""
    previous: Callable[[str], object] | None = nlp.tokenizer.token_match

    def token_match(text: str) -> object:
        return (previous is not None and previous(text)) or dotted_name(text)

    nlp.tokenizer.token_match = token_match
    return nlp
