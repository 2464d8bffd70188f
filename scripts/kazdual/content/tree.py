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
from kazdual.content.findings import Finding, finding
from kazdual.content.messages import Message, say
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
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")  # pages are written in Markdown, never published as they are
_LANGUAGE_LIKE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)
# Country codes taken for language codes, and the language meant (suggested only
# when that language is one of the site's); the country is named by the catalogs' `country`.
COUNTRY_CODES = {
    "kz": "kk",
    "ua": "uk",
    "by": "be",
    "gb": "en",
    "us": "en",
    "cn": "zh",
    "jp": "ja",
    "gr": "el",
    "dk": "da",
    "se": "sv",
    "cz": "cs",
    "ee": "et",
    "at": "de",
}


def country_codes_for(codes: list[str]) -> set[str]:
    """Country codes that addresses use for these languages: `kz` for Kazakh (kk)."""
    return {country for country, language in COUNTRY_CODES.items() if language in codes}


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


def slug_problem(slug: str) -> Message | None:
    """Why `slug` cannot be a news item's address, or None. new_news.py asks this too."""
    if not SLUG_PATTERN.match(slug):
        return say("slug.letters")
    if len(slug) > MAX_SLUG:
        return say("slug.long", most=MAX_SLUG)
    if slug == "page" or slug.isdigit():
        return say("slug.taken", slug=slug)
    return None


class FolderNameProblem(ValueError):
    """Why a news folder's name is not YYYY-MM-DD-slug (`said`, a message)."""

    def __init__(self, said: Message) -> None:
        super().__init__(said.text())
        self.said = said


def parse_folder_name(name: str) -> tuple[datetime.date, str]:
    """The date and slug in a news folder's name; FolderNameProblem says what is wrong with it."""
    match = FOLDER_PATTERN.match(name)
    if not match:
        raise FolderNameProblem(say("folder.rule"))
    try:
        date = datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise FolderNameProblem(say("folder.date", date=match["date"])) from None
    problem = slug_problem(match["slug"])
    if problem:
        raise FolderNameProblem(say("folder.slug", slug=match["slug"], problem=problem))
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
        return finding(path, 1, "misnamed", "name.no-suffix", name=f"{base}.{codes[0]}.md", others=others)
    if suffix.lower() in codes:
        return finding(path, 1, "misnamed", "name.upper-case", name=f"{base}.{suffix.lower()}.md")
    if suffix.lower() in COUNTRY_CODES and COUNTRY_CODES[suffix.lower()] in codes:
        language = COUNTRY_CODES[suffix.lower()]
        country = say(f"country.{suffix.lower()}")
        return finding(
            path,
            1,
            "misnamed",
            "name.country",
            suffix=suffix,
            country=country,
            language=language,
            name=f"{base}.{language}.md",
        )
    return finding(path, 1, "misnamed", "name.not-a-language", suffix=suffix, codes=", ".join(codes))


def _kind_of(path: Path | os.DirEntry) -> str:
    """ "link", "dir", "file" or "other", never following a symbolic link. A folder's entry
    mostly tells without asking the file system again (a rebuild asks for every file)."""
    if isinstance(path, os.DirEntry):
        if path.is_symlink():
            return "link"
        return (
            "dir" if path.is_dir(follow_symlinks=False) else "file" if path.is_file(follow_symlinks=False) else "other"
        )
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
    return finding(name, 1, "stray", "stray.linked-folder")


def _pages(root: Path, codes: list[str], tree: Tree) -> None:
    by_stem: dict[str, Entry] = {}
    if (root / DOCS_DIR).is_symlink():  # MkDocs would read whatever folder it leads to, and publish it
        tree.findings.append(_linked_folder(DOCS_DIR))
        return
    if not (root / DOCS_DIR).is_dir():
        tree.findings.append(finding(DOCS_DIR, 1, "unreadable", "stray.no-docs"))
        return
    for folder, names in _walk(root, DOCS_DIR, tree):
        for name in names:
            shown = f"{folder}/{name}"
            if name.lower().endswith(HTML_SUFFIXES):
                tree.findings.append(finding(shown, 1, "stray", "stray.html"))
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
            kind = _kind_of(entry)
            if kind == "link":
                tree.findings.append(finding(f"{folder}/{printable(entry.name)}", 1, "stray", "stray.link"))
            elif not ADDRESS_NAME.match(entry.name):
                tree.findings.append(finding(f"{folder}/{printable(entry.name)}", 1, "misnamed", "name.address"))
            elif kind == "dir":
                pending.append(shown)
            elif kind == "file":
                names.append(entry.name)
            else:  # a named pipe or a device: reading it would never end
                tree.findings.append(finding(shown, 1, "stray", "stray.not-regular"))
        yield folder, names


