"""Read JSONL and CSV corpora: one Article per row; a bad row becomes a ReadFailure naming its line."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from purportedly.model import Article
from purportedly.reading.dates import DATE_RE, parse_date_match, publication_date
from purportedly.reading.decoding import SAMPLE_BYTES, detect_encoding
from purportedly.reading.errors import ReadError, ReadFailure
from purportedly.reading.html import looks_like_html, read_html
from purportedly.reading.plaintext import read_text

TEXT_FIELDS = ("text", "content", "body", "article", "story", "full_text", "maintext", "html", "raw_html")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pubdate", "date_publish", "datetime")
URL_FIELDS = ("url", "link", "source_url")
ID_FIELDS = ("id", "doc_id", "uid", "guid")
OUTLET_FIELDS = ("outlet", "source", "site", "sitename", "site_name", "publisher", "domain")
AUTHOR_FIELDS = ("authors", "author", "byline")
CorpusFormat = Literal["jsonl", "csv"]


def field(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first non-empty value among ``names`` (keys compared case-insensitively)."""
    lowered = {str(key).strip().lower(): value for key, value in row.items() if key is not None}
    for name in names:
        value = lowered.get(name)
        if isinstance(value, dict):  # {"source": {"name": "..."}}
            value = value.get("name") or value.get("title")
        if value not in (None, "", []):
            return value
    return None


def parse_row_date(value: Any) -> date | None:
    """ISO dates and datetimes, else any full written date ("4 June 2023")."""
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        match = DATE_RE.search(text)
        return publication_date(text) or (parse_date_match(match) if match else None)


def parse_authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(name).strip() for name in value if str(name).strip()]
    return [name.strip() for name in str(value).replace(" and ", ";").split(";") if name.strip()]


def safe_name(value: Any) -> str:
    """A row id usable inside an output file name."""
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in str(value))[:80]


def row_article(row: dict[str, Any], document: str, input_format: CorpusFormat) -> Article:
    """One corpus row → Article; its own fields (title, date, url, outlet) win over the text's layout."""
    text = field(row, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"no text (expected a non-empty field among {', '.join(TEXT_FIELDS[:3])} ...)")
    url = field(row, URL_FIELDS)
    url = str(url) if url is not None else None
    article = read_html(text, document, url=url) if looks_like_html(text) else read_text(text, document)
    title, published = field(row, TITLE_FIELDS), field(row, DATE_FIELDS)
    article.title = str(title).strip() if title is not None else article.title
    article.date = (parse_row_date(published) if published is not None else None) or article.date
    outlet, authors = field(row, OUTLET_FIELDS), field(row, AUTHOR_FIELDS)
    article.outlet = str(outlet) if outlet is not None else article.outlet
    article.authors = parse_authors(authors) if authors is not None else article.authors
    article.url = url or article.url
    if article.input_format == "text":
        article.input_format = input_format
    return article


def row_document(row: dict[str, Any], name: str, line: int) -> str:
    row_id = field(row, ID_FIELDS)
    return f"{name}:{safe_name(row_id)}" if row_id is not None else f"{name}:{line}"


def text_lines(path: Path, encoding: str) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line or None when undecodable); UTF-16/32 files are decoded whole."""
    if encoding.startswith(("utf-16", "utf-32")):
        yield from enumerate(path.read_bytes().decode(encoding).removeprefix("\ufeff").split("\n"), 1)
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                yield number, raw.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                yield number, None


def read_jsonl(
    path: Path, shown: str, max_bytes: int, max_chars: int | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article per JSON object line; malformed lines fail alone, with their line number."""
    encoding = corpus_encoding(path)
    rows = 0
    for number, line in text_lines(path, encoding):
        where = f"{shown}:{number}"
        if line is None:
            yield ReadFailure(where, f"undecodable bytes (not {encoding})")
            continue
        if not line.strip():
            continue
        rows += 1
        if len(line) > max_bytes:
            yield ReadFailure(where, f"line too large ({len(line)} characters; the limit is {max_bytes})")
            continue
        yield with_encoding(
            within_length(jsonl_row(line, path.name, where, number), where, max_chars), encoding
        )
    if rows == 0:
        yield ReadFailure(shown, "empty file")


