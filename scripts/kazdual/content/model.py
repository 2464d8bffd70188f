"""The content model: what the site's texts are, read once, judged by every rule.

`load(config)` returns the pages and news items with their translations and one
sorted list of findings. The build, the translation check, the scaffold, the
Work Package 5 report and the web editor's configuration all ask it; none of them
judges a text by a rule of its own.

Given a ContentCache (the build object holds one per process), reading is cached
by each file's identity (size, time, inode), so the preview's rebuild after an
edit reads and judges only the file that changed, and the three language builds
of one run share one load.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import cast

from kazdual.addresses import built_addresses
from kazdual.content import halves, links, parity, photo_rules, project_data, reach, source, texts, translation, tree
from kazdual.content.cache import ContentCache
from kazdual.content.config import SiteConfig
from kazdual.content.findings import KINDS, Finding, finding, sorted_findings
from kazdual.content.texts import Text

_KIND_ORDER = [name for name, kind in KINDS.items() if kind.in_matrix]


@dataclass
class Item:
    """A page or news item with its texts."""

    entry: tree.Entry
    texts: dict[str, Text]
    source: str | None
    draft: bool = False
    states: dict[str, str] = field(default_factory=dict)  # language -> state in the matrix
    shown_photos: list[str] = field(default_factory=list)  # news: the photos a text shows

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def url_path(self) -> str:
        return self.entry.url_path

    @property
    def date(self) -> datetime.date | None:
        return self.entry.date

    @property
    def news_date(self) -> datetime.date:
        """The date of a news item, which every news item has (a page has none)."""
        if self.entry.date is None:
            raise ValueError(f"{self.name} has no date: it is not a news item")
        return self.entry.date

    @property
    def slug(self) -> str | None:
        return self.entry.slug

    def text_for(self, language: str) -> tuple[Text, bool]:
        """The text readers of `language` get, and whether it stands in for a missing translation."""
        own = self.texts.get(language)
        if own is not None and own.document is not None:
            return own, False
        if self.source is not None:
            return self.texts[self.source], True
        # An orphan (previewed only): whichever text can be read stands in.
        return cast(Text, next((t for t in self.texts.values() if t.document is not None), own)), True

    def value(self, key: str, default=None):
        """A value shared by every translation, as the source has it."""
        return self.texts[self.source].values.get(key, default) if self.source else default


@dataclass
class Content:
    config: SiteConfig
    items: list[Item]
    findings: list[Finding]
    project: project_data.ProjectData = field(default_factory=project_data.ProjectData)  # data/*.yml

    @property
    def pages(self) -> list[Item]:
        return [item for item in self.items if item.kind == "page"]

    def news(self, drafts: bool) -> list[Item]:
        """News items that can be shown, newest first; drafts only when asked."""
        shown = [i for i in self.items if i.kind == "news item" and i.source and (drafts or not i.draft)]
        return sorted(shown, key=lambda item: (item.date, item.slug), reverse=True)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def stopping_preview(self) -> list[Finding]:
        """What the preview cannot show at all: drafts count, since the preview shows them. A stray
        file in docs/ or overrides/ too: MkDocs reads all of them, following a link to anywhere
        (a linked folder that holds the website itself never ends) and waiting for ever on a pipe.
        What the preview can hold back with its page or news item (`withheld`) is not here."""
        held = self.withheld
        return [f for f in self._not_previewable if not any(f in found for found in held.values())]

    @property
    def withheld(self) -> dict[str, list[Finding]]:
        """The pages and news items the preview shows by their findings alone, by name: a text
        it cannot read or a value it cannot show (`participants: 45 адам`) holds back only the
        item it is in, with every blocking finding of that item; the rest of the site is shown."""
        owners = {text.path: item for item in self.items for text in item.texts.values()}
        held: dict[str, list[Finding]] = {}
        for found in self._not_previewable:
            owner = owners.get(found.path)
            if owner is not None and found.kind in _HELD_WITH_ITEM:
                held.setdefault(owner.name, [])
        for found in self.findings:
            owner = owners.get(found.path) or next((i for i in self.items if found.path.startswith(i.name + "/")), None)
            if owner is not None and owner.name in held and KINDS[found.kind].blocking:
                held[owner.name].append(found)
        return held

    @property
    def _not_previewable(self) -> list[Finding]:
        return [
            f for f in self.findings if KINDS[f.kind].blocking and (not KINDS[f.kind].previewable or _read_by_mkdocs(f))
        ]

    @cached_property
    def _finding_positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for n, found in enumerate(self.findings):
            positions.setdefault(found.path, []).append(n)
        return positions

    def findings_about(self, paths: set[str]) -> list[Finding]:
        """In their order; a build asks for every page, so the findings are indexed by path once."""
        picked = sorted(n for path in paths for n in self._finding_positions.get(path, ()))
        return [self.findings[n] for n in picked]


# What the preview can hold back with the text it is found in: the text is never read by
# MkDocs then. (Two texts at one address, or a stray file MkDocs reads, stop the whole preview.)
_HELD_WITH_ITEM = {"unreadable", "front-matter", "value", "mismatch"}


def _read_by_mkdocs(finding: Finding) -> bool:
    return finding.kind == "stray" and finding.path.split("/")[0] in (tree.DOCS_DIR, tree.THEME_DIR)


def _identity(path: Path | str) -> tuple:
    try:
        info = os.lstat(path)
        return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)
    except OSError:
        return ()


def _text_file(root: Path, entry: tree.Entry, language: str) -> str:
    return os.path.join(root, entry.path(language))  # not root / path: a rebuild asks for every text of the site


def _read_and_judge(cache: ContentCache, root: Path, entry: tree.Entry, language: str) -> Text:
    path = entry.path(language)
    full = _text_file(root, entry, language)
    key = (_identity(full), entry.kind, entry.date)
    cached = cache.texts.get(full)
    if cached and cached[0] == key and key[0]:
        return cached[1]
    try:
        text = Text(language, path, source.read(root, path))
        texts.judge(text, entry.kind, entry.date)
    except source.SourceProblem as problem:
        text = Text(language, path, None, findings=[problem.finding])
    cache.texts.put(full, (key, text))
    return text


def _signature(root: Path, config: SiteConfig) -> tuple:
    """Every file the model reads, with its identity: equal signatures, equal content."""
    parts: list[object] = [
        tuple((lang.code, lang.label) for lang in config.languages),
        config.site_url,
        config.repository,
    ]
    for top in (tree.DOCS_DIR, tree.NEWS_DIR, tree.THEME_DIR, project_data.DATA_DIR):  # what the model reads
        parts.append((top, _identity(root / top)))  # a folder replaced by a link to a copy of it
        for folder, dirs, files in os.walk(root / top):
            dirs.sort()
            # os.path, not Path: the signature is taken at every build, of every file.
            parts.extend((folder, name, _identity(os.path.join(folder, name))) for name in sorted(files + dirs))
    return tuple(parts)


def _mark_drafts(items: list[Item], findings: list[Finding]) -> list[Finding]:
    folders = tuple(item.name + "/" for item in items if item.draft)
    if not folders:
        return findings
    return [dataclasses.replace(f, in_draft=True) if f.path.startswith(folders) else f for f in findings]


def _link_index(config: SiteConfig, items: list[Item], assets: list[str]) -> links.Site:
    site = links.Site({lang.code: lang.prefix for lang in config.languages})
    published = [item for item in items if item.kind == "news item" and not item.draft]
    site.others |= built_addresses([item.date for item in published])
    site.others |= {asset[len(tree.DOCS_DIR) + 1 :] for asset in assets}
    site.drafts = {item.url_path for item in items if item.draft}
    for item in items:
        site.pages[item.url_path] = item.entry
        if item.kind == "page":
            site.sources[item.entry.stem[len(tree.DOCS_DIR) + 1 :] + ".md"] = item.entry
        else:
            site.sources[item.entry.stem + ".md"] = item.entry
            site.photos |= {f"{item.url_path}{photo}": item.entry for photo in item.entry.photos}
    return site


def _judge_item(
    cache: ContentCache, config: SiteConfig, item: Item, renderer: links.Renderer, site: links.Site
) -> list[Finding]:
    entry, found = item.entry, []
    found += translation.coverage(entry, item.texts, item.source, config.languages)
    order = ([item.source] if item.source else []) + [
        lang.code for lang in config.languages if lang.code != item.source
    ]
    readable = [item.texts[code] for code in order if code in item.texts and item.texts[code].document]
    found += translation.copies(readable)
    rendered = {text.language: renderer.render(text.readable.body) for text in readable}
    for text in readable:
        if rendered[text.language].too_deep:
            found.append(finding(text.path, text.readable.body_line, "unreadable", "unreadable.too-deep"))
    for text in readable:
        found += links.broken_links(site, entry, text, rendered[text.language])
        found += links.confirmed_html(text, rendered[text.language])
        found += links.unpublished_html(text, rendered[text.language])
        found += links.broken_section_links(site, text) if entry.kind == "page" else []
    source_language = item.source
    source = item.texts.get(source_language) if source_language else None
    if source_language is None or source is None or source.document is None:
        return found
    found += translation.agreement(readable, source_language, translation.fields_of(entry))
    # An unfinished text is neither stamped nor compared yet: finishing it comes first.
    unfinished = {f.path for f in [*found, *(f for t in readable for f in t.findings)] if f.kind == "unfinished"}
    for text in readable:
        if text.language == item.source:
            if text.stamp_value is not None:
                found.append(finding(text.path, text.readable.line_of("translated_from"), "stamp", "stamp.in-source"))
            continue
        if text.path not in unfinished:
            found += translation.stamp_findings(entry, text, item.texts, source_language)
    found += parity.judge(entry, readable, source.language, rendered, config.languages, unfinished)
    if entry.kind == "news item":
        found += photo_rules.judge(config.root, entry, source, readable, rendered, cache.photos, cache.located)
        item.shown_photos = photo_rules.shown(entry, readable, rendered)
    return found


def _state(item: Item, language: str, kinds_at: dict[str, set[str]]) -> str:
    kinds = kinds_at.get(item.entry.path(language), set())
    if language not in item.entry.files:  # a file that does not exist is never "ok"
        kinds = kinds | {"missing"}
    state = next((kind for kind in _KIND_ORDER if kind in kinds), None)
    return state or ("source" if language == item.source else "ok")


def _judged_key(config: SiteConfig, item: Item, site_key: int) -> tuple:
    photos = tuple((name, _identity(config.root / item.name / name)) for name in item.entry.photos)
    texts = tuple(sorted(item.texts.items()))
    return (str(config.root), item.name, tuple((code, id(text)) for code, text in texts), photos, item.source, site_key)


def _keep_judged(cache: ContentCache, key: tuple, item: Item, found: list[Finding], shown_photos: list[str]) -> tuple:
    # The entry holds its texts, so no other text can be given their id() while it lives.
    return cache.judged.put(key, (found, shown_photos, tuple(sorted(item.texts.items()))))


def _judge_once(
    cache: ContentCache, config: SiteConfig, item: Item, renderer: links.Renderer, site: links.Site, site_key: int
) -> list[Finding]:
    """_judge_item, reused while the item's texts (cached by file identity), its photos
    and the addresses links may lead to are the same: an edit re-judges one item."""
    key = _judged_key(config, item, site_key)
    judged = cache.judged.get(key)
    if judged is None:
        judged = _keep_judged(cache, key, item, _judge_item(cache, config, item, renderer, site), item.shown_photos)
    found, item.shown_photos, _ = judged
    return found


def _read_ahead(
    cache: ContentCache, root: Path, renderer: links.Renderer, entries: list[tree.Entry]
) -> list[tuple[list[tuple[str, tuple[tuple, Text] | None]], list[tuple[str, links.Rendered]]]]:
    """What reading, judging and rendering the texts of `entries` keeps, entry by entry: each
    text under its file (as `_read_and_judge` keeps it) and the renders of their bodies."""
    kept = []
    for entry in entries:
        read = [_read_and_judge(cache, root, entry, code) for code in sorted(entry.files)]
        files = [_text_file(root, entry, code) for code in sorted(entry.files)]
        bodies = [text.document.body for text in read if text.document is not None]
        kept.append(([(full, cache.texts.get(full)) for full in files], renderer.renders(bodies)))
    return kept


def _read_on_two_cores(cache: ContentCache, root: Path, renderer: links.Renderer, entries: list[tree.Entry]) -> None:
    """Half of the texts read, judged and rendered by a worker, into this process's cache."""
    for files, renders in halves.split(partial(_read_ahead, cache, root, renderer), entries):
        for full, kept in files:
            if kept is not None:
                cache.texts.put(full, kept)
        renderer.take(renders)


