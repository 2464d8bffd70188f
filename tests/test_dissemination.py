"""The Work Package 5 record of dissemination activities: the page in every language
(a real build of a small site) and scripts/dissemination_report.py (called as main([...]))."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import dissemination_report
from conftest import LANGUAGES, ROOT, build_ok, copy_project
from kazdual.dates import news_date
from kazdual.dissemination import replace_marker
from kazdual.strings import strings_for
from test_news import add_item

KAZAKH_TITLE = "Әріптестерге арналған дуалды оқыту семинары өтті"


def add_activities(project: Path) -> None:
    """Three activities, a news item that is no activity, and a draft activity."""
    add_item(project, "2021-03-01-kick-off", activity="meeting", place="Online", participants=12)
    add_item(project, "2022-05-10-seminar", title=KAZAKH_TITLE, activity="seminar", place="Өскемен", participants=40)
    add_item(project, "2022-11-20-study-visit", activity="visit", place="Tyrol")  # participants unknown
    add_item(project, "2023-01-05-plain-news")
    add_item(project, "2023-06-01-draft-visit", activity="visit", participants=99, draft="true")


class _Tables(HTMLParser):
    """Every <table> of a page as {caption: rows of cell texts, header row first}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.rows: list[list[str]] | None = None
        self.text: list[str] = []

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
            self.rows[-1].append("".join(self.text).strip())
        elif tag == "table":
            self.tables[self.caption] = self.rows
            self.rows = None


def tables(page: Path) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page.read_text("utf-8"))
    return parser.tables


@pytest.fixture(scope="module")
def activity_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("activities") / "project", with_news=False)
    add_activities(project)
    return build_ok(project)


