"""The one loader of the lexicons in ``src/purportedly/data/`` (word lists, tables, JSON, TOML).

Every lexicon is named the same way, in code and in component config: by its path relative to
``purportedly/data`` (``"quotes/titles.txt"``, ``"facts/regions.json"``), or by an absolute path
to a file of your own. Loads are cached: lexicons are read-only.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Collection
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


class LexiconError(ValueError):
    """A lexicon file is missing or has keys the code does not read (a typo would go unnoticed)."""


def data_path(name: str | Path) -> Path:
    """The file a lexicon name stands for: relative to ``purportedly/data``, or absolute."""
    path = Path(name)
    if not path.is_absolute():
        path = Path(str(resources.files("purportedly").joinpath("data", *path.parts)))
    if not path.exists():
        raise LexiconError(f"{path}: no such lexicon")
    return path


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text lexicon, stripped, in file order."""
    text = data_path(name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def load_set(name: str) -> frozenset[str]:
    """The first tab-separated column of each line, lower-cased."""
    return frozenset(line.split("\t")[0].strip().lower() for line in load_lines(name))


def load_table(name: str) -> dict[str, str]:
    """``key<TAB>value`` lines as a dict (key lower-cased; a missing value is '')."""
    table = {}
    for line in load_lines(name):
        key, _, value = line.partition("\t")
        table[key.strip().lower()] = value.strip()
    return table


@cache
def _load_structured(name: str) -> Any:
    path = data_path(name)
    text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


def lowered(data: dict, key: str) -> frozenset[str]:
    """The words listed under ``key`` of a loaded lexicon, lower-cased (none if the key is absent)."""
    return frozenset(w.lower() for w in data.get(key, []))


def load_data(name: str, keys: Collection[str] | None = None) -> Any:
    """A JSON or TOML lexicon. With ``keys``, every top-level key must be one of them (keys
    starting with ``_doc`` are documentation), so a misspelt or unused section is an error."""
    data = _load_structured(name)
    if keys is not None:
        unknown = sorted(k for k in data if k not in keys and not k.startswith("_doc"))
        if unknown:
            expected = ", ".join(sorted(keys))
            raise LexiconError(f"{data_path(name)}: unknown key(s) {', '.join(unknown)}; expected {expected}")
    return data
