"""Refresh the hashed Python locks from the pins: python3 scripts/lock.py [--upgrade | --newest DIR]

requirements.in and requirements-test.in name what the site and the tests need.
The locks that get installed, requirements.txt and requirements-test.txt, are made
from them by pip-compile: every dependency pinned, with the hashes of every file
PyPI has for that version (Linux, macOS and Windows alike), so an install checks
each download. Run this after changing a pin in a .in file; `--upgrade` also moves
the unpinned dependencies to their newest versions. Dependabot does the same in
its pull requests.

`--newest DIR` leaves the project's locks alone: it locks the newest release of
every dependency, pins included (below CEILINGS), into DIR, for the monthly check
of .github/workflows/scheduled.yml (SITE_LOCK_DIR=DIR then installs those), and
says which versions differ from the locks.

pip-tools lives in .venv-lock/, for this command only. The locks are resolved for
the Python that CI uses (PYTHON below), and only PyPI is asked, whatever the local
pip configuration says.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402  (standard library only: the exit on Ctrl-C)

ROOT = Path(__file__).resolve().parent.parent
TOOL_VENV = ROOT / ".venv-lock"
PIP_TOOLS = "pip-tools==7.6.2"
# The Python of CI (setup-python in .github/workflows/checks.yml): markers such as
# `python_version < "3.12"` are decided for it.
PYTHON = (3, 11)
# Site first: the test lock includes it (`-r requirements.in`).
LOCKS = {"requirements.in": "requirements.txt", "requirements-test.in": "requirements-test.txt"}
OPTIONS = ["--generate-hashes", "--allow-unsafe", "--strip-extras"]
# What even the newest releases stay below: dependabot.yml's `ignore` (tests/test_locks.py).
CEILINGS = {"mkdocs": "<2"}  # today's plugins do not run on MkDocs 2
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)((?:\[[^\]]*\])?)==[^\s;#]+", re.M)


def pypi_only_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PIP_") or name == "PIP_CERT"}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def pip_compile() -> Path:
    bin_dir = TOOL_VENV / ("Scripts" if os.name == "nt" else "bin")
    tool = bin_dir / "pip-compile"
    if not tool.exists():
        venv.EnvBuilder(with_pip=True).create(TOOL_VENV)
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", PIP_TOOLS],
            check=True,
            env=pypi_only_environment(),
        )
    return tool


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def unpinned(requirements: str) -> str:
    """A .in file with each `name==version` loosened to its ceiling, or to any version."""
    return _PIN.sub(lambda pin: pin[1] + pin[2] + CEILINGS.get(_normalized(pin[1]), ""), requirements)


def versions(lock: str) -> dict[str, str]:
    return {_normalized(pin[1]): pin[0].split("==", 1)[1] for pin in _PIN.finditer(lock)}


def newest(target: Path) -> list[tuple[Path, Path]]:
    """Copies of the .in files, unpinned, in `target`; (source, lock) pairs to compile there."""
    target.mkdir(parents=True, exist_ok=True)
    for source in LOCKS:
        (target / source).write_text(unpinned((ROOT / source).read_text("utf-8")), "utf-8")
    return [(target / source, target / lock) for source, lock in LOCKS.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--upgrade", action="store_true", help="also move unpinned dependencies to their newest versions"
    )
    parser.add_argument(
        "--newest",
        type=Path,
        metavar="DIR",
        help="lock the newest release of every dependency into DIR, leaving the project's locks alone",
    )
    args = parser.parse_args(argv)
    if sys.version_info[:2] != PYTHON:
        wanted = ".".join(map(str, PYTHON))
        print(
            f"The locks are made with Python {wanted}, as CI runs it: run `python{wanted} scripts/lock.py`.",
            file=sys.stderr,
        )
        return 2
    tool = pip_compile()
    pairs = newest(args.newest.absolute()) if args.newest else [(Path(s), Path(lock)) for s, lock in LOCKS.items()]
    for source, lock in pairs:
        command = [
            str(tool),
            "--quiet",
            *OPTIONS,
            *(["--upgrade"] if args.upgrade or args.newest else []),
            f"--output-file={lock}",
            str(source),
        ]
        result = subprocess.run(command, cwd=ROOT, env=pypi_only_environment())
        if result.returncode != 0:
            return result.returncode
        print(f"Locked {lock}", file=sys.stderr)
        if args.newest:
            before = versions((ROOT / lock.name).read_text("utf-8"))
            for name, version in sorted(versions(lock.read_text("utf-8")).items()):
                if before.get(name) != version:
                    print(f"  {name}: {before.get(name, 'new')} -> {version}")
    return 0


if __name__ == "__main__":
    local_env.run(main)
