"""Open only what can be read safely: regular files, refused by type before opening, read within a limit."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from purportedly.reading.errors import ReadError

MB = 1024 * 1024


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: Path) -> int:
    """The size of ``path`` if it is a regular file; ReadError naming what it is otherwise.

    Decided from stat alone, before opening: opening a FIFO with no writer would block for ever.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        broken = os.path.lexists(path)
        message = "broken symbolic link (its target does not exist)" if broken else "file not found"
        raise ReadError(message) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("symbolic link loop (the link points back at itself)") from None
        raise
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("is a directory")
    for test, kind in FILE_KINDS:
        if test(info.st_mode):
            raise ReadError(f"not a regular file: {kind}")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file")
    return info.st_size


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused unless a regular file (checked before opening, and again
    on the open file, so a file swapped for a FIFO in between cannot block the run)."""
    check_regular(path)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ReadError("not a regular file")
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, at most ``max_bytes``: the limit counts bytes actually read, not the
    size stat reports (a file growing while read, or lying about its size, is still bounded)."""
    size = check_regular(path)
    if size > max_bytes:
        raise ReadError(f"too large ({size_text(size)}; the limit is {size_text(max_bytes)})")
    with open_regular(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(f"too large (more than {size_text(max_bytes)}; the limit is {size_text(max_bytes)})")
    return data


