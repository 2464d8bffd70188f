"""Dates as readers of each language expect them (CLDR via Babel)."""

from __future__ import annotations

import datetime
import functools
import re

from babel import Locale
from babel.dates import format_date

# The site's English is British: "13 November 2023", not "November 13, 2023".
_CLDR_LOCALE = {"en": "en_GB"}
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def cldr_locale(language: str) -> str:
    """The CLDR locale of a site language: its own, but British English."""
    return _CLDR_LOCALE.get(language, language)


@functools.lru_cache(maxsize=8192)  # every page lists dates; a listing repeats them
def news_date(date: datetime.date, language: str) -> str:
    """CLDR's long date, the form of the ranges below: "2023 ж. 13 қараша",
    "13 ноября 2023 г.", "13 November 2023". A list or a table column then keeps one
    word order (Kazakh puts the year first, as the site's own sentences do)."""
    return format_date(date, "long", locale=cldr_locale(language))


@functools.lru_cache(maxsize=8192)
def event_dates(start: datetime.date, end: datetime.date | None, language: str) -> str:
    """One day as `news_date`; several as CLDR's interval ("13–17 ноября 2023 г."),
    with month names written out as in a single date."""
    if end is None or end == start:
        return news_date(start, language)
    locale = Locale.parse(cldr_locale(language))
    # CLDR has the interval for abbreviated months only; its own rule for matching
    # a skeleton widens the month field to the width asked for.
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale.interval_formats["yMMMd"][greatest]
    return "".join(
        format_date(day, _SHORT_MONTH.sub("MMMM", part), locale=locale) for day, part in ((start, first), (end, second))
    )
