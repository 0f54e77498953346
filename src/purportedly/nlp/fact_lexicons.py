"""Load the fact lexicons (numbers, count events, names, glossary, regions) from data/facts/."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

FACTS_DIR = "data/facts"


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
