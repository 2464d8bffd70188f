"""The Work Package 5 record of dissemination activities: the page in every language
(a real build of a small site: charts, their tables, each activity) and
scripts/dissemination_report.py (called as main([...]))."""

from __future__ import annotations

import csv
import datetime
import json
import os
import stat
from pathlib import Path

import pytest

import dissemination_report
from conftest import LANGUAGES, build_ok, copy_project, empty_site
from kazdual.content import project_data
from kazdual.content.reach import AUDIENCES
from kazdual.dates import event_dates, news_date
from kazdual.numbers import number
from kazdual.site.dissemination_page import replace_marker
from kazdual.strings import strings_for
from record_pages import charts, entries, tables
from test_news import add_item

KAZAKH_TITLE = "Әріптестерге арналған дуалды оқыту семинары өтті"


def add_activities(project: Path) -> None:
    """Three activities (one with about 40 participants, one over five days), a news
    item that is no activity, and a draft activity."""
    add_item(
        project,
        "2021-03-01-kick-off",
        activity="meeting",
        place="Online",
        participants=12,
        audiences="[students, employers]",
        scope="national",
        organiser="kaznpu",
        channel="event",
    )
    add_item(
        project,
        "2022-05-10-seminar",
        title=KAZAKH_TITLE,
        activity="seminar",
        place="Өскемен",
        participants=40,
        participants_approximate="true",
        audiences="[employers]",
        scope="international",
        channel="online",
    )
    add_item(
        project, "2022-11-20-study-visit", end_date="2022-11-24", activity="study-visit", place="Tyrol"
    )  # participants unknown, and whom it reached
    add_item(project, "2023-01-05-plain-news")
    add_item(project, "2023-06-01-draft-visit", activity="visit", participants=99, draft="true")


def page_of(site: Path, lang) -> Path:
    return site / lang.prefix / "dissemination" / "index.html"


@pytest.fixture(scope="module")
def activity_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("activities") / "project", with_news=False)
    add_activities(project)
    return build_ok(project)


