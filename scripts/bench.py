"""How fast the site builds against stock MkDocs, how soon the preview follows an edit,
and what a reader downloads: one table of figures, never a test.

    python3 scripts/bench.py                          # everything, at 500 and 2000 news items
    python3 scripts/bench.py --only builds --sizes 500 2000 --rounds 3
    python3 scripts/bench.py --only preview --sizes 500 2000 --tries 7
    python3 scripts/bench.py --only pages

Builds: copies the site's sources to a temporary folder and adds N synthetic news
items in every language, each with a body of its own (identical bodies would let
the content model's caches hide its Markdown cost); beside it, a stock site of
mkdocs + Material + mkdocs-static-i18n with the same news and pages (only the
Kazakh interface strings added, which Material lacks). Each round builds the
project (`scripts/build.py`, as publishing does) and stock one after the other,
so both meet the same load; the table keeps each one's fastest round, with its
CPU time (user + system, child processes included), which load distorts less.

Preview: starts `scripts/build.py --serve` (one language, then all three), saves
an edit of one news text again and again, and reports how long each took until
the preview served the changed page: the median and the slowest.

Pages: builds the site with a news item of ten photos, and reports the bytes of a
first visit to each kind of page (HTML, style sheets and scripts gzipped as a
host sends them, and the photos a phone loads before any scrolling).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
PARTS = (
    "mkdocs.yml",
    "overrides",
    "scripts",
    "docs",
    "data",
    "news",
    "requirements.txt",
    "requirements-test.txt",
    "package.json",
    "package-lock.json",
)
# Words per language, drawn in the same order for every language of an item: a translation of sorts,
# with no number and no Latin name, so that the translation rules find nothing to report.
WORDS = {
    "kk": "дуалды білім беру жобасы университет серіктестер практика студенттер тәлімгер кәсіпорын оқытушылар "
    "бағдарлама тағылымдама әдістеме біліктілік жұмыс беруші семинар кездесу тәжірибе зерттеу орталығы "
    "жоспар нәтиже сапа маман даярлау өңір қала мектеп оқу жылы жаңа бірлескен ұйым".split(),
    "ru": "дуальное образование проекта университет партнёры практика студенты наставник предприятие "
    "преподаватели программа стажировка методика квалификация работодатель семинар встреча опыт "
    "исследование центр план результат качество специалист подготовка регион город школа учёба год "
    "новый совместный организация".split(),
    "en": "dual education project university partners practice students mentor company teachers programme "
    "internship method qualification employer seminar meeting experience research centre plan result "
    "quality specialist training region city school study year new joint organisation".split(),
}
TITLES = {"kk": "Жоба жаңалығы", "ru": "Новость проекта", "en": "Project news"}
SUMMARIES = {"kk": "Жобаның кезекті кездесуі.", "ru": "Очередная встреча проекта.", "en": "Another project meeting."}
PARAGRAPHS, PARAGRAPH_WORDS = 5, 40  # about 200 words, as the site's own items
BASE_DAY = datetime.date(2030, 1, 1)
SOURCE_DATE_EPOCH = "1700000000"


MONTHS = {
    "kk": "қаңтарда ақпанда наурызда сәуірде мамырда маусымда шілдеде тамызда қыркүйекте қазанда қарашада "
    "желтоқсанда".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def _dated(n: int, lang: str) -> str:
    """A sentence with a date and a number, as most news items have: the facts every translation
    must say alike, so that the parity rules have something to read."""
    day, month, year, people = 1 + n % 28, n % 12, 2030 + n // 365, 20 + 5 * (n % 8)
    return {
        "kk": f"{year} жылғы {day} {MONTHS['kk'][month]} {people} қатысушы жиналды.",
        "ru": f"{day} {MONTHS['ru'][month]} {year} года собрались {people} участников.",
        "en": f"On {day} {MONTHS['en'][month]} {year}, {people} participants met.",
    }[lang]


def item_body(n: int, lang: str) -> str:
    """Item n's text in `lang`: its own sequence of words, the same in every language."""
    pick = random.Random(n)
    words = WORDS[lang]
    paragraphs = []
    for _ in range(PARAGRAPHS):
        sentence = " ".join(words[pick.randrange(len(words))] for _ in range(PARAGRAPH_WORDS))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
    paragraphs[1] = f"{_dated(n, lang)} {paragraphs[1]}"
    return "\n\n".join(paragraphs)


