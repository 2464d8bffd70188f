"""What the templates get for a page: its language, its translations, its news."""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kazdual.dates import news_date
from kazdual.feeds import FEED_FILE
from kazdual.news import NewsItem
from kazdual.urls import absolute, site_path


def _relative(page: Page, url: str) -> str:
    """`url` (from the site root) as a link from `page`; folders keep their trailing slash."""
    link = get_relative_url(url or ".", page.url)
    if (url == "" or url.endswith("/")) and not link.endswith("/"):
        link += "/"
    return link


def site(build, page: Page, path: str) -> dict:
    language = build.language
    return {
        "lang": language.code,
        "t": build.strings,
        "home": _relative(page, language.prefix),
        "root": _relative(page, ""),
        "base_path": site_path(build.base),
        "root_path": site_path(build.base) + language.prefix,
        "canonical": absolute(build.base, language, path),
        "x_default": absolute(build.base, build.languages[0], path),
        "feed": absolute(build.base, language, FEED_FILE),
        "search": _relative(page, f"{language.prefix}search/"),
        "accessibility": _relative(page, f"{language.prefix}accessibility/"),
        "contacts": _relative(page, f"{language.prefix}contacts/"),
        "untranslated": path in build.fallback_pages,
        "alternates": [
            {
                "lang": other.code,
                "label": other.label,
                "href": _relative(page, other.prefix + path),
                "absolute": absolute(build.base, other, path),
                "current": other.code == language.code,
            }
            for other in build.languages
        ],
    }


def card(build, page: Page, item: NewsItem) -> dict:
    code = build.language.code if build.language.code in item.translations else build.languages[0].code
    text = item.translations[code]
    image = text.meta.image
    return {
        "title": text.meta.title,
        "summary": text.meta.summary,
        "date": item.date.isoformat(),
        "date_text": news_date(item.date, build.language.code),
        "url": _relative(page, build.language.prefix + item.url_path()),
        "image": _relative(page, f"news/{item.slug}/{image}") if image else None,
        "image_alt": text.meta.image_alt or "",
        "draft": item.draft,
    }


def cards(build, page: Page, items: list[NewsItem]) -> list[dict]:
    return [card(build, page, item) for item in items]


def news_item(build, page: Page, item: NewsItem) -> dict:
    index = build.news_position[item.url_path()]
    newer = build.news[index - 1] if index > 0 else None
    older = build.news[index + 1] if index + 1 < len(build.news) else None
    return {
        **card(build, page, item),
        "newer": card(build, page, newer) if newer else None,
        "older": card(build, page, older) if older else None,
        "listing": _relative(page, build.language.prefix + "news/"),
    }


def listing(build, page: Page, listing) -> dict:
    prefix = build.language.prefix
    years = sorted({item.date.year for item in build.news}, reverse=True)
    return {
        "heading": listing.heading,
        "items": cards(build, page, listing.items),
        "page": listing.page,
        "pages": [
            {"number": n, "url": _relative(page, prefix + p), "current": n == listing.page}
            for n, p in enumerate(listing.page_paths, start=1)
        ],
        "newer": _relative(page, prefix + listing.page_paths[listing.page - 2]) if listing.page > 1 and listing.page_paths else None,
        "older": _relative(page, prefix + listing.page_paths[listing.page]) if listing.page < listing.pages else None,
        "years": [
            {"year": y, "url": _relative(page, f"{prefix}news/{y}/"), "current": y == listing.year} for y in years
        ],
    }
