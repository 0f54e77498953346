"""Write output files without ever losing what was there: checked targets, temp file + rename.

Every file purportedly writes (``analyze --out`` JSON, exports) goes through ``atomic_path``:
the data goes to a temporary file beside the target, is flushed to disk, and only then renamed
over the target. A failure (disk full, a kill) leaves the old file, or none, never half of one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """An output that cannot or must not be written; the message names the path in one line."""


def describe_os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_target(target: Path, *, force: bool = False, protected: tuple[Path, ...] = ()) -> None:
    """Refuse to write ``target`` over a protected file (the store), a directory, a device or
    FIFO, or (without ``force``) any existing file."""
    for other in protected:
        if _same_file(target, other):
            raise OutputError(f"{target}: refusing to write over the corpus store itself")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {describe_os_error(exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target}: is a directory; name a file to write")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target}: not a regular file (a device, FIFO or socket); name a file to write")
    if not force:
        raise OutputError(f"{target}: already exists; pass --force to overwrite it")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write into; renamed over ``target`` on success.

    On any failure the temporary file is removed and ``target`` is untouched; an OSError
    becomes an OutputError naming ``target``.
    """
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
        os.close(handle)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {describe_os_error(exc)}") from exc
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {describe_os_error(exc)}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def _fsync(path: Path) -> None:
    # the data must be on disk before the rename makes it the target, or a crash can leave it empty
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
