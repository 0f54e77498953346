"""The two ways reading reports a bad input: ReadError (single items) and ReadFailure (batches)."""

from __future__ import annotations


class ReadError(Exception):
    """An input that cannot be read as an article; the message names the problem in one line."""


class ReadFailure:
    """One input (or one corpus line) that could not be read; the batch goes on."""

    def __init__(self, document: str, message: str) -> None:
        self.document = document
        self.message = message

    def __str__(self) -> str:
        return f"{self.document}: {self.message}"

    def __repr__(self) -> str:
        return f"ReadFailure({self.document!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadFailure):
            return NotImplemented
        return (self.document, self.message) == (other.document, other.message)

    def __hash__(self) -> int:
        return hash((self.document, self.message))