def jsonl_row(line: str, name: str, where: str, number: int) -> Article | ReadFailure:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError):  # numbers past Python's digit limit, absurd nesting
        return ReadFailure(where, "malformed JSON: value too large or nested too deeply")
    if not isinstance(row, dict):
        return ReadFailure(where, f"expected a JSON object, got {type(row).__name__}")
    try:
        return row_article(row, row_document(row, name, number), "jsonl")
    except ReadError as exc:
        return ReadFailure(where, str(exc))
    except Exception as exc:  # an odd row must not end the corpus: name the problem and go on
        return ReadFailure(where, f"cannot read row: unexpected {type(exc).__name__}: {exc}")


def read_csv(
    path: Path, shown: str, max_bytes: int, max_chars: int | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article per CSV row under a header; short, long or undecodable rows fail alone."""
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    encoding = corpus_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        start, rows = 2, 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield ReadFailure(f"{shown}:{start}", f"malformed CSV ({exc})")
                start = reader.line_num + 1
                continue
            except UnicodeDecodeError:
                message = f"undecodable bytes (not {encoding}); the rest of the file is skipped"
                yield ReadFailure(f"{shown}:{start}", message)
                return
            rows += 1
            where = f"{shown}:{start}"
            item = within_length(
                csv_row(row, path.name, where, start, len(reader.fieldnames or [])), where, max_chars
            )
            yield with_encoding(item, encoding)
            start = reader.line_num + 1
    if rows == 0:
        yield ReadFailure(shown, "no rows under the CSV header" if start > 1 else "empty file")


def csv_row(row: dict[str, Any], name: str, where: str, number: int, width: int) -> Article | ReadFailure:
    if None in row or any(value is None for value in row.values()):
        got = len([v for v in row.values() if v is not None]) + len(row.get(None) or [])
        return ReadFailure(where, f"malformed row ({got} fields; the header has {width})")
    try:
        return row_article(row, row_document(row, name, number), "csv")
    except ReadError as exc:
        return ReadFailure(where, str(exc))
    except Exception as exc:  # an odd row must not end the corpus: name the problem and go on
        return ReadFailure(where, f"cannot read row: unexpected {type(exc).__name__}: {exc}")


def within_length(item: Article | ReadFailure, where: str, max_chars: int | None) -> Article | ReadFailure:
    """A row's article, or a failure naming its line when its text is past the length limit."""
    if isinstance(item, Article) and max_chars is not None and len(item.text) > max_chars:
        return ReadFailure(
            where, f"too long to analyse ({len(item.text):,} characters; the limit is {max_chars:,})"
        )
    return item


def with_encoding(item: Article | ReadFailure, encoding: str) -> Article | ReadFailure:
    if isinstance(item, Article) and item.encoding is None:
        item.encoding = encoding
    return item


def corpus_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise ReadError("empty file")
    return detect_encoding(sample)


def read_corpus(
    path: Path, shown: str, fmt: CorpusFormat, max_bytes: int, max_chars: int | None = None
) -> Iterator[Article | ReadFailure]:
    """Rows of a JSONL or CSV corpus; a file-level problem is one ReadFailure for the file."""
    reader = read_jsonl if fmt == "jsonl" else read_csv
    try:
        yield from reader(path, shown, max_bytes, max_chars)
    except ReadError as exc:
        yield ReadFailure(shown, str(exc))
    except UnicodeDecodeError as exc:
        yield ReadFailure(shown, f"undecodable bytes (not {exc.encoding})")
    except (OSError, io.UnsupportedOperation) as exc:
        yield ReadFailure(shown, f"cannot read file ({getattr(exc, 'strerror', None) or exc})")
