"""Tokenizer adjustments for news copy: dotted outlet names ('Bel.Ru', 'Sibir.Realii') stay one token.

The change is a regular expression set as the tokenizer's ``token_match`` (spaCy saves and
restores a compiled pattern's ``match`` with the tokenizer), applied by a registered callback so
a pipeline's config carries it: ``[nlp.after_creation] @callbacks = "purportedly.keep_dotted_names.v1"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import spacy
import srsly
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

CALLBACK = "purportedly.keep_dotted_names.v1"

# 'Bel.Ru', 'Sibir.Realii', 'Fontanka.Ru': capitalised parts joined by a dot with no space. The stock
# tokenizer splits them as if a sentence ended there, which cuts the outlet's name in two.
_PART = r"[A-ZА-ЯІЇЄҐ][\w-]*"
# ...but a part after a dot that is a stop word is a missing space between sentences ('Kyiv.The',
# 'said.He'), not a name: the lookahead refuses a whole part that is one.
_STOP = "|".join(sorted((re.escape(word) for word in STOP_WORDS), key=len, reverse=True))
DOTTED_NAME = rf"{_PART}(?:\.(?!(?i:{_STOP})(?:\.|\Z)){_PART})+\Z"
DOTTED_NAME_RE = re.compile(DOTTED_NAME)


def dotted_name(text: str) -> bool:
    """True for 'Bel.Ru'; false for a missing space between sentences ('Kyiv.The', 'said.He')."""
    return DOTTED_NAME_RE.match(text) is not None


def keep_dotted_names(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer keep dotted names whole, on top of its own token_match.

    Idempotent. The result is one compiled pattern, so ``nlp.to_disk()``/``to_bytes()`` save it.
    """
    previous = nlp.tokenizer.token_match
    if previous is None:
        nlp.tokenizer.token_match = DOTTED_NAME_RE.match
        return _record(nlp)
    pattern = getattr(getattr(previous, "__self__", None), "pattern", None)
    if pattern is None:
        raise ValueError(
            "the tokenizer's token_match is not a compiled pattern's match; "
            "purportedly cannot add dotted names to it and keep the pipeline serialisable"
        )
    if DOTTED_NAME not in pattern:
        nlp.tokenizer.token_match = re.compile(with_dotted_names(pattern)).match
    return _record(nlp)


def with_dotted_names(pattern: str | None) -> str:
    """The token_match pattern that keeps dotted names whole on top of ``pattern`` (None: none)."""
    if pattern is None:
        return DOTTED_NAME
    if DOTTED_NAME in pattern:
        return pattern
    return f"(?:{pattern})|(?:{DOTTED_NAME})"


def load_with_dotted_names(nlp: Language, model_path: Path) -> bool:
    """Load the tokenizer saved in ``model_path`` into ``nlp`` with dotted names already kept.

    For a pipeline loaded without its tokenizer (``exclude=["tokenizer"]``): setting
    ``token_match`` on a loaded tokenizer makes spaCy reload its ~1,300 special cases, which
    costs tens of milliseconds at every start-up; writing the pattern into the saved data before
    loading it makes one load of them instead of two. Same tokenizer, same config as
    ``keep_dotted_names``. False (nothing done) when the model keeps no tokenizer file there.
    """
    saved = model_path / "tokenizer"
    if not saved.is_file():
        return False
    data = srsly.msgpack_loads(saved.read_bytes())
    current = data.get("token_match")
    data["token_match"] = with_dotted_names(current if isinstance(current, str) else None)
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])
    _record(nlp)
    return True


def _record(nlp: Language) -> Language:
    """Name the callback in the config, so a pipeline built from this one's config makes the change."""
    nlp.config["nlp"]["after_creation"] = {"@callbacks": CALLBACK}
    return nlp


@spacy.registry.callbacks(CALLBACK)
def make_keep_dotted_names() -> Callable[[Language], Language]:
    return keep_dotted_names
