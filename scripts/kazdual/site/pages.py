"""Pages and files that exist only in the build: news listings, year archives,
search, 404, feed, sitemap, web versions of photos."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from kazdual.content import Item
from kazdual.content.links import NEWS_PER_PAGE, listing_path, year_path


@dataclass
class Listing:
    """One page of a news listing: a page of all news, or one year's archive."""

    items: list[Item]
    heading: str
    page: int = 1
    pages: int = 1
    year: int | None = None
    page_paths: list[str] = field(default_factory=list)  # paths of every page of this listing


def news_listings(items: list[Item], strings: dict) -> dict[str, Listing]:
    """Every listing page by its path below the language root: newest first, stable URLs."""
    pages = max(1, math.ceil(len(items) / NEWS_PER_PAGE))
    page_paths = [listing_path(n) for n in range(1, pages + 1)]
    listings = {}
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * NEWS_PER_PAGE : number * NEWS_PER_PAGE]
        heading = strings["news"] if number == 1 else strings["news_page"].format(page=number, pages=pages)
        listings[listing_path(number)] = Listing(chunk, heading, number, pages, page_paths=page_paths)
    for year in sorted({item.date.year for item in items}, reverse=True):
        year_items = [item for item in items if item.date.year == year]
        listings[year_path(year)] = Listing(year_items, strings["news_year"].format(year=year), year=year)
    return listings


def generated_page(config: MkDocsConfig, src_uri: str, dest_uri: str, meta: dict) -> File:
    """A page made from front matter alone (template, title, …), written to `dest_uri`."""
    content = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"
    file = File.generated(config, src_uri, content=content)
    file.dest_uri = dest_uri
    return file


def generated_asset(config: MkDocsConfig, dest_uri: str, content: bytes) -> File:
    """A file (feed, sitemap) written as it is to `dest_uri`."""
    file = File.generated(config, dest_uri, content=content)
    file.dest_uri = dest_uri
    return file


def copied_asset(config: MkDocsConfig, dest_uri: str, path: str) -> File:
    """A file made elsewhere (a photo's web version in the cache), copied to `dest_uri`."""
    file = File.generated(config, dest_uri, abs_src_path=path)
    file.dest_uri = dest_uri
    return file


class UnpublishedFile(File):
    """An editor's original photo: known to MkDocs so that Markdown may link to it
    (the build then shows its web versions instead), never copied to the site."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def is_static_page(self) -> bool:
        return False
