"""Load the reader's lexicons (agencies, headers, prefixes...) from src/purportedly/data/reading/."""

from __future__ import annotations

import re

from purportedly import lexicons


def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/reading/<name>``, in file order."""
    return lexicons.load_lines(f"reading/{name}")


def alternation(name: str) -> str:
    """A regex alternation of the phrases in ``name``, longest first, spaces matching any blank run."""
    phrases = sorted(load_lines(name), key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)
