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
from purportedly.reading.html import looks_like_html, read_html
from purportedly.reading.plaintext import read_text

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
MAX_BYTES_ENV = "PURPORTEDLY_MAX_INPUT_BYTES"  # lets CLI users raise or lower the limit
# spaCy refuses longer texts (nlp.max_length); failing here names the file instead of crashing a batch.
DEFAULT_MAX_CHARS = 1_000_000
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | set(CORPUS_SUFFIXES)


def default_max_bytes() -> int:
    try:
        return int(os.environ.get(MAX_BYTES_ENV, DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


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
            _check_length(len(text), max_chars)
        article = read_html(text, document) if sniffed_html else read_text(text, document)
        article.encoding = encoding
    _check_length(len(article.text), max_chars)
    return article


def _check_length(length: int, max_chars: int) -> None:
    if length > max_chars:
        raise ReadError(f"too long to analyse ({length:,} characters; the limit is {max_chars:,})")


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None


def read_file(
    path: Path, shown: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | ReadFailure]:
    """One file: a corpus yields a row each, any other file one Article (or one ReadFailure)."""
    corpus_format = CORPUS_SUFFIXES.get(path.suffix.lower())
    if corpus_format:
        yield from read_corpus(path, shown, corpus_format, max_bytes, max_chars)  # type: ignore[arg-type]
    else:
        yield read_single(path, shown, max_bytes, max_chars)


def read_single(
    path: Path, shown: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Article | ReadFailure:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"too large ({size_text(size)}; the limit is {size_text(max_bytes)})")
        return read_bytes(path.read_bytes(), path.name, kind_of(path), max_chars)
    except ReadError as exc:
        return ReadFailure(shown, str(exc))
    except PermissionError:
        return ReadFailure(shown, "cannot read file: permission denied")
    except OSError as exc:
        return ReadFailure(shown, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not end a batch of thousands: name it and go on
        return ReadFailure(shown, f"cannot read: unexpected {type(exc).__name__}: {exc}")


def directory_files(directory: Path) -> list[Path]:
    """Article files under ``directory`` (recursively, hidden ones skipped), sorted by path."""
    found = (
        path
        for path in directory.rglob("*")
        if path.suffix.lower() in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
        and path.is_file()
    )
    return sorted(found)


def read_path(
    path: str, max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | ReadFailure]:
    target = Path(path)
    if target.is_dir():
        files = directory_files(target)
        if not files:
            suffixes = ", ".join(sorted(KNOWN_SUFFIXES))
            yield ReadFailure(path, f"no article files ({suffixes}) in this directory")
        for file in files:
            yield from read_file(file, str(file), max_bytes, max_chars)
    elif target.exists():
        yield from read_file(target, path, max_bytes, max_chars)
    else:
        yield ReadFailure(path, "file not found")


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
    for path in paths:
        if path == "-":
            yield read_stdin(stdin or sys.stdin.buffer, limit, max_chars)
        else:
            yield from read_path(path, limit, max_chars)
