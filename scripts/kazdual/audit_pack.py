"""The audit pack of the Work Package 5 record: one ZIP with what an auditor may ask
for until years after the project's final payment.

    record/activities.csv, record/activities.json   the record, as the report writes it
    activities/<news folder>/<language>.html       each activity's page, as published
    activities/<news folder>/photos.sha256          its photos' checksums (the originals stay out)
    manifest.json                                   the source commit, the site's address, every
                                                    file's checksum

The same sources give the same bytes: entries are sorted, every entry carries the
time of SOURCE_DATE_EPOCH (or 1980-01-01, the earliest a ZIP can hold) and the
same permissions, and nothing depends on the machine or the hour.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from kazdual.dissemination import Record
from kazdual.languages import Language

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
LAST_ZIP_YEAR = 2107
# What a build reads: a change here means the pack no longer shows the commit alone.
SOURCES = ("mkdocs.yml", "docs", "news", "data", "overrides", "scripts")


class PackError(Exception):
    """The pack cannot be made; nothing was written."""


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    moment = time.gmtime(int(epoch))
    if moment.tm_year < 1980:
        return ZIP_EPOCH
    if moment.tm_year > LAST_ZIP_YEAR:
        return (LAST_ZIP_YEAR, 12, 31, 23, 59, 58)
    return moment[:6]


def source_commit(root: Path) -> dict:
    """The commit the sources are at, and whether the sources differ from it; None when unknown."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    commit = git("rev-parse", "--verify", "HEAD")
    if commit is None:
        return {"commit": None, "modified": None}
    changes = git("status", "--porcelain", "--untracked-files=all", "--", *SOURCES)
    return {"commit": commit.strip(), "modified": None if changes is None else bool(changes.strip())}


def build_site(root: Path, into: Path) -> None:
    """A strict build of the website at `root` into `into`, as the published site is built."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(into)]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        told = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise PackError("the site could not be built for the pack:\n" + "\n".join(told[-20:]))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def contents(
    root: Path, site: Path, record: Record, languages: list[Language], record_csv: bytes, record_json: bytes, meta: dict
) -> dict[str, bytes]:
    """Every file of the pack by its name in the ZIP."""
    entries = {"record/activities.csv": record_csv, "record/activities.json": record_json}
    activities = []
    for activity in record.activities:
        item = activity.item
        folder = f"activities/{item.name.split('/', 1)[1]}"
        pages = {}
        for lang in languages:
            page = site / lang.prefix / item.url_path / "index.html"
            if not page.is_file():
                raise PackError(f"{page}: the built site has no page for {item.name} in {lang.label}")
            entries[f"{folder}/{lang.code}.html"] = page.read_bytes()
            pages[lang.code] = f"{folder}/{lang.code}.html"
        photos = {}
        for name in sorted(item.entry.photos):
            photos[name] = _sha256((root / item.name / name).read_bytes())
        if photos:
            entries[f"{folder}/photos.sha256"] = "".join(
                f"{digest}  {name}\n" for name, digest in photos.items()
            ).encode()
        activities.append({"news": item.name, "pages": pages, "photos": photos})
    manifest = {
        **meta,
        "activities": activities,
        "files": {name: {"bytes": len(data), "sha256": _sha256(data)} for name, data in sorted(entries.items())},
    }
    entries["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    return entries


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    stamp = _zip_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it is made
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def pack(
    root: Path,
    site: Path | None,
    record: Record,
    languages: list[Language],
    record_csv: bytes,
    record_json: bytes,
    meta: dict,
) -> bytes:
    """The ZIP; the site is built for it when no built `site` is given."""
    meta = {**meta, "source": source_commit(root)}
    if site is not None:
        return zip_bytes(contents(root, site, record, languages, record_csv, record_json, meta))
    with tempfile.TemporaryDirectory(prefix="kazdual-pack-") as folder:
        built = Path(folder) / "site"
        build_site(root, built)
        return zip_bytes(contents(root, built, record, languages, record_csv, record_json, meta))
