"""News item folders: `news/YYYY-MM-DD-slug/`, one per item, its texts and images inside."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

NEWS_DIR = "news"
FOLDER_PATTERN = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
FOLDER_RULE = (
    "a news folder is named YYYY-MM-DD-slug (lower-case ASCII letters, digits and hyphens), "
    "e.g. 2024-01-15-study-visit"
)


@dataclass(frozen=True)
class NewsFolder:
    name: str
    date: datetime.date
    slug: str


def parse_folder_name(name: str) -> NewsFolder:
    """The date and slug in a folder's name; ValueError says what is wrong with it."""
    match = FOLDER_PATTERN.match(name)
    if not match:
        raise ValueError(FOLDER_RULE)
    try:
        date = datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise ValueError(f"'{match['date']}' in the folder name is not a real date") from None
    return NewsFolder(name, date, match["slug"])


def folder_name(date: datetime.date, slug: str) -> str:
    return f"{date.isoformat()}-{slug}"
