"""Limits a user sets on a run (file size, article length, time per article) and the timer enforcing time."""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from purportedly.reading.errors import ReadFailure
from purportedly.reading.inputs import DEFAULT_MAX_CHARS, default_max_bytes, parse_size  # noqa: F401 (re-exported)

DEFAULT_TIMEOUT = 120.0  # seconds; a 1M-character article takes well under a minute on one core
# After the first alarm, ring again this often: a component that swallows the first
# TimeoutError with a broad `except Exception` is interrupted again instead of running on.
REPEAT_SECONDS = 0.5
MAX_TIMEOUT = 86_400 * 365  # setitimer overflows on larger values (inf among them)


@dataclass(frozen=True)
class Limits:
    """What one run accepts; anything past a limit fails alone with a one-line message.

    ``max_bytes``: largest input file (or stdin, or corpus line) read; default 20 MB or
    $PURPORTEDLY_MAX_INPUT_BYTES. ``max_chars``: longest article text analysed. ``timeout``:
    seconds one article may take through the pipeline (None or 0: no limit).
    """

    max_bytes: int = field(default_factory=default_max_bytes)
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float | None = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if self.max_bytes < 1 or self.max_chars < 1:
            raise ValueError("max_bytes and max_chars must be positive")
        if self.timeout is not None and not 0 <= self.timeout < MAX_TIMEOUT:  # also refuses nan
            raise ValueError(f"timeout must be 0 (no limit) or a number of seconds below {MAX_TIMEOUT:,}")

    @classmethod
    def of(
        cls, max_bytes: int | None = None, max_chars: int | None = None, timeout: float | None = None
    ) -> Limits:
        """Limits from optional settings (CLI options, keyword arguments); unset ones keep their default."""
        given: dict[str, Any] = {"max_bytes": max_bytes, "max_chars": max_chars, "timeout": timeout}
        return cls(**{name: value for name, value in given.items() if value is not None})


class AnalysisFailure(ReadFailure):
    """An article that was read but could not be analysed (too long, too slow, a component error).

    A ReadFailure subclass so every consumer of results (CLI, store, engines) reports and
    records it the same way: one line naming the article, and the run goes on.
    """


class ArticleTimeout(TimeoutError):
    """One article took longer than its time limit."""


def too_long_message(length: int, limit: int) -> str:
    return f"too long to analyse ({length:,} characters; the limit is {limit:,})"


class ArticleDeadline:
    """A per-article alarm (SIGALRM): ``arm()`` before an article's work, ``disarm()`` after.

    Why a signal: it interrupts any pure-Python loop or regex in a runaway component without
    a worker process per article, and costs two system calls per article on the normal path.
    Signals only reach the main thread, so elsewhere (web server threads) there is no limit.
    """

    def __init__(self, seconds: float | None) -> None:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds if seconds and usable else None
        self.armed = False
        self._previous: Any = None

    @property
    def active(self) -> bool:
        return self.seconds is not None

    def __enter__(self) -> ArticleDeadline:
        if self.active:
            self._previous = signal.signal(signal.SIGALRM, self._ring)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            self.disarm()
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)

    def arm(self) -> None:
        if self.active:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, REPEAT_SECONDS)

    def disarm(self) -> None:
        if self.active:
            self.armed = False  # first, so an alarm landing now is ignored
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _ring(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise ArticleTimeout(f"analysis took longer than {self.seconds:g} s (the limit per article)")
