"""A local virtual environment for the site's commands, made with python3 alone.

`ensure(requirements)` creates `.venv/` when missing, installs the locked
requirements when they changed since the last install, and re-runs the calling
script inside the environment. Nothing here needs more than the standard library.
The locks carry a hash for every file, and pip refuses a download that does not match.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _requirements_digest(requirements: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted({requirements, ROOT / "requirements.txt"}):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure(requirements: str) -> None:
    """Run the calling script inside .venv with `requirements` installed."""
    requirements_path = ROOT / requirements
    stamp = VENV / f".installed-{requirements_path.stem}"
    digest = _requirements_digest(requirements_path)
    if not PYTHON.exists():
        print(f"Creating {VENV.relative_to(ROOT)}/ …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing {requirements} …", file=sys.stderr)
        subprocess.run(
            [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "-r", str(requirements_path)],
            check=True,
        )
        stamp.write_text(digest)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(PYTHON), [str(PYTHON), *sys.argv])
