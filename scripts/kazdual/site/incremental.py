"""The preview's rebuild after an edit: the pages that the edit cannot have changed are
taken from the build on screen instead of being drawn again.

A news item's page is drawn from its own texts and photos, the two items beside it
(newer, older), what the content model tells about it, and what every page is drawn
from: docs/, the templates in overrides/, the interface text, mkdocs.yml and the
site's address (with the project's data in data/). A listing page is drawn from its
items and the years of the news; a page of docs/ out of the menu from its text with its
markers replaced (the dissemination table and its charts, made from the news). Each
build of the preview records a digest of those inputs for each such page; the next
build keeps a page whose digest is the same, and draws every other page (the home
page, the pages the menu names, whose titles every page shows, search, 404) and
writes every other file (feeds, sitemap, photos) as always. A kept page is the shown
build's file under a second name (a hard link), and MkDocs leaves it out of the run.

Nothing is kept when what every page is drawn from changed, when the last build
failed, or when the shown build is not the one recorded: the rebuild is then a full
one. A page, item or photo that appeared or went away changes where links lead, so a
text that names it is drawn again. A published build never keeps anything.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from kazdual.content import Item, tree
from kazdual.site import rendering
from kazdual.site.language_build import LanguageBuild

# What every page is drawn from, besides the content model's texts (relative to the site's root).
COMMON_SOURCES = ("mkdocs.yml", "docs", "overrides", "data", "scripts/kazdual/strings")
# A news text with a comment may hold a marker the build replaces with what other texts and
# data make (the dissemination table, the results): such a news page is always drawn.
MARKERS = "<!--"


def _digest(parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _identity(info: os.stat_result) -> tuple:
    # A write changes the change time even where it keeps the modification time; a file
    # replaced (saved by renaming a new one over it) has another inode.
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _sources_digest(root: Path) -> str | None:
    """Every file of COMMON_SOURCES by its identity, as the content model knows its texts
    (reading them all again at every edit costs more than the rebuild); None when one is
    not a plain file, or a folder is a link to another (the rebuild is then a full one)."""
    parts: list[object] = []
    for source in COMMON_SOURCES:
        top = os.path.join(root, source)
        paths = [top]
        if os.path.isdir(top):
            paths = []
            for folder, dirs, names in os.walk(top):
                if any(os.path.islink(os.path.join(folder, name)) for name in dirs):
                    return None
                dirs.sort()
                paths += [os.path.join(folder, name) for name in sorted(names)]
        for path in paths:
            try:
                info = os.stat(path)
            except FileNotFoundError:
                parts.append((os.path.relpath(path, root), None))
                continue
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode):
                return None
            parts.append((os.path.relpath(path, root), _identity(info)))
    return _digest(parts)


def _photo_identities(root: Path) -> dict[str, tuple]:
    """Each file beside the news texts by its identity, as it is before the build reads it
    (the texts themselves the content model knows by theirs)."""
    found = {}
    start = len(str(root)) + 1
    for folder, _, names in os.walk(root / tree.NEWS_DIR):
        for name in names:
            if name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found[path[start:]] = _identity(info)
    return found


def item_digest(item: Item, photos: dict[str, tuple]) -> str:
    """What the item itself gives its pages and cards: its texts as judged, its photos."""
    identities = [(photo, photos.get(f"{item.name}/{photo}")) for photo in item.entry.photos]
    digest = hashlib.sha256(
        repr([item.name, item.url_path, item.draft, item.source, item.shown_photos, identities]).encode()
    )
    for code, text in sorted(item.texts.items()):
        digest.update(repr((code, text.path, text.values)).encode("utf-8", "surrogatepass"))
        # The body as it is, its length first: repr() of a long text costs more than its digest.
        body = text.document.body.encode("utf-8", "surrogatepass") if text.document else b""
        digest.update(f"|{len(body) if text.document else -1}|".encode() + body)
    return digest.hexdigest()


def _addresses(items: list[Item]) -> frozenset[str]:
    """Where links may lead to among the texts and photos: each item's folder, address and photos."""
    found = set()
    for item in items:
        found |= {item.name, item.url_path} | {f"{item.name}/{photo}" for photo in item.entry.photos}
    return frozenset(found)


def _names_in(addresses: frozenset[str]) -> set[str]:
    return {part for address in addresses for part in [address.rstrip("/").rsplit("/", 1)[-1]] if part}


def _names_a_changed_address(item: Item, names: set[str]) -> bool:
    for text in item.texts.values():
        body = text.document.body if text.document else ""
        if any(name in body or name in unquote(body) for name in names):
            return True
    return False


