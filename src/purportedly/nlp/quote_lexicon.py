"""Load the quote and speaker lexicons from src/purportedly/data/quotes/ (plain text, one entry a line)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "quotes"


@cache
def load_lines(name: str, data_dir: str = str(DATA_DIR)) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``<data_dir>/<name>``, in file order."""
    text = (Path(data_dir) / name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def load_set(name: str, data_dir: str = str(DATA_DIR)) -> frozenset[str]:
    """The first column of each line, lower-cased."""
    return frozenset(line.split("\t")[0].strip().lower() for line in load_lines(name, data_dir))


def load_table(name: str, data_dir: str = str(DATA_DIR)) -> dict[str, str]:
    """``key<TAB>value`` lines as a dict (key lower-cased; a missing value is '')."""
    table = {}
    for line in load_lines(name, data_dir):
        key, _, value = line.partition("\t")
        table[key.strip().lower()] = value.strip()
    return table
