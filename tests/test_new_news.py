"""scripts/new_news.py: the scaffold of a news item, its refusals, and what the checks make of it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import check_translations
import new_news
from conftest import empty_site
from kazdual.content import config, load, source
from kazdual.content.texts import MARK
from kazdual.slugs import slugify


@pytest.fixture
def site(tmp_path) -> Path:
    """An empty website with the real mkdocs.yml (kk, ru, en)."""
    return empty_site(tmp_path / "site")


def read(site: Path, path: str) -> source.Document:
    return source.read(site, path)


def make(capsys, site: Path, *args: str) -> tuple[int, str, str]:
    code = new_news.main([*args, "--root", str(site)])
    out, err = capsys.readouterr()
    return code, out, err


def test_makes_one_text_per_site_language(site, capsys):
    code, out, err = make(capsys, site, "Тиролге оқу сапары", "--date", "2023-11-13", "--slug", "study-visit-tyrol")
    assert code == 0 and err.startswith("Next: write the Қазақша text in news/2023-11-13-study-visit-tyrol/index.kk.md")
    folder = "news/2023-11-13-study-visit-tyrol"
    assert out.splitlines() == [f"{folder}/index.kk.md", f"{folder}/index.ru.md", f"{folder}/index.en.md"]
    texts = {code: read(site, f"{folder}/index.{code}.md") for code in ("kk", "ru", "en")}
    assert texts["kk"].meta["title"] == "Тиролге оқу сапары"
    assert texts["ru"].meta["title"] == f"{MARK} title in Русский"
    assert texts["en"].meta["title"] == f"{MARK} title in English"
    for text in texts.values():
        assert text.meta["date"] == datetime.date(2023, 11, 13)
        assert text.meta["summary"].startswith(MARK)
        assert "translated_from" not in text.text  # stamped once translated, never before
        assert "# activity:" in text.text and "# image_alt:" in text.text
    assert texts["kk"].body.strip() == f"{MARK} write the news text in Қазақша, below the front matter."
    assert texts["ru"].body.strip() == f"{MARK} translate the news text from index.kk.md (Қазақша) into Русский."


def test_the_texts_follow_the_languages_in_mkdocs_yml(site, capsys):
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("locale: en\n          name: English", "locale: de\n          name: Deutsch"),
        "utf-8",
    )
    code, out, _ = make(capsys, site, "Visit", "--date", "2024-01-15")
    assert code == 0
    assert [Path(line).name for line in out.splitlines()] == ["index.kk.md", "index.ru.md", "index.de.md"]


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Тиролге оқу сапары", "tirolge-oqu-sapary"),
        ("Қазақстандағы дуалды білім: Ұлттық үйлестіруші", "qazaqstandagy-dualdy-bilim-ulttyq"),
        ("Визит в Тироль: «обучение тренеров»", "vizit-v-tirol-obuchenie-trenerov"),
        ("Study visit to Tyrol, 13–17 Nov 2023", "study-visit-to-tyrol-13"),
        ("Pädagogische Hochschule Tirol", "padagogische-hochschule-tirol"),
        ("Großglockner-Straße", "grossglockner-strasse"),  # letters with no accent to drop are spelled out
        ("Œuvre of Łódź and Ærø", "oeuvre-of-lodz-and-aero"),
    ],
)
def test_slug_from_the_title(title, slug):
    assert slugify(title) == slug


def test_long_titles_give_short_slugs_cut_at_a_word(site, capsys):
    """The slug is the permanent address: the default one is short too."""
    slug = slugify("Халықаралық онлайн семинар " * 10)
    assert len(slug) <= 40 and not slug.endswith("-") and slug.startswith("khalyqaralyq-onlayn-seminar")
    assert set(slug.split("-")) == {"khalyqaralyq", "onlayn", "seminar"}


def test_default_date_is_today(site, capsys):
    before = datetime.date.today()
    code, out, _ = make(capsys, site, "Visit")
    after = datetime.date.today()
    assert code == 0
    assert out.split("/")[1] in (f"{before.isoformat()}-visit", f"{after.isoformat()}-visit")


@pytest.mark.parametrize("date", ["2024-13-01", "2024-02-30", "15.01.2024", "20240115", "yesterday"])
def test_bad_date(site, capsys, date):
    code, out, err = make(capsys, site, "Visit", "--date", date)
    assert (code, out) == (2, "")
    assert err.startswith("--date ") and "YYYY-MM-DD" in err and "Traceback" not in err
    assert [p.name for p in (site / "news").iterdir()] == ["README.md"]


def test_title_without_ascii_needs_a_slug(site, capsys):
    code, _, err = make(capsys, site, "東京 «»", "--date", "2024-01-15")
    assert code == 2 and "give one with --slug" in err
    assert [p.name for p in (site / "news").iterdir()] == ["README.md"]
    code, out, _ = make(capsys, site, "東京 «»", "--date", "2024-01-15", "--slug", "tokyo")
    assert code == 0 and out.startswith("news/2024-01-15-tokyo/index.kk.md")
    assert read(site, "news/2024-01-15-tokyo/index.kk.md").meta["title"] == "東京 «»"


@pytest.mark.parametrize(
    "slug, phrase",
    [
        *(
            (bad, "use lower-case ASCII letters, digits and single hyphens")
            for bad in ["Study-Visit", "study_visit", "study--visit", "-visit", "визит", "study\nvisit"]
        ),
        ("2024", "taken by the news listings"),
        ("page", "taken by the news listings"),
        ("a" * 61, "keep it to 60 characters"),
    ],
)
def test_every_slug_the_build_refuses_is_refused(site, capsys, slug, phrase):
    code, _, err = make(capsys, site, "Visit", "--date", "2024-01-15", f"--slug={slug}")
    assert code == 2 and phrase in err and len(err.splitlines()) == 1
    assert [p.name for p in (site / "news").iterdir()] == ["README.md"]


def test_existing_folder_is_never_overwritten(site, capsys):
    assert make(capsys, site, "Visit", "--date", "2024-01-15")[0] == 0
    text = site / "news/2024-01-15-visit/index.kk.md"
    text.write_text("edited", "utf-8")
    code, out, err = make(capsys, site, "Visit", "--date", "2024-01-15")
    assert (code, out) == (1, "")
    assert "nothing written: news/2024-01-15-visit already exists" in err
    assert text.read_text("utf-8") == "edited"


def test_a_slug_used_by_another_item_is_refused(site, capsys):
    assert make(capsys, site, "Visit", "--date", "2024-01-15")[0] == 0
    code, _, err = make(capsys, site, "Visit", "--date", "2024-03-01")
    assert code == 1
    assert "the address news/visit/ is already used by news/2024-01-15-visit" in err
    assert sorted(p.name for p in (site / "news").iterdir()) == ["2024-01-15-visit", "README.md"]


@pytest.mark.parametrize("args", [["   "], ["Visit", "--colour"], []])
def test_bad_usage(site, capsys, args):
    assert make(capsys, site, *args)[0] == 2


def test_folder_that_is_not_the_website(tmp_path, capsys):
    code, _, err = make(capsys, tmp_path, "Visit", "--date", "2024-01-15")
    assert code == 2 and err.startswith("mkdocs.yml:1: there is no mkdocs.yml in")


def test_a_configuration_mkdocs_refuses_gets_mkdocs_reason_on_one_line(site, capsys):
    """MkDocs logs why and then raises 'Aborted with a configuration error!': the reason came
    on a line of its own, in no path:line form, and the line naming mkdocs.yml said nothing."""
    (site / "overrides").rename(site / "templates")
    code, _, err = make(capsys, site, "Visit", "--date", "2024-01-15")
    assert code == 2
    assert err.splitlines() == [
        f"mkdocs.yml:1: Config value 'theme': The path set in custom_dir ('{site / 'overrides'}') does not exist."
    ]


def test_the_checker_sends_the_editor_back_to_every_placeholder_until_done(site, capsys):
    make(capsys, site, "Визит", "--date", "2024-01-15", "--slug", "visit")
    folder = "news/2024-01-15-visit"
    assert check_translations.main(["--root", str(site)]) == 1
    out = capsys.readouterr().out
    reported = [line for line in out.splitlines() if line.startswith(folder + "/")]
    for line in reported:  # each finding points at a line that still holds the mark
        path, number = line.split(":")[:2]
        assert MARK in (site / path).read_text("utf-8").split("\n")[int(number) - 1], line
    assert {line.split(":")[0] for line in reported} == {f"{folder}/index.{code}.md" for code in ("kk", "ru", "en")}
    assert len(reported) == 8  # summary and text in every language, the title in two
    assert "records no source" not in out  # finishing comes before stamping

    texts = {
        "kk": ("Тиролге сапар", "Сапар туралы."),
        "ru": ("Визит в Тироль", "О визите."),
        "en": ("Visit to Tyrol", "About the visit."),
    }
    for code, (title, text) in texts.items():
        path = site / folder / f"index.{code}.md"
        lines = [
            f'title: "{title}"'
            if line.startswith("title:")
            else f'summary: "{text}"'
            if line.startswith("summary:")
            else text
            if line.startswith(MARK)
            else line
            for line in path.read_text("utf-8").split("\n")
        ]
        path.write_text("\n".join(lines), "utf-8")
    assert (
        check_translations.main(["--root", str(site), "--stamp", f"{folder}/index.ru.md", f"{folder}/index.en.md"]) == 0
    )
    content = load(config.load(site))
    assert [item.name for item in content.news(drafts=False)] == [folder] and content.findings == []


def test_a_scaffolded_item_passes_the_checks_the_build_makes(site, capsys):
    """The scaffold writes only what the schema accepts: its only findings are the marks."""
    make(capsys, site, "Визит: «тренерлер»", "--date", "2024-01-15")
    content = load(config.load(site))
    assert {f.kind for f in content.findings} == {"unfinished"}
