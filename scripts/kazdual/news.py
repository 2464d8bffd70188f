"""News items: one folder `news/YYYY-MM-DD-slug/` with `index.<lang>.md` per language.

Loading validates every item against the front-matter schema and across its
translations, and reports every problem as `path:line: what to fix` at once.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from kazdual import frontmatter
from kazdual.errors import SourceError
from kazdual.languages import Language
from kazdual.news_folders import NEWS_DIR, parse_folder_name
from kazdual.strings import activity_kinds
from kazdual.unfinished import placeholders_and_empty_text

# Listing pages live at news/page/<n>/ and news/<year>/: an item may not take those URLs.
RESERVED_SLUG = re.compile(r"^(page|\d+)$")
# Front-matter keys that must have the same value in every translation.
SHARED_KEYS = ("date", "image", "draft", "activity", "participants")


class NewsFrontMatter(Config):
    """The front matter of one news file."""

    title = opt.Type(str)
    """Headline in the file's language."""
    date = opt.Type(datetime.date)
    """Publication date, YYYY-MM-DD, the same as the folder name's."""
    summary = opt.Type(str)
    """One sentence: listings, feeds and the meta description."""
    image = opt.Optional(opt.Type(str))
    """File name of an image beside the Markdown files."""
    image_alt = opt.Optional(opt.Type(str))
    """What the image shows, for readers who cannot see it."""
    draft = opt.Type(bool, default=False)
    """`true`: shown in preview only, never published."""
    activity = opt.Optional(opt.Choice(activity_kinds()))
    """Kind of dissemination activity, for the Work Package 5 record."""
    place = opt.Optional(opt.Type(str))
    """Where the activity took place, in the file's language."""
    participants = opt.Optional(opt.Type(int))
    """How many took part, only where the number is known."""
    translated_from = opt.Optional(opt.Type(str))
    """`<lang>:<hash>` of the source this translation was made from (check_translations.py --stamp)."""


@dataclass
class NewsTranslation:
    language: str
    path: str  # relative to the project root, e.g. news/2023-09-11-x/index.kk.md
    meta: NewsFrontMatter
    body: str
    body_line: int

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass
class NewsItem:
    folder: str
    slug: str
    date: datetime.date
    draft: bool
    translations: dict[str, NewsTranslation] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)

    def url_path(self) -> str:
        """The item's path below a language root: `news/<slug>/`."""
        return f"{NEWS_DIR}/{self.slug}/"


def _validate(document: frontmatter.Document, errors: list[SourceError]) -> NewsFrontMatter | None:
    schema = NewsFrontMatter()
    schema.load_dict(document.meta)
    failed, warnings = schema.validate()
    for key, problem in failed:
        where = document.line_of(key)
        if key not in document.meta:
            errors.append(SourceError(document.path, 1, f"'{key}' is missing from the front matter: {problem}"))
        else:
            errors.append(SourceError(document.path, where, f"'{key}': {problem}"))
    for key, _ in warnings:
        errors.append(
            SourceError(document.path, document.line_of(key), f"unknown front-matter key '{key}': remove it or fix its spelling")
        )
    return None if failed or warnings else schema


class _Cache:
    """Parsed files by (path, mtime, size): the preview rebuilds only what changed,
    and the per-language builds of one run read each file once."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], frontmatter.Document]] = {}

    def read(self, path: Path, shown_as: str) -> frontmatter.Document:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached and cached[0] == key:
            return cached[1]
        document = frontmatter.read(path, shown_as)
        self._entries[path] = (key, document)
        return document


_cache = _Cache()


def load_item(root: Path, folder: Path, languages: list[Language], errors: list[SourceError]) -> NewsItem | None:
    rel = f"{NEWS_DIR}/{folder.name}"
    try:
        name = parse_folder_name(folder.name)
    except ValueError as problem:
        errors.append(SourceError(rel, 1, str(problem)))
        return None
    if RESERVED_SLUG.match(name.slug):
        errors.append(SourceError(rel, 1, f"the slug '{name.slug}' is taken by the news listings: choose words for it"))
        return None
    folder_date = name.date
    item = NewsItem(folder=folder.name, slug=name.slug, date=folder_date, draft=False)
    default = languages[0].code
    for language in languages:
        path = folder / f"index.{language.code}.md"
        shown = f"{rel}/index.{language.code}.md"
        if not path.is_file():
            continue
        try:
            document = _cache.read(path, shown)
        except SourceError as error:
            errors.append(error)
            continue
        meta = _validate(document, errors)
        if meta is None:
            continue
        if meta.date != folder_date:
            errors.append(SourceError(shown, document.line_of("date"), f"date {meta.date} does not match the folder name's {folder_date}: make them the same"))
        if meta.image and not (folder / meta.image).is_file():
            errors.append(SourceError(shown, document.line_of("image"), f"image '{meta.image}' is not in {rel}/: add the file or fix the name"))
        errors.extend(SourceError(f.path, f.line, f.message) for f in placeholders_and_empty_text(shown, document, "news item"))
        item.translations[language.code] = NewsTranslation(language.code, shown, meta, document.body, document.body_line)
    if default not in item.translations:
        if not (folder / f"index.{default}.md").is_file():
            errors.append(SourceError(f"{rel}/index.{default}.md", 1, f"the item has no text in the default language '{default}': add this file"))
        return None
    source = item.translations[default]
    for code, translation in item.translations.items():
        for key in SHARED_KEYS:
            if translation.meta[key] != source.meta[key]:
                errors.append(SourceError(translation.path, 1, f"'{key}' is {translation.meta[key]!r} here but {source.meta[key]!r} in {source.path}: make them agree"))
    item.draft = bool(source.meta.draft)
    item.images = sorted(
        p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith(".md") and not p.name.startswith(".")
    )
    return item


def _signature(news_dir: Path, languages: list[Language]) -> tuple:
    """Every file under news/ with its size and time: equal signatures, equal news."""
    if not news_dir.is_dir():
        return ()
    entries = [tuple(lang.code for lang in languages)]
    for path in sorted(news_dir.glob("*/*")):
        stat = path.stat()
        entries.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


_last_load: tuple[tuple, list[NewsItem]] = ((), [])


def load_news(root: Path, languages: list[Language]) -> list[NewsItem]:
    """Every news item under `root/news/`, newest first; raises NewsErrors listing all problems.

    static-i18n builds once per language: the second and third build reuse the
    first one's items when no file changed, so each item is read and checked once.
    """
    global _last_load
    signature = _signature(root / NEWS_DIR, languages)
    if signature and signature == _last_load[0]:
        return list(_last_load[1])
    items = _load_all(root, languages)
    _last_load = (signature, items)
    return list(items)


def _load_all(root: Path, languages: list[Language]) -> list[NewsItem]:
    errors: list[SourceError] = []
    items: list[NewsItem] = []
    news_dir = root / NEWS_DIR
    folders = sorted(p for p in news_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) if news_dir.is_dir() else []
    for folder in folders:
        item = load_item(root, folder, languages, errors)
        if item:
            items.append(item)
    by_slug: dict[str, NewsItem] = {}
    for item in items:
        if item.slug in by_slug:
            first = by_slug[item.slug]
            errors.append(SourceError(f"{NEWS_DIR}/{item.folder}", 1, f"the slug '{item.slug}' is also used by {NEWS_DIR}/{first.folder}: both would have the URL news/{item.slug}/; rename one folder"))
        by_slug.setdefault(item.slug, item)
    if errors:
        raise NewsErrors(errors)
    items.sort(key=lambda item: (item.date, item.slug), reverse=True)
    return items


class NewsErrors(Exception):
    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
