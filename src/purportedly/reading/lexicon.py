"""Load the reader's lexicons (agencies, headers, prefixes...) from src/purportedly/data/reading/."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "reading"


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/reading/<name>``, in file order."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def alternation(name: str) -> str:
    """A regex alternation of the phrases in ``name``, longest first, spaces matching any blank run."""
    phrases = sorted(load_lines(name), key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)
