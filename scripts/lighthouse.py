"""Lighthouse on the built site: python3 scripts/lighthouse.py [SITE_DIR]

Builds nothing: serves an existing site/ (build it first with scripts/build.py) on
127.0.0.1, gzip-compressed like GitHub Pages, and runs Lighthouse (mobile, its
default) on the home page, the news listing, the news item with the most photos
and the search page in every language. Prints the four category scores and the
bytes of a first visit (total-byte-weight), and exits 1 when a page misses a
target: 100 in every category; 150 KB. `scripts/bench.py --only pages` builds a
site with a news item of ten photos for it.

Needs Lighthouse, kept apart from the tests' tools so that CI does not install it
on every run: `npm ci --prefix tools/lighthouse`; and Debian's chromium (CHROME_PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KB = 150


def pages(site: Path) -> list[str]:
    """Home, news listing, the news item with the most photos and search below each language root."""
    from kazdual.content import config

    paths = []
    for lang in config.load(ROOT).languages:
        items = sorted((site / lang.prefix / "news").glob("*/index.html"))
        items = [page for page in items if not page.parent.name.isdigit() and page.parent.name != "page"]
        most = max(items, key=lambda page: (page.read_text("utf-8").count("<picture"), page.parent.name), default=None)
        paths += [lang.prefix, f"{lang.prefix}news/", f"{lang.prefix}search/"]
        if most is not None:
            paths.append(f"{lang.prefix}news/{most.parent.name}/")
    return paths


def run_lighthouse(url: str, chrome: str) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=chrome))
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), help="the browser")
    parser.add_argument("--page", action="append", help="only this page, e.g. ru/news/ (repeatable)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"No built site in {site}: run `python3 scripts/build.py` first.", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci --prefix tools/lighthouse`.", file=sys.stderr)
        return 2
    if not Path(args.chrome).exists():
        print(f"No browser at {args.chrome}: `apt-get install chromium` or set CHROME_PATH.", file=sys.stderr)
        return 2

    from static_server import serve

    rows, missed = [], []
    with serve(site) as base:
        for path in args.page or pages(site):
            report = run_lighthouse(base + path, args.chrome)
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            kb = report["audits"]["total-byte-weight"]["numericValue"] / 1024
            rows.append(("/" + path, *(scores[c] for c in CATEGORIES), f"{kb:.1f}"))
            missed += [f"/{path}: {c} {scores[c]} < {TARGETS[c]}" for c in CATEGORIES if scores[c] < TARGETS[c]]
            if kb > MAX_KB:
                missed.append(f"/{path}: {kb:.1f} KB > {MAX_KB} KB")
            if scores["accessibility"] < 100 or scores["best-practices"] < 100 or scores["seo"] < 100:
                for audit in report["audits"].values():
                    if (
                        audit.get("score") is not None
                        and audit["score"] < 1
                        and audit.get("scoreDisplayMode") == "binary"
                    ):
                        missed.append(f"    {audit['id']}: {audit['title']}")

    header = ("page", "performance", "accessibility", "best practices", "SEO", "KB first visit")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    if missed:
        print("\nMissed targets:\n" + "\n".join(missed))
        return 1
    print(f"\nEvery page meets the targets (100 in every category; <= {MAX_KB} KB).")
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    local_env.run(main)
