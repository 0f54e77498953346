"""Ingest inputs into a store: read, skip what is stored, analyse the rest, one transaction each."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit, urlunsplit

from purportedly.limits import Limits
from purportedly.model import Analysis, Article
from purportedly.reading import ReadFailure, read_inputs

if TYPE_CHECKING:
    from spacy.language import Language

    from purportedly.store.core import Store

Outcome = Literal["stored", "skipped", "failed"]
ProgressCallback = Callable[[Outcome, str], None]

_SPACE = re.compile(r"\s+")
_LINE_SUFFIX = re.compile(r":(\d+)$")


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


def failure_location(failure: ReadFailure) -> tuple[str, int | None]:
    """(input, line) of a read failure; corpus rows are named 'file:line' by the reader."""
    line = getattr(failure, "line", None)
    if isinstance(line, int):
        return failure.document, line
    match = _LINE_SUFFIX.search(failure.document)
    if match:
        return failure.document[: match.start()], int(match.group(1))
    return failure.document, None


def ingest_paths(
    store: Store,
    paths: list[str],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    on_progress: ProgressCallback | None = None,
    limits: Limits | None = None,
) -> IngestSummary:
    """Read ``paths`` (files, directories, JSONL/CSV corpora, '-'), analyse what the store lacks, store it.

    Resumable: articles already stored (same identity) are skipped before analysis, so a re-run
    after a crash only analyses what is missing. Unreadable inputs, and articles past ``limits``
    (too long, too slow to analyse), go to the errors table.
    """
    from purportedly.nlp.pipeline import load_pipeline

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    nlp = nlp or load_pipeline()
    limits = limits or Limits()
    summary = IngestSummary()
    try:
        _ingest(store, paths, nlp, batch_size, limits, summary, on_progress)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        if not store.dialect.is_store_error(exc):
            raise
        detail = " ".join(str(exc).split())[:200]
        raise StoreWriteError(f"{store.location}: cannot write to the store: {detail}", summary) from exc
    return summary


def _ingest(
    store: Store,
    paths: list[str],
    nlp: Language,
    batch_size: int,
    limits: Limits,
    summary: IngestSummary,
    on_progress: ProgressCallback | None,
) -> None:
    from purportedly.analysis import analyze_stream

    report = _reporter(summary, on_progress)
    pending: dict[str, Article] = {}

    def fail(item: ReadFailure) -> None:
        input_name, line = failure_location(item)
        store.add_error(input_name, line, item.message)
        summary.errors.append(str(item))
        report("failed", str(item))  # the name and what went wrong

    def flush() -> None:
        results = analyze_stream(pending.values(), nlp=nlp, batch_size=batch_size, limits=limits)
        for identity, analysis in zip(pending, results, strict=True):
            if isinstance(analysis, ReadFailure):  # too long, timed out, or a component failed
                fail(analysis)
            # a concurrent ingest may have stored it meanwhile: add() then reports False
            elif store.add(analysis, identity):
                report("stored", analysis.document)
            else:
                report("skipped", analysis.document)
        pending.clear()

    for item in read_inputs(paths, max_bytes=limits.max_bytes, max_chars=limits.max_chars):
        if isinstance(item, ReadFailure):
            fail(item)
            continue
        identity = article_identity(item)
        if identity in pending or store.has(identity):
            report("skipped", item.document)
            continue
        pending[identity] = item
        if len(pending) >= batch_size:
            flush()
    flush()


def ingest_analyses(store: Store, analyses: Iterable[Analysis]) -> IngestSummary:
    """Store already-made Analysis objects (from ``analyze_stream`` or built by hand)."""
    summary = IngestSummary()
    for analysis in analyses:
        summary.count("stored" if store.add(analysis, article_identity(analysis.article)) else "skipped")
    return summary


def _reporter(summary: IngestSummary, on_progress: ProgressCallback | None) -> ProgressCallback:
    def report(outcome: Outcome, name: str) -> None:
        summary.count(outcome)
        if on_progress is not None:
            on_progress(outcome, name)

    return report