def _judge_on_two_cores(
    cache: ContentCache,
    config: SiteConfig,
    renderer: links.Renderer,
    site: links.Site,
    site_key: int,
    items: list[Item],
) -> None:
    """Half of the items judged by a worker, into this process's cache (the texts' id()s are the
    same in a forked process)."""

    def judge(some: list[Item]) -> list[tuple[list[Finding], list[str]]]:
        return [(_judge_once(cache, config, item, renderer, site, site_key), item.shown_photos) for item in some]

    for item, (found, shown_photos) in zip(items, halves.split(judge, items), strict=True):
        _keep_judged(cache, _judged_key(config, item, site_key), item, found, shown_photos)


def load(config: SiteConfig, cache: ContentCache | None = None, both_cores: bool = False) -> Content:
    """Every page and news item under config.root, judged; with a `cache`, the same
    Content while no file changes, and only what changed read and judged again.
    `both_cores`: a large site is read and judged half by a forked worker, the same."""
    cache = cache or ContentCache()
    root = config.root
    signature = _signature(root, config)
    if cache.last is not None and cache.last[0] == signature:
        return cache.last[1]
    found_tree = tree.find_texts(root, config.languages)
    findings = list(found_tree.findings)
    renderer = _renderer(cache, config)
    both_cores = both_cores and halves.worth_it(len(found_tree.entries))
    if both_cores:
        _read_on_two_cores(cache, root, renderer, found_tree.entries)
    items = []
    for entry in found_tree.entries:
        entry_texts = {code: _read_and_judge(cache, root, entry, code) for code in sorted(entry.files)}
        item = Item(entry, entry_texts, translation.source_language(entry_texts, config.languages[0].code))
        source_text = entry_texts.get(item.source) if item.source else None
        item.draft = bool(source_text and source_text.values.get("draft"))
        # Raw HTML is told once the rendered text confirms it (_judge_item): code is not HTML.
        findings += [f for text in entry_texts.values() for f in text.findings if f.kind != "html"]
        items.append(item)
    findings += links.addresses(
        [item.entry for item in items], found_tree.assets, {lang.code: lang.prefix for lang in config.languages}
    )
    site = _link_index(config, items, found_tree.assets)
    for item in items:  # the anchors each page has in each language, for links to #a-heading
        for language in config.languages:
            text = item.text_for(language.code)[0]
            if text is not None and text.document is not None:
                site.ids[(item.name, language.code)] = renderer.render(text.document.body).ids
    site_key = hash(
        (
            frozenset(site.pages),
            frozenset(site.sources),
            frozenset(site.others),
            frozenset(site.photos),
            frozenset(site.drafts),
            tuple(sorted(site.prefixes.items())),
            frozenset((key, frozenset(ids)) for key, ids in site.ids.items()),
        )
    )
    if both_cores:
        _judge_on_two_cores(cache, config, renderer, site, site_key, items)
    for item in items:
        findings += _judge_once(cache, config, item, renderer, site, site_key)
    project = project_data.load(root, [lang.code for lang in config.languages])
    findings += project.findings + project_data.news_findings(project, {item.name for item in items})
    findings += reach.organiser_findings(items, [partner.key for partner in project.partners])
    findings += reach.evidence_findings(items)
    findings = sorted_findings(_mark_drafts(items, findings))
    kinds_at: dict[str, set[str]] = {}
    for found in findings:
        kinds_at.setdefault(found.path, set()).add(found.kind)
    for item in items:
        item.states = {lang.code: _state(item, lang.code, kinds_at) for lang in config.languages}
    content = Content(config, items, findings, project)
    cache.last = (signature, content)
    cache.end_load()
    return content


def _renderer(cache: ContentCache, config: SiteConfig) -> links.Renderer:
    key = (repr(config.markdown_extensions), repr(sorted(config.markdown_configs.items(), key=str)))
    return cache.renderers.get(key) or cache.renderers.put(
        key, links.Renderer(config.markdown_extensions, config.markdown_configs)
    )
