"""Progress of the record towards the project's dissemination targets (data/targets.yml).

A target counts activities, or adds up their participants, among the activities
that match its filters (a kind, a scope, a channel, an audience). Participants
are counted where the news gives a number; a sum with an approximate part is
approximate, and so is the progress made of it. With no targets, there is no
progress to show: the site invents none.
"""

from __future__ import annotations

from dataclasses import dataclass

from kazdual.content.project_data import Target
from kazdual.dissemination import Activity, Record, Total


@dataclass(frozen=True)
class Progress:
    target: Target
    reached: int
    approximate: bool  # the reached number has an approximate part

    @property
    def share(self) -> float:
        return self.reached / self.target.target


def _matches(activity: Activity, target: Target) -> bool:
    return (
        (target.activity is None or activity.kind == target.activity)
        and (target.scope is None or activity.scope == target.scope)
        and (target.channel is None or activity.channel == target.channel)
        and (target.audience is None or target.audience in activity.audiences)
    )


def progress(record: Record, targets: list[Target]) -> list[Progress]:
    found = []
    for target in targets:
        matching = [activity for activity in record.activities if _matches(activity, target)]
        if target.measure == "activities":
            found.append(Progress(target, len(matching), False))
            continue
        total = Total()
        for activity in matching:
            total = total.add(activity)
        found.append(Progress(target, total.participants or 0, total.approximate))
    return found
