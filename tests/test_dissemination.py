"""The Work Package 5 record of dissemination activities: the page in every language
(a real build of a small site) and scripts/dissemination_report.py (called as main([...]))."""

from __future__ import annotations

import csv
import datetime
import json
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

import dissemination_report
from conftest import LANGUAGES, build_ok, copy_project, empty_site
from kazdual.dates import event_dates, news_date
from kazdual.dissemination import replace_marker
from kazdual.strings import strings_for
from test_news import add_item

KAZAKH_TITLE = "Әріптестерге арналған дуалды оқыту семинары өтті"


def add_activities(project: Path) -> None:
    """Three activities (one with about 40 participants, one over five days), a news
    item that is no activity, and a draft activity."""
    add_item(project, "2021-03-01-kick-off", activity="meeting", place="Online", participants=12)
    add_item(
        project,
        "2022-05-10-seminar",
        title=KAZAKH_TITLE,
        activity="seminar",
        place="Өскемен",
        participants=40,
        participants_approximate="true",
    )
    add_item(
        project, "2022-11-20-study-visit", end_date="2022-11-24", activity="study-visit", place="Tyrol"
    )  # participants unknown
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
        about_40 = strings["approximately"].format(number=40)
        visit_dates = event_dates(datetime.date(2022, 11, 20), datetime.date(2022, 11, 24), lang.code)
        assert listed == [
            [strings[f"dissemination_{key}"] for key in ("date", "kind", "title", "place", "participants")],
            [visit_dates, labels["study-visit"], f"2022-11-20-study-visit {lang.code}", "Tyrol", ""],
            [news_date(datetime.date(2022, 5, 10), lang.code), labels["seminar"], KAZAKH_TITLE, "Өскемен", about_40],
            [
                news_date(datetime.date(2021, 3, 1), lang.code),
                labels["meeting"],
                f"2021-03-01-kick-off {lang.code}",
                "Online",
                "12",
            ],
        ]
        html = page.read_text("utf-8")
        for slug in ("study-visit", "seminar", "kick-off"):
            assert html.count(f'href="../news/{slug}/"') == 1
            assert (activity_site / lang.prefix / "news" / slug / "index.html").is_file()
        assert '<time datetime="2022-05-10">' in html
        assert "plain-news" not in html and "draft-visit" not in html


