"""Where a store lives: a SQLite path (or ``sqlite:///path``) or a ``postgresql://`` URL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

Backend = Literal["sqlite", "postgres"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SQLITE_SCHEME = "sqlite://"
_PASSWORD = re.compile(r"^([\w+.-]+://[^:/@]*:)[^@/]*@")
# anything that looks like a URL (scheme://) and is not one we know is refused, never taken for a path
_ANY_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


class StoreError(ValueError):
    """A store target that is not a purportedly corpus (or not a URL we know); one clear line."""


def parse_target(target: str | Path) -> tuple[Backend, str]:
    """(backend, location): a Postgres URL is kept whole; ``sqlite:///rel.db`` and
    ``sqlite:////abs/path.db`` (SQLAlchemy's spelling) become a file path."""
    text = str(target)
    if isinstance(target, str) and (scheme := _ANY_SCHEME.match(text)):
        if not text.lower().startswith((*_POSTGRES_SCHEMES, _SQLITE_SCHEME)):
            raise StoreError(
                f"{redact(text)}: unknown store URL scheme {scheme.group(1)!r}; give a file path,"
                " sqlite:///path, or a postgresql:// (or postgres://) URL"
            )
        text = text[: len(scheme.group(1))].lower() + text[len(scheme.group(1)) :]
    if isinstance(target, str) and text.startswith(_POSTGRES_SCHEMES):
        return "postgres", text
    if isinstance(target, str) and text.startswith(_SQLITE_SCHEME):
        rest = text[len(_SQLITE_SCHEME) :]
        # sqlite:///x -> 'x' (relative), sqlite:////x -> '/x' (absolute)
        path = rest[1:] if rest.startswith("/") else rest
        if not path:
            raise StoreError(f"no file in {text!r}; write sqlite:///relative.db or sqlite:////absolute.db")
        return "sqlite", path
    return "sqlite", text


def redact(target: str | Path) -> str:
    """``target`` with a URL's password masked, for messages and logs."""
    return _PASSWORD.sub(r"\1***@", str(target))
