"""What an archive is made of: the published files of a built site, the address it
was built for, and the moment the archive is dated."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kazdual.content.config import checked_source_date_epoch
from kazdual.site.publish import MARKER


class ArchiveError(Exception):
    """The site cannot be archived as it is: one line saying why."""


@dataclass(frozen=True)
class PublishedSite:
    folder: Path
    base: str  # the address it was built for, ending in "/"
    files: tuple[str, ...]  # every file below `folder`, as a POSIX path, sorted

    def url(self, path: str) -> str:
        """The address a static host serves `path` at: a folder's index.html at the folder."""
        if path == "index.html" or path.endswith("/index.html"):
            path = path.removesuffix("index.html")
        return self.base + path


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def read_site(folder: Path) -> PublishedSite:
    """A built site: its files (links and hidden files refused) and its address, read
    from its home page's canonical link, so the archive names the addresses it was built for."""
    home = folder / "index.html"
    if not home.is_file():
        raise ArchiveError(f"{folder}: no built site there (no index.html): run `python3 scripts/build.py` first")
    found = _CANONICAL.search(home.read_text("utf-8"))
    if not found or not found[1].endswith("/"):
        raise ArchiveError(f"{home}: no canonical address of the home page to name the archived pages by")
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative == MARKER:
            continue  # scripts/build.py's note that it made this folder: not a page of the site
        if path.is_symlink() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            raise ArchiveError(f"{path}: a link or hidden file is not part of a built site: build it again")
        if path.is_file():
            files.append(relative)
    return PublishedSite(folder, found[1], tuple(sorted(files)))


def capture_time(root: Path) -> datetime.datetime:
    """When the archive says the site was taken: SOURCE_DATE_EPOCH when set (as for
    the build), else the time of the last commit; never the time of the run."""
    checked_source_date_epoch()
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        try:
            value = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            value = ""
        if not value.isdigit():
            raise ArchiveError(
                "SOURCE_DATE_EPOCH is not set and there is no git history to date the archive by: "
                "set it to the time the sources were last changed, in seconds since 1970"
            )
    return datetime.datetime.fromtimestamp(int(value), datetime.UTC)
