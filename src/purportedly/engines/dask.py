"""Distributed engine on Dask: partitions of articles analysed on cluster workers, in input order.

The client reads the inputs (anything ``read_inputs`` understands) and streams partitions of
articles to the workers; or, with ``read_on_workers=True``, ships partitions of *paths* and
lets the workers read them (inputs on storage the workers share). Each worker process loads
the pipeline once (a worker plugin warms the per-process cache) and sends back flat rows:
key columns plus the Analysis JSON. A bounded number of partitions is in flight, so memory
stays flat on the client however large the corpus. Needs the ``dask`` extra.

Into a PostgreSQL store, the workers write themselves (``store_on_workers``): each worker process
keeps one connection and adds its partition's analyses, so the writes run concurrently and the
client only ships text and tallies outcomes. The store's unique article identity decides when two
workers add the same article (a document repeated in the inputs, or stored meanwhile by another
run): one insert wins, the other is counted as skipped; nothing is lost or doubled.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from purportedly.engines.ingest import StoreSink
from purportedly.engines.rows import ParquetRows, analysis_from_row, analysis_row
from purportedly.limits import Limits
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from purportedly.reading import ReadFailure, read_inputs

try:
    from distributed import WorkerPlugin
except ImportError:  # the optional extra is missing: _distributed() says what to install
    WorkerPlugin = object  # type: ignore[assignment,misc]

Item = Article | ReadFailure
Row = dict[str, Any]


def _distributed():
    try:
        import distributed
    except ImportError as exc:  # the optional extra is missing
        raise RuntimeError("the Dask engine needs: pip install 'purportedly[dask]'") from exc
    return distributed


# ---------------------------------------------------------------------- worker side


def analyse_partition(
    items: list[Item] | list[str], model: str, batch_size: int, limits: Limits | None = None
) -> list[Row | ReadFailure]:
    """Worker task: analyse one partition (articles, or paths to read here) into rows."""
    from purportedly.engines.local import analyze_items

    limits = limits or Limits()
    if items and isinstance(items[0], str):
        items = list(_read(items, limits))  # type: ignore[arg-type]
    nlp = load_pipeline(model)  # cached per worker process: loaded once, reused by every task
    return [
        result if isinstance(result, ReadFailure) else analysis_row(result)
        for result in analyze_items(items, nlp, batch_size, limits)  # type: ignore[arg-type]
    ]


Outcome = tuple[str, str, str | None]  # (stored | skipped | failed, document, error line)
_WORKER_STORES = threading.local()  # per worker thread: {target: StoreSink}, opened on first use


def store_partition(
    items: list[Item], model: str, batch_size: int, limits: Limits | None, db: str, keep_rows: bool
) -> tuple[list[Outcome], list[Row]]:
    """Worker task: analyse one partition and add it to the store at ``db`` from this worker.

    Returns what happened to each input, in order, and (with ``keep_rows``, for a Parquet file
    the client writes) the rows of the analyses.
    """
    from purportedly.engines.local import analyze_items

    sink = _worker_sink(db)
    outcomes: list[Outcome] = []
    rows: list[Row] = []
    nlp = load_pipeline(model)
    for result in analyze_items(items, nlp, batch_size, limits or Limits()):
        before = (sink.summary.stored, sink.summary.skipped)
        sink.put(result)
        if isinstance(result, ReadFailure):
            outcomes.append(("failed", result.document, str(result)))
            continue
        outcome = "stored" if sink.summary.stored > before[0] else "skipped"
        outcomes.append((outcome, result.document, None))
        if keep_rows:
            rows.append(analysis_row(result))
    return outcomes, rows


def _worker_sink(db: str) -> StoreSink:
    """This worker thread's sink into ``db``: one connection per thread, kept for every task."""
    from purportedly.store import Store

    sinks = getattr(_WORKER_STORES, "sinks", None)
    if sinks is None:
        sinks = _WORKER_STORES.sinks = {}
    if db not in sinks:
        sinks[db] = StoreSink(Store.open(db))
    return sinks[db]


def _read(paths: list[str], limits: Limits) -> Iterator[Item]:
    return read_inputs(paths, max_bytes=limits.max_bytes, max_chars=limits.max_chars)


