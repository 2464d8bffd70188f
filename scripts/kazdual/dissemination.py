"""The Work Package 5 record of dissemination activities, derived from the news.

A news item with `activity:` in its front matter is one activity: its dates, kind,
place and (where known) number of participants, exact or approximate, whom it
reached (`audiences`), how far (`scope`), who organised it and through which
channel, and its evidence (the news item, its photos, an attendance note). What
the news does not say stays empty: it is shown as "not recorded", never guessed.
An approximate part makes a total approximate, and is kept apart in the totals.

The record is made anew from the news by every build (the page "Dissemination
activities", see dissemination_page.py) and by scripts/dissemination_report.py,
so it is never edited by hand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kazdual.content import Item
from kazdual.content.reach import AUDIENCES, CHANNELS, SCOPES
from kazdual.content.schema import ACTIVITY_KINDS

# The keys of a news item that may stay empty, each counted when it does.
RECORDED = ("participants", "audiences", "scope", "organiser", "channel")


@dataclass(frozen=True)
class Activity:
    item: Item
    kind: str
    participants: int | None  # None: the news does not say; never guessed
    approximate: bool
    audiences: tuple[str, ...] = ()  # in the order of reach.AUDIENCES
    scope: str | None = None
    organiser: str | None = None  # a partner's key
    channel: str | None = None

    @property
    def date(self) -> datetime.date:
        return self.item.news_date

    @property
    def end_date(self) -> datetime.date | None:
        return self.item.value("end_date")

    @property
    def photos(self) -> list[str]:
        """The photos its news item shows: evidence besides the text."""
        return list(self.item.shown_photos)

    def values(self, language: str) -> dict:
        """The item's values in `language` (in a preview, the source's when there is no translation)."""
        return self.item.text_for(language)[0].values

    def attendance_note(self, language: str) -> str | None:
        return self.values(language).get("attendance_note")

    @classmethod
    def of(cls, item: Item) -> Activity:
        return cls(
            item,
            item.value("activity"),
            item.value("participants"),
            bool(item.value("participants_approximate")),
            tuple(item.value("audiences") or ()),
            item.value("scope"),
            item.value("organiser"),
            item.value("channel"),
        )


@dataclass(frozen=True)
class Total:
    activities: int = 0
    exact: int | None = None  # the sum of the exact numbers; None when none is known
    approximate_part: int | None = None  # the sum of the approximate numbers ("about 70")
    counted: int = 0  # activities whose number of participants is known

    @property
    def participants(self) -> int | None:
        """Every known number added up; approximate when any part is."""
        if self.exact is None and self.approximate_part is None:
            return None
        return (self.exact or 0) + (self.approximate_part or 0)

    @property
    def approximate(self) -> bool:
        return self.approximate_part is not None

    def add(self, activity: Activity) -> Total:
        count = activity.participants
        if count is None:
            return Total(self.activities + 1, self.exact, self.approximate_part, self.counted)
        if activity.approximate:
            return Total(self.activities + 1, self.exact, (self.approximate_part or 0) + count, self.counted + 1)
        return Total(self.activities + 1, (self.exact or 0) + count, self.approximate_part, self.counted + 1)


@dataclass(frozen=True)
class Record:
    activities: list[Activity]  # newest first, like the news
    by_year: dict[int, Total]  # oldest year first
    by_kind: dict[str, Total]  # in the order of the `activity` labels
    overall: Total
    by_year_kind: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> kind -> activities
    # Every audience, scope and channel (reached by no activity or some), and each organiser named:
    by_audience: dict[str, Total] = field(default_factory=dict)
    by_scope: dict[str, Total] = field(default_factory=dict)
    by_channel: dict[str, Total] = field(default_factory=dict)
    by_organiser: dict[str, Total] = field(default_factory=dict)
    not_recorded: dict[str, int] = field(default_factory=dict)  # key of RECORDED -> activities without it


def _totals(activities: list[Activity], words_of, order: tuple[str, ...] = ()) -> dict[str, Total]:
    """A total per word, for the activities each word describes (an activity may have several)."""
    totals = {word: Total() for word in order}
    for activity in activities:
        for word in words_of(activity):
            totals[word] = totals.get(word, Total()).add(activity)
    return totals


def make_record(news: list[Item], start: datetime.date | None = None, end: datetime.date | None = None) -> Record:
    """The activities among `news` (newest first) that began from `start` to `end`, both included."""
    activities = [
        Activity.of(item)
        for item in news
        if item.value("activity")
        and (start is None or item.news_date >= start)
        and (end is None or item.news_date <= end)
    ]
    by_year: dict[int, Total] = {}
    by_kind = {kind: Total() for kind in ACTIVITY_KINDS}
    by_year_kind: dict[int, dict[str, int]] = {}
    overall = Total()
    for activity in sorted(activities, key=lambda a: a.date):
        year = activity.date.year
        by_year[year] = by_year.get(year, Total()).add(activity)
        by_kind[activity.kind] = by_kind[activity.kind].add(activity)
        per_kind = by_year_kind.setdefault(year, {})
        per_kind[activity.kind] = per_kind.get(activity.kind, 0) + 1
        overall = overall.add(activity)
    # Kinds that did not occur would only add rows of zeros.
    by_kind = {kind: t for kind, t in by_kind.items() if t.activities}
    dated = sorted(activities, key=lambda a: a.date)
    return Record(
        activities,
        by_year,
        by_kind,
        overall,
        {year: {kind: per.get(kind, 0) for kind in by_kind} for year, per in by_year_kind.items()},
        _totals(dated, lambda a: a.audiences, AUDIENCES),
        _totals(dated, lambda a: [a.scope] if a.scope else [], SCOPES),
        _totals(dated, lambda a: [a.channel] if a.channel else [], CHANNELS),
        _totals(dated, lambda a: [a.organiser] if a.organiser else []),
        {
            key: sum(1 for a in activities if not (a.audiences if key == "audiences" else getattr(a, key)))
            for key in RECORDED
        },
    )
