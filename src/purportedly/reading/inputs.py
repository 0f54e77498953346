"""Read what the user named: files, directories (recursively), corpora and stdin, within size limits."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from purportedly.model import Article
from purportedly.reading.corpus import read_corpus
from purportedly.reading.decoding import decode_bytes
from purportedly.reading.errors import ReadError, ReadFailure
from purportedly.reading.files import MB, check_regular, read_limited, size_text  # noqa: F401 (re-exported)
from purportedly.reading.html import looks_like_html, read_html
from purportedly.reading.plaintext import read_text
from purportedly.shape import shape_problem

DEFAULT_MAX_BYTES = 20 * MB
MAX_BYTES_ENV = "PURPORTEDLY_MAX_INPUT_BYTES"  # lets CLI users raise or lower the limit
# spaCy refuses longer texts (nlp.max_length); failing here names the file instead of crashing a batch.
DEFAULT_MAX_CHARS = 1_000_000
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | set(CORPUS_SUFFIXES)


SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def parse_size(text: str) -> int:
    """'20MB', '512k', '1048576' → bytes; ValueError naming the accepted forms otherwise."""
    cleaned = text.strip().lower().replace(" ", "")
    digits = cleaned.rstrip("kmgb")
    unit = cleaned[len(digits) :]
    try:
        number = float(digits)
    except ValueError:
        number = -1.0
    if unit not in SIZE_UNITS or not 1 <= number * SIZE_UNITS.get(unit, 1) < 2**62:  # also nan, inf
        raise ValueError(f"{text!r} is not a size (e.g. 20MB, 512KB, 1048576)")
    return int(number * SIZE_UNITS[unit])


def default_max_bytes() -> int:
    """$PURPORTEDLY_MAX_INPUT_BYTES (a size such as 20MB), else 20 MB; ValueError naming the
    variable when it is set to something else, rather than silently ignoring it."""
    value = os.environ.get(MAX_BYTES_ENV)
    if value is None or not value.strip():
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ValueError(f"${MAX_BYTES_ENV}: {exc}") from None


def read_bytes(
    data: bytes, document: str, kind: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """Bytes of one article → Article; ``kind`` "html"/"text", or None to sniff. Raises ReadError."""
    if kind == "html":
        article = read_html(data, document)
    else:
        text, encoding = decode_bytes(data)
        sniffed_html = kind is None and looks_like_html(text)
        if not sniffed_html:
            # before the layout reading, which would take minutes on a raised-limit 50 MB file
            _check_length(len(text), max_chars, text)
        article = read_html(text, document) if sniffed_html else read_text(text, document)
        article.encoding = encoding
    _check_length(len(article.text), max_chars)
    return article


def _check_length(length: int, max_chars: int, text: str | None = None) -> None:
    if length > max_chars:
        raise ReadError(f"too long to analyse ({length:,} characters; the limit is {max_chars:,})")
    problem = shape_problem(text) if text is not None else None
    if problem:  # before layout reading too, which is slow on hundreds of thousands of lines
        raise ReadError(problem)


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None


def read_file(
    path: Path, shown: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS, document: str | None = None
) -> Iterator[Article | ReadFailure]:
    """One file: a corpus yields a row each, any other file one Article (or one ReadFailure).

    ``document`` names the article (default: the file's name); a corpus's rows are named after it.
    """
    corpus_format = CORPUS_SUFFIXES.get(path.suffix.lower())
    if corpus_format:
        name = document or path.name
        yield from read_corpus(path, shown, corpus_format, max_bytes, max_chars, name)  # type: ignore[arg-type]
    else:
        yield read_single(path, shown, max_bytes, max_chars, document)


def read_single(
    path: Path, shown: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS, document: str | None = None
) -> Article | ReadFailure:
    try:
        return read_bytes(read_limited(path, max_bytes), document or path.name, kind_of(path), max_chars)
    except ReadError as exc:
        return ReadFailure(shown, str(exc))
    except PermissionError:
        return ReadFailure(shown, "cannot read file: permission denied")
    except OSError as exc:
        return ReadFailure(shown, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not end a batch of thousands: name it and go on
        return ReadFailure(shown, f"cannot read: unexpected {type(exc).__name__}: {exc}")


def directory_files(directory: Path) -> list[Path]:
    """Article files under ``directory`` (recursively, hidden ones skipped), sorted by path.

    Everything with an article suffix is listed, whatever it is (a FIFO, a dangling link):
    reading then names why it is not read, instead of skipping it in silence.
    """
    found = (
        path
        for path in directory.rglob("*")
        if path.suffix.lower() in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
        and not path.is_dir()
    )
    return sorted(found)


class DocumentNames:
    """Distinct document names for the files of one run.

    A file is named by its path below the directory given (``2023/index.txt``), or by its own
    name when given directly; a name already taken in this run falls back to the path as given,
    so two different files never share a document name (or an output file).
    """

    def __init__(self) -> None:
        self.taken: dict[str, Path] = {}

    def name(self, path: Path, preferred: str) -> str:
        for candidate in (preferred, str(path)):
            owner = self.taken.setdefault(candidate, path)
            if owner == path:
                return candidate
        return str(path.absolute())


def read_path(
    path: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS, names: DocumentNames | None = None
) -> Iterator[Article | ReadFailure]:
    names = names or DocumentNames()
    target = Path(path)
    if target.is_dir():
        files = directory_files(target)
        if not files:
            suffixes = ", ".join(sorted(KNOWN_SUFFIXES))
            yield ReadFailure(path, f"no article files ({suffixes}) in this directory")
        for file in files:
            document = names.name(file, file.relative_to(target).as_posix())
            yield from read_file(file, str(file), max_bytes, max_chars, document)
    else:
        yield from read_file(target, path, max_bytes, max_chars, names.name(target, target.name))


def read_stdin(stream: BinaryIO, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS) -> Article | ReadFailure:
    """Everything on stdin as one article, HTML or text by its look."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return ReadFailure("stdin", f"too large (more than {size_text(max_bytes)})")
    try:
        return read_bytes(data, "stdin", max_chars=max_chars)
    except ReadError as exc:
        return ReadFailure("stdin", str(exc))


def read_inputs(
    paths: list[str],
    *,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | ReadFailure]:
    """Articles from files, directories, JSONL/CSV corpora and "-" (stdin), in the order given.

    Whatever cannot be read comes back as a ReadFailure in its place, and the rest go on.
    ``max_bytes`` limits each file (default 20 MB, or $PURPORTEDLY_MAX_INPUT_BYTES), ``max_chars``
    each article's text.
    """
    limit = max_bytes if max_bytes is not None else default_max_bytes()
    names = DocumentNames()
    for path in paths:
        if path == "-":
            yield read_stdin(stdin or sys.stdin.buffer, limit, max_chars)
        else:
            yield from read_path(path, limit, max_chars, names)
