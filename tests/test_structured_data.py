"""schema.org JSON-LD on every news item: it parses, it has what search engines
require of a NewsArticle and of an Event, every property it uses is one the
vocabulary defines for its type, it names the funder, and no title can break out
of its <script> element."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import LANGUAGES, ROOT, build_ok, copy_project, site_address
from kazdual.content import config, load
from kazdual.site.structured_data import PROJECT_NUMBER
from kazdual.strings import strings_for
from test_news import add_item

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# The properties schema.org defines for each type used here (schema.org, version 29: each
# type's own and those it inherits from CreativeWork, Event, Place and Thing), as far as used.
DEFINED = {
    "NewsArticle": {
        "@type", "@id", "headline", "description", "datePublished", "inLanguage", "url", "mainEntityOfPage",
        "author", "publisher", "funder", "funding", "image", "about",
    },
    "Event": {
        "@type", "@id", "name", "description", "startDate", "endDate", "location", "inLanguage", "url", "funder",
        "funding", "eventAttendanceMode", "organizer", "image",
    },
    "Place": {"@type", "name"},
    "VirtualLocation": {"@type", "name"},
    "Organization": {"@type", "name", "url"},
    "GovernmentOrganization": {"@type", "name"},
    "Grant": {"@type", "name", "identifier", "funder"},
}  # fmt: skip
# What search engines require (Google's Article and Event documentation) and what they recommend.
REQUIRED = {"NewsArticle": {"headline", "datePublished"}, "Event": {"name", "startDate", "location"}}
RECOMMENDED = {"NewsArticle": {"author", "publisher", "description"}, "Event": {"endDate", "description"}}


def graph(page: Path) -> list[dict]:
    found = LD_JSON.findall(page.read_text("utf-8"))
    assert len(found) == 1, page
    data = json.loads(found[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def nodes(value):
    """Every object of the graph, nested ones included."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from nodes(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from nodes(inner)


def test_every_news_item_describes_itself_with_the_vocabulary(built_site):
    news = load(config.load(ROOT)).news(drafts=False)
    assert news
    for item in news:
        for lang in LANGUAGES:
            strings = strings_for(lang.code)
            url = f"{site_address()}{lang.prefix}{item.url_path}"
            found = graph(built_site / lang.prefix / item.url_path / "index.html")
            for node in nodes(found):
                if "@type" in node:
                    assert set(node) <= DEFINED[node["@type"]], (
                        item.name,
                        node["@type"],
                        set(node) - DEFINED[node["@type"]],
                    )
            by_type = {node["@type"]: node for node in found}
            article = by_type["NewsArticle"]
            assert REQUIRED["NewsArticle"] | RECOMMENDED["NewsArticle"] <= set(article)
            values = item.texts[lang.code].values
            assert (article["headline"], article["description"]) == (values["title"], values["summary"])
            assert (article["datePublished"], article["inLanguage"], article["url"]) == (
                item.date.isoformat(),
                lang.code,
                url,
            )
            assert article["funder"]["name"] == strings["eu_name"]
            assert article["funding"]["identifier"] == PROJECT_NUMBER
            assert article["funding"]["funder"]["name"] == strings["eu_name"]
            event = by_type.get("Event")
            is_event = bool(values.get("place")) or item.value("channel") == "online"
            assert (event is not None) == is_event, item.name
            if event is None:
                continue
            assert REQUIRED["Event"] | RECOMMENDED["Event"] <= set(event)
            assert event["startDate"] == item.date.isoformat()
            assert event["endDate"] == (item.value("end_date") or item.date).isoformat()
            assert event["location"]["name"] == values.get("place", strings["online"])
            assert article["about"] == {"@id": event["@id"]}
            mode = {"online": "Online", "event": "Offline"}.get(item.value("channel"))
            assert event.get("eventAttendanceMode") == (mode and f"https://schema.org/{mode}EventAttendanceMode")


def test_the_seminar_names_its_organiser_and_was_online(built_site):
    found = graph(built_site / "en" / "news" / "online-seminar-dual-model" / "index.html")
    event = next(node for node in found if node["@type"] == "Event")
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Abai Kazakh National Pedagogical University (Abai KazNPU)",
    }
    assert event["location"]["@type"] == "VirtualLocation"


HOSTILE = '</script><script>alert(1)</script> <!-- & "quotes" </SCRIPT >'


def test_no_title_breaks_out_of_the_data(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    add_item(project, "2024-01-15-visit", title=json.dumps(HOSTILE), activity="visit", place=json.dumps(HOSTILE))
    site = build_ok(project)
    for lang in LANGUAGES:
        page = site / lang.prefix / "news" / "visit" / "index.html"
        html = page.read_text("utf-8")
        assert "<script>alert(1)" not in html and "</SCRIPT >" not in html
        assert html.count("<script") == 1  # the data, and no script a title made
        found = {node["@type"]: node for node in graph(page)}
        assert found["NewsArticle"]["headline"] == HOSTILE
        assert found["Event"]["location"]["name"] == HOSTILE
