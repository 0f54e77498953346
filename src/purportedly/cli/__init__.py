"""Command-line interface: parses arguments and calls the library; every verb has a Python twin."""

from purportedly.cli import analyze as _analyze  # noqa: F401  (registers the verb)
from purportedly.cli import corpus as _corpus  # noqa: F401  (registers the corpus verbs)
from purportedly.cli import serve as _serve  # noqa: F401  (registers the verb)
from purportedly.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
