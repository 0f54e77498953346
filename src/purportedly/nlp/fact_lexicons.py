"""Load the fact lexicons (numbers, events, names, glossary, regions) from data/facts/; cache Doc text."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

FACTS_DIR = "data/facts"
TEXT_KEY = "purportedly_facts_text"


def facts_path(file_name: str) -> Path:
    """Path of a data file shipped in ``purportedly/data/facts``."""
    return Path(str(resources.files("purportedly").joinpath(FACTS_DIR, file_name)))


@lru_cache(maxsize=32)
def load_facts_json(path: str) -> Any:
    """A JSON lexicon, by file name in data/facts or by any path; cached (lexicons are read-only)."""
    candidate = Path(path)
    if not candidate.is_absolute() and not candidate.exists():
        candidate = facts_path(path)
    return json.loads(candidate.read_text(encoding="utf-8"))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text