def item_title(n: int, lang: str) -> str:
    return f"{TITLES[lang]} — {' '.join(WORDS[lang][(n + k * 7) % len(WORDS[lang])] for k in range(3))}"


def _env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)


def _link_shared(target: Path) -> None:
    """The project's installed packages, not a new environment per copy."""
    (target / ".venv").symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    if (ROOT / "node_modules").exists():
        (target / "node_modules").symlink_to((ROOT / "node_modules").resolve(), target_is_directory=True)


def make_copy(target: Path, items: int, languages: list[str]) -> None:
    target.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    _link_shared(target)
    for n in range(items):
        day = BASE_DAY + datetime.timedelta(days=n)
        folder = target / "news" / f"{day.isoformat()}-bench-{n:04d}"
        folder.mkdir()
        for lang in languages:
            (folder / f"index.{lang}.md").write_text(
                f"---\ntitle: {item_title(n, lang)}\ndate: {day.isoformat()}\nsummary: {SUMMARIES[lang]}\n"
                f"activity: meeting\n---\n\n{item_body(n, lang)}\n",
                encoding="utf-8",
            )


def make_stock(target: Path, items: int, languages: list[str]) -> None:
    """mkdocs + Material + static-i18n as their guides set them up, with the project's pages and
    the same synthetic news; the Kazakh interface strings are the only file added to the theme."""
    docs = target / "docs"
    (target / "overrides/partials/languages").mkdir(parents=True)
    shutil.copy2(ROOT / "overrides/partials/languages/kk.html", target / "overrides/partials/languages/kk.html")
    docs.mkdir()
    pages = sorted({path.name.split(".")[0] for path in (ROOT / "docs").glob("*.*.md")})
    for name in pages:
        for lang in languages:
            text = (ROOT / "docs" / f"{name}.{lang}.md").read_text("utf-8")
            body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
            (docs / f"{name}.{lang}.md").write_text(f"# {name}\n\n{body}", encoding="utf-8")
    for n in range(items):
        folder = docs / "news" / f"{(BASE_DAY + datetime.timedelta(days=n)).isoformat()}-bench-{n:04d}"
        folder.mkdir(parents=True)
        for lang in languages:
            (folder / f"index.{lang}.md").write_text(f"# {item_title(n, lang)}\n\n{item_body(n, lang)}\n", "utf-8")
    for lang in languages:
        (docs / "news" / f"index.{lang}.md").parent.mkdir(exist_ok=True)
        (docs / "news" / f"index.{lang}.md").write_text(f"# {TITLES[lang]}\n", "utf-8")
    listed = "\n".join(f"  - {name}.md" for name in pages) + "\n  - news/index.md\n"
    locales = "".join(
        f"        - locale: {lang}\n          name: {lang}\n          build: true\n"
        + ("          default: true\n" if n == 0 else "")
        for n, lang in enumerate(languages)
    )
    (target / "mkdocs.yml").write_text(
        "site_name: Stock\nsite_url: https://example.org/\n"
        f"theme:\n  name: material\n  custom_dir: overrides\n  font: false\n  language: {languages[0]}\n"
        "  features:\n    - navigation.tabs\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - toc\n"
        f"plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n{locales}"
        f"nav:\n{listed}",
        encoding="utf-8",
    )


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=_env(), check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def count_pages(site: Path) -> int:
    return sum(1 for page in site.rglob("*.html") if "pagefind" not in page.parts and "admin" not in page.parts)


def load_average() -> str:
    return " / ".join(f"{n:.1f}" for n in os.getloadavg())


