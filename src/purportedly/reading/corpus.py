"""Read JSONL and CSV corpora: one Article per row; a bad row becomes a ReadFailure naming its line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from purportedly.model import Article
from purportedly.reading.dates import DATE_RE, parse_date_match, publication_date
from purportedly.reading.decoding import SAMPLE_BYTES, bare_utf16_encoding, detect_encoding
from purportedly.reading.errors import ReadError, ReadFailure
from purportedly.reading.files import check_regular, open_regular, size_text
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
# bytes no decoding made text of: surrogateescape keeps them as U+DC80..U+DCFF, so the row holding
# them is named and fails alone while the rest of the file is read
_UNDECODED = re.compile("[\udc80-\udcff]")
MAX_ID_CHARS = 80


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
    """A row id usable inside an output file name, distinct for distinct ids: other characters are
    %-escaped (``a/b`` → ``a%2Fb``, never ``a_b``), and a long id keeps a hash of the whole."""
    text = str(value)
    name = "".join(char if char.isalnum() or char in "-_." else _escape(char) for char in text)
    if name.startswith("."):  # no hidden files, no '..'
        name = "%2E" + name[1:]
    if len(name) > MAX_ID_CHARS:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        name = f"{name[: MAX_ID_CHARS - 13]}~{digest}"
    return name


def _escape(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def bad_characters(row: dict[str, Any], nul: bool = True) -> str | None:
    """Why a row's values cannot be text (a NUL, undecodable bytes), or None."""
    values = [str(value) for value in row.values() if isinstance(value, str | list)]
    values += [str(key) for key in row if key is not None]
    joined = "\n".join(values)
    if nul and "\x00" in joined:
        return "NUL byte in the row"
    if _UNDECODED.search(joined) or re.search("[\ud800-\udfff]", joined):
        return "undecodable bytes in the row"
    return None


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


