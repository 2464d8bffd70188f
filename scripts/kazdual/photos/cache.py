"""The image cache: entries named by what went into them, written so that no reader sees half of one.

An entry's key hashes the source bytes, every setting that shapes the output, a
pipeline version and the versions of the libraries that encode, so a change to
any of them makes new entries instead of trusting old ones. Files are written to
a temporary name and renamed into place; an entry's manifest is written last, so
an entry with a manifest is complete. Two builds filling the same entry at once
write the same bytes, and each rename is atomic, so neither can spoil it.
Nothing is ever deleted: an unused entry is only disk space (delete the folder
to reclaim it).

Hashing a 12 MB photo takes 10-20 ms, too long for every photo of every rebuild,
so a source's digest is remembered with its size, times, inode and device: while
none of them change, the file was not written to, and is not read again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import PIL

from kazdual import files

try:
    from pillow_heif import __version__ as _HEIF_VERSION
except ImportError:
    _HEIF_VERSION = "absent"

# Raise when the code changes what it makes from the same settings.
PIPELINE_VERSION = 1
_LIBRARIES = f"Pillow {PIL.__version__}; pillow-heif {_HEIF_VERSION}"
MANIFEST = "manifest.json"


def key(settings: dict, *contents: bytes) -> str:
    """A hex digest of the pipeline, `settings` (JSON-able) and `contents`."""
    digest = hashlib.sha256()
    header = json.dumps([PIPELINE_VERSION, _LIBRARIES, settings], sort_keys=True, ensure_ascii=True)
    for part in (header.encode("ascii"), *contents):
        # Length-prefixed, so that no two different lists of parts hash alike.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def source_digest(path: Path, cache_dir: Path) -> bytes:
    """digest() of the file at `path`, read only when it may have changed since it was last hashed.

    OSError when the file cannot be read.
    """
    signature = _signature(path)
    record = cache_dir / "sources" / f"{hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]}.json"
    try:
        remembered = json.loads(record.read_text(encoding="ascii"))
        if remembered["signature"] == signature:
            return bytes.fromhex(remembered["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    # Should the file change while it is read, the digest is remembered under the status
    # from before, which the changed file no longer has: it is read again next time.
    with open(path, "rb") as file:
        found = hashlib.file_digest(file, "sha256").digest()
    remember(record, json.dumps({"signature": signature, "sha256": found.hex()}).encode("ascii"))
    return found


def remember(path: Path, data: bytes) -> None:
    """Keep what saves work next time (a digest, a verdict), when the disk lets us: a full disk or a
    read-only checkout only costs the work again, never the check itself."""
    try:
        write_atomically(path, data)
    except OSError:
        pass


def _signature(path: Path) -> list[int]:
    # ctime cannot be set back by tools that copy or touch a file: any write changes it.
    # Only a rewrite of the same size within the clock tick (a few milliseconds) of the
    # stat() would go unseen, the blind spot git's index has too.
    status = path.stat()
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` holds either nothing, its old bytes or all of `data`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # 0644 whatever was there: published copies must be readable by a web server.
        files.write_atomically(path, data, mode=0o644, durable=False, suffix=".partial")
    except OSError as error:  # named by its folder: that is what to free or fix
        raise OSError(error.errno, error.strerror, str(path.parent)) from None


def read_manifest(entry: Path) -> dict | None:
    """The manifest of a complete entry whose files are all there at their recorded sizes; else None."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        if all((entry / name).stat().st_size == size for name, size in files.items()):
            return manifest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def write_manifest(entry: Path, manifest: dict) -> None:
    """Record a complete entry; `manifest["files"]` maps each file name in it to its size."""
    text = json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False)
    write_atomically(entry / MANIFEST, text.encode("utf-8"))
