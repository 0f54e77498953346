"""Single-machine engines: articles through ``nlp.pipe`` in batches, in-process or in a process pool."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from purportedly import profiling
from purportedly.engines.docs import analysis_from_doc, make_doc
from purportedly.limits import AnalysisFailure, ArticleDeadline, ArticleTimeout, Limits, too_long_message
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import load_pipeline
from purportedly.reading import ReadFailure
from purportedly.shape import shape_problem

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = Article | ReadFailure
Result = Analysis | ReadFailure


MAX_BATCH_CHARS = 100_000  # spaCy's memory grows with the tokens of a whole batch: bound it


def analyze_items(
    items: Iterable[Item], nlp: Language, batch_size: int = 32, limits: Limits | None = None
) -> Iterator[Result]:
    """Analyse a stream of articles in ``nlp.pipe`` batches, in input order.

    Read failures come back in their place; so does an AnalysisFailure for an article that is
    too long or of a pathological shape (``shape.shape_problem``), takes longer than
    ``limits.timeout``, or makes a component raise. Only the current batch is held: at most
    ``batch_size`` articles and ``MAX_BATCH_CHARS`` characters (a longer article goes alone).

    A timeout costs one timeout: an article analysed alone that times out simply fails; in a
    batch, the article a component was working on when the alarm rang fails and the others are
    analysed again one by one. Only when the alarm rang inside a batch-wide layer (tok2vec), with
    no article to blame, are all of them retried one by one, each under its own deadline.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    limits = limits or Limits()
    # a user who raised the length limit means it: spaCy's own guard (1M characters) follows
    nlp.max_length = max(nlp.max_length, limits.max_chars)
    stream = _Stream(iter(items), limits.max_chars)
    with ArticleDeadline(limits.timeout) as deadline:
        while stream.fill(batch_size, MAX_BATCH_CHARS):
            yield from _analyse_batch_in_flight(stream, nlp, deadline)
    yield from stream.take_loose()


class _Stream:
    """The input side of ``analyze_items``: articles handed to the pipe and not yet returned.

    Kept outside the pipe so that when the pipe breaks nothing it held is lost.
    """

    def __init__(self, items: Iterator[Item], max_chars: int) -> None:
        self.items = items
        self.max_chars = max_chars
        self.in_flight: deque[tuple[Article, list[Result]]] = deque()
        self.loose: list[Result] = []  # failures read since the last article
        self.held: Article | None = None  # read, but past the current batch's character budget
        self.done = False

    def fill(self, batch_size: int, max_chars: int) -> bool:
        """Put the next batch in flight (runs with the alarm off); False when nothing is left."""
        chars = 0
        while len(self.in_flight) < batch_size:
            article = self.held or self.next_article()
            self.held = None
            if article is None:
                break
            if self.in_flight and chars + len(article.text) > max_chars:
                self.held = article  # the next batch starts with it
                break
            chars += len(article.text)
            self.in_flight.append((article, self.take_loose()))
        return bool(self.in_flight)

    def next_article(self) -> Article | None:
        """The next article to analyse; failures, over-long and pathological ones are set aside."""
        while not self.done:
            item = next(self.items, None)
            if item is None:
                self.done = True
            elif isinstance(item, ReadFailure):
                self.loose.append(item)
            elif len(item.text) > self.max_chars:
                message = too_long_message(len(item.text), self.max_chars)
                self.loose.append(AnalysisFailure(item.document, message))
            elif problem := shape_problem(item.text):
                self.loose.append(AnalysisFailure(item.document, problem))
            else:
                return item
        return None

    def take_loose(self) -> list[Result]:
        taken, self.loose = self.loose, []
        return taken


def _analyse_batch_in_flight(stream: _Stream, nlp: Language, deadline: ArticleDeadline) -> Iterator[Result]:
    """Results of the batch in flight, in order; a break isolates the culprit (see analyze_items)."""
    articles = [article for article, _ in stream.in_flight]
    try:
        deadline.arm()  # the whole batch is one deadline: spaCy works on all its docs at once
        results: list[Result] = [analysis_from_doc(doc) for doc in _pipe(nlp, articles)]
        deadline.disarm()
    except Exception as exc:  # ArticleTimeout or a component's error
        deadline.disarm()
        yield from _after_break(stream, nlp, deadline, exc)
        return
    for result in results:
        _, failures = stream.in_flight.popleft()
        yield from failures
        yield result


def _pipe(nlp: Language, articles: list[Article]) -> Iterator[Doc]:
    if len(articles) == 1:
        yield nlp(make_doc(nlp, articles[0]))
        return
    yield from nlp.pipe((make_doc(nlp, article) for article in articles), batch_size=len(articles))


def _after_break(
    stream: _Stream, nlp: Language, deadline: ArticleDeadline, exc: Exception
) -> Iterator[Result]:
    alone = len(stream.in_flight) == 1
    culprit = _article_at_fault(exc) if isinstance(exc, ArticleTimeout) else None
    while stream.in_flight:
        article, failures = stream.in_flight.popleft()
        yield from failures
        if alone or article is culprit:  # it already had its time (or its error): no second run
            yield _failure(article, exc)
        else:
            yield _analyse_alone(article, nlp, deadline)


def _article_at_fault(exc: BaseException) -> Article | None:
    """The article whose Doc the innermost frame was working on when ``exc`` was raised, if any."""
    found, frame = None, exc.__traceback__
    while frame is not None:
        doc = frame.tb_frame.f_locals.get("doc")
        if isinstance(doc, Doc) and Doc.has_extension("article"):
            found = doc._.article or found
        frame = frame.tb_next
    return found


def _failure(article: Article, exc: BaseException) -> AnalysisFailure:
    if isinstance(exc, ArticleTimeout):
        return AnalysisFailure(article.document, f"timed out: {exc}")
    detail = " ".join(str(exc).split())[:200]
    return AnalysisFailure(article.document, f"analysis failed: {type(exc).__name__}: {detail}")


def _analyse_alone(article: Article, nlp: Language, deadline: ArticleDeadline) -> Result:
    try:
        deadline.arm()
        result = analysis_from_doc(nlp(make_doc(nlp, article)))
        deadline.disarm()
        return result
    except Exception as exc:  # a timeout, or a component bug: name it and go on
        deadline.disarm()
        return _failure(article, exc)


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
    from concurrent.futures import ProcessPoolExecutor  # a pool's modules only for a pool (start-up)

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
