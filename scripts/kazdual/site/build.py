"""MkDocs events that make the trilingual site from the content model: news from
news/, listings, feeds, sitemap, 404 and search pages, and each page's context.

Why a hook and not static-i18n alone: static-i18n only handles files inside docs/
(a file from news/ is dropped, a generated one crashes it). So these events run
*after* its `on_files` (priority below its -100) and add, for the language being
built, ready-made pages with their final URLs. static-i18n runs one build per
language; each adds only its own language's pages, so the work is linear.

The content model judges every text before anything is built: a published build
stops on any blocking finding, with every `path:line` the checker reports; a
preview stops only on what it cannot show, and shows the rest with notices.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kazdual import preview_mode
from kazdual.addresses import path_in_language
from kazdual.admin.files import admin_files
from kazdual.admin.vendor import AdminProblem, NotInstalled
from kazdual.content import Content, Item, assets, load
from kazdual.content import config as site_config
from kazdual.content.findings import Finding
from kazdual.content.html import sanitize
from kazdual.content.source import replace_marker
from kazdual.errors import SourceError
from kazdual.languages import Language
from kazdual.site import context as page_context
from kazdual.site import dissemination_page, listings, mkdocs_files, photo_pages, project_pages, theme_cache
from kazdual.site.feeds import FEED_FILE, rss
from kazdual.site.search_index import build_search_index
from kazdual.site.sitemap import sitemap
from kazdual.strings import strings_for

log = logging.getLogger("mkdocs.hooks.kazdual")

ADMIN_DIR = "admin"
# After static-i18n (-100): it must have chosen this language's docs files first.
AFTER_I18N = -110


@dataclass
class LanguageBuild:
    """What one language's build knows; made anew by every build's on_config."""

    site: site_config.SiteConfig
    content: Content
    language: Language
    strings: dict
    preview: bool
    news: list[Item]
    listings: dict
    photos: photo_pages.Photos
    fallback_pages: set[str] = field(default_factory=set)
    notices: dict[str, list[Finding]] = field(default_factory=dict)  # preview: path -> what to fix
    picture_template: object = None  # partials/picture.html, for photos inside a text
    fragments: dict = field(default_factory=dict)  # parts drawn once and shared by news item pages
    site_name: str = ""  # mkdocs.yml's, drawn on the link-preview cards
    charts: dict[str, dict[str, str]] = field(default_factory=dict)  # page path -> its charts, by slot

    def __post_init__(self) -> None:
        self.news_by_path = {item.url_path: item for item in self.news}
        self.news_position = {item.url_path: n for n, item in enumerate(self.news)}
        self.pages_by_path = {item.url_path: item for item in self.content.pages}

    @property
    def languages(self) -> list[Language]:
        return self.site.languages

    @property
    def base(self) -> str:
        return self.site.site_url

    def photo_markup(self, page: Page, item: Item, role: str) -> dict | None:
        """The item's lead photo, drawn for `role` ("lead" on the item, "card" in lists)."""
        name = item.value("image")
        made = self.photos.processed(item, name) if name else None
        if made is None:
            return None
        alt = item.text_for(self.language.code)[0].values.get("image_alt", "")
        return photo_pages.picture(made, page_context.relative(page, item.url_path), alt, role)

    def gallery_markup(self, page: Page, item: Item) -> list[dict]:
        gallery = item.text_for(self.language.code)[0].values.get("gallery", [])
        made = [(self.photos.processed(item, photo["file"]), photo) for photo in gallery]
        shown = [(photo, values) for photo, values in made if photo is not None]
        return photo_pages.gallery(shown, page_context.relative(page, item.url_path), self.strings)

    def _item_share(self, item: Item):
        return self.photos.share(item.texts[item.source].values["title"], self.site_name, item)

    def shared(self, name: str, caller) -> Markup:
        """A part of a news item page that is the same on all of them in this language (the
        tabs and the menu: no menu entry is active on an item), drawn on the first only."""
        if name not in self.fragments:
            self.fragments[name] = Markup(caller())
        return self.fragments[name]

    def share_image(self, path: str) -> dict:
        """The picture a link preview of this page shows: the item's lead photo, else the site's
        card; never an address where no picture was written."""
        item = self.news_by_path.get(path)
        if item is not None and item.value("image") and self._item_share(item) is not None:
            alt = item.text_for(self.language.code)[0].values.get("image_alt", "")
            return {"url": f"{self.base}{item.url_path}{photo_pages.SHARE_FILE}", "alt": alt}
        return {
            "url": f"{self.base}{self.language.prefix}assets/{photo_pages.SHARE_FILE}",
            "alt": self.strings["site_name"],
        }


