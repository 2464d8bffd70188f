"""The image cache: entries named by what went into them, written so that no reader sees half of one.

An entry's key hashes the source bytes, every setting that shapes the output, a
pipeline version and the versions of the libraries that encode, so a change to
any of them makes new entries instead of trusting old ones. Files are written to
a temporary name and renamed into place; an entry's manifest is written last, so
an entry with a manifest is complete. Two builds filling the same entry at once
write the same bytes, and each rename is atomic, so neither can spoil it.
Nothing is ever deleted: an unused entry is only disk space (delete the folder
to reclaim it).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import PIL

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


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` holds either nothing, its old bytes or all of `data`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; published copies must be readable by a web server
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
