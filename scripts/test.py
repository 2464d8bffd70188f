"""Run every test of the website: python3 scripts/test.py [pytest options]

Creates or reuses .venv with requirements-test.txt. Browser tests run when
Debian's chromium is installed (`apt-get install chromium`) and axe-core is in
node_modules (`npm ci`); without them they are skipped, except in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402


def main(argv: list[str]) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.call([sys.executable, "-m", "pytest", *argv], cwd=local_env.ROOT, env=env)


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    raise SystemExit(main(sys.argv[1:]))
