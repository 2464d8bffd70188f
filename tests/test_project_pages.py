"""The pages drawn from data/ in the real site: the partners of data/consortium.yml on
the Consortium page, the results of data/results.yml on the Results page (with
"not recorded" for what the data does not hold, and no address it does not give),
and the results' export for the Project Results Platform."""

from __future__ import annotations

import csv
import html
import io
import json

import dissemination_report
from conftest import LANGUAGES, ROOT, copy_project
from kazdual.content import config, load, project_data
from kazdual.site.project_pages import partners_html, when
from kazdual.strings import strings_for
from record_pages import entries

DATA = project_data.load(ROOT, [lang.code for lang in LANGUAGES])
CONTENT = load(config.load(ROOT))


def test_the_data_is_read_without_a_finding():
    assert DATA.findings == []
    assert [p.key for p in DATA.partners][:1] == ["sku"] and len(DATA.partners) == 10


def test_the_consortium_page_lists_the_partners_of_the_data_in_their_order(built_site):
    for lang in LANGUAGES:
        page = (built_site / lang.prefix / "consortium" / "index.html").read_text("utf-8")
        names = [p.name[lang.code] + (f", {p.city[lang.code]}" if p.city else "") for p in DATA.partners]
        found = [chunk.split("</p>")[0] for chunk in page.split('<p class="kd-partners__name">')[1:]]
        assert [html.unescape(name) for name in found] == names
        assert partners_html(DATA, lang.code).count("<li>") == len(DATA.partners)


def test_the_results_page_shows_each_result_as_the_data_holds_it(built_site):
    for lang in LANGUAGES:
        strings = strings_for(lang.code)
        page = built_site / lang.prefix / "results" / "index.html"
        listed = entries(page)
        assert [title for title, _ in listed] == [
            (f"{r.code} — " if r.code else "") + r.title[lang.code] for r in DATA.results
        ]
        missing = strings["not_recorded"]
        facts = {result.key: found for result, (_, found) in zip(DATA.results, listed, strict=True)}
        strategy, sustainability = facts["dissemination-strategy"], facts["sustainability-strategy"]
        assert strategy[strings["results_access"]] == strings["results_public"]
        assert strategy[strings["results_work_package"]] == strings["results_work_package_number"].format(number=5)
        assert sustainability[strings["results_access"]] == missing  # the sources do not say
        assert sustainability[strings["results_work_package"]] == missing
        assert facts["pilot-accreditation"][strings["results_when"]] == strings["results_milestone"].format(
            milestone="M32"
        )
        for found in facts.values():  # no result is published here, and no address is invented
            assert found[strings["results_where"]] == strings["results_not_published"]
        accreditation = facts["primary-education-ict-accreditation"]
        item = next(i for i in CONTENT.items if i.name == "news/2023-09-11-flexible-model-dual-education")
        assert accreditation[strings["results_news"]] == item.texts[lang.code].values["title"]
        assert 'href="../news/flexible-model-dual-education/"' in page.read_text("utf-8")
        body = page.read_text("utf-8").split('<ul class="kd-record">', 1)[1]
        assert "http" not in body.split("</article>")[0]


def test_a_date_or_milestone_is_said_in_the_pages_language():
    piloting = next(r for r in DATA.results if r.key == "piloting-dual-programmes")
    assert [when(piloting, code, strings_for(code)) for code in ("kk", "ru", "en")] == [
        "2022–2023 оқу жылы",
        "2022–2023 учебный год",
        "2022–2023 academic year",
    ]


def test_the_results_export_for_the_platform_holds_only_what_the_data_holds(capsys):
    assert dissemination_report.main(["--results"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [row["key"] for row in rows] == [r.key for r in DATA.results]
    assert {row["url"] for row in rows} == {""}
    strategy = rows[0]
    assert (strategy["type"], strategy["work_package"], strategy["month"], strategy["public"]) == (
        "deliverable",
        "5",
        "3",
        "true",
    )
    assert rows[1]["public"] == "" and rows[1]["work_package"] == ""
    accredited = rows[-1]
    assert accredited["news_url_en"].endswith("/en/news/flexible-model-dual-education/")
    assert accredited["reported"] == "2023-09-11" and accredited["partner"] == "kaznpu"
    assert dissemination_report.main(["--results", "--format", "json"]) == 0
    assert [r["key"] for r in json.loads(capsys.readouterr().out)["results"]] == [r.key for r in DATA.results]


def test_results_are_written_as_csv_or_json_only(capsys):
    assert dissemination_report.main(["--results", "--format", "markdown"]) == 2
    assert "the results are written as csv or json" in capsys.readouterr().err


def test_a_site_without_results_says_nothing_of_them(tmp_path, capsys):
    root = copy_project(tmp_path / "site", with_news=False)  # without data/results.yml
    assert dissemination_report.main(["--root", str(root), "--results"]) == 0
    assert capsys.readouterr().out.lstrip("\ufeff").splitlines()[1:] == []