def news_guides(codes: list[str]) -> list[str]:
    """The editors' guides news/ may hold: README.md, and README.<lang>.md in the site's languages."""
    return [NEWS_GUIDE] + [f"README.{code}.md" for code in codes]


def _stray_in_news(name: str, shown: str, codes: list[str]) -> Finding:
    if name.endswith(".md"):
        base, suffix = _split_name(name)
        if FOLDER_PATTERN.match(base):
            target = f"{NEWS_DIR}/{base}/{NEWS_TEXT}.{suffix or '<language>'}.md"
            return finding(shown, 1, "stray", "stray.news-file", target=target)
    return finding(shown, 1, "stray", "stray.in-news", news=NEWS_DIR, guides=", ".join(news_guides(codes)))


def _news_item(root: Path, shown: str, codes: list[str], tree: Tree) -> None:
    name = shown.rsplit("/", 1)[-1]
    try:
        date, slug = parse_folder_name(name)
    except FolderNameProblem as refused:
        tree.findings.append(finding(shown, 1, "misnamed", "folder.rename", problem=refused.said))
        return
    entry = Entry("news item", shown, f"{shown}/{NEWS_TEXT}", f"{NEWS_DIR}/{slug}/", date=date, slug=slug)
    for item in sorted(os.scandir(root / shown), key=lambda e: e.name):
        file_shown = f"{shown}/{item.name}"
        kind = _kind_of(item)
        if printable(item.name) != item.name:
            tree.findings.append(finding(f"{shown}/{printable(item.name)}", 1, "misnamed", "name.invisible"))
        elif kind == "link":
            tree.findings.append(finding(file_shown, 1, "stray", "stray.link-copy"))
        elif item.name.startswith("."):
            tree.findings.append(finding(file_shown, 1, "stray", "stray.hidden"))
        elif kind == "dir":
            tree.findings.append(finding(file_shown, 1, "stray", "stray.subfolder"))
        elif kind != "file":
            tree.findings.append(finding(file_shown, 1, "stray", "stray.not-regular"))
        elif item.name.lower().endswith(PHOTO_SUFFIXES):
            entry.photos.append(item.name)
        elif item.name.endswith(".md"):
            base, suffix = _split_name(item.name)
            problem = _suffix_problem(file_shown, NEWS_TEXT, suffix, codes)
            if problem:
                tree.findings.append(problem)
            elif base != NEWS_TEXT:
                tree.findings.append(
                    finding(
                        file_shown, 1, "misnamed", "name.news-text", text=NEWS_TEXT, name=f"{NEWS_TEXT}.{suffix}.md"
                    )
                )
            else:
                assert suffix is not None  # one of the site's languages: no problem was found
                entry.files.add(suffix)
        else:
            formats = ", ".join(PHOTO_SUFFIXES)
            tree.findings.append(finding(file_shown, 1, "stray", "stray.in-item", formats=formats))
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
        kind = _kind_of(item)
        if kind == "link":
            tree.findings.append(finding(shown, 1, "stray", "stray.linked-folder"))
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
                _linked_folder(shown) if shown == THEME_DIR else finding(printable(shown), 1, "stray", "stray.link")
            )
        elif kind == "dir":
            pending += [f"{shown}/{name}" for name in sorted(os.listdir(root / shown))]
        elif kind == "other":
            tree.findings.append(finding(printable(shown), 1, "stray", "stray.not-regular"))
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
        tree.findings.append(finding(where, 1, "unreadable", "stray.cannot-list", error=error.strerror))
    return tree
