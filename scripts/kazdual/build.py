"""MkDocs events that make the trilingual site: news from news/, listings, feeds,
sitemap, 404 and search pages, and the per-page language context.

Why a hook and not static-i18n: static-i18n only handles files inside docs/ (a
file from news/ is dropped, a generated one crashes it). So these events run
*after* its `on_files` (priority below its -100) and add, for the language being
built, ready-made pages with their final URLs. static-i18n runs one build per
language; each build adds only its own language's pages, so the work is linear.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kazdual import context as page_context
from kazdual import dissemination, pages
from kazdual.errors import SourceError
from kazdual.feeds import FEED_FILE, rss
from kazdual.languages import Language, from_plugin_languages
from kazdual.news import NewsErrors, NewsItem, load_news
from kazdual.search_index import build_search_index
from kazdual.sitemap import sitemap
from kazdual.strings import strings_for
from kazdual.urls import path_in_language, site_url

log = logging.getLogger("mkdocs.hooks.kazdual")

# After static-i18n (-100): it must have chosen this language's docs files first.
AFTER_I18N = -110


@dataclass
class LanguageBuild:
    """What one language's build knows; made anew by every build's on_config."""

    root: Path
    language: Language
    languages: list[Language]
    base: str
    strings: dict
    news: list[NewsItem]
    preview: bool
    listings: dict
    fallback_pages: set[str]

    def __post_init__(self) -> None:
        self.news_by_path = {item.url_path(): item for item in self.news}
        self.news_position = {item.url_path(): n for n, item in enumerate(self.news)}


_command = "build"
_current: LanguageBuild | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


@event_priority(AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _current
    i18n = _i18n(config)
    languages = from_plugin_languages(i18n.config.languages)
    language = next(lang for lang in languages if lang.code == i18n.current_language)
    root = Path(config.config_file_path).resolve().parent
    preview = _command == "serve"
    try:
        strings = strings_for(language.code)
        news = load_news(root, languages)
    except NewsErrors as problems:
        raise PluginError("the news cannot be published:\n" + str(problems)) from None
    except SourceError as problem:
        raise PluginError(str(problem)) from None
    if not preview:
        news = [item for item in news if not item.draft]
    config.site_description = strings["site_description"]
    # These are pages of each language here (see on_files), not one shared file.
    config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
    _current = LanguageBuild(
        root=root,
        language=language,
        languages=languages,
        base=site_url(config.site_url),
        strings=strings,
        news=news,
        preview=preview,
        listings=pages.news_listings(news, strings),
        fallback_pages=set(),
    )
    return config


def _missing_translation(build: LanguageBuild, path: str, source: str) -> None:
    name = Path(source).name.replace(f".{build.languages[0].code}.", f".{build.language.code}.")
    message = (
        f"{source}: no {build.language.label} ({build.language.code}) translation: "
        f"add {Path(source).parent.as_posix()}/{name}"
    )
    # A published site has no holes; the preview shows the source text with a notice.
    (log.info if build.preview else log.warning)(message)
    build.fallback_pages.add(path)


@event_priority(AFTER_I18N)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current
    language = build.language
    for file in files.documentation_pages():
        locale = getattr(file, "locale", language.code)
        if locale != language.code:
            _missing_translation(build, path_in_language(file.url, language), f"docs/{file.src_uri}")
    for item in build.news:
        files.append(_news_item_file(build, item, config))
        if language.is_default:
            for image in item.images:
                files.append(
                    File(f"news/{item.folder}/{image}", str(build.root), config.site_dir, True, dest_uri=f"news/{item.slug}/{image}")
                )
    for path, listing in build.listings.items():
        meta = {"template": "news-list.html", "title": listing.heading}
        files.append(pages.generated_page(config, path + "index.md", f"{language.prefix}{path}index.html", meta))
    strings = build.strings
    files.append(
        pages.generated_page(config, "search.md", f"{language.prefix}search/index.html", {"template": "search.html", "title": strings["search_title"], "search": {"exclude": True}})
    )
    files.append(
        pages.generated_page(config, "404.md", f"{language.prefix}404.html", {"template": "404.html", "title": strings["not_found_title"]})
    )
    files.append(pages.generated_asset(config, language.prefix + FEED_FILE, rss(build.news, language, build.base, strings)))
    # static-i18n adds its sitemap template as a theme file: ours replaces it.
    theirs = files.src_uris.get("sitemap.xml")
    if theirs is not None:
        files.remove(theirs)
    if language.is_default:
        files.append(pages.generated_asset(config, "sitemap.xml", sitemap(_sitemap_paths(build, files), build.languages, build.base)))
        files.append(pages.generated_asset(config, "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {build.base}sitemap.xml\n".encode()))
    return files


def _news_item_file(build: LanguageBuild, item: NewsItem, config: MkDocsConfig) -> File:
    language = build.language
    code = language.code
    if code not in item.translations:
        code = build.languages[0].code
        _missing_translation(build, item.url_path(), item.translations[code].path)
    return File(
        item.translations[code].path,
        str(build.root),
        config.site_dir,
        True,
        dest_uri=f"{language.prefix}{item.url_path()}index.html",
    )


def _sitemap_paths(build: LanguageBuild, files: Files) -> list[tuple[str, str | None]]:
    dates = {item.url_path(): item.date.isoformat() for item in build.news}
    paths = []
    for file in files.documentation_pages():
        path = path_in_language(file.url, build.language)
        if path.endswith(".html") or path == "search/":
            continue  # the 404 and search pages are not for search engines
        paths.append((path, dates.get(path)))
    paths.extend((item.url_path(), item.date.isoformat()) for item in build.news)
    return sorted(set(paths))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = path_in_language(page.url, _current.language)
    item = _news_item_at(path)
    if item is not None:
        page.meta.setdefault("template", "news-item.html")
        page.meta.setdefault("description", page.meta.get("summary"))
    return dissemination.replace_marker(markdown, _current.news, _current.language.code, _current.strings, path)


def _news_item_at(path: str) -> NewsItem | None:
    return _current.news_by_path.get(path)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _current
    path = path_in_language(page.url, build.language)
    context["site"] = page_context.site(build, page, path)
    item = _news_item_at(path)
    if item is not None:
        context["news_item"] = page_context.news_item(build, page, item)
    if path in build.listings:
        context["listing"] = page_context.listing(build, page, build.listings[path])
    if path == "":  # the home page of this language
        context["latest_news"] = page_context.cards(build, page, build.news[:3])
    return context


@event_priority(AFTER_I18N)
def on_post_build(config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return  # an inner per-language build: the search index waits for the last one
    build = _current
    try:
        build_search_index(Path(config.site_dir), build.languages)
    except Exception as error:  # the indexer's own errors vary; the editor needs one line
        raise PluginError(f"the search index could not be built: {error}") from None
