"""The quote and speaker lexicons (data/quotes/, plain text, one entry a line), by file name."""

from __future__ import annotations

from pathlib import Path

from purportedly import lexicons

DATA_DIR = "quotes"  # relative to purportedly/data, like every lexicon name (or a directory of your own)


def _named(name: str, data_dir: str) -> str:
    return str(Path(data_dir) / name)


def load_lines(name: str, data_dir: str = DATA_DIR) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``<data_dir>/<name>``, in file order."""
    return lexicons.load_lines(_named(name, data_dir))


def load_set(name: str, data_dir: str = DATA_DIR) -> frozenset[str]:
    """The first column of each line, lower-cased."""
    return lexicons.load_set(_named(name, data_dir))


def load_table(name: str, data_dir: str = DATA_DIR) -> dict[str, str]:
    """``key<TAB>value`` lines as a dict (key lower-cased; a missing value is '')."""
    return lexicons.load_table(_named(name, data_dir))
