"""Command-line interface: parses arguments and calls the library; every verb has a Python twin."""

import signal
import sys

from purportedly.cli import analyze as _analyze  # noqa: F401  (registers the verb)
from purportedly.cli import corpus as _corpus  # noqa: F401  (registers the corpus verbs)
from purportedly.cli import serve as _serve  # noqa: F401  (registers the verb)
from purportedly.cli.app import app

INTERRUPTED = 128 + signal.SIGINT  # the shell's convention for a run ended by Ctrl-C


def main() -> None:
    """Run the CLI. Ctrl-C ends it with one line and status 130 (Typer turns it into that status
    silently): each article is stored in one transaction and each output file renamed into place
    whole, so what was done stays done."""
    try:
        app()
    except SystemExit as exc:
        if exc.code == INTERRUPTED:
            print(
                "interrupted: stopped before the end; what was finished is kept (re-run to resume)",
                file=sys.stderr,
            )
        raise


__all__ = ["app", "main"]
