"""The store as a sink: read inputs, skip what is stored, analyse the rest, store each result with
its corpus features. The local engine (``ingest_paths``) and the Dask engine (``StoreSink``) both
write through here; the store itself only stores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from purportedly.corpus.claim_links import link_claims
from purportedly.corpus.features import features_current, refresh_features, stored_row
from purportedly.engines.local import analyze_items
from purportedly.limits import Limits
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import load_pipeline
from purportedly.reading import ReadFailure, read_inputs
from purportedly.store.ingest import IngestSummary, Outcome, StoreWriteError, article_identity

if TYPE_CHECKING:
    from spacy.language import Language

    from purportedly.store.core import Store

ProgressCallback = Callable[[Outcome, str], None]

_LINE_SUFFIX = re.compile(r":(\d+)$")


def failure_location(failure: ReadFailure) -> tuple[str, int | None]:
    """(input, line) of a read failure; corpus rows are named 'file:line' by the reader."""
    line = getattr(failure, "line", None)
    if isinstance(line, int):
        return failure.document, line
    match = _LINE_SUFFIX.search(failure.document)
    if match:
        return failure.document[: match.start()], int(match.group(1))
    return failure.document, None


class StoreSink:
    """Writes results into a store, counting what happened: analyses with their features,
    failures into the errors table. Brings the store's corpus features up to date first."""

    def __init__(self, store: Store, on_progress: ProgressCallback | None = None) -> None:
        self.store = store
        self.summary = IngestSummary()
        self.on_progress = on_progress
        if not features_current(store):  # a store made before the features, or by an older version
            refresh_features(store)
        link_claims(store)  # a store made before the claim links catches up (nothing to do otherwise)

    def report(self, outcome: Outcome, name: str) -> None:
        self.summary.count(outcome)
        if self.on_progress is not None:
            self.on_progress(outcome, name)

    def stored(self, article: Article) -> bool:
        """Whether the store already holds ``article`` (then it is counted as skipped)."""
        if self.store.has(article_identity(article)):
            self.report("skipped", article.document)
            return True
        return False

    def put(self, result: Analysis | ReadFailure) -> None:
        if isinstance(result, ReadFailure):  # unreadable, too long, timed out, a component failed
            self.store.add_error(*failure_location(result), result.message)
            self.summary.errors.append(str(result))
            self.report("failed", str(result))  # the name and what went wrong
            return
        # the recordings were just found with the analysis: stored as they are, not found again
        row = stored_row(result, result.recordings or None)
        # a concurrent ingest may have stored it meanwhile: add() then reports False
        stored = self.store.add(result, article_identity(result.article), row)
        if stored:  # its claims join their corroboration groups (corpus/claim_links.py)
            link_claims(self.store)
        self.report("stored" if stored else "skipped", result.document)


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
    (too long, too slow to analyse), go to the errors table. The Python twin of ``purportedly ingest``.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    nlp = nlp or load_pipeline()
    limits = limits or Limits()
    sink = StoreSink(store, on_progress)
    try:
        _ingest(sink, paths, nlp, batch_size, limits)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        if not store.dialect.is_store_error(exc):
            raise
        detail = " ".join(str(exc).split())[:200]
        message = f"{store.location}: cannot write to the store: {detail}"
        raise StoreWriteError(message, sink.summary) from exc
    return sink.summary


def _ingest(sink: StoreSink, paths: list[str], nlp: Language, batch_size: int, limits: Limits) -> None:
    pending: dict[str, Article] = {}

    def flush() -> None:
        results = analyze_items(pending.values(), nlp, batch_size, limits)
        for result in results:
            sink.put(result)
        pending.clear()

    for item in read_inputs(paths, max_bytes=limits.max_bytes, max_chars=limits.max_chars):
        if isinstance(item, ReadFailure):
            sink.put(item)
            continue
        identity = article_identity(item)
        if identity in pending:
            sink.report("skipped", item.document)
            continue
        if sink.stored(item):
            continue
        pending[identity] = item
        if len(pending) >= batch_size:
            flush()
    flush()


def ingest_analyses(store: Store, analyses: Iterable[Analysis]) -> IngestSummary:
    """Store already-made Analysis objects (from ``analyze_stream`` or built by hand)."""
    sink = StoreSink(store)
    for analysis in analyses:
        sink.put(analysis)
    return sink.summary
