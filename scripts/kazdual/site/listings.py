"""The news listings: every page of all news, and one archive per year."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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
