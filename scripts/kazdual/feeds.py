"""An RSS 2.0 feed of a language's news: the same sources give the same bytes."""

from __future__ import annotations

import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from kazdual.languages import Language
from kazdual.news import NewsItem
from kazdual.urls import absolute

FEED_FILE = "feed.xml"
FEED_LENGTH = 20


def _rfc822(date: datetime.date) -> str:
    return format_datetime(datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc))


def rss(items: list[NewsItem], language: Language, base: str, strings: dict) -> bytes:
    """The feed of the newest published `items` that have a `language` text."""
    channel_items = [item for item in items if language.code in item.translations][:FEED_LENGTH]
    rss_el = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(rss_el, "channel")
    ET.SubElement(channel, "title").text = strings["feed_title"]
    ET.SubElement(channel, "link").text = absolute(base, language, "news/")
    ET.SubElement(channel, "description").text = strings["feed_description"]
    ET.SubElement(channel, "language").text = language.code
    ET.SubElement(
        channel,
        "atom:link",
        {"href": absolute(base, language, FEED_FILE), "rel": "self", "type": "application/rss+xml"},
    )
    if channel_items:
        # The newest item's date, not the build time: rebuilding changes nothing.
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(channel_items[0].date)
    for item in channel_items:
        text = item.translations[language.code]
        url = absolute(base, language, item.url_path())
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = text.meta.title
        ET.SubElement(entry, "link").text = url
        ET.SubElement(entry, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(entry, "pubDate").text = _rfc822(item.date)
        ET.SubElement(entry, "description").text = text.meta.summary
    ET.indent(rss_el)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss_el, encoding="utf-8") + b"\n"
