"""The limit options `analyze` and `ingest` share: --max-file-size, --max-chars, --timeout."""

from __future__ import annotations

from typing import Annotated

import typer

from purportedly.limits import DEFAULT_TIMEOUT, MAX_TIMEOUT, Limits, parse_size

MaxFileSize = Annotated[
    str | None,
    typer.Option(
        "--max-file-size", help="largest input file, e.g. 20MB (default 20MB or $PURPORTEDLY_MAX_INPUT_BYTES)"
    ),
]
MaxChars = Annotated[
    int | None, typer.Option("--max-chars", min=1, help="longest article text analysed (default 1,000,000)")
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help=f"seconds one article may take; 0 for no limit (default {DEFAULT_TIMEOUT:g})"
    ),
]


def limits_from_options(max_file_size: str | None, max_chars: int | None, timeout: float) -> Limits:
    """The Limits the options ask for; a bad size is a usage error (exit status 2)."""
    try:
        max_bytes = parse_size(max_file_size) if max_file_size is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from exc
    if not 0 <= timeout < MAX_TIMEOUT:  # inf and nan too: setitimer cannot hold them
        raise typer.BadParameter(
            f"{timeout!r} is not a usable number of seconds (0 for no limit, else below {MAX_TIMEOUT:,})",
            param_hint="--timeout",
        )
    try:
        return Limits.of(max_bytes=max_bytes, max_chars=max_chars, timeout=timeout)  # 0: no time limit
    except ValueError as exc:  # $PURPORTEDLY_MAX_INPUT_BYTES set to something that is not a size
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
