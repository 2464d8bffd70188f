"""What one language's build adds to the files MkDocs found in docs/: the news pages
from news/, the listings, search and 404 pages, the feed, the link-preview card and,
once per run, what is the same in every language (photos' web versions, the web
editor at /admin/, the sitemap and robots.txt)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kazdual.addresses import (
    ADMIN_DIR,
    FEED_FILE,
    NOT_FOUND_PAGE,
    ROBOTS_FILE,
    SEARCH_PAGE,
    SHARE_FILE,
    SHARE_IMAGE,
    SITEMAP_FILE,
    path_in_language,
)
from kazdual.admin.files import admin_files
from kazdual.admin.vendor import AdminProblem, NotInstalled
from kazdual.content import Item, assets
from kazdual.search.script import ScriptError, compact
from kazdual.site import mkdocs_files
from kazdual.site.feeds import rss
from kazdual.site.language_build import LanguageBuild
from kazdual.site.sitemap import sitemap

# The site's own scripts, in the theme folder (overrides/).
SCRIPTS_DIR = "assets"

log = logging.getLogger("mkdocs.hooks.kazdual")


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


def _held_back(build: LanguageBuild, config: MkDocsConfig, path: str, src_uri: str) -> File:
    """The preview's page, at `path`, of an item it cannot show: its title says so, its
    notices say what to fix; MkDocs never reads the item's texts."""
    item = build.withheld[path]
    build.notices[path] = build.content.withheld[item.name]
    meta = {"title": build.strings["preview_withheld_title"]}
    return mkdocs_files.generated_page(config, src_uri, f"{build.language.prefix}{path}index.html", meta)


def add_files(build: LanguageBuild, files: Files, config: MkDocsConfig, first_of_run: bool) -> Files:
    language, root = build.language, str(build.site.root)
    for file in list(files.documentation_pages()):
        path = path_in_language(file.url, language)
        if path in build.withheld:
            files.remove(file)
            held = _held_back(build, config, path, file.src_uri)
            held.dest_uri = file.dest_uri
            files.append(held)
        elif path in build.pages_by_path:
            _shown_in(build, path, build.pages_by_path[path])
    for path, item in build.withheld.items():
        if item.kind == "news item":
            files.append(_held_back(build, config, path, item.entry.path(language.code)))
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
            f"{language.prefix}{SEARCH_PAGE}index.html",
            {"template": "search.html", "title": strings["search_title"]},
        )
    )
    files.append(
        mkdocs_files.generated_page(
            config,
            "404.md",
            f"{language.prefix}{NOT_FOUND_PAGE}",
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
        files.append(mkdocs_files.copied_asset(config, f"{language.prefix}{SHARE_IMAGE}", str(card)))
    if first_of_run:
        _add_photos(build, files, config)
        _add_admin(build, files, config)
    _sanitize_drawings(build, files, config)
    _compact_scripts(files, config)
    # static-i18n adds its sitemap template as a theme file: ours replaces it.
    theirs = files.src_uris.get(SITEMAP_FILE)
    if theirs is not None:
        files.remove(theirs)
    if first_of_run:
        files.append(
            mkdocs_files.generated_asset(
                config, SITEMAP_FILE, sitemap(_sitemap_paths(build), build.languages, build.base)
            )
        )
        robots = f"User-agent: *\nAllow: /\nSitemap: {build.base}{SITEMAP_FILE}\n"
        files.append(mkdocs_files.generated_asset(config, ROBOTS_FILE, robots.encode()))
    return files


def leave_shared_to_others(build: LanguageBuild, files: Files) -> None:
    """In a parallel build, another process writes what every language shares: this one
    keeps those files (its links lead to them) but does not copy them."""
    for file in files:
        if not file.is_documentation_page() and not file.dest_uri.startswith(build.language.prefix):
            file.copy_file = lambda dirty=False: None  # type: ignore[method-assign]


def _sanitize_drawings(build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    """Publish every SVG drawing of docs/ and overrides/ as the sanitizer leaves it: the model has
    refused any that it would change, and this holds even if a drawing changed since."""
    root = build.site.root.resolve()
    for file in [f for f in files if f.src_uri.lower().endswith(assets.SVG) and f.abs_src_path]:
        source = Path(str(file.abs_src_path)).resolve()
        if root not in source.parents:
            continue  # the theme's own icons, from the installed package
        try:
            clean = assets.published_svg(source.read_bytes())
        except (OSError, ValueError):
            raise PluginError(f"{source.relative_to(root)}: this is not a readable SVG drawing") from None
        files.remove(file)
        files.append(mkdocs_files.generated_asset(config, file.dest_uri, clean))


def _compact_scripts(files: Files, config: MkDocsConfig) -> None:
    """Publish the site's own scripts (the theme folder's assets/*.js) without their comments
    and the spaces they do not need: the reader downloads less (the search page's, a third)."""
    folder = (Path(str(config.theme.custom_dir)) / SCRIPTS_DIR).resolve()
    for file in [f for f in files if f.src_uri.endswith(".js") and f.abs_src_path]:
        source = Path(str(file.abs_src_path)).resolve()
        if source.parent != folder:
            continue
        try:
            made = compact(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ScriptError) as problem:
            raise PluginError(f"{source.name}: this script cannot be published: {problem}") from None
        files.remove(file)
        files.append(mkdocs_files.generated_asset(config, file.dest_uri, made.encode("utf-8")))


def _add_admin(build: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    """The web editor at /admin/, when its npm packages are installed."""
    try:
        made = admin_files(build.content, build.site, config.site_name, build.admin_memo)
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
            share = build.item_share(item)
            if share is not None:
                files.append(mkdocs_files.copied_asset(config, f"{item.url_path}{SHARE_FILE}", str(share)))


def _sitemap_paths(build: LanguageBuild) -> list[tuple[str, str | None]]:
    paths: list[tuple[str, str | None]] = [(item.url_path, None) for item in build.content.pages]
    paths += [(item.url_path, item.news_date.isoformat()) for item in build.news]
    paths += [(path, None) for path in build.listings]
    return sorted(set(paths))
