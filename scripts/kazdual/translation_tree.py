"""What the site's texts are: each page in docs/ and each news item in news/, one file per language.

A page is `docs/<name>.<lang>.md`; a news item is `news/YYYY-MM-DD-slug/index.<lang>.md`.
Files that fit neither (an unknown language suffix, none at all, a stray file
in news/) are findings here, since no other check would ever look at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kazdual.languages import Language
from kazdual.news_folders import NEWS_DIR, parse_folder_name

DOCS_DIR = "docs"
NEWS_TEXT = "index"  # the name of every news text: index.<lang>.md
NEWS_GUIDE = "README.md"  # the editors' guide in news/, not an item
_LANGUAGE_LIKE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)
# Country codes taken for language codes: the suffix an editor writes by mistake,
# and the language meant. Only suggested when that language is one of the site's.
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


@dataclass(frozen=True)
class Finding:
    """Something an editor has to fix, said as `path:line: message`."""

    path: str
    line: int
    kind: str  # a stable word for the JSON output and the coverage matrix
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Entry:
    """One page or news item, and which of its language files exist."""

    name: str  # docs/about or news/2024-01-15-study-visit
    kind: str  # "page" or "news item"
    stem: str  # the files' path without `.<lang>.md`
    files: set[str] = field(default_factory=set)  # language codes present

    def path(self, language: str) -> str:
        return f"{self.stem}.{language}.md"


@dataclass
class Tree:
    entries: list[Entry]
    findings: list[Finding]


def _split_name(name: str) -> tuple[str, str | None]:
    """`about.ru.md` -> ("about", "ru"); `about.md` -> ("about", None)."""
    base, dot, suffix = name[: -len(".md")].rpartition(".")
    if dot and base and _LANGUAGE_LIKE.match(suffix):
        return base, suffix
    return name[: -len(".md")], None


def _suffix_problem(path: str, base: str, suffix: str | None, languages: list[Language]) -> Finding | None:
    codes = [language.code for language in languages]
    default = codes[0]
    if suffix in codes:
        return None
    if suffix is None:
        others = ", ".join(f".{code}.md" for code in codes[1:])
        message = f"no language suffix: rename it to {base}.{default}.md (or {others} for a translation)"
    elif suffix.lower() in codes:
        message = f"write the language suffix in lower case: rename it to {base}.{suffix.lower()}.md"
    elif suffix.lower() in _COUNTRY_CODES and _COUNTRY_CODES[suffix.lower()][1] in codes:
        country, language = _COUNTRY_CODES[suffix.lower()]
        message = (
            f"'{suffix}' is the country code of {country}, not a language; "
            f"the language is '{language}': rename it to {base}.{language}.md"
        )
    else:
        message = (
            f"'{suffix}' is not one of the site's languages ({', '.join(codes)}): "
            f"rename the file, or add the language to mkdocs.yml"
        )
    return Finding(path, 1, "language-suffix", message)


def _visible(path: Path, top: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(top).parts)


def _pages(root: Path, languages: list[Language], tree: Tree) -> None:
    docs = root / DOCS_DIR
    by_stem: dict[str, Entry] = {}
    for path in sorted(docs.rglob("*.md")):
        if not path.is_file() or not _visible(path, docs):
            continue
        shown = path.relative_to(root).as_posix()
        base, suffix = _split_name(path.name)
        problem = _suffix_problem(shown, base, suffix, languages)
        if problem:
            tree.findings.append(problem)
            continue
        stem = shown[: -len(f".{suffix}.md")]
        entry = by_stem.setdefault(stem, Entry(name=stem, kind="page", stem=stem))
        entry.files.add(suffix)
    tree.entries.extend(by_stem[stem] for stem in sorted(by_stem))


def _stray_in_news(path: Path, shown: str) -> Finding:
    if path.name.endswith(".md"):
        base, suffix = _split_name(path.name)
        try:
            parse_folder_name(base)
            where = f"{NEWS_DIR}/{base}/{NEWS_TEXT}.{suffix or '<language>'}.md"
            return Finding(shown, 1, "stray", f"a news item is a folder: move this file to {where}")
        except ValueError:
            pass
    return Finding(
        shown,
        1,
        "stray",
        f"{NEWS_DIR}/ holds only item folders (YYYY-MM-DD-slug) and {NEWS_GUIDE}: "
        "move this file into its item's folder, or remove it",
    )


def _news_item(root: Path, folder: Path, languages: list[Language], tree: Tree) -> None:
    shown = folder.relative_to(root).as_posix()
    try:
        parse_folder_name(folder.name)
    except ValueError as problem:
        tree.findings.append(Finding(shown, 1, "folder-name", f"{problem}: rename the folder"))
        return
    entry = Entry(name=shown, kind="news item", stem=f"{shown}/{NEWS_TEXT}")
    for path in sorted(folder.glob("*.md")):
        if not path.is_file() or path.name.startswith("."):
            continue
        file_shown = f"{shown}/{path.name}"
        base, suffix = _split_name(path.name)
        problem = _suffix_problem(file_shown, NEWS_TEXT, suffix, languages)
        if problem:
            tree.findings.append(problem)
        elif base != NEWS_TEXT:
            tree.findings.append(
                Finding(file_shown, 1, "stray", f"a news item's texts are named {NEWS_TEXT}.<language>.md: rename it to {NEWS_TEXT}.{suffix}.md")
            )
        else:
            entry.files.add(suffix)
    tree.entries.append(entry)


def _news(root: Path, languages: list[Language], tree: Tree) -> None:
    news = root / NEWS_DIR
    if not news.is_dir():
        return  # a site without news yet
    for path in sorted(news.iterdir()):
        if path.name.startswith(".") or path.name == NEWS_GUIDE:
            continue
        if path.is_dir():
            _news_item(root, path, languages, tree)
        else:
            tree.findings.append(_stray_in_news(path, path.relative_to(root).as_posix()))


def find_texts(root: Path, languages: list[Language]) -> Tree:
    """Every page and news item under `root`, and the files that are neither."""
    tree = Tree(entries=[], findings=[])
    _pages(root, languages, tree)
    _news(root, languages, tree)
    return tree
