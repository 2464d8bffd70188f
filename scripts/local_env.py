"""A local virtual environment for the site's commands, made with python3 alone.

`ensure(requirements)` creates `.venv/` when missing, installs the locked
requirements when they changed since the last install, and re-runs the calling
script inside the environment. Nothing here needs more than the standard library.
The locks carry a hash for every file, and pip refuses a download that does not match.
SITE_LOCK_DIR names another folder to take the locks from: the monthly check of the
newest releases (`scripts/lock.py --newest DIR`) installs those.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def lock_folder() -> Path:
    return Path(os.environ.get("SITE_LOCK_DIR") or ROOT).absolute()


def _requirements_digest(requirements: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted({requirements, lock_folder() / "requirements.txt"}):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stop(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def ensure(requirements: str) -> None:
    """Run the calling script inside .venv with `requirements` installed."""
    requirements_path = lock_folder() / requirements
    stamp = VENV / f".installed-{requirements_path.stem}"
    try:
        digest = _requirements_digest(requirements_path)
        if not PYTHON.exists():
            print(
                f"Creating {VENV.relative_to(ROOT)}/ (the first run also downloads the packages: a few minutes) …",
                file=sys.stderr,
            )
            venv.EnvBuilder(with_pip=True).create(VENV)
        if not stamp.exists() or stamp.read_text() != digest:
            shown = requirements if lock_folder() == ROOT else requirements_path
            print(f"Installing {shown} …", file=sys.stderr)
            command = [
                str(PYTHON),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--require-hashes",
                "-r",
                str(requirements_path),
            ]
            if subprocess.run(command).returncode != 0:
                _stop(
                    f"installing {requirements} failed (is the network reachable?): "
                    "see pip's message above, then run the command again"
                )
            stamp.write_text(digest)
    except OSError as problem:
        _stop(f"cannot prepare {VENV.relative_to(ROOT)}/ ({problem.strerror or problem}: {problem.filename or ''})")
    except KeyboardInterrupt:
        _stop(f"stopped while preparing {VENV.relative_to(ROOT)}/: run the command again")
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(PYTHON), [str(PYTHON), *sys.argv])


# What writing to a full disk or a closed pipe fails with.
_OUTPUT_LOST = {errno.ENOSPC, errno.EPIPE, errno.EDQUOT, errno.EFBIG, errno.EIO}


def run(main: Callable[..., int], *args: object) -> None:
    """Run a script's main() to its exit status; Ctrl-C gives one line and status 2
    (every script writes its files whole or not at all, so nothing is left half-done).

    Every script speaks UTF-8, whatever the terminal's locale says (`LC_ALL=C`, a
    PYTHONIOENCODING of ascii): Kazakh and Russian findings are never printed as \\u0420….
    MkDocs, run by the build in a process of its own, is told the same."""
    os.environ["PYTHONIOENCODING"] = "utf-8"
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # not a test's capture
            try:
                stream.reconfigure(encoding="utf-8")
            except ValueError:  # already written to in another encoding
                pass
    try:
        code = main(*args)
    except KeyboardInterrupt:
        print("\nstopped (Ctrl-C)", file=sys.stderr)
        code = 2
    except (
        OSError
    ) as problem:  # mostly the output sent to a full disk or a closed pipe; files the scripts name themselves
        if problem.filename:
            told = f"{problem.filename}: {problem.strerror}"
        elif problem.errno in _OUTPUT_LOST:
            told = f"cannot write the output ({problem.strerror})"
        else:
            told = problem.strerror or str(problem)
        print(f"error: {told}", file=sys.stderr)
        # Python writes what is left at exit, and would fail again with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    raise SystemExit(code)
