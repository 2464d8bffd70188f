"""The search index: one Pagefind bundle per language, at `<language root>/pagefind/`.

Pagefind groups pages by <html lang>, but files Kazakh pages under Russian (it has
no Kazakh), so each language is indexed on its own with its language forced. A
reader's query then downloads only that language's index chunks it needs. How a
bundle is made, Kazakh stems included, is kazdual/search/.
"""

from __future__ import annotations

from pathlib import Path

from kazdual.addresses import ADMIN_DIR
from kazdual.languages import Language
from kazdual.search.bundle import BUNDLE_DIR, ENTRY_FILE, Bundle, MadeBefore, build
from kazdual.search.indexed import marks_body


def _pages(site_dir: Path, language: Language, languages: list[Language]) -> list[Path]:
    """The pages of `language`."""
    if language.prefix:
        root = site_dir / language.prefix
        return sorted(path for path in root.rglob("*.html") if path.relative_to(root).parts[0] != BUNDLE_DIR)
    # The default language lives at the root, beside the other languages' folders.
    # The web editor at admin/ is not a page for readers.
    others = {other.prefix.rstrip("/") for other in languages if other.prefix} | {BUNDLE_DIR, ADMIN_DIR}
    found: list[Path] = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in others:
            continue
        if entry.is_dir():
            found.extend(sorted(entry.rglob("*.html")))
        elif entry.suffix == ".html":
            found.append(entry)
    return found


def indexed_pages(site_dir: Path, language: Language, languages: list[Language]) -> dict[Path, str]:
    """The pages of `language` that Pagefind indexes, with their HTML.

    As Pagefind chooses them: the pages that mark their content (data-pagefind-body), or all
    of them when none does. The others (the lists of news, the archives, the 404 page) are
    not read again: no copy is made of them, and their words choose no Kazakh key."""
    pages = {page: page.read_text(encoding="utf-8") for page in _pages(site_dir, language, languages)}
    marked = {page: html for page, html in pages.items() if marks_body(html)}
    return marked or pages


def _bundles(site_dir: Path, built: list[Language], languages: list[Language]) -> list[Bundle]:
    return [
        Bundle(
            code=language.code,
            output=site_dir / language.prefix / BUNDLE_DIR,
            pages={
                page.relative_to(site_dir).as_posix(): html
                for page, html in indexed_pages(site_dir, language, languages).items()
            },
        )
        for language in built
    ]


def build_search_index(
    site_dir: Path, built: list[Language], languages: list[Language], made_before: MadeBefore | None = None
) -> None:
    """Index the built pages that carry `data-pagefind-body`, one bundle per language built
    (copied from `made_before` where a language's pages are those of the last index run)."""
    build(_bundles(site_dir, built, languages), made_before)


def indexed_in(site_dir: Path, built: list[Language], languages: list[Language]) -> MadeBefore:
    """The whole bundles of an earlier build in `site_dir`, as the last index run they were."""
    made = MadeBefore()
    whole = [bundle for bundle in _bundles(site_dir, built, languages) if (bundle.output / ENTRY_FILE).is_file()]
    made.remember(whole)
    return made
