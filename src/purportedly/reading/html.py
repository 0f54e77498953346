"""Read an HTML page with trafilatura: the story text without navigation, plus its metadata."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from purportedly.model import Article
from purportedly.reading.decoding import bom_encoding, decode_bytes
from purportedly.reading.errors import ReadError
from purportedly.reading.html_blocks import block_text
from purportedly.reading.plaintext import read_text

if TYPE_CHECKING:
    import trafilatura

MIN_ARTICLE_WORDS = 25  # less than this is a menu, an error page or a teaser, not a story
MIN_PARAGRAPH_WORDS = 8
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
HTML_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    return HTML_START_RE.match(text[:2000]) is not None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: a BOM or valid UTF-8 first (pages often declare a charset they do not use),
    then the declared charset, then detection."""
    if bom_encoding(data) is None:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    declared = META_CHARSET_RE.search(data[:4096]) if bom_encoding(data) is None else None
    if declared:
        encoding = declared.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def is_article(text: str) -> bool:
    words = len(text.split())
    return words >= MIN_ARTICLE_WORDS and any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in text.split("\n"))


def parse_meta_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def story_text(title: str | None, body: str) -> str:
    """The text analysed: headline, then one paragraph per block (trafilatura gives one per line)."""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and (not paragraphs or paragraphs[0] != title.strip()):
        paragraphs.insert(0, title.strip())
    return "\n\n".join(paragraphs) + "\n"


def mark_title(article: Article, title: str | None) -> None:
    """The page's headline is the first block of the story text: make sure it is read as the title."""
    first = article.segments[0] if article.segments else None
    if title and first is not None and first.text == title.strip():
        article.segments[0] = first.model_copy(update={"kind": "title"})
        article.title = first.text


def extract(html: str, url: str | None) -> trafilatura.settings.Document | None:
    """trafilatura's story and metadata; dates only from the page's own date markup, never guessed."""
    # imported here: trafilatura and lxml take a fifth of a second to import, which a run of
    # plain-text articles (the command line's common case) would pay for nothing
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise ReadError(f"cannot parse the HTML page ({type(exc).__name__})") from exc


def read_html(html: str | bytes, document: str = "<html>", url: str | None = None) -> Article:
    """An HTML page → Article of its story text with title, date, outlet, authors and url.

    Raises ReadError when the page holds no article (a menu, an error page, an empty body).
    """
    if not html.strip():
        raise ReadError("empty file")
    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html)
    extracted = extract(html, url)
    title = extracted.title if extracted is not None else None
    body = (extracted.text or "") if extracted is not None else ""
    if not is_article(body):
        # trafilatura found nothing: the page may be too deeply nested for lxml to build at all
        title, body = block_text(html)
        extracted = None
    if not is_article(body):
        raise ReadError("no article text found in the HTML page")
    article = read_text(story_text(title, body), document=document)
    mark_title(article, title)
    article.title = article.title or title
    if extracted is not None:
        add_page_metadata(article, extracted)
    article.url = url or article.url
    article.encoding = encoding
    article.input_format = "html"
    return article


def add_page_metadata(article: Article, extracted: trafilatura.settings.Document) -> None:
    """Date, outlet, authors and URL from the page's own markup, where it has them."""
    article.date = parse_meta_date(extracted.date) or article.date
    article.outlet = extracted.sitename or article.outlet
    authors = [name.strip() for name in re.split(r";|\band\b", extracted.author or "") if name.strip()]
    article.authors = authors or article.authors
    article.url = extracted.url or article.url
