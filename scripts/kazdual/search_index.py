"""The search index: one Pagefind bundle per language, at `<language root>/pagefind/`.

Pagefind groups pages by <html lang>, but files Kazakh pages under Russian (it has
no Kazakh), so each language is indexed on its own with its language forced. A
reader's query then downloads only that language's index chunks it needs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import PagefindIndex

from kazdual.languages import Language

BUNDLE_DIR = "pagefind"


def _pages_of(site_dir: Path, language: Language, languages: list[Language]) -> list[Path]:
    root = site_dir / language.prefix
    others = {site_dir / other.prefix for other in languages if other.prefix and other != language}
    pages = []
    for path in sorted(root.rglob("*.html")):
        if any(parent in others for parent in path.parents) or BUNDLE_DIR in path.relative_to(site_dir).parts:
            continue
        pages.append(path)
    return pages


def _url(site_dir: Path, path: Path, site_path: str) -> str:
    rel = path.relative_to(site_dir).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return site_path + rel


async def _index(site_dir: Path, language: Language, languages: list[Language], site_path: str) -> None:
    config = {"force_language": language.code, "output_path": str(site_dir / language.prefix / BUNDLE_DIR)}
    async with PagefindIndex(config=config) as index:
        for page in _pages_of(site_dir, language, languages):
            await index.add_html_file(content=page.read_text(encoding="utf-8"), url=_url(site_dir, page, site_path))


def build_search_index(site_dir: Path, languages: list[Language], site_path: str) -> None:
    """Index the built pages that carry `data-pagefind-body`, one bundle per language."""
    for language in languages:
        asyncio.run(_index(site_dir, language, languages, site_path))