def _nav_sources(nav: object) -> set[str]:
    """Every file mkdocs.yml's nav names, at any depth."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*map(_nav_sources, nav.values()))
    if isinstance(nav, list):
        return set().union(*map(_nav_sources, nav))
    return set()


@dataclass
class Record:
    """The inputs of the pages of one build, by their address in the site folder."""

    sources: str | None = None  # COMMON_SOURCES, taken before the build reads any of them
    photos: dict[str, tuple] = field(default_factory=dict)  # likewise the photos' identities
    started: bool = False  # the run's first language has recorded what follows
    common: str | None = None
    addresses: frozenset[str] = frozenset()
    items: dict[str, str] = field(default_factory=dict)  # item name -> item_digest
    pages: dict[str, str] = field(default_factory=dict)  # dest_uri -> digest of the page's inputs
    site_dir: Path | None = None


def _link(shown: str, built: str, folders: set[str]) -> bool:
    """The shown build's file at the same place in the new build, as a second name of the same
    file: nothing writes a page of a build once it is done, and no build writes into another's
    folder. False when the file system cannot (the page is then drawn). `folders`: those made."""
    folder = os.path.dirname(built)
    try:
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        os.link(shown, built)
    except OSError:
        return False
    return True


class Reuse:
    """The preview's record of the build on screen, and the one under way."""

    def __init__(self) -> None:
        self.shown: Record | None = None
        self._next: Record | None = None
        self._changed_names: set[str] | None = None  # None: nothing may be kept in this run
        self.kept = 0  # pages kept in the run under way

    def begin(self, shown_dir: Path | None, root: Path) -> None:
        """A preview build of the site at `root` begins; `shown_dir` is the build on screen.
        What every page is drawn from is taken now: a file changed while the build runs
        then differs from the record, and the next build draws everything again."""
        if self.shown is not None and (shown_dir is None or self.shown.site_dir != shown_dir):
            self.shown = None
        self._next = Record(sources=_sources_digest(root), photos=_photo_identities(root))
        self._changed_names = None
        self.kept = 0

    def adopt(self, site_dir: Path) -> None:
        """The build under way succeeded and is now on screen."""
        if self._next is not None:
            self._next.site_dir = site_dir
        self.shown, self._next = self._next, None

    def forget(self) -> None:
        """The next build is a full one (a build failed, or the shown one is gone)."""
        self.shown = self._next = None

    def _start_run(self, build: LanguageBuild, site_name: str) -> Record:
        record = self._next
        assert record is not None
        if not record.started:
            record.started = True
            languages = [(lang.code, lang.label, lang.prefix) for lang in build.languages]
            settings = [languages, build.base, build.site.repository, site_name]
            record.common = _digest([record.sources, settings]) if record.sources else None
            record.addresses = _addresses(build.content.items)
            record.items = {item.name: item_digest(item, record.photos) for item in build.news}
            shown = self.shown
            if shown is not None and record.common is not None and shown.common == record.common:
                self._changed_names = _names_in(shown.addresses ^ record.addresses)
        return record

    def _page_digests(self, build: LanguageBuild, record: Record, in_nav: set[str]) -> dict[str, str]:
        prefix, digests = build.language.prefix, {}
        names = self._changed_names or set()

        def about(path: str) -> list[object]:
            notices = [finding.line_in(build.language.code) for finding in build.notices.get(path, [])]
            return [build.language.code, path, notices, path in build.fallback_pages, path in build.withheld]

        for n, item in enumerate(build.news):
            bodies = [text.document.body for text in item.texts.values() if text.document]
            if any(MARKERS in body for body in bodies) or _names_a_changed_address(item, names):
                continue
            beside = [build.news[k].name if 0 <= k < len(build.news) else None for k in (n - 1, n + 1)]
            inputs: list[object] = [about(item.url_path), record.items[item.name]]
            digests[f"{prefix}{item.url_path}index.html"] = _digest(
                inputs + [record.items.get(b or "") for b in beside]
            )
        for page in build.content.pages:  # out of the menu: drawn from their text, markers replaced
            judged = page.text_for(build.language.code)[0]
            if page.url_path in ("", *build.withheld) or judged is None or judged.document is None:
                continue  # the home page shows the latest news; a page held back, its findings
            if _names_a_changed_address(page, names) or page.entry.stem[len(tree.DOCS_DIR) + 1 :] + ".md" in in_nav:
                continue
            text, charts = rendering.with_markers_replaced(build, judged.document.body, page.url_path)
            inputs = [about(page.url_path), page.name, sorted(charts.items())]
            digests[f"{prefix}{page.url_path}index.html"] = _digest(inputs) + _digest(text)
        years = sorted({item.news_date.year for item in build.news}, reverse=True)
        for path, listing in build.listings.items():
            shown_items = [(item.name, record.items[item.name]) for item in listing.items]
            inputs = [about(path), listing.heading, listing.page, listing.page_paths, listing.year, years]
            digests[f"{prefix}{path}index.html"] = _digest(inputs + shown_items)
        return digests

    def keep_unchanged(self, build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
        """In a preview build begun with `begin`: record the inputs of each page that may be
        kept, and keep those that are the same as the shown build's."""
        if self._next is None:
            return
        record = self._start_run(build, config.site_name)
        if not config.nav:
            self._changed_names = None  # every page is in the menu MkDocs makes: keep none
            return
        in_nav = _nav_sources(config.nav)  # their titles are in every page's menu: drawn as always
        digests = self._page_digests(build, record, in_nav)
        record.pages |= digests
        shown = self.shown
        if shown is None or shown.site_dir is None or self._changed_names is None:
            return
        shown_dir, site_dir = str(shown.site_dir), str(config.site_dir)
        folders: set[str] = set()
        for file in files.documentation_pages():
            digest = digests.get(file.dest_uri)
            if digest is None or shown.pages.get(file.dest_uri) != digest or file.page is not None:
                continue
            if file.src_uri in in_nav:
                continue
            if not _link(os.path.join(shown_dir, file.dest_uri), os.path.join(site_dir, file.dest_uri), folders):
                continue
            # MkDocs reads, draws and writes none of the pages it leaves out of the site; a
            # link to one still leads to it (with a line in MkDocs' log at the info level).
            file.inclusion = InclusionLevel.EXCLUDED
            self.kept += 1
