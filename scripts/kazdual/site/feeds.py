"""An RSS 2.0 feed of a language's news: the same sources give the same bytes."""

from __future__ import annotations

import datetime
import re
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from kazdual.addresses import FEED_FILE, absolute
from kazdual.content import Item
from kazdual.languages import Language

FEED_LENGTH = 20
# Characters XML 1.0 cannot carry at all; the model refuses them in titles, this is the last guard.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _rfc822(date: datetime.date) -> str:
    return format_datetime(datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC))


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def rss(items: list[Item], language: Language, base: str, strings: dict) -> bytes:
    """The feed of the newest `items` that have a text in `language`."""
    channel_items = [item for item in items if not item.text_for(language.code)[1]][:FEED_LENGTH]
    rss_el = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(rss_el, "channel")
    ET.SubElement(channel, "title").text = _text(strings["feed_title"])
    ET.SubElement(channel, "link").text = absolute(base, language, "news/")
    ET.SubElement(channel, "description").text = _text(strings["feed_description"])
    ET.SubElement(channel, "language").text = language.code
    ET.SubElement(
        channel,
        "atom:link",
        {"href": absolute(base, language, FEED_FILE), "rel": "self", "type": "application/rss+xml"},
    )
    if channel_items:
        # The newest item's date, not the build time: rebuilding changes nothing.
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(channel_items[0].news_date)
    for item in channel_items:
        values = item.text_for(language.code)[0].values
        url = absolute(base, language, item.url_path)
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = _text(values["title"])
        ET.SubElement(entry, "link").text = url
        ET.SubElement(entry, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(entry, "pubDate").text = _rfc822(item.news_date)
        ET.SubElement(entry, "description").text = _text(values["summary"])
    ET.indent(rss_el)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss_el, encoding="utf-8") + b"\n"