_command = "build"
_current: LanguageBuild | None = None
_photos: dict[Path, photo_pages.Photos] = {}  # per website: photos made in this process


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _refusal(findings: list[Finding], what: str) -> PluginError:
    lines = "\n".join(str(finding) for finding in findings)
    return PluginError(f"{what}, {len(findings)} to fix:\n{lines}")


@event_priority(AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _current
    i18n = config.plugins["i18n"]
    preview = preview_mode.current is not None or _command == "serve"
    try:
        site = site_config.from_mkdocs(config, Path(config.config_file_path).resolve().parent)
        language = next(lang for lang in site.languages if lang.code == i18n.current_language)
        strings = strings_for(language.code)
        content = load(site)
    except SourceError as problem:
        raise PluginError(str(problem)) from None
    if preview and content.stopping_preview:
        raise _refusal(content.stopping_preview, "the preview cannot show the site")
    if not preview and content.blocking:
        raise _refusal(content.blocking, "the site cannot be published")
    theme_cache.install(config)
    # static-i18n's sitemap and 404 are ours, per language.
    config.site_description = strings["site_description"]
    config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
    news = content.news(drafts=preview)
    shared = _photos.get(site.root) or _photos.setdefault(site.root, photo_pages.Photos(site.root))
    _current = LanguageBuild(
        site,
        content,
        language,
        strings,
        preview,
        news,
        listings.news_listings(news, strings),
        shared,
        site_name=config.site_name,
    )
    return config


def _shown_in(build: LanguageBuild, path: str, item: Item) -> None:
    """Record, for the preview, what readers of this page would miss and why."""
    text, fallback = item.text_for(build.language.code)
    if fallback:
        build.fallback_pages.add(path)
    if build.preview:
        paths = {text.path, item.entry.path(build.language.code)} | {f"{item.name}/{p}" for p in item.entry.photos}
        shown = [f for f in build.content.findings_about(paths) if f.blocking]
        if shown:
            build.notices[path] = shown


@event_priority(AFTER_I18N)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current
    language, root = build.language, str(build.site.root)
    first_of_run = not config.plugins["i18n"].building
    for file in files.documentation_pages():
        path = path_in_language(file.url, language)
        if path in build.pages_by_path:
            _shown_in(build, path, build.pages_by_path[path])
    for item in build.news:
        text, _ = item.text_for(language.code)
        _shown_in(build, item.url_path, item)
        files.append(
            File(text.path, root, config.site_dir, True, dest_uri=f"{language.prefix}{item.url_path}index.html")
        )
        for photo in item.entry.photos:
            files.append(
                mkdocs_files.UnpublishedFile(
                    f"{item.name}/{photo}", root, config.site_dir, True, dest_uri=f"{item.url_path}{photo}"
                )
            )
    for path, listing in build.listings.items():
        meta = {"template": "news-list.html", "title": listing.heading}
        files.append(mkdocs_files.generated_page(config, path + "index.md", f"{language.prefix}{path}index.html", meta))
    strings = build.strings
    files.append(
        mkdocs_files.generated_page(
            config,
            "search.md",
            f"{language.prefix}search/index.html",
            {"template": "search.html", "title": strings["search_title"]},
        )
    )
    files.append(
        mkdocs_files.generated_page(
            config,
            "404.md",
            f"{language.prefix}404.html",
            {"template": "404.html", "title": strings["not_found_title"]},
        )
    )
    files.append(
        mkdocs_files.generated_asset(
            config, language.prefix + FEED_FILE, rss(build.news, language, build.base, strings)
        )
    )
    card = build.photos.share(strings["site_name"], config.site_name)
    if card is not None:
        files.append(mkdocs_files.copied_asset(config, f"{language.prefix}assets/{photo_pages.SHARE_FILE}", str(card)))
    if first_of_run:
        _add_photos(build, files, config)
        _add_admin(build, files, config)
    _sanitize_drawings(build, files, config)
    # static-i18n adds its sitemap template as a theme file: ours replaces it.
    theirs = files.src_uris.get("sitemap.xml")
    if theirs is not None:
        files.remove(theirs)
    if first_of_run:
        files.append(
            mkdocs_files.generated_asset(
                config, "sitemap.xml", sitemap(_sitemap_paths(build, files), build.languages, build.base)
            )
        )
        files.append(
            mkdocs_files.generated_asset(
                config, "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {build.base}sitemap.xml\n".encode()
            )
        )
    return files


def _sanitize_drawings(build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    """Publish every SVG drawing of docs/ and overrides/ as the sanitizer leaves it: the model has
    refused any that it would change, and this holds even if a drawing changed since."""
    root = build.site.root.resolve()
    for file in [f for f in files if f.src_uri.lower().endswith(assets.SVG) and f.abs_src_path]:
        source = Path(file.abs_src_path).resolve()
        if root not in source.parents:
            continue  # the theme's own icons, from the installed package
        try:
            clean = assets.published_svg(source.read_bytes())
        except (OSError, ValueError):
            raise PluginError(f"{source.relative_to(root)}: this is not a readable SVG drawing") from None
        files.remove(file)
        files.append(mkdocs_files.generated_asset(config, file.dest_uri, clean))


def _add_admin(build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    """The web editor at /admin/, when its npm packages are installed."""
    try:
        made = admin_files(build.content, build.site, config.site_name)
    except NotInstalled as note:
        log.info(f"no web editor at /admin/ in this build: {note}")
        return
    except AdminProblem as problem:
        raise PluginError(str(problem)) from None
    for name, data in made.items():
        files.append(mkdocs_files.generated_asset(config, f"{ADMIN_DIR}/{name}", data))


def _add_photos(build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    """Every photo a news item shows, in its web versions, and its link-preview image:
    language-independent, so written once per run."""
    for item in build.news:
        for name in item.shown_photos:
            made = build.photos.processed(item, name)
            for variant in made.variants if made else ():
                files.append(mkdocs_files.copied_asset(config, f"{item.url_path}{variant.name}", str(variant.path)))
            if made is None and not build.preview:  # the model has decoded it: this is a photo changed meanwhile
                problem = build.photos.problem(item, name) or "the photo cannot be published"
                raise PluginError(f"{item.name}/{name}:1: {problem}")
        if item.value("image"):
            share = build._item_share(item)
            if share is not None:
                files.append(mkdocs_files.copied_asset(config, f"{item.url_path}{photo_pages.SHARE_FILE}", str(share)))


def _sitemap_paths(build: LanguageBuild, files: Files) -> list[tuple[str, str | None]]:
    paths = [(item.url_path, None) for item in build.content.pages]
    paths += [(item.url_path, item.date.isoformat()) for item in build.news]
    paths += [(path, None) for path in build.listings]
    return sorted(set(paths))


@event_priority(AFTER_I18N)
def on_nav(nav, config: MkDocsConfig, files: Files):
    # The tabs and the menu name the home page "Home" in each language: its title,
    # the project's full name, is too long for a tab and stays as the page's heading.
    if nav.homepage is not None:
        nav.homepage.title = _current.strings["home"]
    return nav


# The line in a page's text that the build replaces with the "Report a problem" link.
REPORT_MARKER = "<!-- report-problem-link -->"


def _report_link(build: LanguageBuild, path: str) -> str:
    """The link as a paragraph; nothing where no repository is configured."""
    url = page_context.report_url(build, f"{build.base}{build.language.prefix}{path}")
    if url is None:
        return ""
    return f'<p class="kd-report"><a href="{escape(url)}">{escape(build.strings["report_problem"])}</a></p>'


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current
    path = path_in_language(page.url, build.language)
    item = build.news_by_path.get(path) or build.pages_by_path.get(path)
    text = item.text_for(build.language.code)[0] if item is not None else None
    if text is not None and text.document is not None:
        # The values and the body the model judged, not MkDocs' own reading of the front matter
        # (YAML 1.1, where `title: 12:30` is 750 and `title: on` is True, and where the front matter
        # ends at a `...` line): the menu, the heading and the text show what the check has read.
        page.meta = dict(text.values)
        markdown = text.document.body
    if path in build.news_by_path:
        page.meta["template"] = "news-item.html"
    if REPORT_MARKER in markdown:
        markdown = replace_marker(markdown, REPORT_MARKER, _report_link(build, path))
    project, code = build.content.project, build.language.code
    markdown = project_pages.replace_markers(markdown, project, build.news, code, build.strings, path)
    markdown, charts = dissemination_page.replace_marker(markdown, build.news, project, code, build.strings, path)
    if charts:
        build.charts[path] = charts
    return markdown


def _as_markup(toc) -> None:
    # Python-Markdown gives heading titles with their entities escaped (&amp;):
    # escaping them again would show "&amp;" to readers.
    for link in toc:
        link.title = Markup(link.title)
        _as_markup(link.children)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> Markup:
    """Only HTML from the safe list reaches a page, whatever a text holds; then the
    item's photos in the text are drawn in their web versions."""
    _as_markup(page.toc)
    clean = sanitize(html)
    build = _current
    path = path_in_language(page.url, build.language)
    if path in build.charts:  # SVG, which the sanitizer would remove: drawn by the build alone
        clean = Markup(dissemination_page.insert_charts(str(clean), build.charts.pop(path)))
    item = build.news_by_path.get(path)
    if item is None or not item.shown_photos:
        return clean
    if build.picture_template is None:
        env = config.theme.get_env()
        env.autoescape = True
        build.picture_template = env.get_template("partials/picture.html")

    def draw(name: str, alt: str) -> Markup | None:
        made = build.photos.processed(item, name)
        if made is None:
            return None
        return Markup(
            build.picture_template.render(
                photo=photo_pages.picture(made, page_context.relative(page, item.url_path), alt, "body")
            )
        )

    return photo_pages.body_pictures(clean, page.url, item, draw)


def on_env(env, config: MkDocsConfig, files: Files):
    # Every value a template inserts is escaped unless it is marked as markup
    # (page content after sanitizing, the theme's own partials).
    env.autoescape = True
    return env


def _meta_of(build: LanguageBuild, path: str) -> dict:
    item = build.news_by_path.get(path) or build.pages_by_path.get(path)
    return item.text_for(build.language.code)[0].values if item else {}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _current
    path = path_in_language(page.url, build.language)
    meta = _meta_of(build, path)
    context["site"] = page_context.site(build, page, path, meta)
    context["text"] = meta
    item = build.news_by_path.get(path)
    if item is not None:
        context["news_item"] = page_context.news_item(build, page, item)
    if path in build.listings:
        context["listing"] = page_context.listing(build, page, build.listings[path])
    if path == "":  # the home page of this language
        context["latest_news"] = page_context.cards(build, page, build.news[:3])
    return context


@event_priority(AFTER_I18N)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # an inner per-language build: the search index waits for the last one
    if _current.preview:
        return  # the preview indexes in the background, after its pages are shown
    build = _current
    try:
        build_search_index(Path(config.site_dir), build.languages, build.languages)
    except Exception as error:  # the indexer's own errors vary; the editor needs one line
        raise PluginError(f"the search index could not be built: {error}") from None
