"""The news listings: every page of all news, and one archive per year."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kazdual.addresses import NEWS_PER_PAGE, listing_path, year_path
from kazdual.content import Item


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
    """Every listing page by its path below the language root: newest first, stable URLs. The
    news of all years and each year's archive alike are paginated, NEWS_PER_PAGE to a page."""
    listings = _paginated(
        items, lambda n: listing_path(n), lambda n, pages: strings["news_page"].format(page=n, pages=pages)
    )
    listings[listing_path(1)].heading = strings["news"]
    for year in sorted({item.news_date.year for item in items}, reverse=True):
        year_items = [item for item in items if item.news_date.year == year]
        archive = _paginated(
            year_items,
            lambda n, year=year: year_path(year, n),
            lambda n, pages, year=year: strings["news_year_page"].format(year=year, page=n, pages=pages),
            year,
        )
        archive[year_path(year)].heading = strings["news_year"].format(year=year)
        listings |= archive
    return listings


def _paginated(items: list[Item], path, heading, year: int | None = None) -> dict[str, Listing]:
    pages = max(1, math.ceil(len(items) / NEWS_PER_PAGE))
    page_paths = [path(n) for n in range(1, pages + 1)]
    return {
        page_paths[n - 1]: Listing(
            items[(n - 1) * NEWS_PER_PAGE : n * NEWS_PER_PAGE], heading(n, pages), n, pages, year, page_paths
        )
        for n in range(1, pages + 1)
    }


# How many page numbers the pager shows on either side of the current page.
PAGER_REACH = 2


def pager_numbers(page: int, pages: int) -> list[int | None]:
    """The page numbers a listing's pager shows on page `page` of `pages`: the first, the
    last and PAGER_REACH on either side of `page`, with None where numbers are left out.
    A single number is never left out: it takes no more room than the gap would. So a
    pager holds at most 2 * PAGER_REACH + 5 entries however long the listing grows, and a
    listing of no more pages than that names them all."""
    if pages <= 2 * PAGER_REACH + 5:
        return list(range(1, pages + 1))
    shown = {1, pages, *range(page - PAGER_REACH, page + PAGER_REACH + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= pages)
    entries: list[int | None] = []
    last = 0
    for n in numbers:
        if n - last == 2:
            entries.append(n - 1)
        elif n - last > 2:
            entries.append(None)
        entries.append(n)
        last = n
    return entries