def builds(scratch: Path, sizes: list[int], rounds: int, languages: list[str]) -> list[str]:
    projects = {size: scratch / f"project-{size}" for size in sizes}
    stocks = {size: scratch / f"stock-{size}" for size in sizes}
    for size in sizes:
        make_copy(projects[size], size, languages)
        make_stock(stocks[size], size, languages)
    best: dict[tuple[str, int], tuple[float, float]] = {}
    loads = [load_average()]
    for round_ in range(rounds):
        for size in sizes:
            for kind, folder, command in (
                ("project", projects[size], [sys.executable, "scripts/build.py", "--output", "out"]),
                ("stock", stocks[size], [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "out"]),
            ):
                wall, cpu = timed(command, folder)
                print(f"  round {round_ + 1} {kind} {size}: {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)
                key = (kind, size)
                best[key] = (min(wall, best[key][0]), min(cpu, best[key][1])) if key in best else (wall, cpu)
        loads.append(load_average())
    rows = [
        "| news items | pages (project) | project s | project CPU s | pages (stock) | stock s | stock CPU s "
        "| ratio (wall) | ratio (CPU) | project ms/page |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    per_page = {}
    for size in sizes:
        (wall, cpu), (stock_wall, stock_cpu) = best[("project", size)], best[("stock", size)]
        pages, stock_pages = count_pages(projects[size] / "out"), count_pages(stocks[size] / "out")
        per_page[size] = (wall, pages)
        rows.append(
            f"| {size} | {pages} | {wall:.1f} | {cpu:.1f} | {stock_pages} | {stock_wall:.1f} | {stock_cpu:.1f} "
            f"| {wall / stock_wall:.2f} | {cpu / stock_cpu:.2f} | {wall / pages * 1000:.1f} |"
        )
    if len(sizes) > 1:
        (small_wall, small_pages), (large_wall, large_pages) = per_page[min(sizes)], per_page[max(sizes)]
        marginal = (large_wall - small_wall) / (large_pages - small_pages) * 1000
        rows.append(
            f"\nLinearity: {marginal:.1f} ms per added page from {min(sizes)} to {max(sizes)} items, "
            f"against {small_wall / small_pages * 1000:.1f} ms per page at {min(sizes)}."
        )
    rows.append(
        f"Fastest of {rounds} rounds, project and stock interleaved; load average (1/5/15 min) " + ", ".join(loads)
    )
    for folder in [*projects.values(), *stocks.values()]:
        shutil.rmtree(folder)
    return rows


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

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", "/__preview__/events")
    stream = connection.getresponse()
    assert stream.readline().startswith(b"data: ")
    while True:
        line = stream.readline()
        if not line:
            raise RuntimeError("the preview closed its event stream")
        if line.startswith(b"data: "):
            yield int(line[6:])


def preview_seconds(project: Path, language: str | None, tries: int) -> list[float]:
    """Seconds from saving an edit of a news text until the preview serves it."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(project / ".venv/bin/python"), "scripts/build.py", "--serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command + (["--lang", language] if language else []),
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    text = next(project.glob("news/*-study-visit-tyrol/index.ru.md"))
    page = "/ru/news/study-visit-tyrol/"
    seconds = []
    original = text.read_text("utf-8")
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                if _get(port, page)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        events = _events(port)  # as an open page listens: it reloads when told to
        for n in range(tries):
            marker = f"Правка «{'абвгдежзик'[n % 10] * (n // 10 + 1)}»."  # no digit: no fact to translate
            time.sleep(2.0)  # a quiet preview, as between an editor's saves
            started = time.perf_counter()
            text.write_text(original.rstrip("\n") + f"\n\n{marker}\n", "utf-8")
            while True:
                next(events)  # a rebuild finished: the page reloads
                if marker in _get(port, page)[1]:
                    break
            seconds.append(time.perf_counter() - started)
    finally:
        text.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)
    return seconds


def preview(scratch: Path, sizes: list[int], tries: int, languages: list[str]) -> list[str]:
    rows = ["| news items | languages | median s | slowest s | slowest / median |", "|---:|---|---:|---:|---:|"]
    for size in sizes:
        project = scratch / f"preview-{size}"
        make_copy(project, size, languages)
        for language in ("ru", None):
            took = sorted(preview_seconds(project, language, tries))
            median = statistics.median(took)
            rows.append(
                f"| {size} | {language or 'all three'} | {median:.2f} | {took[-1]:.2f} | {took[-1] / median:.2f} |"
            )
            print("  " + rows[-1], file=sys.stderr)
        shutil.rmtree(project)
    rows.append(f"{tries} edits each, 2 s apart; load average after: {load_average()}")
    return rows


PHOTO_ITEM = "2030-06-01-bench-photos"


def add_photo_item(project: Path, languages: list[str], photos: int = 10) -> None:
    """A news item with a lead photo and nine more in its gallery, camera-sized JPEGs."""
    from PIL import Image, ImageDraw

    folder = project / "news" / PHOTO_ITEM
    folder.mkdir()
    pick = random.Random(7)
    for n in range(photos):
        image = Image.new("RGB", (2400, 1600), (pick.randrange(256), pick.randrange(256), pick.randrange(256)))
        draw = ImageDraw.Draw(image)
        for _ in range(400):  # shapes, so the photo compresses as a photo does rather than to nothing
            x, y = pick.randrange(2400), pick.randrange(1600)
            colour = (pick.randrange(256), pick.randrange(256), pick.randrange(256))
            draw.ellipse((x, y, x + pick.randrange(20, 300), y + pick.randrange(20, 300)), fill=colour)
        image.save(folder / f"photo-{n:02d}.jpg", quality=90)
    for lang in languages:
        gallery = "".join(f"  - file: photo-{n:02d}.jpg\n    alt: {item_title(n, lang)}\n" for n in range(1, photos))
        (folder / f"index.{lang}.md").write_text(
            f"---\ntitle: {item_title(99, lang)}\ndate: 2030-06-01\nsummary: {SUMMARIES[lang]}\nactivity: meeting\n"
            f"image: photo-00.jpg\nimage_alt: {item_title(98, lang)}\ngallery:\n{gallery}---\n\n"
            f"{item_body(99, lang)}\n",
            encoding="utf-8",
        )


_ASSET = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"')
_EAGER_IMAGE = re.compile(r"<picture[^>]*>(.*?)</picture>", re.S)
_AVIF = re.compile(r'<source type="image/avif" srcset="([^"]+)"')


def first_visit(site: Path, page: str) -> dict[str, int]:
    """Bytes of a first visit to `page` on a phone: gzipped HTML, CSS and scripts, and the
    eager photos at the width a phone asks for (the 960 px AVIF)."""
    html_path = site / page / "index.html"
    html = html_path.read_text("utf-8")
    counted = {"HTML": len(gzip.compress(html.encode(), mtime=0)), "CSS": 0, "JS": 0, "photos": 0}
    for css, js in _ASSET.findall(html):
        target = (html_path.parent / (css or js).split("?")[0]).resolve()
        counted["CSS" if css else "JS"] += len(gzip.compress(target.read_bytes(), mtime=0))
    for picture in _EAGER_IMAGE.findall(html):
        if 'loading="lazy"' in picture:
            continue
        sources = [part.strip().split(" ") for part in _AVIF.findall(picture)[0].split(",")]
        chosen = next((url for url, width in sources if int(width[:-1]) >= 960), sources[-1][0])
        counted["photos"] += (html_path.parent / chosen).resolve().stat().st_size
    return counted


def pages(scratch: Path, languages: list[str]) -> list[str]:
    project = scratch / "pages"
    make_copy(project, 0, languages)
    add_photo_item(project, languages)
    subprocess.run([sys.executable, "scripts/build.py", "--output", "out"], cwd=project, env=_env(), check=True)
    site = project / "out"
    kinds = {"home": "", "news list": "news/", "item, ten photos": "news/bench-photos/", "search": "search/"}
    rows = [
        "| page (kk) | HTML KB | CSS KB | JS KB | photos KB | first visit KB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, page in kinds.items():
        counted = first_visit(site, page)
        cells = " | ".join(f"{value / 1024:.1f}" for value in counted.values())
        rows.append(f"| {kind} | {cells} | {sum(counted.values()) / 1024:.1f} |")
    rows.append("HTML, CSS and JS gzipped; photos as sent (AVIF), lazy ones left out.")
    keep = Path(tempfile.gettempdir()) / "bench-pages-site"
    shutil.rmtree(keep, ignore_errors=True)
    shutil.move(str(site), keep)
    rows.append(f"The site is kept in {keep} for scripts/lighthouse.py.")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000], help="news items added")
    parser.add_argument("--rounds", type=int, default=3, help="build rounds (project and stock each)")
    parser.add_argument("--tries", type=int, default=7, help="edits timed per preview")
    parser.add_argument("--only", choices=("builds", "preview", "pages"), help="one part of the table")
    args = parser.parse_args(argv)
    from kazdual.content import config

    languages = [lang.code for lang in config.load(ROOT).languages]
    parts = [args.only] if args.only else ["builds", "preview", "pages"]
    out = [f"load average at the start: {load_average()} on {os.cpu_count()} cores"]
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if "builds" in parts:
            out += ["", "Full builds", ""] + builds(Path(scratch), args.sizes, args.rounds, languages)
        if "preview" in parts:
            out += ["", "Preview: an edit of one news text until the page shows it", ""]
            out += preview(Path(scratch), args.sizes, args.tries, languages)
        if "pages" in parts:
            out += ["", "First visit, per page type", ""] + pages(Path(scratch), languages)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements.txt")
    local_env.run(main)
