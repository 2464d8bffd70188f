"""What the site's texts are: each page in docs/ and each news item in news/, one
file per language, and the photos beside a news item's texts.

A page is `docs/<name>.<lang>.md`; a news item is a folder
`news/YYYY-MM-DD-slug/` with `index.<lang>.md` and its photos. Whatever fits
neither (a `kz` suffix, a stray file, a symbolic link, a hidden file, a
subfolder) is a finding here, since nothing else would ever look at it. So is
a symbolic link or a pipe among the templates in overrides/.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kazdual.content import assets
from kazdual.content.fields import printable
from kazdual.content.findings import Finding
from kazdual.content.schema import PHOTO_SUFFIXES
from kazdual.languages import Language

DOCS_DIR = "docs"
# mkdocs.yml's theme.custom_dir: MkDocs copies what in it is no template into the site.
THEME_DIR = "overrides"
NEWS_DIR = "news"
NEWS_TEXT = "index"  # every news text is index.<lang>.md
NEWS_GUIDE = "README.md"  # the editors' guide in news/, not an item: in English, with README.<lang>.md beside it
# \Z, not $: "$" also matches before a final line break, and "visit\n" is no slug.
FOLDER_PATTERN = re.compile(r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\Z")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_SLUG = 60
# A name in docs/ is part of a web address: characters an address carries as they are.
ADDRESS_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*\Z")
ADDRESS_RULE = (
    "a name in docs/ becomes part of a web address: rename it with ASCII letters, digits, '-', '_' and '.' only, e.g. "
    "work-package-5.kk.md"
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")  # pages are written in Markdown, never published as they are
FOLDER_RULE = (
    "a news folder is named YYYY-MM-DD-slug (lower-case ASCII letters, digits and hyphens), e.g. 2024-01-15-study-visit"
)
_LANGUAGE_LIKE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)
# Country codes taken for language codes, and the language meant (suggested only
# when that language is one of the site's).
_COUNTRY_CODES = {
    "kz": ("Kazakhstan", "kk"),
    "ua": ("Ukraine", "uk"),
    "by": ("Belarus", "be"),
    "gb": ("the United Kingdom", "en"),
    "us": ("the United States", "en"),
    "cn": ("China", "zh"),
    "jp": ("Japan", "ja"),
    "gr": ("Greece", "el"),
    "dk": ("Denmark", "da"),
    "se": ("Sweden", "sv"),
    "cz": ("Czechia", "cs"),
    "ee": ("Estonia", "et"),
    "at": ("Austria", "de"),
}


def country_codes_for(codes: list[str]) -> set[str]:
    """Country codes that addresses use for these languages: `kz` for Kazakh (kk)."""
    return {country for country, (_, language) in _COUNTRY_CODES.items() if language in codes}


@dataclass
class Entry:
    """One page or news item: which of its language files exist, and where it is published."""

    kind: str  # "page" or "news item"
    name: str  # docs/about or news/2024-01-15-study-visit
    stem: str  # the files' path without `.<lang>.md`
    url_path: str  # below each language root: "about/", "news/study-visit/", "" for the home page
    files: set[str] = field(default_factory=set)  # language codes present
    date: datetime.date | None = None  # news: from the folder name
    slug: str | None = None  # news
    photos: list[str] = field(default_factory=list)  # news: photo files beside the texts

    def path(self, language: str) -> str:
        return f"{self.stem}.{language}.md"

    @property
    def folder(self) -> str:
        return self.name.rsplit("/", 1)[-1]


@dataclass
class Tree:
    entries: list[Entry]
    findings: list[Finding]
    assets: list[str] = field(default_factory=list)  # docs/assets/site.css: published as they are


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a news item's address, or None. new_news.py asks this too."""
    if not SLUG_PATTERN.match(slug):
        return "use lower-case ASCII letters, digits and single hyphens, e.g. study-visit"
    if len(slug) > MAX_SLUG:
        return f"keep it to {MAX_SLUG} characters: the slug is the item's permanent address"
    if slug == "page" or slug.isdigit():
        return f"news/{slug}/ is taken by the news listings (pages and years): choose words for it"
    return None


def parse_folder_name(name: str) -> tuple[datetime.date, str]:
    """The date and slug in a news folder's name; ValueError says what is wrong with it."""
    match = FOLDER_PATTERN.match(name)
    if not match:
        raise ValueError(FOLDER_RULE)
    try:
        date = datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise ValueError(f"'{match['date']}' in the folder name is not a real date") from None
    problem = slug_problem(match["slug"])
    if problem:
        raise ValueError(f"the slug '{match['slug']}': {problem}")
    return date, match["slug"]


def _split_name(name: str) -> tuple[str, str | None]:
    """`about.ru.md` -> ("about", "ru"); `about.md` -> ("about", None)."""
    base, dot, suffix = name[: -len(".md")].rpartition(".")
    if dot and base and _LANGUAGE_LIKE.match(suffix):
        return base, suffix
    return name[: -len(".md")], None


