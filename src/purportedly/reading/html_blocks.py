"""Fallback HTML reading: text blocks by a streaming parser, for pages trafilatura's lxml cannot build.

libxml2 refuses trees nested deeper than its limit (a few hundred levels), so a page whose story
sits 5,000 divs deep comes back from trafilatura empty although every word is there. The standard
library's HTMLParser keeps no tree, so depth costs it nothing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre"})
SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"}
)
MAX_SKIP_DEPTH = 10_000  # unclosed skipped tags in broken markup must not hide the rest forever


class BlockTextParser(HTMLParser):
    """Collects the text of block elements outside scripts, styles and page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.title: str | None = None
        self.headline: str | None = None
        self._current: list[str] | None = None
        self._current_tag = ""
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = min(self._skipping + 1, MAX_SKIP_DEPTH)
        elif tag == "title":
            self._in_title = True
        elif tag in BLOCK_TAGS and not self._skipping:
            self._flush()
            self._current = []
            self._current_tag = tag
        elif tag == "br" and self._current is not None:
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(self._skipping - 1, 0)
        elif tag == "title":
            self._in_title = False
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        elif self._current is not None and not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
                if self.headline is None and self._current_tag == "h1":
                    self.headline = text
        self._current = None


def block_text(html: str) -> tuple[str | None, str]:
    """The page's title and its block texts, one per line (trafilatura's own output shape)."""
    parser = BlockTextParser()
    parser.feed(html)
    parser.close()
    return parser.headline or page_title(parser.title), "\n".join(parser.blocks)


def page_title(title: str | None) -> str | None:
    """A <title> without the site name pages append ('Headline | Site', 'Headline - Site')."""
    if not title or not title.strip():
        return None
    parts = re.split(r"\s+[|\u2013\u2014-]\s+", " ".join(title.split()))
    return max(parts, key=len)
