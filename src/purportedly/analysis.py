"""Run one article (or a stream of them) through the pipeline and collect an Analysis.

The public API; ``make_doc`` and ``analysis_from_doc`` live in ``engines/docs.py`` (the engines
use them too) and are importable from here as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from spacy.language import Language

from purportedly.engines.docs import analysis_from_doc, make_doc
from purportedly.engines.local import analyze_items, analyze_items_in_processes
from purportedly.limits import Limits
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from purportedly.profiling import READING, timed_iter
from purportedly.reading import ReadFailure, read_inputs, read_text

__all__ = [
    "analysis_from_doc",
    "analyze",
    "analyze_article",
    "analyze_inputs",
    "analyze_stream",
    "make_doc",
    "write_json",
]


def analyze_article(article: Article, nlp: Language | None = None) -> Analysis:
    """Analyse one already-read Article."""
    nlp = nlp or load_pipeline()
    return analysis_from_doc(nlp(make_doc(nlp, article)))


def analyze(text: str | Article, *, document: str = "<text>", model: str = DEFAULT_MODEL) -> Analysis:
    """Analyse an article given as text (in any layout the reader knows) or as an Article.

    >>> import purportedly
    >>> result = purportedly.analyze('"We are leaving," the soldier said.')
    >>> result.quotes[0].speaker
    'the soldier'
    """
    article = text if isinstance(text, Article) else read_text(text, document=document)
    return analyze_article(article, load_pipeline(model))


def analyze_stream(
    articles: Iterable[Article],
    *,
    model: str = DEFAULT_MODEL,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    limits: Limits | None = None,
) -> Iterator[Analysis | ReadFailure]:
    """Analyse articles lazily in batches with ``nlp.pipe``; memory stays flat for any count.

    ``n_process > 1`` analyses batches in that many worker processes (each loads ``model``).
    An article past ``limits`` (too long, too slow) or that breaks a component comes back as
    an AnalysisFailure (a ReadFailure) in its place, and the rest go on.
    """
    if n_process != 1:
        yield from analyze_items_in_processes(
            articles, model=model, batch_size=batch_size, n_process=n_process, limits=limits
        )
        return
    yield from analyze_items(articles, nlp or load_pipeline(model), batch_size, limits)


def analyze_inputs(
    paths: list[str],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    limits: Limits | None = None,
) -> Iterator[Analysis | ReadFailure]:
    """Read and analyse files, directories, corpora or stdin ('-'), in input order.

    Inputs that cannot be read, or are past ``limits`` (file size, article length, time per
    article; see ``purportedly.limits.Limits``), come back as ReadFailure in their place;
    the rest go on.
    Streams end to end: articles are read as the pipeline asks for them and each result is
    yielded as soon as its batch is done. The Python twin of ``purportedly analyze``.
    """
    nlp = load_pipeline(model)  # before reading, so a missing model fails fast
    limits = limits or Limits()
    reading = read_inputs(paths, max_bytes=limits.max_bytes, max_chars=limits.max_chars)
    items = timed_iter(reading, READING)
    if n_process != 1:
        yield from analyze_items_in_processes(
            items, model=model, batch_size=batch_size, n_process=n_process, limits=limits
        )
        return
    yield from analyze_items(items, nlp, batch_size, limits)


_DOCUMENT_FIELD = re.compile(r'^\s*"document":\s*("(?:[^"\\]|\\.)*")', re.MULTILINE)


def output_path(out_dir: Path, document: str) -> Path:
    """``out_dir/<document>.json``, keeping a document's folders (``2023/index.txt``) and never
    leaving ``out_dir`` (no root, no '..')."""
    parts = PurePosixPath(document.replace("\\", "/")).parts
    parts = tuple(part for part in parts if part not in ("/", ".", ".."))
    relative = PurePosixPath(*parts) if parts else PurePosixPath("document")
    return out_dir.joinpath(*relative.parent.parts, f"{relative.name}.json")


def write_json(
    result: Analysis, out_dir: Path, *, force: bool = False, written: set[Path] | None = None
) -> Path:
    """Write ``<document>.json`` under ``out_dir`` (the name the evaluation scorer looks for).

    Written beside the target and renamed into place, so a failure leaves the old file or none.
    An existing file is only replaced when it is an earlier analysis of the same document (or
    with ``force``); a name this run already wrote (``written``) gets ``~2``, ``~3``... rather than
    replacing it. Raises OutputError (one line naming the file).
    """
    from purportedly.outputs import OutputError, atomic_path, check_target

    target = output_path(out_dir, result.document)
    written = written if written is not None else set()
    number = 1
    while target in written:
        number += 1
        target = target.with_name(f"{target.name.removesuffix('.json')}~{number}.json")
    if not (target.is_file() and _earlier_analysis_of(target, result.document)):
        check_target(target, force=force)
    with atomic_path(target) as temporary:
        temporary.write_text(result.to_json() + "\n", encoding="utf-8")
    written.add(target)
    if not target.is_file():  # renamed away under us: say so rather than report it written
        raise OutputError(f"{target}: vanished after writing")
    return target


def _earlier_analysis_of(path: Path, document: str) -> bool:
    """Whether ``path`` holds our own earlier analysis of ``document`` (re-runs replace it)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    match = _DOCUMENT_FIELD.search(head)
    try:
        return head.lstrip().startswith("{") and match is not None and json.loads(match.group(1)) == document
    except ValueError:
        return False