def test_each_activity_shows_what_the_record_holds_and_says_what_it_does_not(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels, missing = strings["activity"], strings["not_recorded"]
        listed = entries(page_of(activity_site, lang))
        assert [title for title, _ in listed] == [
            f"2022-11-20-study-visit {lang.code}",
            KAZAKH_TITLE,
            f"2021-03-01-kick-off {lang.code}",
        ]
        visit, seminar, kick_off = (facts for _, facts in listed)
        key = {name: strings[f"dissemination_{name}"] for name in ("date", "kind", "place", "participants")}
        key |= {name: strings[f"dissemination_{name}"] for name in ("audiences", "scope", "organiser", "channel")}
        evidence = strings["dissemination_evidence"]
        assert visit == {
            key["date"]: event_dates(datetime.date(2022, 11, 20), datetime.date(2022, 11, 24), lang.code),
            key["kind"]: labels["study-visit"],
            key["place"]: "Tyrol",
            key["participants"]: missing,
            key["audiences"]: missing,
            key["scope"]: missing,
            key["organiser"]: missing,
            key["channel"]: missing,
            evidence: strings["dissemination_evidence_news"],
        }
        assert seminar[key["participants"]] == strings["approximately"].format(number=40)
        assert seminar[key["audiences"]] == strings["audience"]["employers"]
        assert seminar[key["organiser"]] == missing
        assert kick_off[key["date"]] == news_date(datetime.date(2021, 3, 1), lang.code)
        assert kick_off[key["audiences"]] == f"{strings['audience']['students']}, {strings['audience']['employers']}"
        assert kick_off[key["scope"]] == strings["scope"]["national"]
        assert kick_off[key["channel"]] == strings["channel"]["event"]
        partners = project_data.load(activity_site.parent, [lang.code for lang in LANGUAGES]).partners
        assert kick_off[key["organiser"]] == next(p for p in partners if p.key == "kaznpu").name[lang.code]
        html = page_of(activity_site, lang).read_text("utf-8")
        for slug in ("study-visit", "seminar", "kick-off"):
            assert html.count(f'href="../news/{slug}/"') == 1
            assert (activity_site / lang.prefix / "news" / slug / "index.html").is_file()
        assert '<time datetime="2022-05-10">' in html
        assert "plain-news" not in html and "draft-visit" not in html


def test_the_charts_show_the_numbers_of_their_tables(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels, about = strings["activity"], strings["approximately"]
        page = page_of(activity_site, lang)
        found, drawn = tables(page), charts(page)
        kinds_title = strings["dissemination_by_year_kind"]
        assert found[kinds_title] == [
            [strings["dissemination_kind"], "2021", "2022", strings["dissemination_total"]],
            [labels["meeting"], "1", "0", "1"],
            [labels["seminar"], "0", "1", "1"],
            [labels["study-visit"], "0", "1", "1"],
            [strings["dissemination_total"], "1", "2", "3"],
        ]
        kinds = drawn[kinds_title]
        assert [(bar.label, bar.total) for bar in kinds.bars] == [("2021", "1"), ("2022", "2")]
        assert [row[-1] for row in found[kinds_title][1:-1]] == [
            str(sum(1 for bar in kinds.bars for part in bar.parts if label in part.tooltip))
            for label in (labels["meeting"], labels["seminar"], labels["study-visit"])
        ]
        assert [label for label, _ in kinds.legend] == [labels["meeting"], labels["seminar"], labels["study-visit"]]

        people_title = strings["dissemination_participants_by_year"]
        people = drawn[people_title]
        assert found[people_title][1:] == [
            ["2021", "12", "—", "12"],
            ["2022", "—", about.format(number=40), about.format(number=40)],
            [strings["dissemination_total"], "12", about.format(number=40), about.format(number=52)],
        ]
        assert [(bar.label, bar.total) for bar in people.bars] == [
            (row[0], row[3]) for row in found[people_title][1:-1]
        ]
        seminar_year = people.bars[1]
        assert [(part.text, part.approximate) for part in seminar_year.parts] == [(about.format(number=40), True)]
        assert [(part.text, part.approximate) for part in people.bars[0].parts] == [("12", False)]
        assert people.legend == [(strings["dissemination_exact"], False), (strings["dissemination_approximate"], True)]

        audiences_title = strings["dissemination_audiences_reached"]
        audiences = drawn[audiences_title]
        reached = {"students": "1", "employers": "2"}
        expected = [[strings["audience"][word], reached.get(word, "0")] for word in AUDIENCES]
        assert found[audiences_title][1:-1] == expected
        assert found[audiences_title][-1][1] == "1"  # the study visit says nothing about them
        assert [[bar.label, bar.total] for bar in audiences.bars] == found[audiences_title][1:]
        # Bars are as long as their numbers.
        widths = {bar.label: sum(p.width for p in bar.parts) for bar in audiences.bars}
        assert widths[strings["audience"]["employers"]] == pytest.approx(2 * widths[strings["audience"]["students"]])


def test_an_approximate_part_makes_its_totals_approximate(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        labels, total, about = strings["activity"], strings["dissemination_total"], strings["approximately"]
        found = tables(page_of(activity_site, lang))
        missing = strings["not_recorded"]
        assert found[strings["dissemination_by_kind"]][1:] == [
            [labels["meeting"], "1", "12"],
            [labels["seminar"], "1", about.format(number=40)],
            [labels["study-visit"], "1", missing],
            [total, "3", about.format(number=52)],
        ]
        # 52 is never shown as if it were exact.
        assert ">52<" not in page_of(activity_site, lang).read_text("utf-8")


def test_the_page_speaks_the_language_of_its_readers(activity_site):
    expected = {
        "kk": ("Оқу сапары", "шамамен 40", "2022\u202fж. 20–24 қараша", "көрсетілмеген"),
        "ru": ("Учебный визит", "около 40", "20–24 ноября 2022\u202fг.", "нет данных"),
        "en": ("Study visit", "about 40", "20–24 November 2022", "not recorded"),
    }
    for lang in LANGUAGES:
        html = page_of(activity_site, lang).read_text("utf-8")
        assert all(text in html for text in expected[lang.code])
        assert html.count("<caption") == 4  # three beside the charts, one of the totals by type
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="kd-chart__drawing"') == 3


def test_numbers_are_written_as_the_language_writes_them():
    assert [number(12500, code) for code in ("kk", "ru", "en")] == ["12\xa0500", "12\xa0500", "12,500"]


def test_without_targets_the_page_says_none_are_recorded(activity_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        html = page_of(activity_site, lang).read_text("utf-8")
        assert strings["dissemination_no_targets"] in html
        assert strings["dissemination_targets"] not in tables(page_of(activity_site, lang))


def test_with_targets_the_page_shows_progress_towards_each(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    add_activities(project)
    (project / "data" / "targets.yml").write_text(
        "targets:\n"
        "  - measure: activities\n    target: 4\n"
        "  - measure: participants\n    target: 100\n"
        "  - measure: activities\n    target: 2\n    audience: employers\n    scope: international\n",
        "utf-8",
    )
    site = build_ok(project)
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        about = strings["approximately"]
        progress = tables(page_of(site, lang))[strings["dissemination_targets"]]
        measure = strings["target_measure"]
        filtered = f"{measure['activities']} — {strings['scope']['international']}, {strings['audience']['employers']}"
        share = {"kk": "75%", "ru": "75\xa0%", "en": "75%"}[lang.code]
        assert progress[1:] == [
            [measure["activities"], "3", "4", share],
            [measure["participants"], about.format(number=52), "100", about.format(number=share.replace("75", "52"))],
            [filtered, "1", "2", share.replace("75", "50")],
        ]
        assert strings["dissemination_no_targets"] not in page_of(site, lang).read_text("utf-8")


def test_a_page_without_the_marker_is_left_alone():
    markdown = "# About\n\nNo table here.\n"
    from kazdual.content.project_data import ProjectData

    assert replace_marker(markdown, [], ProjectData(), "en", strings_for("en"), "about/") == (markdown, {})
    quoted = "The marker is `<!-- dissemination-table -->`:\n\n    <!-- dissemination-table -->\n"
    assert replace_marker(quoted, [], ProjectData(), "en", strings_for("en"), "about/") == (quoted, {})


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


NO_PARTICIPANTS = {"activities": 0, "participants": None, "participants_approximate": None}


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
    seminar_total = {"activities": 1, "participants": 40, "participants_approximate": True}
    totals = data["totals"]
    assert totals["by_year"] == {"2022": {"activities": 2, "participants": 40, "participants_approximate": True}}
    assert totals["by_activity"] == {
        "seminar": seminar_total,
        "study-visit": {"activities": 1, "participants": None, "participants_approximate": None},
    }
    assert totals["by_audience"] == {
        word: seminar_total if word == "employers" else NO_PARTICIPANTS for word in AUDIENCES
    }
    assert totals["by_scope"] == {"local": NO_PARTICIPANTS, "national": NO_PARTICIPANTS, "international": seminar_total}
    assert totals["by_channel"] == {"event": NO_PARTICIPANTS, "online": seminar_total, "media": NO_PARTICIPANTS}
    assert totals["by_organiser"] == {}
    assert totals["all"] == {"activities": 2, "participants": 40, "participants_approximate": True}
    assert data["not_recorded"] == {"participants": 1, "audiences": 1, "scope": 1, "organiser": 2, "channel": 1}
    visit, seminar = data["activities"]
    assert [seminar[f"title_{lang.code}"] for lang in LANGUAGES] == [KAZAKH_TITLE] * len(LANGUAGES)
    assert seminar["url_ru"] == "https://kazdual.github.io/ru/news/seminar/"
    assert seminar["url_kk"] == "https://kazdual.github.io/news/seminar/"
    assert (seminar["audiences"], seminar["scope"], seminar["channel"], seminar["organiser"]) == (
        ["employers"],
        "international",
        "online",
        None,
    )
    assert (visit["audiences"], visit["scope"], visit["channel"], visit["photos"]) == ([], None, None, [])


def test_report_period_ends_are_inclusive_only(site, capsys):
    _, out, _ = report(capsys, site, "--format", "json", "--from", "2022-05-11", "--to", "2022-11-19")
    assert json.loads(out)["activities"] == []
    assert json.loads(out)["totals"]["all"] == NO_PARTICIPANTS


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_report_csv_round_trips_with_kazakh_text(site, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/kazdual/")
    output = tmp_path / "wp5.csv"
    code, out, err = report(capsys, site, "--output", str(output))
    assert (code, out, err) == (0, "", "")
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    lines = read_csv(output)
    header, *activities, empty, totals_header = lines[:6]
    assert header == [
        "date",
        "end_date",
        "activity",
        "participants",
        "participants_approximate",
        "audiences",
        "scope",
        "organiser",
        "channel",
        "photos",
    ] + [
        f"{field}_{lang.code}"
        for field in ("place", "title", "url", "organiser_name", "attendance_note")
        for lang in LANGUAGES
    ]
    rows = [dict(zip(header, row, strict=True)) for row in activities]
    assert [
        (r["date"], r["end_date"], r["activity"], r["participants"], r["participants_approximate"]) for r in rows
    ] == [
        ("2022-11-20", "2022-11-24", "study-visit", "", ""),
        ("2022-05-10", "", "seminar", "40", "true"),
        ("2021-03-01", "", "meeting", "12", "false"),
    ]
    assert [(r["audiences"], r["scope"], r["organiser"], r["channel"]) for r in rows] == [
        ("", "", "", ""),
        ("employers", "international", "", "online"),
        ("students;employers", "national", "kaznpu", "event"),
    ]
    assert rows[2]["organiser_name_en"] == "Abai Kazakh National Pedagogical University (Abai KazNPU)"
    assert rows[1]["title_kk"] == KAZAKH_TITLE and rows[1]["place_kk"] == "Өскемен"
    assert rows[1]["url_en"] == "https://example.org/kazdual/en/news/seminar/"
    assert (empty, totals_header) == ([], ["total", "group", "activities", "participants", "participants_approximate"])
    totals = lines[6:]
    assert [row for row in totals if row[0] in ("year", "activity", "all")] == [
        ["year", "2021", "1", "12", "false"],
        ["year", "2022", "2", "40", "true"],
        ["activity", "meeting", "1", "12", "false"],
        ["activity", "seminar", "1", "40", "true"],
        ["activity", "study-visit", "1", "", ""],
        ["all", "", "3", "52", "true"],
    ]
    assert [row for row in totals if row[0] == "audience"] == [
        [
            "audience",
            word,
            *{"students": ["1", "12", "false"], "employers": ["2", "52", "true"]}.get(word, ["0", "", ""]),
        ]
        for word in AUDIENCES
    ]
    assert ["organiser", "kaznpu", "1", "12", "false"] in totals
    assert [row for row in totals if row[0] == "not-recorded"] == [
        ["not-recorded", key, count, "", ""]
        for key, count in (
            ("participants", "1"),
            ("audiences", "1"),
            ("scope", "1"),
            ("organiser", "2"),
            ("channel", "1"),
        )
    ]


def test_the_charts_numbers_are_the_reports_numbers(activity_site, capsys, tmp_path):
    """The page and the CSV are made from the same sources: what the charts say, the CSV says."""
    output = tmp_path / "wp5.csv"
    assert dissemination_report.main(["--root", str(activity_site.parent), "--output", str(output)]) == 0
    totals = {(row[0], row[1]): row[2:] for row in read_csv(output) if len(row) == 5 and row[0] != "total"}
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        about = strings["approximately"]
        drawn = charts(page_of(activity_site, lang))
        kinds = drawn[strings["dissemination_by_year_kind"]]
        assert {bar.label: bar.total for bar in kinds.bars} == {
            year: values[0] for (group, year), values in totals.items() if group == "year"
        }
        people = drawn[strings["dissemination_participants_by_year"]]
        assert {bar.label: bar.total for bar in people.bars} == {
            year: about.format(number=count) if approximate == "true" else count or strings["not_recorded"]
            for (group, year), (_, count, approximate) in totals.items()
            if group == "year"
        }
        audiences = drawn[strings["dissemination_audiences_reached"]]
        assert [bar.total for bar in audiences.bars[:-1]] == [totals[("audience", word)][0] for word in AUDIENCES]
        assert audiences.bars[-1].total == totals[("not-recorded", "audiences")][0]


def test_the_markdown_report_marks_approximate_numbers_and_ranges(site, capsys):
    _, out, _ = report(capsys, site, "--format", "markdown")
    assert "| 2022-11-20 – 2022-11-24 | study-visit |  |  |  |  |  |" in out
    assert "| 2022-05-10 | seminar | ≈40 | employers | international |  | online |" in out
    assert "| 2021-03-01 | meeting | 12 | students, employers | national | kaznpu | event |" in out
    assert out.splitlines()[-1] == "| all |  | 3 | ≈52 |"


def test_report_cells_never_become_formulas_or_break_a_table(site, capsys, tmp_path):
    add_item(
        site, "2022-02-02-tricky", activity="event", place="'=HYPERLINK(\"http://x\")'", title="'A | B [c](d) <b>'"
    )
    output = tmp_path / "wp5.csv"
    assert report(capsys, site, "--output", str(output))[0] == 0
    row = next(r for r in read_csv(output) if r and r[0] == "2022-02-02")
    assert '\'=HYPERLINK("http://x")' in row
    _, out, _ = report(capsys, site, "--format", "markdown")
    line = next(row for row in out.splitlines() if row.startswith("| 2022-02-02"))
    assert line.count(" | ") == 9 and "A \\| B \\[c\\](d) &lt;b&gt;" in line


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


def test_a_title_or_place_stays_text_in_the_record(tmp_path):
    project = copy_project(tmp_path / "project", with_news=False)
    title, place = '<script>alert(1)</script> & "x"', "<img src=x onerror=alert(1)>"
    add_item(project, "2024-01-15-visit", title=json.dumps(title), activity="visit", place=json.dumps(place))
    site = build_ok(project)
    for lang in LANGUAGES:
        page = page_of(site, lang)
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        ((shown, facts),) = entries(page)
        assert (shown, facts[strings_for(lang.code)["dissemination_place"]]) == (title, place)
