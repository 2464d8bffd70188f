"""Archive a built site: python3 scripts/archive.py [--site site] [--output archive]

Writes two files anyone can keep, made from the site in --site (build it first
with `python3 scripts/build.py`):

- kazdual-site.zip: the whole site in one folder that opens from the disk in any
  browser (open kazdual-site/index.html); every link works there. Search cannot:
  browsers do not let a page read its search index from files, and the archived
  search page says so.
- kazdual-site.warc.gz: every published address with the headers a host sends, in
  the format of web archives (WARC); it replays in pywb.

Both are dated by SOURCE_DATE_EPOCH, else by the last commit, never by the time
of the run: the same site gives the same bytes. Exit status: 0 written; 1 the
site cannot be archived; 2 bad usage or an interruption.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
ZIP_NAME = "kazdual-site.zip"
WARC_NAME = "kazdual-site.warc.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=ROOT / "site", metavar="DIR", help="the built site (default: site/)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "archive",
        metavar="DIR",
        help="where the two files go (default: archive/)",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    from kazdual.archive.offline import offline_zip
    from kazdual.archive.published import ArchiveError, capture_time, read_site
    from kazdual.archive.warc import site_warc
    from kazdual.errors import SourceError
    from kazdual.files import write_all

    try:
        moment = capture_time(ROOT)
        site = read_site(args.site.absolute())
        made = {ZIP_NAME: offline_zip(site, moment), WARC_NAME: site_warc(site, moment, WARC_NAME)}
    except (ArchiveError, SourceError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    write_all({args.output / name: data for name, data in made.items()})
    for name, data in made.items():
        print(f"Wrote {args.output / name} ({len(data) / 1e6:.1f} MB)", file=sys.stderr)
    print(f"{len(site.files)} files of {site.base}, dated {moment:%Y-%m-%d %H:%M:%S} UTC", file=sys.stderr)
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    local_env.run(main)
