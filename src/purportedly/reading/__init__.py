"""Read articles from plain text, HTML, JSONL/CSV corpora and stdin into the shared Article model."""

from __future__ import annotations

from purportedly.reading.decoding import decode_bytes
from purportedly.reading.errors import ReadError, ReadFailure
from purportedly.reading.html import read_html
from purportedly.reading.inputs import DEFAULT_MAX_BYTES, read_bytes, read_inputs
from purportedly.reading.plaintext import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadError",
    "ReadFailure",
    "decode_bytes",
    "read_bytes",
    "read_html",
    "read_inputs",
    "read_text",
]
