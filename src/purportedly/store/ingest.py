"""What identifies a stored article, and what one ingest run did (the sink that reads, analyses
and stores is ``purportedly.engines.ingest``; the store only stores)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from purportedly.model import Article

Outcome = Literal["stored", "skipped", "failed"]

_SPACE = re.compile(r"\s+")


@dataclass
class IngestSummary:
    """What one ingest run did; ``failed`` inputs are also in the store's errors table."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


class StoreWriteError(Exception):
    """The store stopped taking writes (disk full, permission, server gone): the ingest stops.

    ``summary`` says what was done before; every article stored by then is whole (one
    transaction each), so a re-run resumes where this one stopped.
    """

    def __init__(self, message: str, summary: IngestSummary) -> None:
        super().__init__(message)
        self.summary = summary


def normalised_text(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace collapsed (re-encodings and
    re-wrapped copies of one article hash alike)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def normalised_url(url: str) -> str:
    """URL as compared for identity: lower-case scheme and host, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def article_identity(article: Article) -> str:
    """The key under which an article is stored once: its URL when given, else its text's hash."""
    if article.url and article.url.strip():
        return "url:" + normalised_url(article.url)
    return "sha256:" + hashlib.sha256(normalised_text(article.text).encode("utf-8")).hexdigest()