def test_an_approximate_part_makes_its_totals_approximate(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels, total = strings["activity"], strings["dissemination_total"]
        about = strings["approximately"]
        found = tables(activity_site / lang.prefix / "dissemination" / "index.html")
        assert found[strings["dissemination_by_year"]][1:] == [
            ["2021", "1", "12"],
            ["2022", "2", about.format(number=40)],
            [total, "3", about.format(number=52)],
        ]
        assert found[strings["dissemination_by_kind"]][1:] == [
            [labels["meeting"], "1", "12"],
            [labels["seminar"], "1", about.format(number=40)],
            [labels["study-visit"], "1", ""],
            [total, "3", about.format(number=52)],
        ]


def test_the_page_speaks_the_language_of_its_readers(activity_site):
    expected = {
        "kk": ("<td>Оқу сапары</td>", "шамамен 40", "2022\u202fж. 20–24 қараша"),
        "ru": ("<td>Учебный визит</td>", "около 40", "20–24 ноября 2022\u202fг."),
        "en": ("<td>Study visit</td>", "about 40", "20–24 November 2022"),
    }
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
    """The site's configuration and the news of `add_activities`: all the report reads."""
    root = empty_site(tmp_path / "site")
    add_activities(root)
    monkeypatch.delenv("SITE_URL", raising=False)
    return root


def report(capsys, site: Path, *args: str) -> tuple[int, str, str]:
    code = dissemination_report.main(["--root", str(site), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_for_a_period_includes_both_boundary_days(site, capsys):
    code, out, err = report(capsys, site, "--format", "json", "--from", "2022-05-10", "--to", "2022-11-20")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [
        (a["date"], a["end_date"], a["activity"], a["participants"], a["participants_approximate"])
        for a in data["activities"]
    ] == [
        ("2022-11-20", "2022-11-24", "study-visit", None, None),
        ("2022-05-10", None, "seminar", 40, True),
    ]
    assert data["totals"] == {
        "by_year": {"2022": {"activities": 2, "participants": 40, "participants_approximate": True}},
        "by_activity": {
            "seminar": {"activities": 1, "participants": 40, "participants_approximate": True},
            "study-visit": {"activities": 1, "participants": None, "participants_approximate": None},
        },
        "all": {"activities": 2, "participants": 40, "participants_approximate": True},
    }
    seminar = data["activities"][1]
    assert [seminar[f"title_{lang.code}"] for lang in LANGUAGES] == [KAZAKH_TITLE] * len(LANGUAGES)
    assert seminar["url_ru"] == "https://kazdual.github.io/ru/news/seminar/"
    assert seminar["url_kk"] == "https://kazdual.github.io/news/seminar/"


def test_report_period_ends_are_inclusive_only(site, capsys):
    _, out, _ = report(capsys, site, "--format", "json", "--from", "2022-05-11", "--to", "2022-11-19")
    assert json.loads(out)["activities"] == []
    assert json.loads(out)["totals"]["all"] == {"activities": 0, "participants": None, "participants_approximate": None}


def test_report_csv_round_trips_with_kazakh_text(site, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/kazdual/")
    output = tmp_path / "wp5.csv"
    code, out, err = report(capsys, site, "--output", str(output))
    assert (code, out, err) == (0, "", "")
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    header, *activities, empty, totals_header = lines[:6]
    assert header == ["date", "end_date", "activity", "participants", "participants_approximate"] + [
        f"{field}_{lang.code}" for field in ("place", "title", "url") for lang in LANGUAGES
    ]
    rows = [dict(zip(header, row, strict=True)) for row in activities]
    assert [
        (r["date"], r["end_date"], r["activity"], r["participants"], r["participants_approximate"]) for r in rows
    ] == [
        ("2022-11-20", "2022-11-24", "study-visit", "", ""),
        ("2022-05-10", "", "seminar", "40", "true"),
        ("2021-03-01", "", "meeting", "12", "false"),
    ]
    assert rows[1]["title_kk"] == KAZAKH_TITLE and rows[1]["place_kk"] == "Өскемен"
    assert rows[1]["url_en"] == "https://example.org/kazdual/en/news/seminar/"
    assert (empty, totals_header) == ([], ["total", "group", "activities", "participants", "participants_approximate"])
    assert lines[6:] == [
        ["year", "2021", "1", "12", "false"],
        ["year", "2022", "2", "40", "true"],
        ["activity", "meeting", "1", "12", "false"],
        ["activity", "seminar", "1", "40", "true"],
        ["activity", "study-visit", "1", "", ""],
        ["all", "", "3", "52", "true"],
    ]


def test_the_markdown_report_marks_approximate_numbers_and_ranges(site, capsys):
    _, out, _ = report(capsys, site, "--format", "markdown")
    assert "| 2022-11-20 – 2022-11-24 | study-visit |  |" in out
    assert "| 2022-05-10 | seminar | ≈40 |" in out
    assert out.splitlines()[-1] == "| all |  | 3 | ≈52 |"


def test_report_cells_never_become_formulas_or_break_a_table(site, capsys, tmp_path):
    add_item(
        site, "2022-02-02-tricky", activity="event", place="'=HYPERLINK(\"http://x\")'", title="'A | B [c](d) <b>'"
    )
    output = tmp_path / "wp5.csv"
    assert report(capsys, site, "--output", str(output))[0] == 0
    with output.open(encoding="utf-8-sig", newline="") as file:
        row = next(r for r in csv.reader(file) if r and r[0] == "2022-02-02")
    assert '\'=HYPERLINK("http://x")' in row
    _, out, _ = report(capsys, site, "--format", "markdown")
    line = next(row for row in out.splitlines() if row.startswith("| 2022-02-02"))
    assert line.count(" | ") == 5 and "A \\| B \\[c\\](d) &lt;b&gt;" in line


@pytest.mark.parametrize("kind", ["folder", "named pipe"])
def test_report_output_must_be_a_file(site, capsys, tmp_path, kind):
    """A named pipe (or /dev/stdout) was replaced by a plain file: the reader waiting on it
    got nothing, and run as root the report could take a device's place."""
    output = tmp_path / "wp5.csv"
    output.mkdir() if kind == "folder" else os.mkfifo(output)
    code, out, err = report(capsys, site, "--output", str(output))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: --output {output}: this is not a file: name a file, or leave --output out to print the report"
    ]
    assert output.is_dir() if kind == "folder" else stat.S_ISFIFO(output.lstat().st_mode)


def test_report_leaves_out_news_that_is_no_activity(tmp_path, capsys, monkeypatch):
    root = empty_site(tmp_path / "site")
    add_item(root, "2022-01-10-plain-news")
    code, out, err = report(capsys, root, "--format", "markdown")
    assert (code, err) == (0, "")
    assert "plain-news" not in out
    assert out.splitlines()[-1] == "| all |  | 0 |  |"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2022-02-30"], "argument --from: '2022-02-30' is not a date: write it as YYYY-MM-DD"),
        (["--to", "20220101"], "argument --to: '20220101' is not a date"),
        (
            ["--from", "2023-01-01", "--to", "2022-12-31"],
            "error: the period is reversed: --from 2023-01-01 is after --to 2022-12-31",
        ),
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
    assert "news/2023-01-05-x/index.kk.md:5: activity must be one of meeting," in err.splitlines()[1]
    assert "Traceback" not in err
