"""Every address the build makes, and where a page lives in each language.

Every page has one path below each language root (`about/`, `news/<slug>/`), so
its translations, `hreflang` links and sitemap alternates follow from that path
alone: no lookup table is kept between the per-language builds. The content model
asks this module which addresses a text may not take and which a link may reach;
the build asks it where to write what it makes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kazdual.languages import Language

NEWS_PER_PAGE = 10
# Below each language root.
FEED_FILE = "feed.xml"
SEARCH_PAGE = "search/"
NOT_FOUND_PAGE = "404.html"
SHARE_FILE = "share.jpg"  # a link preview's picture: the site's card, or beside a news item
SHARE_IMAGE = f"assets/{SHARE_FILE}"
SEARCH_BUNDLE = "pagefind"
# At the site root only.
ADMIN_DIR = "admin"
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"

# Addresses the build makes below each language root; a page may not take them.
# What the build makes at each address, as a message names it (findings' `built`).
BUILD_PAGES = {
    SEARCH_PAGE: "built.search",
    NOT_FOUND_PAGE: "built.not-found",
    FEED_FILE: "built.feed",
    SHARE_IMAGE: "built.share",
}
BUILD_FOLDERS = {
    "news/": "built.news",
    f"{SEARCH_BUNDLE}/": "built.search-index",
    f"{ADMIN_DIR}/": "built.admin",
    SEARCH_PAGE: "built.search",
}
ROOT_FILES = {SITEMAP_FILE: "built.sitemap", ROBOTS_FILE: "built.robots"}


def listing_path(page: int) -> str:
    return "news/" if page == 1 else f"news/page/{page}/"


def year_path(year: int, page: int = 1) -> str:
    return f"news/{year}/" if page == 1 else f"news/{year}/page/{page}/"


def built_addresses(news_dates: list) -> set[str]:
    """The addresses below a language root that the build makes for `news_dates`."""
    pages = max(1, -(-len(news_dates) // NEWS_PER_PAGE))
    made = {listing_path(page) for page in range(1, pages + 1)}
    for year in {date.year for date in news_dates}:
        in_year = sum(1 for date in news_dates if date.year == year)
        made |= {year_path(year, page) for page in range(1, -(-in_year // NEWS_PER_PAGE) + 1)}
    return made | {SEARCH_PAGE, FEED_FILE, NOT_FOUND_PAGE, SHARE_IMAGE, ""}


def language_of(path: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """Which language a path from the site root is in, and the path below that language's
    root: "ru/about/" -> ("ru", "about/"); "about/" -> (default, "about/"). `prefixes`:
    language code -> "" or "ru/"."""
    for code, prefix in prefixes.items():
        if prefix and (path + "/").startswith(prefix):
            return code, path[len(prefix) :]
    return next(code for code, prefix in prefixes.items() if not prefix), path


def path_in_language(url: str, language: Language) -> str:
    """A page's path below the root of `language`, whose build made it: `ru/about/` ->
    `about/`; the home page is ``."""
    if url in (".", "./"):
        return ""
    if language.prefix and url.startswith(language.prefix):
        return url[len(language.prefix) :]
    if language.prefix and url == language.prefix.rstrip("/"):
        return ""
    return url


def absolute(base: str, language: Language, path: str) -> str:
    return f"{base}{language.prefix}{path}"


def site_path(base: str) -> str:
    """The path part of the base URL (`/` or `/kazdual/`), for pages served at any depth."""
    return urlsplit(base).path or "/"