def _suffix_problem(path: str, base: str, suffix: str | None, codes: list[str]) -> Finding | None:
    if suffix in codes:
        return None
    if suffix is None:
        others = ", ".join(f".{code}.md" for code in codes[1:])
        message = f"no language suffix: rename it to {base}.{codes[0]}.md (or {others} for a translation)"
    elif suffix.lower() in codes:
        message = f"write the language suffix in lower case: rename it to {base}.{suffix.lower()}.md"
    elif suffix.lower() in _COUNTRY_CODES and _COUNTRY_CODES[suffix.lower()][1] in codes:
        country, language = _COUNTRY_CODES[suffix.lower()]
        message = (
            f"'{suffix}' is the country code of {country}, not a language; the language is '{language}': rename it to "
            f"{base}.{language}.md"
        )
    else:
        message = (
            f"'{suffix}' is not one of the site's languages ({', '.join(codes)}): rename the file, or add the "
            "language to mkdocs.yml"
        )
    return Finding(path, 1, "misnamed", message)


def _kind_of(path: Path) -> str:
    """ "link", "dir", "file" or "other", never following a symbolic link."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return "link"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _page_url(stem: str) -> str:
    """docs/about -> about/; docs/index -> ""; docs/sub/index -> sub/."""
    parts = stem.split("/")[1:]
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "".join(part + "/" for part in parts)


def _linked_folder(name: str) -> Finding:
    return Finding(name, 1, "stray", "this is a symbolic link: put the real folder here instead")


def _pages(root: Path, codes: list[str], tree: Tree) -> None:
    by_stem: dict[str, Entry] = {}
    if (root / DOCS_DIR).is_symlink():  # MkDocs would read whatever folder it leads to, and publish it
        tree.findings.append(_linked_folder(DOCS_DIR))
        return
    if not (root / DOCS_DIR).is_dir():
        tree.findings.append(
            Finding(DOCS_DIR, 1, "unreadable", "there is no docs/ folder: the site's pages live there")
        )
        return
    for folder, names in _walk(root, DOCS_DIR, tree):
        for name in names:
            shown = f"{folder}/{name}"
            if name.lower().endswith(HTML_SUFFIXES):
                tree.findings.append(
                    Finding(
                        shown,
                        1,
                        "stray",
                        "an HTML file would be published as it is, without the site's template, safe list and"
                        " Content-Security-Policy: write the page in Markdown instead (name.kk.md)",
                    )
                )
                continue
            if not name.endswith(".md"):
                problems = assets.judge(root, shown)
                tree.findings += problems
                if not problems:
                    tree.assets.append(shown)  # a style sheet, a logo
                continue
            base, suffix = _split_name(name)
            problem = _suffix_problem(shown, base, suffix, codes)
            if problem:
                tree.findings.append(problem)
                continue
            assert suffix is not None  # one of the site's languages: no problem was found
            stem = f"{folder}/{base}"
            by_stem.setdefault(stem, Entry("page", stem, stem, _page_url(stem))).files.add(suffix)
    tree.entries.extend(by_stem[stem] for stem in sorted(by_stem))


def _walk(root: Path, top: str, tree: Tree):
    """(folder, file names) below `top`, refusing symbolic links; hidden names are skipped,
    as MkDocs skips them."""
    pending = [top]
    while pending:
        folder = pending.pop(0)
        names = []
        for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            shown = f"{folder}/{entry.name}"
            kind = _kind_of(Path(entry.path))
            if kind == "link":
                tree.findings.append(
                    Finding(
                        f"{folder}/{printable(entry.name)}",
                        1,
                        "stray",
                        "this is a symbolic link: put the real file or folder here instead",
                    )
                )
            elif not ADDRESS_NAME.match(entry.name):
                tree.findings.append(Finding(f"{folder}/{printable(entry.name)}", 1, "misnamed", ADDRESS_RULE))
            elif kind == "dir":
                pending.append(shown)
            elif kind == "file":
                names.append(entry.name)
            else:  # a named pipe or a device: reading it would never end
                tree.findings.append(Finding(shown, 1, "stray", "this is not a regular file: remove it"))
        yield folder, names


def news_guides(codes: list[str]) -> list[str]:
    """The editors' guides news/ may hold: README.md, and README.<lang>.md in the site's languages."""
    return [NEWS_GUIDE] + [f"README.{code}.md" for code in codes]


def _stray_in_news(name: str, shown: str, codes: list[str]) -> Finding:
    if name.endswith(".md"):
        base, suffix = _split_name(name)
        if FOLDER_PATTERN.match(base):
            return Finding(
                shown,
                1,
                "stray",
                f"a news item is a folder: move this file to {NEWS_DIR}/{base}/{NEWS_TEXT}.{suffix or '<language>'}.md",
            )
    return Finding(
        shown,
        1,
        "stray",
        f"{NEWS_DIR}/ holds only item folders (YYYY-MM-DD-slug) and the guides {', '.join(news_guides(codes))}:"
        " move this into its item's folder, or remove it",
    )


def _news_item(root: Path, shown: str, codes: list[str], tree: Tree) -> None:
    name = shown.rsplit("/", 1)[-1]
    try:
        date, slug = parse_folder_name(name)
    except ValueError as refused:
        tree.findings.append(Finding(shown, 1, "misnamed", f"{refused}: rename the folder"))
        return
    entry = Entry("news item", shown, f"{shown}/{NEWS_TEXT}", f"{NEWS_DIR}/{slug}/", date=date, slug=slug)
    for item in sorted(os.scandir(root / shown), key=lambda e: e.name):
        file_shown = f"{shown}/{item.name}"
        kind = _kind_of(Path(item.path))
        if printable(item.name) != item.name:
            tree.findings.append(
                Finding(
                    f"{shown}/{printable(item.name)}",
                    1,
                    "misnamed",
                    "the name holds a line break or an invisible character: rename it",
                )
            )
        elif kind == "link":
            tree.findings.append(
                Finding(file_shown, 1, "stray", "this is a symbolic link: copy the real file here instead")
            )
        elif item.name.startswith("."):
            tree.findings.append(Finding(file_shown, 1, "stray", "a hidden file is never published: remove it"))
        elif kind == "dir":
            tree.findings.append(
                Finding(file_shown, 1, "stray", "a news item has no subfolders: move its photos next to its texts")
            )
        elif kind != "file":
            tree.findings.append(Finding(file_shown, 1, "stray", "this is not a regular file: remove it"))
        elif item.name.lower().endswith(PHOTO_SUFFIXES):
            entry.photos.append(item.name)
        elif item.name.endswith(".md"):
            base, suffix = _split_name(item.name)
            problem = _suffix_problem(file_shown, NEWS_TEXT, suffix, codes)
            if problem:
                tree.findings.append(problem)
            elif base != NEWS_TEXT:
                tree.findings.append(
                    Finding(
                        file_shown,
                        1,
                        "misnamed",
                        f"a news item's texts are named {NEWS_TEXT}.<language>.md: rename it to "
                        f"{NEWS_TEXT}.{suffix}.md",
                    )
                )
            else:
                assert suffix is not None  # one of the site's languages: no problem was found
                entry.files.add(suffix)
        else:
            formats = ", ".join(PHOTO_SUFFIXES)
            tree.findings.append(
                Finding(
                    file_shown,
                    1,
                    "stray",
                    f"a news folder holds its texts and photos ({formats}) only: remove this file",
                )
            )
    tree.entries.append(entry)


def _news(root: Path, codes: list[str], tree: Tree) -> None:
    news = root / NEWS_DIR
    if news.is_symlink():  # not a site without news: say why they are missing
        tree.findings.append(_linked_folder(NEWS_DIR))
        return
    if not news.is_dir():
        return  # a site without news yet
    for item in sorted(os.scandir(news), key=lambda e: e.name):
        if item.name.startswith(".") or item.name in news_guides(codes):
            continue
        shown = f"{NEWS_DIR}/{printable(item.name)}"
        kind = _kind_of(Path(item.path))
        if kind == "link":
            tree.findings.append(
                Finding(shown, 1, "stray", "this is a symbolic link: put the real folder here instead")
            )
        elif kind == "dir":
            _news_item(root, shown, codes, tree)
        else:
            tree.findings.append(_stray_in_news(item.name, shown, codes))


def _theme(root: Path, tree: Tree) -> None:
    """Links and pipes among the templates: MkDocs follows a link there, and would
    publish whatever file of the computer it leads to. Names are the templates' own."""
    pending = [THEME_DIR] if os.path.lexists(root / THEME_DIR) else []
    while pending:
        shown = pending.pop(0)
        kind = _kind_of(root / shown)
        if kind == "link":
            tree.findings.append(
                _linked_folder(shown)
                if shown == THEME_DIR
                else Finding(
                    printable(shown), 1, "stray", "this is a symbolic link: put the real file or folder here instead"
                )
            )
        elif kind == "dir":
            pending += [f"{shown}/{name}" for name in sorted(os.listdir(root / shown))]
        elif kind == "other":
            tree.findings.append(Finding(printable(shown), 1, "stray", "this is not a regular file: remove it"))
        elif _copied_from_theme(shown):
            tree.findings += assets.judge(root, shown, scripts_allowed=True)


# The names MkDocs never copies from a theme folder (mkdocs/structure/files.py, add_files_from_theme).
_NOT_COPIED_FROM_THEME = (".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*", "*.md")


def _copied_from_theme(path: str) -> bool:
    """Whether MkDocs copies this file of overrides/ into the site as it is: all but the templates."""
    name = path[len(THEME_DIR) + 1 :].lower()
    return not any(fnmatch.fnmatch(name, pattern) for pattern in _NOT_COPIED_FROM_THEME)


def find_texts(root: Path, languages: list[Language]) -> Tree:
    """Every page and news item under `root`, and the files that are neither."""
    codes = [language.code for language in languages]
    tree = Tree(entries=[], findings=[])
    try:
        _pages(root, codes, tree)
        _news(root, codes, tree)
        _theme(root, tree)
    except OSError as error:  # a folder vanished or cannot be listed while we look
        where = os.path.relpath(error.filename, root) if error.filename else DOCS_DIR
        tree.findings.append(Finding(where, 1, "unreadable", f"cannot list the folder ({error.strerror})"))
    return tree
