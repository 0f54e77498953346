"""Per-stage timing of an analysis run: reading, tokenizer, each spaCy component, claims, Analysis."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# Stages timed outside spaCy, in the order they happen to an article.
READING = "reading"
TOKENIZER = "tokenizer"
CLAIMS = "claims"
BUILDING = "analysis building"


@dataclass
class StageTime:
    """Seconds spent in one stage and how many documents went through it."""

    seconds: float = 0.0
    docs: int = 0


@dataclass
class Profile:
    """Per-stage times of one run, in first-seen order; ``wall`` is the whole run's time."""

    stages: dict[str, StageTime] = field(default_factory=dict)
    wall: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def add(self, stage: str, seconds: float, docs: int = 1) -> None:
        entry = self.stages.get(stage)
        if entry is None:
            entry = self.stages[stage] = StageTime()
        entry.seconds += seconds
        entry.docs += docs

    def merge(self, other: dict[str, tuple[float, int]]) -> None:
        """Add times measured elsewhere (a worker process) given as ``{stage: (seconds, docs)}``."""
        for stage, (seconds, docs) in other.items():
            self.add(stage, seconds, docs)

    def as_dict(self) -> dict[str, tuple[float, int]]:
        return {name: (entry.seconds, entry.docs) for name, entry in self.stages.items()}

    def stop(self) -> None:
        self.wall = time.perf_counter() - self.started

    @property
    def measured(self) -> float:
        return sum(entry.seconds for entry in self.stages.values())


# The profile being collected, if any. A plain global rather than a ContextVar: the timed
# code runs inside generators, which ContextVars do not follow across `next()` calls.
_active: Profile | None = None


def active_profile() -> Profile | None:
    return _active


def stage(name: str) -> AbstractContextManager[None]:
    """Time the enclosed block as ``name`` when a profile is active; a shared no-op otherwise."""
    if _active is None:
        return _NO_OP
    return _timed_block(_active, name)


_NO_OP = nullcontext()


@contextmanager
def _timed_block(profile: Profile, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        profile.add(name, time.perf_counter() - started)


def timed_iter(items: Iterable[Any], name: str) -> Iterator[Any]:
    """Yield ``items`` unchanged, timing each ``next()`` as stage ``name`` when profiling is on."""
    if _active is None:
        yield from items
        return
    profile = _active
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            profile.add(name, time.perf_counter() - started, docs=0)
            return
        profile.add(name, time.perf_counter() - started)
        yield item


class _UpstreamClock:
    """Time spent pulling from the previous stage, so a stage's own time can exclude it."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def pull(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        iterator = iter(docs)
        while True:
            started = time.perf_counter()
            try:
                doc = next(iterator)
            except StopIteration:
                self.seconds += time.perf_counter() - started
                return
            self.seconds += time.perf_counter() - started
            yield doc


class TimedComponent:
    """A pipeline component wrapped so its ``__call__`` and ``pipe`` add to a Profile.

    ``nlp.pipe`` chains the components as lazy generators, so the time of one ``next()``
    on a component includes every stage before it; the upstream clock subtracts that.
    Any other attribute is the wrapped component's.
    """

    def __init__(self, name: str, component: Callable[[Doc], Doc], profile: Profile) -> None:
        self.timed_name = name
        self.component = component
        self.profile = profile

    def __call__(self, doc: Doc, **kwargs: Any) -> Doc:
        started = time.perf_counter()
        doc = self.component(doc, **kwargs)
        self.profile.add(self.timed_name, time.perf_counter() - started)
        return doc

    def pipe(self, docs: Iterable[Doc], **kwargs: Any) -> Iterator[Doc]:
        upstream = _UpstreamClock()
        inner = self._inner_pipe(upstream.pull(docs), kwargs)
        while True:
            started, upstream_before = time.perf_counter(), upstream.seconds
            try:
                doc = next(inner)
            except StopIteration:
                return
            own = time.perf_counter() - started - (upstream.seconds - upstream_before)
            self.profile.add(self.timed_name, own)
            yield doc

    def _inner_pipe(self, docs: Iterator[Doc], kwargs: dict[str, Any]) -> Iterator[Doc]:
        if hasattr(self.component, "pipe"):
            return self.component.pipe(docs, **kwargs)
        kwargs = {key: value for key, value in kwargs.items() if key != "batch_size"}
        return (self.component(doc, **kwargs) for doc in docs)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.component, attribute)


class TimedTokenizer(TimedComponent):
    """The tokenizer wrapped like a component (``nlp.make_doc`` calls it with a str)."""

    def __call__(self, text: str) -> Doc:  # type: ignore[override]
        started = time.perf_counter()
        doc = self.component(text)
        self.profile.add(self.timed_name, time.perf_counter() - started)
        return doc


@contextmanager
def profile_pipeline(nlp: Language) -> Iterator[Profile]:
    """Collect per-stage times of everything ``nlp`` (and the analysis around it) does inside.

    >>> with profile_pipeline(nlp) as profile:
    ...     results = list(analyze_stream(articles, nlp=nlp))
    >>> render_profile(profile, console)

    The components are wrapped only inside the block, so runs outside it cost nothing.
    Stages that run in other processes (``n_process > 1``) are merged in by the engine.
    """
    global _active
    original_components = list(nlp._components)
    original_tokenizer = nlp.tokenizer
    previous, _active = _active, Profile()
    profile = _active
    try:
        nlp.tokenizer = TimedTokenizer(TOKENIZER, original_tokenizer, profile)
        nlp._components[:] = [
            (name, TimedComponent(name, proc, profile)) for name, proc in original_components
        ]
        yield profile
    finally:
        nlp._components[:] = original_components
        nlp.tokenizer = original_tokenizer
        profile.stop()
        _active = previous


def render_profile(profile: Profile, console: Any) -> None:
    """Print a Rich table of seconds, share of the run and ms per document for every stage."""
    from rich.table import Table

    table = Table(title=f"purportedly: time per stage ({profile.wall:.2f} s wall)")
    for column in ("stage", "seconds", "% of run", "docs", "ms/doc"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    total = profile.wall or profile.measured or 1.0
    for name, entry in profile.stages.items():
        per_doc = f"{1000 * entry.seconds / entry.docs:.2f}" if entry.docs else "-"
        share = f"{100 * entry.seconds / total:.1f}"
        table.add_row(name, f"{entry.seconds:.3f}", share, str(entry.docs), per_doc)
    other = max(profile.wall - profile.measured, 0.0)
    if profile.wall:
        table.add_row("other (output, glue)", f"{other:.3f}", f"{100 * other / total:.1f}", "", "")
    console.print(table)
