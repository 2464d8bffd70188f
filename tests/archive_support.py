"""Making and reading the archive of the site under test (scripts/archive.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT
from kazdual.site.publish import MARKER

ZIP_NAME, WARC_NAME, FOLDER = "kazdual-site.zip", "kazdual-site.warc.gz", "kazdual-site"


def archive(site: Path, output: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/archive.py", "--site", str(site), "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, **env),
        timeout=600,
    )


def archive_ok(site: Path, output: Path, **env: str) -> Path:
    result = archive(site, output, **env)
    assert result.returncode == 0, result.stderr
    return output


def unpacked(archive_dir: Path, target: Path) -> Path:
    """The ZIP unpacked as a reader would: its one folder."""
    with zipfile.ZipFile(archive_dir / ZIP_NAME) as packed:
        packed.extractall(target)
    return target / FOLDER


def sitemap_addresses(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))


def published_files(site: Path) -> list[str]:
    """Every file of a built site, as a host publishes it (not scripts/build.py's marker)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).as_posix() != MARKER
    )
