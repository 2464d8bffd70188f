"""Check the website's code as CI does: python3 scripts/check_code.py

ruff (lint, then format) and mypy, with the settings in pyproject.toml, from the
test environment (.venv with requirements-test.txt, made or reused). Exit status:
0 all clean; 1 a tool found something (its report above); 2 interrupted.
"""

from __future__ import annotations

import subprocess
import sys

import local_env  # beside this script: the standard library only

CHECKS = (
    ("ruff", "check", "."),
    ("ruff", "format", "--check", "."),
    ("mypy",),
)


def main() -> int:
    failed = []
    for tool, *args in CHECKS:
        command = [sys.executable, "-m", tool, *args]
        print("$", tool, *args, file=sys.stderr, flush=True)
        if subprocess.call(command, cwd=local_env.ROOT) != 0:
            failed.append(" ".join([tool, *args]))
    if failed:
        print(f"error: {', '.join(failed)} found something to fix (above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    local_env.run(main)
