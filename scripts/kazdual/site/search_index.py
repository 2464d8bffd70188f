"""The search index: one Pagefind bundle per language, at `<language root>/pagefind/`.

Pagefind groups pages by <html lang>, but files Kazakh pages under Russian (it has
no Kazakh), so each language is indexed on its own with its language forced. A
reader's query then downloads only that language's index chunks it needs.
Pagefind walks each language's folder itself: handing it pages one by one costs
a round trip per page.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import PagefindIndex

from kazdual.languages import Language

BUNDLE_DIR = "pagefind"


def _glob(site_dir: Path, language: Language, languages: list[Language]) -> str:
    """The pages of `language`, as a glob below the site root."""
    if language.prefix:
        return f"{language.prefix}**/*.html"
    # The default language lives at the root, beside the other languages' folders.
    # The web editor at admin/ is not a page for readers.
    others = {other.prefix.rstrip("/") for other in languages if other.prefix} | {BUNDLE_DIR, "admin"}
    entries = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in others:
            continue
        if entry.is_dir():
            entries.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            entries.append(entry.name)
    return "{" + ",".join(entries) + "}"


async def _index(site_dir: Path, language: Language, languages: list[Language]) -> None:
    config = {"force_language": language.code, "output_path": str(site_dir / language.prefix / BUNDLE_DIR)}
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir), glob=_glob(site_dir, language, languages))


async def _index_all(site_dir: Path, built: list[Language], languages: list[Language]) -> None:
    for language in built:
        await _index(site_dir, language, languages)


def build_search_index(site_dir: Path, built: list[Language], languages: list[Language]) -> None:
    """Index the built pages that carry `data-pagefind-body`, one bundle per language built."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_index_all(site_dir, built, languages))
        return
    # A program that embeds the build already runs an event loop here: use a thread of our own.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, _index_all(site_dir, built, languages)).result()