def text_lines(path: Path, encoding: str, max_bytes: int) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line, or None when longer than ``max_bytes``). Never holds more than
    one line of ``max_bytes``; undecodable bytes are kept escaped for the row check. UTF-16/32
    files are decoded whole, so they must fit in ``max_bytes``."""
    if encoding.startswith(("utf-16", "utf-32")):
        with open_regular(path) as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            limit = size_text(max_bytes)
            raise ReadError(f"too large for a {encoding} corpus, which is read whole (the limit is {limit})")
        text = data.decode(encoding, errors="surrogateescape").removeprefix("\ufeff")
        yield from enumerate(text.split("\n"), 1)
        return
    with open_regular(path) as handle:
        number = 0
        while raw := handle.readline(max_bytes + 1):
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_line(handle)  # the rest of the over-long line, read in bounded pieces
                yield number, None
                continue
            yield number, raw.decode(encoding, errors="surrogateescape").removeprefix("\ufeff")


def _skip_line(handle: Any, chunk: int = 1 << 20) -> None:
    while (piece := handle.readline(chunk)) and not piece.endswith(b"\n"):
        pass


def read_jsonl(
    path: Path, shown: str, max_bytes: int, max_chars: int | None = None, name: str | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article per JSON object line; malformed lines fail alone, with their line number."""
    encoding = corpus_encoding(path)
    rows = 0
    for number, line in text_lines(path, encoding, max_bytes):
        where = f"{shown}:{number}"
        if line is None:
            rows += 1
            yield ReadFailure(where, f"line too large (the limit is {size_text(max_bytes)})")
            continue
        if not line.strip():
            continue
        rows += 1
        if "\x00" in line or _UNDECODED.search(line):
            problem = "NUL byte in the line" if "\x00" in line else f"undecodable bytes (not {encoding})"
            yield ReadFailure(where, problem)
            continue
        yield with_encoding(
            within_length(jsonl_row(line, name or path.name, where, number), where, max_chars), encoding
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
    if bad_characters(row, nul=False):  # "\udc80" escapes: lone surrogates no store can hold
        return ReadFailure(where, "undecodable characters in the row (lone surrogate escapes)")
    try:
        return row_article(row, row_document(row, name, number), "jsonl")
    except ReadError as exc:
        return ReadFailure(where, str(exc))
    except Exception as exc:  # an odd row must not end the corpus: name the problem and go on
        return ReadFailure(where, f"cannot read row: unexpected {type(exc).__name__}: {exc}")


def read_csv(
    path: Path, shown: str, max_bytes: int, max_chars: int | None = None, name: str | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article per CSV row under a header; short, long or undecodable rows fail alone."""
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    encoding = corpus_encoding(path)
    raw = open_regular(path)
    with io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="") as handle:
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
            rows += 1
            where = f"{shown}:{start}"
            item = within_length(
                csv_row(row, name or path.name, where, start, len(reader.fieldnames or [])), where, max_chars
            )
            yield with_encoding(item, encoding)
            start = reader.line_num + 1
    if rows == 0:
        yield ReadFailure(shown, "no rows under the CSV header" if start > 1 else "empty file")


def csv_row(row: dict[str, Any], name: str, where: str, number: int, width: int) -> Article | ReadFailure:
    if None in row or any(value is None for value in row.values()):
        got = len([v for v in row.values() if v is not None]) + len(row.get(None) or [])
        return ReadFailure(where, f"malformed row ({got} fields; the header has {width})")
    problem = bad_characters(row)
    if problem:
        return ReadFailure(where, problem)
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
    """The encoding of a corpus file, from its first 64 KB. A few bad rows (a NUL, stray bytes)
    must not decide for the whole file: they fail alone when read."""
    with open_regular(path) as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise ReadError("empty file")
    # whole lines only: the sample may end inside a line (and inside a character)
    lines = [line for line in (sample.split(b"\n")[:-1] or [sample]) if line.strip()]
    utf8 = [line for line in lines if _is_utf8_text(line)]
    has_multibyte = any(max(line) >= 0x80 for line in utf8)
    # UTF-8 multi-byte sequences almost never occur by chance in other encodings: with them, a
    # minority of lines that do not decode are bad rows, not another encoding
    if lines and (len(utf8) == len(lines) or (has_multibyte and len(utf8) >= 0.5 * len(lines))):
        return "utf-8"
    # NUL bytes in a file with clean UTF-8 lines are bad rows (however many), unless the whole
    # sample reads as UTF-16, where every line carries NULs
    if b"\x00" in sample and utf8 and bare_utf16_encoding(sample) is None:
        sample = _without_nul_lines(sample)
    return detect_encoding(sample)


def _is_utf8_text(line: bytes) -> bool:
    if b"\x00" in line:
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _without_nul_lines(sample: bytes) -> bytes:
    return b"\n".join(line for line in sample.split(b"\n") if b"\x00" not in line)


def read_corpus(
    path: Path,
    shown: str,
    fmt: CorpusFormat,
    max_bytes: int,
    max_chars: int | None = None,
    name: str | None = None,
) -> Iterator[Article | ReadFailure]:
    """Rows of a JSONL or CSV corpus (named ``name:id`` or ``name:line``); a file-level problem is
    one ReadFailure for the file."""
    reader = read_jsonl if fmt == "jsonl" else read_csv
    try:
        check_regular(path)
        yield from reader(path, shown, max_bytes, max_chars, name)
    except ReadError as exc:
        yield ReadFailure(shown, str(exc))
    except UnicodeDecodeError as exc:
        yield ReadFailure(shown, f"undecodable bytes (not {exc.encoding})")
    except PermissionError:
        yield ReadFailure(shown, "cannot read file: permission denied")
    except (OSError, io.UnsupportedOperation) as exc:
        yield ReadFailure(shown, f"cannot read file ({getattr(exc, 'strerror', None) or exc})")
