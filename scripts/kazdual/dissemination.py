"""The Work Package 5 record of dissemination activities, derived from the news.

A news item with `activity:` in its front matter is one activity: its dates, kind,
place and (where known) number of participants, exact or approximate. An
approximate part makes a total approximate. The record is made anew from the
news by every build (the page "Dissemination activities") and by
scripts/dissemination_report.py, so it is never edited by hand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

from mkdocs.utils import get_relative_url

from kazdual.content import Item, source
from kazdual.content.schema import ACTIVITY_KINDS
from kazdual.dates import event_dates

# The line in docs/dissemination.<lang>.md that the build replaces with the tables.
MARKER = "<!-- dissemination-table -->"


@dataclass(frozen=True)
class Activity:
    item: Item
    kind: str
    participants: int | None  # None: the news does not say; never guessed
    approximate: bool

    @property
    def date(self) -> datetime.date:
        return self.item.news_date

    @property
    def end_date(self) -> datetime.date | None:
        return self.item.value("end_date")

    def values(self, language: str) -> dict:
        """The item's values in `language` (in a preview, the source's when there is no translation)."""
        return self.item.text_for(language)[0].values


@dataclass(frozen=True)
class Total:
    activities: int = 0
    participants: int | None = None  # the sum of the known numbers; None when none is known
    approximate: bool = False  # some part of the sum is approximate

    def add(self, activity: Activity) -> Total:
        if activity.participants is None:
            return Total(self.activities + 1, self.participants, self.approximate)
        return Total(
            self.activities + 1,
            (self.participants or 0) + activity.participants,
            self.approximate or activity.approximate,
        )


@dataclass(frozen=True)
class Record:
    activities: list[Activity]  # newest first, like the news
    by_year: dict[int, Total]  # oldest year first
    by_kind: dict[str, Total]  # in the order of the `activity` labels
    overall: Total


def make_record(news: list[Item], start: datetime.date | None = None, end: datetime.date | None = None) -> Record:
    """The activities among `news` (newest first) that began from `start` to `end`, both included."""
    activities = [
        Activity(item, item.value("activity"), item.value("participants"), bool(item.value("participants_approximate")))
        for item in news
        if item.value("activity")
        and (start is None or item.news_date >= start)
        and (end is None or item.news_date <= end)
    ]
    by_year: dict[int, Total] = {}
    by_kind = {kind: Total() for kind in ACTIVITY_KINDS}
    overall = Total()
    for activity in sorted(activities, key=lambda a: a.date):
        by_year[activity.date.year] = by_year.get(activity.date.year, Total()).add(activity)
        by_kind[activity.kind] = by_kind[activity.kind].add(activity)
        overall = overall.add(activity)
    # Kinds that did not occur would only add rows of zeros.
    return Record(activities, by_year, {kind: t for kind, t in by_kind.items() if t.activities}, overall)


def number_text(value: int | None, approximate: bool, strings: dict) -> str:
    if value is None:
        return ""
    return strings["approximately"].format(number=value) if approximate else str(value)


def _table(caption: str, headers: list[str], rows: list[str]) -> str:
    # No class on <table>: Material styles plain tables and lets them scroll
    # sideways on a narrow phone, without any JavaScript.
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    return (
        f"<table>\n<caption>{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def _totals_table(caption: str, first_header: str, totals: dict[str, Total], overall: Total, strings: dict) -> str:
    rows = [
        f'<tr><th scope="row">{escape(name)}</th><td>{total.activities}</td>'
        f"<td>{escape(number_text(total.participants, total.approximate, strings))}</td></tr>"
        for name, total in [*totals.items(), (strings["dissemination_total"], overall)]
    ]
    headers = [first_header, strings["dissemination_activities"], strings["dissemination_participants_known"]]
    return _table(caption, headers, rows)


def render_html(record: Record, language: str, strings: dict, page_path: str) -> str:
    """The tables for the page at `page_path` (below its language root, e.g. `dissemination/`)."""
    labels = strings["activity"]
    rows = []
    for activity in record.activities:
        values = activity.values(language)
        href = get_relative_url(activity.item.url_path, page_path)
        rows.append(
            "<tr>"
            f'<td><time datetime="{activity.date.isoformat()}">'
            f"{escape(event_dates(activity.date, activity.end_date, language))}</time></td>"
            f"<td>{escape(labels[activity.kind])}</td>"
            f'<td><a href="{escape(href)}">{escape(values["title"])}</a></td>'
            f"<td>{escape(values.get('place') or '')}</td>"
            f"<td>{escape(number_text(activity.participants, activity.approximate, strings))}</td>"
            "</tr>"
        )
    headers = [strings[f"dissemination_{key}"] for key in ("date", "kind", "title", "place", "participants")]
    by_year = {str(year): total for year, total in record.by_year.items()}
    by_kind = {labels[kind]: total for kind, total in record.by_kind.items()}
    tables = [
        _table(strings["dissemination_list"], headers, rows),
        _totals_table(
            strings["dissemination_by_year"], strings["dissemination_year"], by_year, record.overall, strings
        ),
        _totals_table(
            strings["dissemination_by_kind"], strings["dissemination_kind"], by_kind, record.overall, strings
        ),
    ]
    # Blank lines around each table: Markdown passes a raw HTML block through untouched.
    return "\n\n" + "\n\n".join(tables) + "\n\n"


def replace_marker(markdown: str, news: list[Item], language: str, strings: dict, page_path: str) -> str:
    """`markdown` with the marker line replaced by the tables; a page without it is unchanged."""
    if MARKER not in markdown:
        return markdown
    return source.replace_marker(markdown, MARKER, render_html(make_record(news), language, strings, page_path))
