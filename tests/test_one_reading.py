"""One reading of the front matter: the content model and MkDocs agree on where it ends and on
what each value is, or the model refuses the file with the line to fix; the scaffold writes only
what both read as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

import check_translations
import new_news
from conftest import LANGUAGES, build, empty_site
from kazdual.content import source

ITEM = "news/2024-01-15-visit"
FRONT = "title: Visit\ndate: 2024-01-15\nsummary: One sentence.\nplace: Tyrol\n"


def write_item(project: Path, front: str = FRONT, body: str = "A sentence of news.", only: str | None = None) -> None:
    for language in LANGUAGES:
        path = project / ITEM / f"index.{language.code}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = front if only in (None, language.code) else FRONT
        path.write_text(f"---\n{text}---\n\n{body} {language.code}\n", "utf-8")


def findings(project: Path, capsys) -> list[str]:
    check_translations.main(["--root", str(project), "--format", "json"])
    return [f"{f['path']}:{f['line']}: {f['message']}" for f in json.loads(capsys.readouterr().out)["findings"]]


def test_a_front_matter_ended_with_three_dots_is_refused_where_they_are(project, capsys, tmp_path):
    write_item(project, FRONT + "...\n# TODO: internal note, not for readers\n", only="en")
    found = [line for line in findings(project, capsys) if line.startswith(f"{ITEM}/index.en.md:")]
    assert found == [
        f"{ITEM}/index.en.md:6: a line of three dots ends the front matter for the site's builder, which would"
        " publish the lines after it as text: remove it (the front matter ends at the --- line)"
    ]
    result = build(project, tmp_path / "out")
    assert result.returncode == 1 and f"{ITEM}/index.en.md:6: a line of three dots" in result.stderr


@pytest.mark.parametrize("value", ["=", "<<", "0b_", "0x_"])
def test_a_value_yaml_1_1_cannot_read_is_refused_on_its_line(project, capsys, value):
    write_item(project, FRONT.replace("place: Tyrol", f"place: {value}"), only="kk")
    found = [line for line in findings(project, capsys) if line.startswith(f"{ITEM}/index.kk.md:")]
    assert found == [
        f"{ITEM}/index.kk.md:5: the site's builder (MkDocs, which reads YAML 1.1) cannot read this value as text,"
        f" and would publish the whole front matter as text: put the value in quotes, e.g. place: '{value}'"
    ]


def test_the_quoted_value_is_published_as_text(project, tmp_path):
    write_item(project, FRONT.replace("title: Visit", "title: '='"))
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/en/news/visit/index.html").read_text("utf-8")
    assert "<h1>=</h1>" in page.replace(' id="_1"', "") or ">=</h1>" in page
    assert "date: 2024-01-15" not in page and "summary: One sentence." not in page


@pytest.mark.parametrize(
    "value",
    ["date: 2024-02-30", "date: 0000-01-01", "participants: " + "9" * 5001],
)
def test_a_value_that_cannot_be_read_is_named_on_its_line(project, capsys, value):
    key = value.split(":")[0]
    front = "title: Visit\nsummary: One sentence.\nplace: Tyrol\nactivity: seminar\n" + (
        "date: 2024-01-15\n" if key != "date" else ""
    )
    write_item(project, front + value + "\n", only="ru")
    found = [line for line in findings(project, capsys) if line.startswith(f"{ITEM}/index.ru.md:")]
    line = front.count("\n") + 2
    assert found == [
        f"{ITEM}/index.ru.md:{line}: this value cannot be read: write dates as YYYY-MM-DD (a real day) and numbers"
        " of a few digits, or put text in quotes"
    ]


@pytest.mark.parametrize(
    "opened, hint",
    [("[", "a value starting with [ must end with ]"), ("{", "a value starting with { must end with }")],
)
def test_an_unclosed_bracket_is_named_where_it_was_opened(project, capsys, opened, hint):
    write_item(project, FRONT.replace("place: Tyrol", f"place: {opened}"), only="kk")
    found = [line for line in findings(project, capsys) if line.startswith(f"{ITEM}/index.kk.md:")]
    assert found == [f"{ITEM}/index.kk.md:5: the front matter is not valid YAML here: {hint}" + found[0].split(hint)[1]]


# ---------------------------------------------------------------- the scaffold


@pytest.fixture
def site(tmp_path) -> Path:
    return empty_site(tmp_path / "site")


@pytest.mark.parametrize("title", ["=", "<<", "0b_", "2024-02-30", "2024-01-15", "on", "12:30", "..."])
def test_the_scaffold_writes_a_title_every_reader_reads_as_written(site, capsys, title):
    assert new_news.main([title, "--date", "2024-01-15", "--slug", "visit", "--root", str(site)]) == 0
    capsys.readouterr()
    text = (site / ITEM / "index.kk.md").read_text("utf-8")
    assert source.parse("x.md", text).meta["title"] == title
    assert get_data(text)[1]["title"] == title
    assert not [line for line in findings(site, capsys) if line.startswith(f"{ITEM}/index.kk.md:2: ")]


def test_a_title_that_starts_with_a_hyphen_is_taken_after_two_hyphens(site, capsys):
    assert new_news.main(["---", "--date", "2024-01-15", "--root", str(site)]) == 2
    assert "a title that starts with '-' goes after --" in capsys.readouterr().err
    assert new_news.main(["--date", "2024-01-15", "--slug", "visit", "--root", str(site), "--", "---"]) == 0
    assert source.read(site, f"{ITEM}/index.kk.md").meta["title"] == "---"


TITLES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80) | st.sampled_from(
    ["=", "<<", "0b_", "0x_", "2024-02-30", "1_000", "12:30:00", "~", "on", "---", "...", "- x", "? x", "%x", "@x"]
)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(title=TITLES)
def test_whatever_title_the_scaffold_accepts_it_writes_so_that_the_check_and_mkdocs_read_it(title):
    """The scaffold's text for any title: the model reads it without a finding about its form,
    and MkDocs reads the same title and the same body."""
    language, default = LANGUAGES[0], LANGUAGES[0]
    try:
        cleaned = new_news.Text().parse(" ".join(title.split()))
    except new_news.ValueProblem:
        return  # refused with one line before anything is written
    import datetime

    text = new_news.news_text(cleaned, datetime.date(2024, 1, 15), language, default)
    document = source.parse("news/2024-01-15-x/index.kk.md", text)  # a SourceProblem would fail the test
    assert document.meta["title"] == cleaned
    body, meta = get_data(text)
    assert meta["title"] == cleaned and body == document.body.lstrip("\n")


YAML_TRICKS = ["=", "<<", "0b_", "0x_", "...", "---", "2024-02-30", "0000-01-01", "[", "{", "!x", "&a", "*a", "|", ">"]
VALUES = st.sampled_from(YAML_TRICKS) | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=40
)


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(["title", "summary", "place", "date", "participants"]), value=VALUES, extra=VALUES)
def test_any_front_matter_is_read_as_mkdocs_reads_it_or_refused_on_a_line(key, value, extra):
    """Written as an editor would type it, plain: either the model refuses it at a line of the
    front matter, or MkDocs ends the front matter where the model does and can read every value."""
    text = f"---\ntitle: Visit\n{key}: {value}\n{extra}\nsummary: x\n---\n\nThe body.\n"
    try:
        document = source.parse("docs/x.kk.md", text)
    except source.SourceProblem as problem:
        assert 1 <= problem.finding.line <= 6, problem.finding
        assert "\n" not in str(problem.finding)
        return
    body, meta = get_data(text)
    assert isinstance(meta, dict) and set(meta) == set(document.meta)
    assert body == document.body.lstrip("\n")


@pytest.mark.parametrize("slug", ["visit\n", "visit\r\n"])
def test_a_slug_with_a_line_break_makes_no_folder(site, capsys, slug):
    assert new_news.main(["Visit", "--date", "2024-01-15", "--slug", slug, "--root", str(site)]) == 2
    assert "use lower-case ASCII letters" in capsys.readouterr().err
    assert [p.name for p in (site / "news").iterdir()] == ["README.md"]
