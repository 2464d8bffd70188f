"""Dates as readers of each language expect them (CLDR via Babel)."""

from __future__ import annotations

import datetime
import re

from babel import Locale
from babel.dates import format_date

# "12 қыркүйек 2023", "12 сентября 2023", "12 September 2023". CLDR's Kazakh
# "long" format ("2023 ж. 12 қыркүйек") reads as a table cell, not a news date.
NEWS_DATE_PATTERN = "d MMMM y"
# The site's English is British: "13–17 November 2023", not "Nov 13 – 17, 2023".
_CLDR_LOCALE = {"en": "en_GB"}
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def news_date(date: datetime.date, language: str) -> str:
    return format_date(date, NEWS_DATE_PATTERN, locale=language)


def event_dates(start: datetime.date, end: datetime.date | None, language: str) -> str:
    """One day as `news_date`; several as CLDR's interval ("13–17 ноября 2023 г."),
    with month names written out as in a single date."""
    if end is None or end == start:
        return news_date(start, language)
    locale = Locale.parse(_CLDR_LOCALE.get(language, language))
    # CLDR has the interval for abbreviated months only; its own rule for matching
    # a skeleton widens the month field to the width asked for.
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = locale.interval_formats["yMMMd"][greatest]
    return "".join(format_date(day, _SHORT_MONTH.sub("MMMM", part), locale=locale) for day, part in ((start, first), (end, second)))
