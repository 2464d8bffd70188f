"""Build the website into site/, or preview it while you edit.

    python3 scripts/build.py                 # strict build of all languages into site/
    python3 scripts/build.py --serve         # live preview at http://127.0.0.1:8000/
    python3 scripts/build.py --serve --lang ru   # preview one language only (faster)

The build goes to a temporary folder first and replaces site/ only when it
succeeded, so a failed build never leaves a half-made site behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="preview with live reload instead of building")
    parser.add_argument("--lang", help="preview only this language (with --serve)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address of the preview (with --serve)")
    args = parser.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = [sys.executable, "-m", "mkdocs"]
    if args.serve:
        if args.lang:
            env["PREVIEW_LANGUAGE"] = args.lang
        return subprocess.call([*mkdocs, "serve", "--dev-addr", args.dev_addr], cwd=ROOT, env=env)
    if args.lang:
        parser.error("--lang previews one language; a published build has them all")
    with tempfile.TemporaryDirectory(prefix="site-", dir=ROOT) as staging:
        result = subprocess.call([*mkdocs, "build", "--strict", "--site-dir", staging], cwd=ROOT, env=env)
        if result != 0:
            print("The build failed: site/ was left as it was.", file=sys.stderr)
            return result
        site = ROOT / "site"
        shutil.rmtree(site, ignore_errors=True)
        os.replace(staging, site)
        Path(staging).mkdir()  # for TemporaryDirectory's cleanup
    print(f"Built the site into {site.relative_to(ROOT)}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    raise SystemExit(main())
