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
import sys
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_PREFIX = ".building-"
# The folders a build reads: the output may not be among them.
SOURCES = ("docs", "news", "overrides", "scripts", "data", ".git")
# Written into every site this build makes, and by nothing else: a folder is replaced only if it
# holds this file, so an --output that names a folder of one's own never loses it.
MARKER = ".site-build"
MARKER_TEXT = "A build of this website: `python3 scripts/build.py` replaces this folder whole at each build.\n"


# The signals that stop a build: Ctrl-C, `kill`, a closed terminal.
INTERRUPTIONS = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


class PublishError(Exception):
    """The output cannot be replaced; the old site is untouched."""


# How build.py runs MkDocs in a process of its own (which it can stop before removing the staging folder).
MKDOCS = (
    "import sys; sys.path.insert(0, 'scripts'); from kazdual.site.publish import run_mkdocs; run_mkdocs(sys.argv[1:])"
)


def run_mkdocs(arguments: list[str]) -> None:
    """`mkdocs <arguments>` in this process, or `properdocs <arguments>` (SITE_ENGINE: engine.py);
    a file that cannot be written (a full disk, a read-only one) ends it with one line naming what
    to free or fix, not a traceback."""
    import importlib

    from kazdual.site import engine

    chosen = engine.chosen()
    engine.use_in_this_process(chosen)
    cli = importlib.import_module(f"{chosen}.__main__").cli

    site_dir = Path(arguments[arguments.index("--site-dir") + 1]) if "--site-dir" in arguments else None
    try:
        cli.main(args=arguments, prog_name=chosen)
    except OSError as error:
        print(f"error: {cannot_write(error, site_dir)}", file=sys.stderr)
        raise SystemExit(1) from None


def cannot_write(error: OSError, site_dir: Path | None) -> str:
    """One line on a file a build could not write: what to free or fix."""
    from kazdual import files

    where = error.filename
    # A page MkDocs writes fails without a file name; the staging folder's name means nothing to anyone.
    if site_dir is not None and (not where or Path(where).is_relative_to(site_dir)):
        where = f"the new site beside {site_dir.parent}"
    return files.cannot_write(error, where) if error.errno in files.CANNOT_WRITE else f"{where}: {error.strerror}"


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
    """Refuse an output that is not a folder this build made: one that is or holds the website's own
    folder (the exchange would put the repository where the site goes, then delete it), that lies
    among its sources (a site built into news/ would be read as news), or that holds anything but a
    site built here."""
    where, website = output.resolve(), root.resolve()
    if where == website or where in website.parents:
        raise PublishError(
            f"{output} holds the website's own folder {root}: choose a folder of its own for the site, such as site/"
        )
    for name in SOURCES:
        sources = (root / name).resolve()
        if where == sources or sources in where.parents:
            raise PublishError(
                f"{output} is inside the website's sources ({name}/): choose a folder outside "
                f"{', '.join(n + '/' for n in SOURCES)}, such as site/"
            )
    if not output.parent.is_dir():
        raise PublishError(
            f"{output}: the folder {output.parent} does not exist: create it, or choose another --output"
        )
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise PublishError(f"{output} is not a folder: choose another --output")
    if output.is_dir() and any(output.iterdir()) and not is_built_site(output):
        raise PublishError(
            f"{output} holds files that this build did not make (a site it builds holds {MARKER}): choose an empty"
            " or new folder, so nothing of yours is replaced; an older build of the site may simply be deleted"
        )


def is_built_site(folder: Path) -> bool:
    marker = folder / MARKER
    return not marker.is_symlink() and marker.is_file()


def mark(staging: Path) -> None:
    """Make `staging` a site this build may later replace, readable as any new folder would be
    (mkdtemp made it for its owner alone, and a web server running as another user could not serve it)."""
    (staging / MARKER).write_text(MARKER_TEXT, "utf-8")
    mask = os.umask(0o022)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)


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
