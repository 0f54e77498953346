"""Single-machine engines: articles through ``nlp.pipe`` in batches, in-process or in a process pool."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from purportedly import profiling
from purportedly.analysis import analysis_from_doc, make_doc
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import load_pipeline
from purportedly.reading import ReadFailure

Item = Article | ReadFailure
Result = Analysis | ReadFailure


def analyze_items(items: Iterable[Item], nlp: Language, batch_size: int = 32) -> Iterator[Result]:
    """Analyse a stream of articles in one ``nlp.pipe`` pass, in input order.

    Read failures come back in their place. Each article travels with the failures read just
    before it (as the ``nlp.pipe`` context), so nothing but the current batch is held.
    """
    trailing: list[ReadFailure] = []

    def docs_with_failures() -> Iterator[tuple[Doc, list[ReadFailure]]]:
        failures: list[ReadFailure] = []
        for item in items:
            if isinstance(item, ReadFailure):
                failures.append(item)
                continue
            yield make_doc(nlp, item), failures
            failures = []
        trailing.extend(failures)

    for doc, failures in nlp.pipe(docs_with_failures(), as_tuples=True, batch_size=batch_size):
        yield from failures
        yield analysis_from_doc(doc)
    yield from trailing


def analyze_items_in_processes(
    items: Iterable[Item], *, model: str, batch_size: int = 32, n_process: int = 2
) -> Iterator[Result]:
    """Analyse a stream of articles in ``n_process`` worker processes, in input order.

    spaCy's own ``nlp.pipe(n_process=...)`` serialises Docs with msgpack, which cannot carry
    our pydantic objects on ``doc._``; so whole batches go to workers that each load the
    pipeline once and send back finished Analysis objects. At most two batches per worker
    are in flight, so memory stays flat however long the stream is.
    """
    load_pipeline(model)  # fail early in the caller, and let forked workers share the loaded model
    profile = profiling.active_profile()
    batches = _batches(items, batch_size)
    pool = ProcessPoolExecutor(
        n_process, mp_context=_start_context(), initializer=load_pipeline, initargs=(model,)
    )
    with pool:
        in_flight: deque[Future] = deque()
        for batch in batches:
            in_flight.append(pool.submit(_analyse_batch, batch, model, batch_size, profile is not None))
            if len(in_flight) >= 2 * n_process:
                yield from _collect(in_flight.popleft(), profile)
        while in_flight:
            yield from _collect(in_flight.popleft(), profile)


def _start_context() -> multiprocessing.context.BaseContext:
    # fork shares the model the parent already loaded; spawn where fork does not exist
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _collect(future: Future, profile: profiling.Profile | None) -> list[Result]:
    results, stage_times = future.result()
    if profile is not None and stage_times:
        profile.merge(stage_times)
    return results


def _analyse_batch(
    batch: list[Item], model: str, batch_size: int, with_profile: bool
) -> tuple[list[Result], dict[str, tuple[float, int]] | None]:
    """Worker side: analyse one batch with the process's cached pipeline."""
    nlp = load_pipeline(model)
    if not with_profile:
        return list(analyze_items(batch, nlp, batch_size)), None
    with profiling.profile_pipeline(nlp) as profile:
        results = list(analyze_items(batch, nlp, batch_size))
    return results, profile.as_dict()
