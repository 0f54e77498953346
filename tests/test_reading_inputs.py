"""Reading inputs: encodings, HTML, JSONL/CSV corpora, directories, stdin and one-line errors."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from purportedly.model import Article
from purportedly.reading import ReadError, ReadFailure, decode_bytes, read_bytes, read_html, read_inputs

ARTICLES = Path(__file__).resolve().parent / "articles" / "reading"
CYRILLIC = (
    "Перехоплена розмова\n\n"
    "Служба безпеки України оприлюднила запис, на якому нібито чути російського солдата.\n\n"
    "«Нас кинули тут без їжі», — каже він.\n"
)


def read_all(*paths: str | Path, **kwargs) -> list[Article | ReadFailure]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def failures(items) -> list[str]:
    return [str(item) for item in items if isinstance(item, ReadFailure)]


# ------------------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("cp1251", "cp1251"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-8-sig", "utf-8-sig")],
)
def test_encodings_are_detected_not_assumed(tmp_path, encoding, expected):
    path = tmp_path / "call.txt"
    path.write_bytes(CYRILLIC.encode(encoding))
    (article,) = read_all(path)
    assert isinstance(article, Article), str(article)
    assert article.encoding == expected
    assert article.title == "Перехоплена розмова"
    assert "нібито" in article.text


def test_bare_utf16_without_bom_is_recognised():
    text, encoding = decode_bytes(CYRILLIC.encode("utf-16-le"))
    assert encoding == "utf-16-le" and text == CYRILLIC


def test_western_legacy_text_decodes_as_windows_1252():
    text, encoding = decode_bytes("The soldier said “we are leaving” – near the café.".encode("cp1252"))
    assert encoding == "cp1252" and "“we are leaving”" in text


def test_koi8_russian_is_not_mistaken_for_an_asian_code_page():
    text, encoding = decode_bytes("Солдат сказал, что подразделение отступило у села.".encode("koi8-r"))
    assert encoding == "koi8_r" and text.startswith("Солдат")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file, not text"),
        (b"ELF\x00\x01\x02\x00\x00" * 40, "binary file, not text"),
        (bytes(range(128, 256)) * 4, "undecodable bytes: not UTF-8 and no other text encoding fits"),
    ],
)
def test_bad_bytes_raise_one_line_errors(data, message):
    with pytest.raises(ReadError) as caught:
        decode_bytes(data)
    assert str(caught.value) == message


# ----------------------------------------------------------------------------------- HTML


def test_html_page_keeps_story_and_metadata_drops_navigation():
    article = read_html(
        (ARTICLES / "page_with_nav.html").read_bytes(), "page.html", url="https://example.org/a"
    )
    assert article.title == "Leaked call purportedly shows commander ordering retreat"
    assert article.date == date(2024, 5, 7)
    assert article.outlet == "The Lantern Gazette"
    assert article.authors == ["Petra Novak"]
    assert article.url == "https://example.org/a"
    assert article.input_format == "html" and article.encoding == "utf-8"
    assert article.segments[0].kind == "title"
    assert (
        '"Pull everyone out by midnight and leave the heavy kit," the man purportedly says.' in article.text
    )
    for boilerplate in ("Most read", "Privacy policy", "Subscribe", "Football club sold", "Weather"):
        assert boilerplate not in article.text
    for segment in article.segments:
        assert article.text[segment.start : segment.end] == segment.text


def test_html_page_without_article_raises():
    with pytest.raises(ReadError, match="no article text found in the HTML page"):
        read_html((ARTICLES / "no_article.html").read_text(encoding="utf-8"), "gone.html")


def test_html_without_publication_date_gets_none():
    html = (ARTICLES / "page_with_nav.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2024-05-07T09:30:00Z">', "")
    assert read_html(html, "nodate.html").date is None


# -------------------------------------------------------------------------------- corpora


def test_jsonl_rows_become_articles_and_a_malformed_line_fails_alone():
    items = read_all(ARTICLES / "feed.jsonl")
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    first, broken, third = items
    assert first.document == "feed.jsonl:ln-001"
    assert first.title == "Intercepted call purportedly reveals fuel theft"
    assert first.date == date(2024, 4, 2) and first.outlet == "Lantern Wire"
    assert first.input_format == "jsonl"
    assert str(broken).startswith(f"{ARTICLES / 'feed.jsonl'}:2: malformed JSON")
    assert third.document == "feed.jsonl:3"
    assert third.authors == ["Ines Duarte", "Oleh Bilyk"]
    assert third.url == "https://example.org/frostbite"


def test_csv_rows_with_header_aliases_multiline_fields_and_a_short_row():
    items = read_all(ARTICLES / "feed.csv")
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    first, short, third = items
    assert first.document == "feed.csv:c1" and first.title == "Calls released"
    assert '"we have no boots"' in first.text
    assert first.outlet == "Kestrel News" and first.date == date(2023, 11, 20)
    assert str(short) == f"{ARTICLES / 'feed.csv'}:3: malformed row (2 fields; the header has 5)"
    assert third.date == date(2023, 11, 20)
    assert "It did not name the soldiers." in third.text


def test_cp1251_jsonl_corpus(tmp_path):
    path = tmp_path / "ru.jsonl"
    path.write_bytes('{"text": "Солдат нібито сказав, що їх кинули без їжі."}\n'.encode("cp1251"))
    (article,) = read_all(path)
    assert article.encoding == "cp1251" and article.text.startswith("Солдат")


def test_corpus_row_without_text_names_its_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "A call was released."}\n{"title": "No body"}\n', encoding="utf-8")
    assert failures(read_all(path)) == [
        f"{path}:2: no text (expected a non-empty field among text, content, body ...)"
    ]


# ------------------------------------------------------------------ files, dirs and stdin


def test_missing_empty_binary_and_good_files_in_one_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Headline about a call\n\nA soldier purportedly said he was leaving.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    items = read_all(good, tmp_path / "missing.txt", empty, binary)
    assert isinstance(items[0], Article) and items[0].document == "good.txt"
    assert failures(items) == [
        f"{tmp_path / 'missing.txt'}: file not found",
        f"{empty}: empty file",
        f"{binary}: binary file, not text",
    ]


def test_too_large_file_is_refused_by_a_configurable_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("A sentence about a call. " * 100, encoding="utf-8")
    (failure,) = read_all(path, max_bytes=1000)
    assert str(failure) == f"{path}: too large (2500 bytes; the limit is 1000 bytes)"
    assert isinstance(read_all(path)[0], Article)


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    shutil.copy(ARTICLES / "wire_odesa.txt", tmp_path / "b.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(ARTICLES / "page_with_nav.html", tmp_path / "sub" / "a.html")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("hidden", encoding="utf-8")
    items = read_all(tmp_path)
    assert [item.document for item in items] == ["b.txt", "sub/a.html"]  # named below the directory


def test_empty_directory_is_one_failure(tmp_path):
    (failure,) = read_all(tmp_path)
    assert failure.document == str(tmp_path) and "no article files" in failure.message


def test_stdin_is_sniffed_as_html_or_text():
    html = (ARTICLES / "page_with_nav.html").read_bytes()
    (article,) = read_all("-", stdin=io.BytesIO(html))
    assert article.document == "stdin" and article.input_format == "html"
    (article,) = read_all("-", stdin=io.BytesIO(CYRILLIC.encode("cp1251")))
    assert article.input_format == "text" and article.encoding == "cp1251"
    (failure,) = read_all("-", stdin=io.BytesIO(b""))
    assert str(failure) == "stdin: empty file"


def test_read_failure_is_one_line():
    failure = ReadFailure("feed.jsonl:17", "malformed JSON: Expecting value (column 1)")
    assert str(failure) == "feed.jsonl:17: malformed JSON: Expecting value (column 1)"
    assert "\n" not in str(failure)


def test_html_bytes_in_declared_legacy_charset_and_misdeclared_utf8():
    page = (ARTICLES / "page_with_nav.html").read_text(encoding="utf-8")
    legacy = page.replace("utf-8", "windows-1251").replace("Petra Novak", "Петра Новак").encode("cp1251")
    article = read_html(legacy, "legacy.html")
    assert article.encoding == "windows-1251" and article.authors == ["Петра Новак"]
    # pages often declare a charset they do not use: valid UTF-8 wins over the declaration
    misdeclared = page.replace("utf-8", "iso-8859-1").replace("Petra Novak", "Petra Nováková").encode("utf-8")
    assert read_html(misdeclared, "mis.html").authors == ["Petra Nováková"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_give_an_article_or_a_read_error(data):
    try:
        article = read_bytes(data, "random.bin")
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    for segment in article.segments:
        assert article.text[segment.start : segment.end] == segment.text


def test_jsonl_row_holding_an_html_page(tmp_path):
    page = (ARTICLES / "page_with_nav.html").read_text(encoding="utf-8")
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps({"url": "https://example.org/retreat", "html": page}) + "\n", encoding="utf-8")
    (article,) = read_all(path)
    assert article.input_format == "html" and article.document == "crawl.jsonl:1"
    assert article.title == "Leaked call purportedly shows commander ordering retreat"
    assert article.url == "https://example.org/retreat" and "Privacy policy" not in article.text
