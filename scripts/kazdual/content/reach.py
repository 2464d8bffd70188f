"""Whom a dissemination activity reached, how far and how: the fixed words a news
item may use for them (`audiences`, `scope`, `channel`), and the rules that judge
an activity against what is known beside it (the consortium's partners, the
evidence of each activity).

The words are fixed here, once: the schema, the web editor's form, the record and
its charts ask this module; their labels in each language are in the interface text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kazdual.content.findings import Finding
from kazdual.content.messages import say

if TYPE_CHECKING:
    from kazdual.content.model import Item

# The target groups of the project's Dissemination and Exploitation Strategy.
AUDIENCES = (
    "students",
    "university-staff",
    "employers",
    "colleges",
    "ministry",
    "accreditation-agencies",
    "public",
)
SCOPES = ("local", "national", "international")
CHANNELS = ("event", "online", "media")  # event: people met in person
# The keys that describe an activity beyond its kind, dates and participants.
REACH_KEYS = ("audiences", "scope", "organiser", "channel", "attendance_note")


def organiser_findings(items: list[Item], partners: list[str]) -> list[Finding]:
    """An organiser that is no partner of data/consortium.yml, in each text that names it."""
    found = []
    for item in items:
        for text in item.texts.values():
            organiser = text.values.get("organiser")
            if organiser is None or organiser in partners or text.document is None:
                continue
            message = say(
                "reach.organiser" if partners else "reach.organiser-alone",
                organiser=organiser,
                partners=", ".join(partners),
            )
            found.append(Finding(text.path, text.document.line_of("organiser"), "value", message))
    return found


def evidence_findings(items: list[Item]) -> list[Finding]:
    """An activity that records no evidence besides its news item, or not whom it reached:
    advisory, on the source text's `activity` line."""
    found = []
    for item in items:
        source = item.texts.get(item.source) if item.source else None
        if source is None or source.document is None or not source.values.get("activity"):
            continue
        lacking = []
        if not item.shown_photos and not source.values.get("attendance_note"):  # a photo in the text counts
            lacking.append(say("reach.no-evidence"))
        if not source.values.get("audiences"):
            lacking.append(say("reach.no-audiences"))
        if lacking:
            lacks = lacking[0] if len(lacking) == 1 else say("reach.both", first=lacking[0], second=lacking[1])
            message = say("reach.evidence", lacking=lacks)
            found.append(Finding(source.path, source.document.line_of("activity"), "evidence", message))
    return found
