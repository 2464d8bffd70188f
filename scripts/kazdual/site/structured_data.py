"""What a news item tells search engines about itself, as schema.org JSON-LD: a
NewsArticle, and the Event it reports when it reports one; both funded by the
European Union through the Erasmus+ programme.

An Event is described only with what the news gives: its dates, its place (or
that it was online), its organiser when the record names one. A news item whose
activity has no place and was not online gets no Event: search engines require
a location, and none is guessed.

The JSON goes into `<script type="application/ld+json">`, which browsers read
as data, never run: the Content-Security-Policy does not apply to it. It is
written so that no text in it can end that element (`</script>` in a title) or
be taken for markup: `<`, `>` and `&` are written as JSON escapes.
"""

from __future__ import annotations

import json

from kazdual.content import Item
from kazdual.content.project_data import Partner

CONTEXT = "https://schema.org"
# The grant agreement number (facts.md): the identifier of the funding.
PROJECT_NUMBER = "618835-EPP-1-2020-1-KZ-EPPKA2-CBHE-SP"
NOT_EVENTS = ("publication",)
_ATTENDANCE = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "event": "https://schema.org/OfflineEventAttendanceMode",
}


def _funding(strings: dict) -> tuple[dict, dict]:
    funder = {"@type": "GovernmentOrganization", "name": strings["eu_name"]}
    grant = {"@type": "Grant", "name": strings["erasmus_programme"], "identifier": PROJECT_NUMBER, "funder": funder}
    return funder, grant


def _event(item: Item, values: dict, url: str, strings: dict, partner: Partner | None, language: str) -> dict | None:
    activity, place, channel = item.value("activity"), values.get("place"), item.value("channel")
    if item.date is None or activity is None or activity in NOT_EVENTS or not (place or channel == "online"):
        return None
    funder, grant = _funding(strings)
    location = {"@type": "VirtualLocation" if channel == "online" else "Place", "name": place or strings["online"]}
    event = {
        "@type": "Event",
        "@id": f"{url}#event",
        "name": values["title"],
        "description": values["summary"],
        "startDate": item.date.isoformat(),
        "endDate": (item.value("end_date") or item.date).isoformat(),
        "location": location,
        "inLanguage": language,
        "url": url,
        "funder": funder,
        "funding": grant,
    }
    if channel in _ATTENDANCE:
        event["eventAttendanceMode"] = _ATTENDANCE[channel]
    if partner is not None:
        event["organizer"] = {"@type": "Organization", "name": partner.name[language]}
    return event


def news_item(
    item: Item,
    language: str,
    strings: dict,
    url: str,
    site: dict,
    image: str | None,
    partner: Partner | None,
) -> dict:
    """The JSON-LD graph of one news item in `language`, at its address `url`; `site` is the
    publisher: {"name": …, "url": …}."""
    values = item.text_for(language)[0].values
    assert item.date is not None, "a news item has its date from its folder"
    funder, grant = _funding(strings)
    publisher = {"@type": "Organization", "name": site["name"], "url": site["url"]}
    article = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": values["title"],
        "description": values["summary"],
        "datePublished": item.date.isoformat(),
        "inLanguage": language,
        "url": url,
        "mainEntityOfPage": url,
        "author": publisher,
        "publisher": publisher,
        "funder": funder,
        "funding": grant,
    }
    if image:
        article["image"] = [image]
    graph = [article]
    event = _event(item, values, url, strings, partner, language)
    if event is not None:
        if image:
            event["image"] = [image]
        article["about"] = {"@id": event["@id"]}
        graph.append(event)
    return {"@context": CONTEXT, "@graph": graph}


def script_text(data: dict) -> str:
    """`data` as the text of a <script type="application/ld+json">: valid JSON that no title
    can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text
