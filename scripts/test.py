"""Run every test of the website: python3 scripts/test.py [--site DIR] [pytest options]

Creates or reuses .venv with requirements-test.txt, and runs the tests on every
core, two at a time on each (pytest-xdist's `-n`, unless the options say `-n`
themselves). The tests of the real site build their own copy of it, or, with `--site site`, test a site already built
(`python3 scripts/build.py`), as CI tests the very folder it publishes; set
SITE_URL as for that build. Browser tests run when Debian's chromium is
installed (`apt-get install chromium`) and axe-core is in node_modules
(`npm ci`); without them they are skipped, except in CI.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--site", type=Path)
    args, pytest_args = parser.parse_known_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if args.site:
        env["TEST_SITE_DIR"] = str(args.site.resolve())
    told = any(arg.startswith(("-n", "--numprocesses")) or arg == "no:xdist" for arg in pytest_args)
    if not told:
        # Two workers per core: a test spends about a third of its time waiting for a browser,
        # a server or a timer, and a second worker keeps the core busy meanwhile.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        pytest_args = ["-n", str(2 * cores), *pytest_args]
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=local_env.ROOT, env=env)


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    raise SystemExit(main(sys.argv[1:]))
