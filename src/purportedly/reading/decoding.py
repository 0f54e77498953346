"""Turn bytes into text: BOMs, strict UTF-8, else charset-normalizer; refuse binary and empty input."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from purportedly.reading.errors import ReadError
from purportedly.reading.lexicon import load_lines

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
SAMPLE_BYTES = 65536
# Control bytes that never occur in text (tab, newlines, form feed and escape do).
CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}
MAX_CONTROL_SHARE = 0.05
MAX_MESS = 0.5  # beyond this every decoding is gibberish: the bytes are not text in any code page
CLEAN_MESS = 0.01  # a legacy decoding this clean is taken without asking charset-normalizer


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def is_plain_char(char: str) -> bool:
    """Printable Latin, Greek, Cyrillic or general punctuation, or ordinary white space."""
    plain_range = ord(char) < 0x530 or "\u2000" <= char <= "\u206f"
    return plain_range and (char.isprintable() or char in "\t\n\r")


def bare_utf16_encoding(sample: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and decoding gives Latin/Greek/Cyrillic text, not noise."""
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: pairs * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(1 for char in text if is_plain_char(char)) > 0.9 * len(text):
            return encoding
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes (UTF-16 already ruled out) or many control bytes: not a text file."""
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in CONTROL_BYTES)
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def detect_encoding(data: bytes) -> str:
    """The encoding ``data`` is written in; ReadError when it is not text at all."""
    sample = data[:SAMPLE_BYTES]
    if sample.startswith(BINARY_SIGNATURES):
        raise ReadError("binary file, not text")
    encoding = bom_encoding(sample) or bare_utf16_encoding(sample)
    if encoding:
        return encoding
    if looks_binary(sample):
        raise ReadError("binary file, not text")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # a sample cut inside a multi-byte character
            return "utf-8"
    return legacy_encoding(sample)


def mess(sample: bytes, encoding: str) -> float:
    """How garbled ``sample`` looks decoded as ``encoding`` (0 = clean text); inf if it cannot decode."""
    try:
        return mess_ratio(sample.decode(encoding), 1.0)
    except (UnicodeDecodeError, LookupError):
        return float("inf")


def legacy_encoding(sample: bytes) -> str:
    """The single-byte encoding that reads ``sample`` most cleanly (Windows-1252/1251, KOI8-R...).

    Why not charset-normalizer alone: on short texts it happily picks exotic code pages
    (Shift-JIS for KOI8-R Russian, cp1250 for French); scoring the common ones first is safer.
    """
    encodings = load_lines("legacy_encodings.txt")
    scored = [(mess(sample, encoding), rank, encoding) for rank, encoding in enumerate(encodings)]
    best = min(scored)
    if best[0] <= CLEAN_MESS:
        return best[2]
    guess = from_bytes(sample).best()
    if guess is not None:
        scored.append((mess(sample, guess.encoding), len(scored), guess.encoding))
    best = min(scored)
    if best[0] > MAX_MESS:
        raise ReadError("undecodable bytes: not UTF-8 and no other text encoding fits")
    return best[2]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; ReadError for empty, binary or undecodable input."""
    if not data.strip():
        raise ReadError("empty file")
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"undecodable bytes: not valid {encoding}") from exc
    if not text.strip("\ufeff \t\r\n"):
        raise ReadError("empty file")
    return text.removeprefix("\ufeff"), encoding
