"""Writing files so that nothing is ever half-written: each file is replaced in one
step (a reader sees the old bytes or the new ones, never half), and a change to
several of the editors' files is undone when one of them cannot be written.
The editors' texts, the reports and the photo cache all write this way."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomically(
    path: Path, data: bytes, *, mode: int | None = None, durable: bool = True, suffix: str = ".tmp"
) -> None:
    """Replace (or create) `path` with `data` in one step. It keeps its permissions, or
    gets `mode` (0644 for a new file); `durable` waits until the bytes are on disk (an
    editor's text: yes; a cache entry, made again if lost: no). The temporary file, a
    hidden `.<name>.<random><suffix>` beside it, is gone whatever happens. An OSError
    names `path`, never the temporary file beside it that the editor has never heard of."""
    try:
        if mode is None:
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# The errors that mean a file cannot be written where it is (not that it is missing or odd).
CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def cannot_write(error: OSError, where: str | None = None) -> str:
    """What to free or fix, in one line, when `where` (error's file) cannot be written."""
    place = where or error.filename or "the output"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the disk that holds {place}: free some space there, then try again"
    if error.errno == errno.EROFS:
        return f"{place} is on a disk that is read-only: make it writable, or work in a copy elsewhere"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write {place}: make it writable for you, then try again"
    return f"cannot write {place} ({error.strerror or error})"


def write_all(changes: dict[Path, bytes]) -> None:
    """Write every file of `changes`, or, when one fails, put back the ones already written."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in changes.items():
            before = path.read_bytes() if path.exists() else None
            write_atomically(path, data)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, before)
        raise
