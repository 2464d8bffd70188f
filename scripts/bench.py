"""How the build grows with the news, and how soon the preview follows an edit.

    python3 scripts/bench.py [--sizes 100 500 2000]       # builds
    python3 scripts/bench.py --preview [--sizes 0 500]    # the live preview

Copies the site's sources to a temporary folder, adds N synthetic news items in
every language (about 400 words each), builds with `mkdocs build`, and reports
the seconds per page-language (all pages, and the marginal cost of one more news
page-language against the build with no synthetic news), the HTML size of a news
page, and what a reader downloads for a search at that size. Not a test: timings
depend on the machine.

--preview starts `scripts/build.py --serve` (all languages, then --lang ru) on a copy
of the site with N synthetic items added, saves an edit of one news text again and
again, and reports how long each took until the preview served the changed page
(the median and the slowest of the tries): what an editor waits for after saving.
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
PARTS = ("mkdocs.yml", "overrides", "scripts", "docs", "news", "requirements.txt", "requirements-test.txt")
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
        for lang in languages:  # each language's text its own, or the model would call it a copy
            (folder / f"index.{lang}.md").write_text(
                f"---\ntitle: Bench item {n} {lang}\ndate: {day.isoformat()}\nsummary: Item {n} of the benchmark.\n"
                f"activity: meeting\n---\n\n{lang}: {body}\n",
                encoding="utf-8",
            )


def build_seconds(project: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env, check=True)
    return time.perf_counter() - started


def count_pages(site: Path) -> int:
    return sum(1 for page in site.rglob("index.html") if "pagefind" not in page.parts) + len(
        list(site.rglob("404.html"))
    )


def search_transfer(site: Path) -> int:
    """Gzipped bytes of a first search on the Kazakh site: entry, wasm, UI, one index chunk, one fragment."""
    bundle = site / "pagefind"
    parts = [
        bundle / "pagefind-entry.json",
        bundle / "pagefind.js",
        bundle / "pagefind-ui.js",
        bundle / "pagefind-ui.css",
    ]
    parts += sorted(bundle.glob("wasm.*.pagefind"))[:1] + sorted(bundle.glob("pagefind.*.pf_meta"))
    parts += sorted((bundle / "index").iterdir(), key=lambda p: p.stat().st_size, reverse=True)[:1]
    parts += sorted((bundle / "fragment").iterdir())[:10]
    return sum(
        len(gzip.compress(p.read_bytes())) if p.suffix in (".js", ".json", ".css") else p.stat().st_size for p in parts
    )


def _get(port: int, path: str) -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _events(port: int):
    """The preview's reload events, as a browser tab receives them; the first is now."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/__preview__/events")
    stream = connection.getresponse()
    assert stream.readline().startswith(b"data: ")
    while True:
        line = stream.readline()
        if line.startswith(b"data: "):
            yield int(line[6:])


def preview_seconds(project: Path, language: str | None, tries: int = 7) -> list[float]:
    """Seconds from saving an edit of a news text until the preview serves it."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    command = [str(project / ".venv/bin/python"), "scripts/build.py", "--serve", "--dev-addr", f"127.0.0.1:{port}"] + (
        ["--lang", language] if language else []
    )
    server = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    text = next(project.glob("news/*-study-visit-tyrol/index.ru.md"))
    page = "/ru/news/study-visit-tyrol/"
    seconds = []
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                if _get(port, page)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        original = text.read_text("utf-8")
        events = _events(port)  # as an open page listens: it reloads when told to
        for n in range(tries):
            marker = f"Правка номер {n}."
            time.sleep(1.0)  # a quiet preview, as between an editor's saves
            started = time.perf_counter()
            text.write_text(original.rstrip("\n") + f"\n\n{marker}\n", "utf-8")
            while True:
                next(events)  # a rebuild finished: the page reloads
                if marker in _get(port, page)[1]:
                    break
            seconds.append(time.perf_counter() - started)
        text.write_text(original, "utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return seconds


def preview(sizes: list[int], languages: list[str]) -> int:
    print("| news items | languages | median s | slowest s |")
    print("|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            project = Path(scratch) / f"n{size}"
            project.mkdir()
            make_copy(project, size, languages)
            for language in (None, "ru"):
                took = sorted(preview_seconds(project, language))
                print(
                    f"| {len(list((project / 'news').glob('*/')))} | {language or 'all three'} | "
                    f"{took[len(took) // 2]:.2f} | {took[-1]:.2f} |",
                    flush=True,
                )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--preview", action="store_true", help="time the live preview instead of builds")
    args = parser.parse_args(argv)
    from kazdual.content import config

    codes = [lang.code for lang in config.load(ROOT).languages]
    if args.preview:
        return preview(args.sizes or [0, 500], codes)
    args.sizes = args.sizes or [100, 500, 2000]
    languages = codes
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
            rows.append(
                (
                    size,
                    pages,
                    seconds,
                    seconds / pages * 1000,
                    marginal * 1000,
                    news_page.stat().st_size,
                    search_transfer(site),
                )
            )
            shutil.rmtree(project)
    print(f"base site: {base_pages} page-languages in {base_seconds:.1f} s")
    print(
        "| news items | page-languages | build s | ms per page-language | ms per added page-language | news page HTML "
        "| search transfer (gzip) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, pages, seconds, per_page, marginal, html, search in rows:
        print(
            f"| {size} | {pages} | {seconds:.1f} | {per_page:.1f} | {marginal:.1f} | {html / 1024:.1f} KB | "
            f"{search / 1024:.0f} KB |"
        )
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    local_env.run(main)