def test_the_page_lists_every_activity_once_per_language_newest_first(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels = strings["activity"]
        page = activity_site / lang.prefix / "dissemination" / "index.html"
        listed = tables(page)[strings["dissemination_list"]]
        assert listed == [
            [strings[f"dissemination_{key}"] for key in ("date", "kind", "title", "place", "participants")],
            [news_date(datetime.date(2022, 11, 20), lang.code), labels["visit"], f"2022-11-20-study-visit {lang.code}", "Tyrol", ""],
            [news_date(datetime.date(2022, 5, 10), lang.code), labels["seminar"], KAZAKH_TITLE, "Өскемен", "40"],
            [news_date(datetime.date(2021, 3, 1), lang.code), labels["meeting"], f"2021-03-01-kick-off {lang.code}", "Online", "12"],
        ]
        html = page.read_text("utf-8")
        for slug in ("study-visit", "seminar", "kick-off"):
            assert html.count(f'href="../news/{slug}/"') == 1
            assert (activity_site / lang.prefix / "news" / slug / "index.html").is_file()
        assert '<time datetime="2022-05-10">' in html
        assert "plain-news" not in html and "draft-visit" not in html


def test_the_page_totals_per_year_and_kind(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels, total = strings["activity"], strings["dissemination_total"]
        found = tables(activity_site / lang.prefix / "dissemination" / "index.html")
        assert found[strings["dissemination_by_year"]][1:] == [["2021", "1", "12"], ["2022", "2", "40"], [total, "3", "52"]]
        assert found[strings["dissemination_by_kind"]][1:] == [
            [labels["meeting"], "1", "12"], [labels["seminar"], "1", "40"], [labels["visit"], "1", ""], [total, "3", "52"],
        ]


def test_the_page_speaks_the_language_of_its_readers(activity_site):
    expected = {"kk": ("<td>Сапар</td>", "20 қараша 2022"), "ru": ("<td>Визит</td>", "20 ноября 2022"), "en": ("<td>Visit</td>", "20 November 2022")}
    for lang in LANGUAGES:
        html = (activity_site / lang.prefix / "dissemination" / "index.html").read_text("utf-8")
        assert all(text in html for text in expected[lang.code])
        assert html.count('<th scope="col">') == 5 + 3 + 3
        assert html.count("<caption>") == 3


def test_a_page_without_the_marker_is_left_alone():
    markdown = "# About\n\nNo table here.\n"
    assert replace_marker(markdown, [], "en", strings_for("en"), "about/") is markdown


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """mkdocs.yml and the news of `add_activities`: all the report reads."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    add_activities(tmp_path)
    monkeypatch.delenv("SITE_URL", raising=False)
    return tmp_path


def report(capsys, site: Path, *args: str) -> tuple[int, str, str]:
    code = dissemination_report.main(["--root", str(site), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_for_a_period_includes_both_boundary_days(site, capsys):
    code, out, err = report(capsys, site, "--format", "json", "--from", "2022-05-10", "--to", "2022-11-20")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(a["date"], a["activity"], a["participants"]) for a in data["activities"]] == [
        ("2022-11-20", "visit", None), ("2022-05-10", "seminar", 40),
    ]
    assert data["totals"] == {
        "by_year": {"2022": {"activities": 2, "participants": 40}},
        "by_activity": {"seminar": {"activities": 1, "participants": 40}, "visit": {"activities": 1, "participants": None}},
        "all": {"activities": 2, "participants": 40},
    }
    seminar = data["activities"][1]
    assert [seminar[f"title_{lang.code}"] for lang in LANGUAGES] == [KAZAKH_TITLE] * len(LANGUAGES)
    assert seminar["url_ru"] == "https://kazdual.github.io/ru/news/seminar/"
    assert seminar["url_kk"] == "https://kazdual.github.io/news/seminar/"


def test_report_period_ends_are_inclusive_only(site, capsys):
    _, out, _ = report(capsys, site, "--format", "json", "--from", "2022-05-11", "--to", "2022-11-19")
    assert json.loads(out)["activities"] == []
    assert json.loads(out)["totals"]["all"] == {"activities": 0, "participants": None}


def test_report_csv_round_trips_with_kazakh_text(site, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/kazdual/")
    output = tmp_path / "wp5.csv"
    code, out, err = report(capsys, site, "--output", str(output))
    assert (code, out, err) == (0, "", "")
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    header, *activities, empty, totals_header = lines[:6]
    assert header == ["date", "activity", "participants"] + [
        f"{field}_{lang.code}" for field in ("place", "title", "url") for lang in LANGUAGES
    ]
    rows = [dict(zip(header, row)) for row in activities]
    assert [(r["date"], r["activity"], r["participants"]) for r in rows] == [
        ("2022-11-20", "visit", ""), ("2022-05-10", "seminar", "40"), ("2021-03-01", "meeting", "12"),
    ]
    assert rows[1]["title_kk"] == KAZAKH_TITLE and rows[1]["place_kk"] == "Өскемен"
    assert rows[1]["url_en"] == "https://example.org/kazdual/en/news/seminar/"
    assert (empty, totals_header) == ([], ["total", "group", "activities", "participants"])
    assert lines[6:] == [
        ["year", "2021", "1", "12"], ["year", "2022", "2", "40"],
        ["activity", "meeting", "1", "12"], ["activity", "seminar", "1", "40"], ["activity", "visit", "1", ""],
        ["all", "", "3", "52"],
    ]


def test_report_leaves_out_news_that_is_no_activity(tmp_path, capsys, monkeypatch):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    add_item(tmp_path, "2022-01-10-plain-news")
    code, out, err = report(capsys, tmp_path, "--format", "markdown")
    assert (code, err) == (0, "")
    assert "plain-news" not in out
    assert out.splitlines()[-1] == "| all |  | 0 |  |"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2022-02-30"], "argument --from: '2022-02-30' is not a date: write it as YYYY-MM-DD"),
        (["--to", "20220101"], "argument --to: '20220101' is not a date"),
        (["--from", "2023-01-01", "--to", "2022-12-31"], "error: the period is reversed: --from 2023-01-01 is after --to 2022-12-31"),
    ],
)
def test_bad_dates_are_bad_usage(site, capsys, args, message):
    code, out, err = report(capsys, site, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_bad_news_is_listed_as_path_line_message(site, capsys):
    add_item(site, "2023-01-05-x", activity="party")
    code, out, err = report(capsys, site)
    assert (code, out) == (1, "")
    assert err.startswith("news/2023-01-05-x/index.kk.md:5: 'activity'")
    assert "Traceback" not in err
