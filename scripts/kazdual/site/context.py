"""What the templates get for a page: its language, its translations, its news and
their photos, all as plain values (the templates escape every one of them)."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kazdual.addresses import (
    FEED_FILE,
    SEARCH_PAGE,
    SHARE_FILE,
    SHARE_IMAGE,
    absolute,
    listing_path,
    site_path,
    year_path,
)
from kazdual.content import Item
from kazdual.dates import event_dates
from kazdual.site import photo_pages, structured_data
from kazdual.site.language_build import LanguageBuild
from kazdual.site.listings import Listing, pager_numbers
from kazdual.site.record import record_line

# Only the site's own files; Pagefind compiles WebAssembly. No inline script or
# style anywhere, so none is allowed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def relative(page: Page, url: str) -> str:
    """`url` (from the site root) as a link from `page`; folders keep their trailing slash."""
    link = get_relative_url(url or ".", page.url)
    if (url == "" or url.endswith("/")) and not link.endswith("/"):
        link += "/"
    return link


def report_url(build: LanguageBuild, canonical: str) -> str | None:
    """A new issue in the site's repository, with the page's address filled in."""
    if not build.site.repository:
        return None
    return f"{build.site.repository}/issues/new?" + urlencode(
        {"body": f"{build.strings['report_problem']}: {canonical}\n\n"}
    )


def photo_markup(build: LanguageBuild, page: Page, item: Item, role: str) -> dict | None:
    """The item's lead photo, drawn for `role` ("lead" on the item, "card" in lists)."""
    name = item.value("image")
    made = build.photos.processed(item, name) if name else None
    if made is None:
        return None
    alt = item.text_for(build.language.code)[0].values.get("image_alt", "")
    return photo_pages.picture(made, relative(page, item.url_path), alt, role)


def gallery_markup(build: LanguageBuild, page: Page, item: Item) -> list[dict]:
    gallery = item.text_for(build.language.code)[0].values.get("gallery", [])
    made = [(build.photos.processed(item, photo["file"]), photo) for photo in gallery]
    shown = [(photo, values) for photo, values in made if photo is not None]
    return photo_pages.gallery(shown, relative(page, item.url_path), build.strings)


def share_image(build: LanguageBuild, path: str) -> dict:
    """The picture a link preview of this page shows: the item's lead photo, else the site's
    card; never an address where no picture was written."""
    item = build.news_by_path.get(path)
    if item is not None and item.value("image") and build.item_share(item) is not None:
        alt = item.text_for(build.language.code)[0].values.get("image_alt", "")
        return {"url": f"{build.base}{item.url_path}{SHARE_FILE}", "alt": alt}
    return {"url": f"{build.base}{build.language.prefix}{SHARE_IMAGE}", "alt": build.strings["site_name"]}


def site(build: LanguageBuild, page: Page, path: str, meta: dict) -> dict:
    language = build.language
    canonical = absolute(build.base, language, path)
    return {
        "lang": language.code,
        "t": build.strings,
        "title": meta.get("title") or page.title or "",
        "description": meta.get("description") or meta.get("summary") or build.strings["site_description"],
        "home": relative(page, language.prefix),
        "root": relative(page, ""),
        "base_path": site_path(build.base),
        "root_path": site_path(build.base) + language.prefix,
        "canonical": canonical,
        "x_default": absolute(build.base, build.languages[0], path),
        "feed": absolute(build.base, language, FEED_FILE),
        "search": relative(page, f"{language.prefix}{SEARCH_PAGE}"),
        "accessibility": relative(page, f"{language.prefix}accessibility/"),
        "contacts": relative(page, f"{language.prefix}contacts/"),
        "report": report_url(build, canonical),
        "record": record_line(build.strings, language.code),
        "csp": CONTENT_SECURITY_POLICY,
        "share": share_image(build, path),
        "shared": build.shared,
        "untranslated": path in build.fallback_pages,
        "notices": [finding.line_in(language.code) for finding in build.notices.get(path, [])],
        "withheld": path in build.withheld,
        "preview": build.preview,
        "alternates": [
            {
                "lang": other.code,
                "label": other.label,
                "href": relative(page, other.prefix + path),
                "absolute": absolute(build.base, other, path),
                "current": other.code == language.code,
            }
            for other in build.languages
        ],
    }


def card(build: LanguageBuild, page: Page, item: Item) -> dict:
    values = item.text_for(build.language.code)[0].values
    return {
        "title": values["title"],
        "summary": values["summary"],
        "date": item.news_date.isoformat(),
        "date_text": event_dates(item.news_date, item.value("end_date"), build.language.code),
        "url": relative(page, build.language.prefix + item.url_path),
        "image": photo_markup(build, page, item, "card"),
        "draft": item.draft,
    }


def cards(build: LanguageBuild, page: Page, items: list[Item]) -> list[dict]:
    return [card(build, page, item) for item in items]


def news_item(build: LanguageBuild, page: Page, item: Item) -> dict:
    index = build.news_position[item.url_path]
    newer = build.news[index - 1] if index > 0 else None
    older = build.news[index + 1] if index + 1 < len(build.news) else None
    values = item.text_for(build.language.code)[0].values
    return {
        **card(build, page, item),
        "lead_image": photo_markup(build, page, item, "lead"),
        "gallery": gallery_markup(build, page, item),
        "place": values.get("place"),
        "json_ld": json_ld(build, item),
        "newer": card(build, page, newer) if newer else None,
        "older": card(build, page, older) if older else None,
        "listing": relative(page, build.language.prefix + listing_path(1)),
    }


def json_ld(build: LanguageBuild, item: Item) -> Markup:
    """The item for search engines, ready to stand inside <script type="application/ld+json">."""
    language = build.language
    url = absolute(build.base, language, item.url_path)
    image = share_image(build, item.url_path)["url"] if item.value("image") else None
    site = {"name": build.strings["site_name"], "url": absolute(build.base, language, "")}
    partner = build.content.project.partner(item.value("organiser"))
    data = structured_data.news_item(item, language.code, build.strings, url, site, image, partner)
    return Markup(structured_data.script_text(data))


def listing(build: LanguageBuild, page: Page, listing: Listing) -> dict:
    prefix = build.language.prefix
    return {
        "heading": listing.heading,
        "items": cards(build, page, listing.items),
        "page": listing.page,
        "pages": [
            {"number": n, "url": relative(page, prefix + listing.page_paths[n - 1]), "current": n == listing.page}
            if n is not None
            else {"gap": True}
            for n in pager_numbers(listing.page, len(listing.page_paths))
        ],
        "newer": relative(page, prefix + listing.page_paths[listing.page - 2])
        if listing.page > 1 and listing.page_paths
        else None,
        "older": relative(page, prefix + listing.page_paths[listing.page]) if listing.page < listing.pages else None,
        "years": [
            {"year": y, "url": relative(page, prefix + year_path(y)), "current": y == listing.year}
            for y in build.news_years
        ],
    }