class PipelineLoader(WorkerPlugin):
    """Worker plugin: load the pipeline when a worker starts, so the first task is not slow."""

    name = "purportedly-pipeline"

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load_pipeline(self.model)


# ---------------------------------------------------------------------- client side


@contextmanager
def dask_client(scheduler: str | None = None, n_workers: int = 2) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (``tcp://host:8786``), or of a fresh LocalCluster.

    The local cluster runs ``n_workers`` processes with one thread each: spaCy holds the GIL,
    so parallelism comes from processes.
    """
    distributed = _distributed()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    cluster = distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def analyze_rows_with_dask(
    paths: list[str] | None = None,
    *,
    items: Iterable[Item] | None = None,
    client: Any,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    partition_size: int = 64,
    read_on_workers: bool = False,
    limits: Limits | None = None,
) -> Iterator[Row | ReadFailure]:
    """Rows (or read failures) in input order, as partitions finish on the cluster's workers.

    Give ``paths`` (read here, or on the workers with ``read_on_workers``) or an ``items``
    stream of already-read articles. ``limits`` apply as in ``analyze_inputs``; the time
    limit only where tasks run on a worker's main thread (it needs a signal).
    """
    limits = limits or Limits()
    client.register_plugin(PipelineLoader(model))
    if read_on_workers:
        units: Iterable[Any] = paths or []
    else:
        units = items if items is not None else _read(paths or [], limits)
    in_flight: deque[Any] = deque()
    limit = 2 * max(sum(client.nthreads().values()), 1)
    for partition in _partitions(units, partition_size):
        in_flight.append(client.submit(analyse_partition, partition, model, batch_size, limits, pure=False))
        if len(in_flight) >= limit:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


def analyze_with_dask(
    paths: list[str],
    *,
    scheduler: str | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    partition_size: int = 64,
    read_on_workers: bool = False,
    client: Any = None,
    limits: Limits | None = None,
) -> Iterator[Analysis | ReadFailure]:
    """The Dask twin of ``analyze_inputs``: the same results, in the same order.

    Uses ``client`` if given, else connects to ``scheduler``, else starts a LocalCluster.
    """
    with _client_or(client, scheduler) as client:
        rows = analyze_rows_with_dask(
            paths,
            client=client,
            model=model,
            batch_size=batch_size,
            partition_size=partition_size,
            read_on_workers=read_on_workers,
            limits=limits,
        )
        for row in rows:
            yield row if isinstance(row, ReadFailure) else analysis_from_row(row)


@contextmanager
def _client_or(client: Any, scheduler: str | None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    with dask_client(scheduler) as own_client:
        yield own_client


def _partitions(units: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(units)
    while partition := list(islice(iterator, size)):
        yield partition


# ------------------------------------------------------------------- sinks: parquet, store


@dataclass
class DaskRunSummary:
    """What a distributed run wrote."""

    analysed: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    parquet: str | None = None


def ingest_with_dask(
    paths: list[str],
    *,
    db: str | Path | None = None,
    parquet: str | Path | None = None,
    scheduler: str | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    partition_size: int = 64,
    on_progress: Callable[[str, str], None] | None = None,
    client: Any = None,
    limits: Limits | None = None,
    store_on_workers: bool | None = None,
) -> DaskRunSummary:
    """Analyse ``paths`` on a Dask cluster into a Parquet file and/or a corpus store.

    With ``db``, articles the store already holds are skipped before they are sent (resumable,
    as ``purportedly ingest``), and read failures go to the store's errors table.
    ``store_on_workers`` (default: when ``db`` is a PostgreSQL URL) has each worker write its
    analyses into ``db`` itself, concurrently; otherwise the client writes them, in input order.
    """
    if db is None and parquet is None:
        raise ValueError("give db= (a corpus store) and/or parquet= (a file) to write results to")
    if store_on_workers is None:
        store_on_workers = db is not None and _is_postgres(db)
    if store_on_workers:
        if db is None:
            raise ValueError("store_on_workers needs db= (the store the workers write to)")
        return _ingest_on_workers(
            paths,
            db=str(db),
            parquet=parquet,
            scheduler=scheduler,
            model=model,
            batch_size=batch_size,
            partition_size=partition_size,
            report=on_progress or (lambda outcome, name: None),
            client=client,
            limits=limits or Limits(),
        )
    summary = DaskRunSummary(parquet=str(parquet) if parquet is not None else None)
    report = on_progress or (lambda outcome, name: None)
    store = _open_store(db, report) if db is not None else None
    sink = ParquetRows(parquet) if parquet is not None else None
    try:
        with _client_or(client, scheduler) as client:
            limits = limits or Limits()
            items = _unstored(_read(paths, limits), store)
            rows = analyze_rows_with_dask(
                items=items,
                client=client,
                model=model,
                batch_size=batch_size,
                partition_size=partition_size,
                limits=limits,
            )
            for row in rows:
                _sink_row(row, store, sink, summary, report)
    finally:
        if sink is not None:
            sink.close()
        if store is not None:
            store.store.close()
    if store is not None:  # the sink counted what it stored, skipped and recorded as failed
        summary.stored, summary.skipped = store.summary.stored, store.summary.skipped
        summary.failed, summary.errors = store.summary.failed, store.summary.errors
    return summary


def _open_store(db: str | Path, report: Callable[[str, str], None]) -> StoreSink:
    from purportedly.store import Store

    return StoreSink(Store.open(db), report)


def _unstored(items: Iterable[Item], store: StoreSink | None) -> Iterator[Item]:
    """Pass on articles the store lacks (and failures, which the sink records).

    Duplicates within one run are caught later by ``store.add``, so nothing grows here.
    """
    for item in items:
        if store is not None and isinstance(item, Article) and store.stored(item):
            continue
        yield item


def _sink_row(
    row: Row | ReadFailure,
    store: StoreSink | None,
    sink: ParquetRows | None,
    summary: DaskRunSummary,
    report: Callable,
) -> None:
    if isinstance(row, ReadFailure):
        if store is not None:
            store.put(row)
        else:
            summary.failed += 1
            summary.errors.append(str(row))
            report("failed", row.document)
        return
    summary.analysed += 1
    if sink is not None:
        sink.append(row)
    if store is not None:
        store.put(analysis_from_row(row))
    else:
        report("analysed", row["document"])


def _is_postgres(db: str | Path) -> bool:
    from purportedly.store.url import parse_target

    return parse_target(db)[0] == "postgres"


def _ingest_on_workers(
    paths: list[str],
    *,
    db: str,
    parquet: str | Path | None,
    scheduler: str | None,
    model: str,
    batch_size: int,
    partition_size: int,
    report: Callable[[str, str], None],
    client: Any,
    limits: Limits,
) -> DaskRunSummary:
    """The workers analyse and store; the client reads, skips what is stored, and tallies."""
    summary = DaskRunSummary(parquet=str(parquet) if parquet is not None else None)
    sink = ParquetRows(parquet) if parquet is not None else None
    # the client's own connection: creates or upgrades the schema and backfills the corpus
    # features once, before any worker opens the store; then answers "already stored?"
    store = _open_store(db, report)
    try:
        with _client_or(client, scheduler) as client:
            client.register_plugin(PipelineLoader(model))
            in_flight: deque[Any] = deque()
            limit = 2 * max(sum(client.nthreads().values()), 1)
            items = _unstored(_read(paths, limits), store)
            for partition in _partitions(items, partition_size):
                args = (partition, model, batch_size, limits, db, sink is not None)
                in_flight.append(client.submit(store_partition, *args, pure=False))
                if len(in_flight) >= limit:
                    _tally(in_flight.popleft().result(), summary, sink, report)
            while in_flight:
                _tally(in_flight.popleft().result(), summary, sink, report)
    finally:
        if sink is not None:
            sink.close()
        store.store.close()
    summary.skipped += store.summary.skipped  # skipped here, before being sent
    return summary


def _tally(
    result: tuple[list[Outcome], list[Row]],
    summary: DaskRunSummary,
    sink: ParquetRows | None,
    report: Callable[[str, str], None],
) -> None:
    outcomes, rows = result
    for outcome, document, error in outcomes:
        if outcome == "failed":
            summary.failed += 1
            summary.errors.append(error or document)
            report("failed", error or document)
            continue
        summary.analysed += 1
        if outcome == "stored":
            summary.stored += 1
        else:
            summary.skipped += 1
        report(outcome, document)
    if sink is not None:
        for row in rows:
            sink.append(row)
