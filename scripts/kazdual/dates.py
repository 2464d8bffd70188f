"""Dates as readers of each language expect them (CLDR via Babel)."""

from __future__ import annotations

import datetime

from babel.dates import format_date

# "12 қыркүйек 2023", "12 сентября 2023", "12 September 2023". CLDR's Kazakh
# "long" format ("2023 ж. 12 қыркүйек") reads as a table cell, not a news date.
NEWS_DATE_PATTERN = "d MMMM y"


def news_date(date: datetime.date, language: str) -> str:
    return format_date(date, NEWS_DATE_PATTERN, locale=language)
