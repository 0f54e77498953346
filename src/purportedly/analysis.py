"""Run one article (or a stream of them) through the pipeline and collect an Analysis."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.limits import Limits
from purportedly.model import Analysis, Article
from purportedly.nlp.extensions import get_list
from purportedly.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from purportedly.profiling import BUILDING, CLAIMS, READING, stage, timed_iter
from purportedly.reading import ReadFailure, read_inputs, read_text


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying its Article, ready for ``nlp(doc)`` / ``nlp.pipe(docs)``."""
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def analysis_from_doc(doc: Doc) -> Analysis:
    """Collect what the components set on ``doc`` into the shared data model."""
    from purportedly.claims import build_claims  # claims read the finished Doc

    article: Article = doc._.article
    with stage(CLAIMS):
        claims = doc._.claims if doc._.claims is not None else build_claims(doc)
    with stage(BUILDING):
        return _build_analysis(doc, article, claims)


def _build_analysis(doc: Doc, article: Article, claims: list) -> Analysis:
    from purportedly.claims.recordings import RecordingFinder  # reads the finished Analysis

    return RecordingFinder()(_analysis_of(doc, article, claims))


def _analysis_of(doc: Doc, article: Article, claims: list) -> Analysis:
    return Analysis(
        document=article.document,
        title=article.title,
        date=article.date,
        outlet=article.outlet,
        authors=article.authors,
        url=article.url,
        key_points=[s.text for s in article.segments_of("key_point")],
        captions=[s.text for s in article.segments_of("caption", "credit")],
        quotes=get_list(doc, "quotes"),
        indirect_quotes=get_list(doc, "indirect_quotes"),
        sources=get_list(doc, "sources"),
        claims=claims,
        hedges=get_list(doc, "hedges"),
        counts=get_list(doc, "counts"),
        entities=get_list(doc, "entities"),
        times=get_list(doc, "times"),
        places=get_list(doc, "places"),
        glossary=get_list(doc, "glossary"),
        article=article,
    )


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
    from purportedly.engines.local import analyze_items, analyze_items_in_processes

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
    from purportedly.engines.local import analyze_items, analyze_items_in_processes

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
