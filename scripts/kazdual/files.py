"""Writing editors' files so that no text is ever lost: each file is replaced in one
step (a reader sees the old bytes or the new ones, never half), and a change to
several files is undone when one of them cannot be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Replace (or create) `path` with `data` in one step, keeping its permissions."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
