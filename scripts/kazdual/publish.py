"""Putting a finished build in place of the published folder in one step.

The new site is built in a hidden folder beside the output, then the two are
exchanged atomically (Linux `renameat2(RENAME_EXCHANGE)`): whatever fails and
whenever the build is interrupted, the output folder holds the old site or the
new one, never a mix, and the working tree keeps no staging folder.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_PREFIX = ".building-"
# The folders a build reads: the output may not be among them.
SOURCES = ("docs", "news", "overrides", "scripts")
# What a built site always holds: refuse to replace a folder that has neither.
_SITE_MARKERS = ("index.html", "sitemap.xml")


# The signals that stop a build: Ctrl-C, `kill`, a closed terminal.
INTERRUPTIONS = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


class PublishError(Exception):
    """The output cannot be replaced; the old site is untouched."""


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def check_output(output: Path, root: Path) -> None:
    """Refuse an output that is not a folder for a built site, or lies among the sources of
    the website at `root` (a site built into news/ or docs/ would be read as their content)."""
    for name in SOURCES:
        sources = (root / name).resolve()
        if output.resolve() == sources or sources in output.resolve().parents:
            raise PublishError(
                f"{output} is inside the website's sources ({name}/): choose a folder outside {', '.join(n + '/' for n in SOURCES)}, such as site/"
            )
    if not output.parent.is_dir():
        raise PublishError(
            f"{output}: the folder {output.parent} does not exist: create it, or choose another --output"
        )
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise PublishError(f"{output} is not a folder: choose another --output")
    if output.is_dir() and any(output.iterdir()) and not any((output / marker).is_file() for marker in _SITE_MARKERS):
        raise PublishError(
            f"{output} holds files that are not a built site: choose an empty or new folder, so nothing of yours is replaced"
        )


def remove_stale(parent: Path) -> None:
    """Staging folders of builds that were killed outright (their process is gone)."""
    for folder in parent.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def staging_for(output: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent))


def replace(output: Path, staging: Path) -> None:
    """Put `staging` where `output` is, in one step; `staging` then holds the old site (or nothing)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTIONS)
    try:
        if not output.exists():
            os.rename(staging, output)
            staging.mkdir()
        elif not _exchange(staging, output):
            # No atomic exchange here (another system): two renames, undone on failure.
            aside = staging.with_name(staging.name + "-old")
            os.rename(output, aside)
            try:
                os.rename(staging, output)
            except OSError:
                os.rename(aside, output)
                raise
            os.rename(aside, staging)
    except OSError as error:
        raise PublishError(
            f"cannot replace {output} ({error.strerror or error}): the old site is left as it was"
        ) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
