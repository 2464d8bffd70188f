"""What a news item says about the activity it reports (audiences, scope, organiser,
channel, attendance note) and the project's data files (partners, results,
targets), judged by the content model: good values are taken, a wrong one is told
in an editor's words at its `path:line`, an incomplete activity is an advisory
finding, and the check and the build agree."""

from __future__ import annotations

import json
import os

import pytest

import check_translations
from conftest import LANGUAGES, build, empty_site
from kazdual.content import config, load, reach
from test_news import add_item

TEXTS = "{kk: a, ru: b, en: c}"
RESULT = f"results:\n  - key: x\n    title: {TEXTS}\n    type: deliverable\n"
PARTNERS = "sku, magdeburg, ttk, ph-tirol, acquin, ceenqa, kaznpu, buketov, shakarim, ministry"


def findings(root, capsys) -> list[dict]:
    check_translations.main(["--root", str(root), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def said(root, capsys, path: str = "") -> list[str]:
    return [f"{f['path']}:{f['line']}: {f['message']}" for f in findings(root, capsys) if f["path"].startswith(path)]


@pytest.fixture
def site(tmp_path):
    return empty_site(tmp_path / "site")


def test_good_values_reach_the_record(site, capsys):
    add_item(
        site,
        "2024-01-15-seminar",
        activity="seminar",
        audiences="[employers, students]",
        scope="national",
        organiser="kaznpu",
        channel="online",
    )
    assert [f for f in findings(site, capsys) if f["blocking"]] == []
    item = next(i for i in load(config.load(site)).items if i.kind == "news item")
    assert item.value("audiences") == ["students", "employers"]  # in the vocabulary's order, in every translation
    assert (item.value("scope"), item.value("organiser"), item.value("channel")) == ("national", "kaznpu", "online")


@pytest.mark.parametrize(
    "meta, message",
    [
        (
            {"audiences": "students"},
            "audiences must be a list, one word per line starting with '- ', such as '- students', not 'students'",
        ),
        (
            {"audiences": "[teachers]"},
            "audiences may list only " + ", ".join(reach.AUDIENCES) + ", not 'teachers'",
        ),
        ({"audiences": "[students, students]"}, "audiences names 'students' twice: keep it once"),
        ({"audiences": "[]"}, "audiences is an empty list: remove the key, or add entries"),
        ({"scope": "global"}, "scope must be one of local, national, international, not 'global'"),
        ({"channel": "tv"}, "channel must be one of event, online, media, not 'tv'"),
        (
            {"organiser": "Abai KazNPU"},
            "organiser must be a partner's short name from data/consortium.yml, such as kaznpu, not 'Abai KazNPU'",
        ),
        (
            {"organiser": "kaznpu2"},
            f"organiser 'kaznpu2' is not a partner in data/consortium.yml: write one of {PARTNERS},"
            " or add the partner there",
        ),
    ],
)
def test_a_wrong_value_is_told_in_an_editors_words(site, capsys, meta, message):
    add_item(site, "2024-01-15-seminar", activity="seminar", **meta)
    for lang in LANGUAGES:
        assert f"news/2024-01-15-seminar/index.{lang.code}.md:6: {message}" in said(site, capsys)


def test_the_words_of_an_activity_need_the_activity(site, capsys):
    add_item(site, "2024-01-15-news", scope="national")
    assert "news/2024-01-15-news/index.kk.md:5: scope goes with activity: add activity, or remove scope" in said(
        site, capsys
    )


def test_audiences_must_agree_across_translations_whatever_their_order(site, capsys):
    add_item(site, "2024-01-15-seminar", ["kk", "ru"], activity="seminar", audiences="[students, employers]")
    add_item(site, "2024-01-15-seminar", ["en"], activity="seminar", audiences="[employers]")
    mismatches = [f for f in findings(site, capsys) if f["kind"] == "mismatch"]
    assert [f"{f['path']}:{f['line']}: {f['message']}" for f in mismatches] == [
        "news/2024-01-15-seminar/index.en.md:6: audiences is 'employers' here but 'students, employers' in"
        " news/2024-01-15-seminar/index.kk.md and news/2024-01-15-seminar/index.ru.md: make them the same"
    ]
    add_item(site, "2024-01-15-seminar", ["en"], activity="seminar", audiences="[employers, students]")
    assert [f for f in findings(site, capsys) if f["kind"] == "mismatch"] == []


def test_an_activity_without_evidence_or_audiences_is_an_advisory_finding(site, capsys):
    add_item(site, "2024-01-15-seminar", activity="seminar")
    found = [f for f in findings(site, capsys) if f["kind"] == "evidence"]
    assert [(f["path"], f["line"], f["blocking"]) for f in found] == [("news/2024-01-15-seminar/index.kk.md", 5, False)]
    assert found[0]["message"] == (
        "the Work Package 5 record of this activity has no evidence besides the news (add a photo, or"
        " attendance_note: where the list of participants is kept) and not whom it reached (add audiences)"
    )
    notes = {
        "kk": "Тізім жоба кеңсесінде.",
        "ru": "Список в офисе проекта.",
        "en": "The list is at the project office.",
    }
    for code, note in notes.items():
        add_item(site, "2024-01-15-seminar", [code], activity="seminar", audiences="[students]", attendance_note=note)
    assert [f for f in findings(site, capsys) if f["kind"] == "evidence"] == []
    assert check_translations.main(["--root", str(site)]) == 0  # advisory: publishing goes on
    capsys.readouterr()


# ---------------------------------------------------------------- data files


def write(site, path: str, text: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(text, "utf-8")


@pytest.mark.parametrize(
    "path, text, expected",
    [
        (
            "data/consortium.yml",
            f"partners:\n  - key: kaznpu\n    name:\n      kk: Абай\n      ru: Абай\n    country: {TEXTS}\n"
            f"    role: {TEXTS}\n",
            "data/consortium.yml:4: partners, entry 1: name has no text in en: add the line 'en: …'",
        ),
        (
            "data/consortium.yml",
            "partners:\n  - key: Abai KazNPU\n    name: {kk: a, ru: b, en: c}\n    country: {kk: a, ru: b, en: c}\n"
            "    role: {kk: a, ru: b, en: c}\n",
            "data/consortium.yml:2: partners, entry 1: key must be a short name of lower-case letters, digits and"
            " hyphens, such as kaznpu, not 'Abai KazNPU'",
        ),
        (
            "data/consortium.yml",
            "partners:\n  - &p\n    key: a\n  - *p\n",
            "data/consortium.yml:2: anchors and aliases (& and *) are not allowed",
        ),
        ("data/consortium.yml", "partners: [\n", "data/consortium.yml:1: the file is not valid YAML here"),
        (
            "data/targets.yml",
            "targets:\n  - measure: visits\n    target: 3\n",
            "data/targets.yml:2: targets, entry 1: measure must be one of activities, participants, not 'visits'",
        ),
        (
            "data/targets.yml",
            "targets:\n  - measure: activities\n    target: many\n",
            "data/targets.yml:3: targets, entry 1: target must be a whole number such as 10, not 'many'",
        ),
        (
            "data/results.yml",
            RESULT + "    partner: nobody\n",
            f"data/results.yml:5: results, entry 1: partner 'nobody' is not in data/consortium.yml: write one of"
            f" {PARTNERS}",
        ),
        (
            "data/results.yml",
            RESULT + "    news: 2023-01-01-gone\n",
            "data/results.yml:5: news: this site has no news item 2023-01-01-gone: write the folder's name of the item",
        ),
        (
            "data/results.yml",
            RESULT + "    url: javascript:alert(1)\n",
            "data/results.yml:5: results, entry 1: url must be a web address starting with https://",
        ),
        (
            "data/results.yml",
            "results:\n  - key: x\n    title: {kk: a, ru: b, en: c}\n    type: report\n",
            "data/results.yml:4: results, entry 1: type must be one of deliverable, accreditation, not 'report'",
        ),
    ],
)
def test_a_wrong_data_file_is_told_where_and_stops_the_build(site, capsys, tmp_path, path, text, expected):
    write(site, path, text)
    told = said(site, capsys, "data/")
    assert any(line.startswith(expected) for line in told), told
    assert all(f["blocking"] and f["kind"] == "data" for f in findings(site, capsys) if f["path"].startswith("data/"))
    result = build(site, tmp_path / "out")
    assert result.returncode != 0 and expected.split(": ", 1)[0] in result.stderr + result.stdout


def test_two_partners_with_one_key_are_refused(site, capsys):
    entry = f"  - key: kaznpu\n    name: {TEXTS}\n    country: {TEXTS}\n    role: {TEXTS}\n"
    write(site, "data/consortium.yml", "partners:\n" + entry + entry)
    assert said(site, capsys, "data/") == [
        "data/consortium.yml:6: partners, entry 2: the key 'kaznpu' is already taken: give each its own"
    ]


def test_a_data_file_that_is_a_link_is_refused_and_no_file_holds_nothing(site, capsys, tmp_path):
    (site / "data" / "consortium.yml").unlink()
    assert said(site, capsys, "data/") == []  # no partners: nothing to judge
    os.symlink("/etc/passwd", site / "data" / "results.yml")
    assert said(site, capsys, "data/") == [
        "data/results.yml:1: this is a symbolic link: put the real file here instead"
    ]
