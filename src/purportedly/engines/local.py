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
from purportedly.engines.docs import analysis_from_doc, make_doc
from purportedly.limits import AnalysisFailure, ArticleDeadline, ArticleTimeout, Limits, too_long_message
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import load_pipeline
from purportedly.reading import ReadFailure

Item = Article | ReadFailure
Result = Analysis | ReadFailure


def analyze_items(
    items: Iterable[Item], nlp: Language, batch_size: int = 32, limits: Limits | None = None
) -> Iterator[Result]:
    """Analyse a stream of articles in one ``nlp.pipe`` pass, in input order.

    Read failures come back in their place; so does an AnalysisFailure for an article that is
    too long, takes longer than ``limits.timeout``, or makes a component raise. Only the
    current batch is held. When the pipe breaks, the articles it held are analysed again one
    by one (each with its own deadline), so only the culprit fails and the stream goes on.
    """
    limits = limits or Limits()
    # a user who raised the length limit means it: spaCy's own guard (1M characters) follows
    nlp.max_length = max(nlp.max_length, limits.max_chars)
    stream = _Stream(iter(items), limits.max_chars)
    with ArticleDeadline(limits.timeout) as deadline:
        while not stream.done:
            try:
                yield from _piped(stream, nlp, batch_size, deadline)
            except _PipeBroken:
                if not stream.in_flight:  # broke before taking any article: the next one goes alone
                    stream.next_article(deadline)
                yield from _one_by_one(stream, nlp, deadline)
    yield from stream.take_loose()


class _PipeBroken(Exception):
    """The shared ``nlp.pipe`` raised (timeout or component error) for one of the held articles."""


class _Stream:
    """The input side of ``analyze_items``: articles handed to the pipe and not yet returned.

    Kept outside the pipe's generators so that when the pipe breaks nothing it held is lost.
    """

    def __init__(self, items: Iterator[Item], max_chars: int) -> None:
        self.items = items
        self.max_chars = max_chars
        self.in_flight: deque[tuple[Article, list[Result]]] = deque()
        self.loose: list[Result] = []  # failures read since the last article
        self.done = False

    def docs(self, nlp: Language, deadline: ArticleDeadline) -> Iterator[Doc]:
        while (article := self.next_article(deadline)) is not None:
            yield make_doc(nlp, article)

    def next_article(self, deadline: ArticleDeadline) -> Article | None:
        """The next article to analyse, now in flight; failures and over-long ones are set aside.

        Reading runs with the alarm off, and the alarm comes back on only once the item is
        booked, so an alarm can never lose an item or interrupt a reader.
        """
        was_armed = deadline.armed
        deadline.disarm()
        article = None
        while article is None and not self.done:
            item = next(self.items, None)
            if item is None:
                self.done = True
            elif isinstance(item, ReadFailure):
                self.loose.append(item)
            elif len(item.text) > self.max_chars:
                message = too_long_message(len(item.text), self.max_chars)
                self.loose.append(AnalysisFailure(item.document, message))
            else:
                self.in_flight.append((item, self.take_loose()))
                article = item
        if was_armed:
            deadline.arm()
        return article

    def take_loose(self) -> list[Result]:
        taken, self.loose = self.loose, []
        return taken


def _piped(stream: _Stream, nlp: Language, batch_size: int, deadline: ArticleDeadline) -> Iterator[Result]:
    """Results of one ``nlp.pipe`` over the stream; the alarm is armed only while an article is worked on."""
    pipe = nlp.pipe(stream.docs(nlp, deadline), batch_size=batch_size)
    while True:
        try:
            deadline.arm()
            doc = next(pipe, None)
            result = analysis_from_doc(doc) if doc is not None else None
            deadline.disarm()
        except Exception as exc:  # ArticleTimeout or a component's error: isolate the article
            deadline.disarm()
            raise _PipeBroken from exc
        if result is None:
            return
        _, failures = stream.in_flight.popleft()
        yield from failures
        yield result


def _one_by_one(stream: _Stream, nlp: Language, deadline: ArticleDeadline) -> Iterator[Result]:
    """Analyse the articles a broken pipe held, each alone under its own deadline."""
    while stream.in_flight:
        article, failures = stream.in_flight.popleft()
        yield from failures
        yield _analyse_alone(article, nlp, deadline)


def _analyse_alone(article: Article, nlp: Language, deadline: ArticleDeadline) -> Result:
    try:
        deadline.arm()
        result = analysis_from_doc(nlp(make_doc(nlp, article)))
        deadline.disarm()
        return result
    except ArticleTimeout as exc:
        deadline.disarm()
        return AnalysisFailure(article.document, f"timed out: {exc}")
    except Exception as exc:  # a component bug must not end a batch of thousands: name it and go on
        deadline.disarm()
        detail = " ".join(str(exc).split())[:200]
        return AnalysisFailure(article.document, f"analysis failed: {type(exc).__name__}: {detail}")


def analyze_items_in_processes(
    items: Iterable[Item],
    *,
    model: str,
    batch_size: int = 32,
    n_process: int = 2,
    limits: Limits | None = None,
) -> Iterator[Result]:
    """Analyse a stream of articles in ``n_process`` worker processes, in input order.

    spaCy's own ``nlp.pipe(n_process=...)`` carries our annotations (plain data on the Doc),
    but its workers have no per-article deadline and one component error ends the whole pipe;
    so whole batches go to workers that run ``analyze_items`` (limits, isolation), each loading
    the pipeline once and sending back finished Analysis objects. At most two batches per worker
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
            in_flight.append(
                pool.submit(_analyse_batch, batch, model, batch_size, profile is not None, limits)
            )
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
    batch: list[Item], model: str, batch_size: int, with_profile: bool, limits: Limits | None = None
) -> tuple[list[Result], dict[str, tuple[float, int]] | None]:
    """Worker side: analyse one batch with the process's cached pipeline."""
    nlp = load_pipeline(model)
    if not with_profile:
        return list(analyze_items(batch, nlp, batch_size, limits)), None
    with profiling.profile_pipeline(nlp) as profile:
        results = list(analyze_items(batch, nlp, batch_size, limits))
    return results, profile.as_dict()
