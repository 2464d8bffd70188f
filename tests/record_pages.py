"""Reading what the build drew from data in tests: the tables of a page by caption,
its charts bar by bar, and its lists of facts (activities, results) entry by entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
_BLANKS = re.compile(r"[ \t\r\n]+")  # not the no-break spaces CLDR writes in dates and numbers


def _squeezed(chunks: list[str]) -> str:
    return _BLANKS.sub(" ", "".join(chunks)).strip()


class _Tables(HTMLParser):
    """Every <table> of a page as {caption: rows of cell texts, header row first}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.rows: list[list[str]] | None = None
        self.text: list[str] = []
        self.caption = ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("caption", "th", "td"):
            self.text = []

    def handle_data(self, data):
        self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "caption":
            self.caption = "".join(self.text).strip()
        elif tag in ("th", "td") and self.rows is not None:
            self.rows[-1].append(_squeezed(self.text))
        elif tag == "table":
            self.tables[self.caption] = self.rows
            self.rows = None


def tables(page: Path) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page.read_text("utf-8"))
    return parser.tables


@dataclass
class Part:
    text: str  # the number written inside, if it fits
    tooltip: str
    width: float
    approximate: bool  # drawn as a dashed outline


@dataclass
class Bar:
    label: str
    total: str
    parts: list[Part] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    svg: ET.Element
    bars: list[Bar]
    legend: list[tuple[str, bool]]  # label, approximate


def charts(page: Path) -> dict[str, Chart]:
    """Every chart of the page by its title; its SVG is parsed as the XML it must be."""
    found = {}
    for markup in re.findall(r"<svg[^>]*kd-chart__drawing.*?</svg>", page.read_text("utf-8"), re.S):
        svg = ET.fromstring(markup)
        bars = []
        for group in svg.iter(f"{SVG}g"):
            if group.get("class") != "kd-chart__bar":
                continue
            texts = [t for t in group if t.tag == f"{SVG}text"]
            bar = Bar(texts[0].text or "", texts[-1].text or "")
            for part in group.findall(f"{SVG}g"):
                rect = part.find(f"{SVG}rect")
                inside = part.find(f"{SVG}text")
                bar.parts.append(
                    Part(
                        inside.text if inside is not None else "",
                        part.findtext(f"{SVG}title") or "",
                        float(rect.get("width")),
                        rect.get("stroke-dasharray") is not None,
                    )
                )
            bars.append(bar)
        legend = [
            (key.findtext(f"{SVG}text") or "", key.find(f"{SVG}rect").get("stroke-dasharray") is not None)
            for key in svg.iter(f"{SVG}g")
            if key.get("class") == "kd-chart__key"
        ]
        title = svg.findtext(f"{SVG}title") or ""
        found[title] = Chart(title, svg, bars, legend)
    return found


class _Entries(HTMLParser):
    """The entries of every <ul class="kd-record">: (title, {label: value text})."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, dict[str, str]]] = []
        self.inside = 0
        self.text: list[str] = []
        self.label = ""
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and ("class", "kd-record") in attrs:
            self.inside = 1
        elif self.inside and tag == "li":
            self.entries.append(("", {}))
        elif self.inside and tag in ("h3", "dt", "dd"):
            self.text = []
        elif self.inside and tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_data(self, data):
        self.text.append(data)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        text = _squeezed(self.text)
        if tag == "ul":
            self.inside = 0
        elif tag == "h3":
            self.entries[-1] = (text, self.entries[-1][1])
        elif tag == "dt":
            self.label = text
        elif tag == "dd":
            self.entries[-1][1][self.label] = text


def entries(page: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Entries()
    parser.feed(page.read_text("utf-8"))
    return parser.entries
