"""What the site is now: the record of a project that has ended. Every page says so
in its footer, in its language, with the project's dates as the site writes dates.

The dates are the project's duration in /work/shared/brief/facts.md's terms:
15.01.2021 – 14.01.2024.
"""

from __future__ import annotations

import datetime

from kazdual.dates import news_date

PROJECT_START = datetime.date(2021, 1, 15)
PROJECT_END = datetime.date(2024, 1, 14)


def record_line(strings: dict, language: str) -> str:
    """ "The KAZDUAL project ran from 15 January 2021 to 14 January 2024. …" in `language`."""
    return strings["project_record"].format(
        start=news_date(PROJECT_START, language), end=news_date(PROJECT_END, language)
    )
