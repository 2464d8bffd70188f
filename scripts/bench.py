"""How the build grows with the news: build time per page and language, and page weight.

    python3 scripts/bench.py [--sizes 100 500 2000]

Copies the site's sources to a temporary folder, adds N synthetic news items in
every language (about 400 words each), builds with `mkdocs build`, and reports
the seconds per page-language (all pages, and the marginal cost of one more news
page-language against the build with no synthetic news), the HTML size of a news
page, and what a reader downloads for a search at that size. Not a test: timings
depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
PARTS = ("mkdocs.yml", "overrides", "scripts", "docs", "news")
WORDS = "дуалды білім беру жобасы университет серіктестер практика студенттер тәлімгер".split()


def make_copy(target: Path, items: int, languages: list[str]) -> None:
    for part in PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    start = datetime.date(2030, 1, 1)
    body = "\n\n".join(" ".join(WORDS[(p + w) % len(WORDS)] for w in range(80)) for p in range(5))
    for n in range(items):
        day = start + datetime.timedelta(days=n)
        folder = target / "news" / f"{day.isoformat()}-bench-{n:04d}"
        folder.mkdir()
        for lang in languages:
            (folder / f"index.{lang}.md").write_text(
                f"---\ntitle: Bench item {n} {lang}\ndate: {day.isoformat()}\nsummary: Item {n} of the benchmark.\n"
                f"activity: meeting\n---\n\n{body}\n",
                encoding="utf-8",
            )


def build_seconds(project: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env, check=True)
    return time.perf_counter() - started


def count_pages(site: Path) -> int:
    return sum(1 for page in site.rglob("index.html") if "pagefind" not in page.parts) + len(list(site.rglob("404.html")))


def search_transfer(site: Path) -> int:
    """Gzipped bytes of a first search on the Kazakh site: entry, wasm, UI, one index chunk, one fragment."""
    bundle = site / "pagefind"
    parts = [bundle / "pagefind-entry.json", bundle / "pagefind.js", bundle / "pagefind-ui.js", bundle / "pagefind-ui.css"]
    parts += sorted(bundle.glob("wasm.*.pagefind"))[:1] + sorted(bundle.glob("pagefind.*.pf_meta"))
    parts += sorted((bundle / "index").iterdir(), key=lambda p: p.stat().st_size, reverse=True)[:1]
    parts += sorted((bundle / "fragment").iterdir())[:10]
    return sum(len(gzip.compress(p.read_bytes())) if p.suffix in (".js", ".json", ".css") else p.stat().st_size for p in parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    args = parser.parse_args(argv)
    from kazdual.languages import site_languages

    languages = [lang.code for lang in site_languages(ROOT)]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        base_project = Path(scratch) / "base"
        base_project.mkdir()
        make_copy(base_project, 0, languages)
        base_seconds = build_seconds(base_project)
        base_pages = count_pages(base_project / "site")
        for size in args.sizes:
            project = Path(scratch) / f"n{size}"
            project.mkdir()
            make_copy(project, size, languages)
            seconds = build_seconds(project)
            site = project / "site"
            pages = count_pages(site)
            news_page = site / "news" / "bench-0000" / "index.html"
            marginal = (seconds - base_seconds) / max(1, pages - base_pages)
            rows.append((size, pages, seconds, seconds / pages * 1000, marginal * 1000, news_page.stat().st_size, search_transfer(site)))
            shutil.rmtree(project)
    print(f"base site: {base_pages} page-languages in {base_seconds:.1f} s")
    print("| news items | page-languages | build s | ms per page-language | ms per added page-language | news page HTML | search transfer (gzip) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, pages, seconds, per_page, marginal, html, search in rows:
        print(f"| {size} | {pages} | {seconds:.1f} | {per_page:.1f} | {marginal:.1f} | {html / 1024:.1f} KB | {search / 1024:.0f} KB |")
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    raise SystemExit(main())
