"""Read articles from plain text, HTML, JSONL/CSV corpora and stdin into the shared Article model."""

from __future__ import annotations

from purportedly.model import Article, Segment


class ReadError(Exception):
    """An input that cannot be read as an article; the message names the input and the problem."""


def read_text(text: str, document: str = "<text>") -> Article:
    """Placeholder reader: the whole text is one body segment (replaced by the layout parser)."""
    return Article(document=document, text=text, segments=[Segment(kind="body", start=0, end=len(text), text=text)])


class ReadFailure:
    """One input (or one corpus line) that could not be read; the batch goes on."""

    def __init__(self, document: str, message: str) -> None:
        self.document = document
        self.message = message

    def __str__(self) -> str:
        return f"{self.document}: {self.message}"


def read_inputs(paths: list[str]):
    """Placeholder: plain-text files and '-' only."""
    import sys
    from pathlib import Path

    for path in paths:
        if path == "-":
            yield read_text(sys.stdin.read(), document="stdin")
            continue
        try:
            yield read_text(Path(path).read_text(encoding="utf-8"), document=Path(path).name)
        except (OSError, UnicodeDecodeError) as exc:
            yield ReadFailure(path, str(exc))
