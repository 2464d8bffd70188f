"""Try every link to another website online: python3 scripts/check_links.py [--site site] [--report FILE]

The tests check every link inside the site offline, on every change; a link to
another site breaks without any change here, when that site moves or closes.
This command asks each of them (lychee, from the test lock) and writes a report
in Markdown of the ones that did not answer; .github/workflows/scheduled.yml runs
it once a month and opens an issue with that report. A pull request never waits
for it. Links to the site's own address are left out: the offline checks cover
them. Exit status: 0 every link answered; 1 some did not, or the check could not
run; 2 bad usage.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
# lychee's own exit status when some link is broken (1 is an error of its own).
LINKS_BROKEN = 2


def lychee_command(site: Path, base: str, report: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "lychee"),
        "--no-progress",
        "--format",
        "markdown",
        "--output",
        str(report),
        # Only addresses on the web: links inside the site are the offline tests' work.
        "--scheme",
        "https",
        "--scheme",
        "http",
        "--exclude",
        "^" + re.escape(base),
        # A site that limits how often it is asked answered all the same.
        "--accept",
        "100..=103,200..=299,429",
        "--max-retries",
        "3",
        "--retry-wait-time",
        "5",
        "--timeout",
        "30",
        "--max-concurrency",
        "8",
        "--exclude-path",
        r"(^|/)admin/",
        str(site),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=ROOT / "site", metavar="DIR", help="the built site (default: site/)"
    )
    parser.add_argument(
        "--report", type=Path, default=ROOT / "links.md", metavar="FILE", help="where the report goes (links.md)"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    from kazdual.archive.published import ArchiveError, read_site

    try:
        base = read_site(args.site.absolute()).base
    except ArchiveError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    args.report.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        lychee_command(args.site.absolute(), base, args.report.absolute()), stdin=subprocess.DEVNULL
    )
    if result.returncode == 0:
        print(f"Every external link answered (report: {args.report})", file=sys.stderr)
        return 0
    if result.returncode == LINKS_BROKEN:
        print(f"Some external links did not answer: see {args.report}", file=sys.stderr)
    else:
        print(f"error: the link check could not run (lychee stopped with status {result.returncode})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    local_env.run(main)
