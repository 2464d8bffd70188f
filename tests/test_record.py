"""The site says what it is now: every page's footer says, in the page's language,
that the project ran from 15 January 2021 to 14 January 2024 and that the site is
kept as a record of the project; the accessibility statement carries its date of preparation,
which is the day its text last changed."""

from __future__ import annotations

import datetime
import re
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import LANGUAGES, ROOT
from kazdual.dates import news_date

# The project's dates as each language writes dates (CLDR's long form, as the news).
PROJECT_DATES = {
    "kk": ("2021 ж. 15 қаңтар", "2024 ж. 14 қаңтар"),
    "ru": ("15 января 2021 г.", "14 января 2024 г."),
    "en": ("15 January 2021", "14 January 2024"),
}
RECORD_WORDS = {"kk": "мұрағаты", "ru": "архив", "en": "record"}


class _Regions(HTMLParser):
    """The text of each <footer>, and the text outside every footer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.footers: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "footer":
            self.depth += 1
            self.footers.append("")

    def handle_endtag(self, tag):
        if tag == "footer" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.footers[-1] += data
        else:
            self.outside.append(data)


def _plain(text: str) -> str:
    """Spaces as a reader sees them: CLDR writes "2021 г." with a narrow no-break space."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def reader_pages(site):
    """Every page of every language, the 404 and search pages included (not the web editor)."""
    return [page for page in sorted(site.rglob("*.html")) if page.relative_to(site).parts[0] != "admin"]


def test_every_page_says_in_its_footer_that_the_site_is_the_projects_record(built_site):
    pages = reader_pages(built_site)
    assert len(pages) >= 3 * 20
    codes = {lang.code for lang in LANGUAGES}
    for page in pages:
        text = page.read_text("utf-8")
        lang = re.search(r'<html[^>]* lang="([^"]+)"', text)[1]
        assert lang in codes, page
        regions = _Regions()
        regions.feed(text)
        start, end = PROJECT_DATES[lang]
        [footer] = regions.footers
        lines = [line for line in map(_plain, footer.split("\n")) if start in line]
        assert len(lines) == 1, (page, footer)
        line = lines[0]
        assert end in line and RECORD_WORDS[lang] in line and "KAZDUAL" in line, (page, line)
        assert ".." not in line and "{" not in line, line
        # A line in the footer, not a banner over the content.
        assert line not in _plain(" ".join(regions.outside)), page


def test_the_record_line_reads_as_written_in_each_language(built_site):
    shown = {}
    for lang in LANGUAGES:
        regions = _Regions()
        regions.feed((built_site / lang.prefix / "index.html").read_text("utf-8"))
        shown[lang.code] = next(line for line in map(_plain, regions.footers[0].split("\n")) if "KAZDUAL" in line)
    assert shown == {
        "kk": "KAZDUAL жобасы 2021 ж. 15 қаңтар – 2024 ж. 14 қаңтар аралығында жүзеге асырылды. "
        "Бұл сайт жобаның мұрағаты ретінде сақталады.",
        "ru": "Проект KAZDUAL реализовывался с 15 января 2021 г. по 14 января 2024 г.; "
        "этот сайт сохраняется как его архив.",
        "en": "The KAZDUAL project ran from 15 January 2021 to 14 January 2024. "
        "This website is kept as a record of the project.",
    }


# ---------------------------------------------------------------- the accessibility statement

STATEMENT = "docs/accessibility.{}.md"
# The statement's last section: its heading and the line with the date.
PREPARED_HEADING = {"kk": "## Мәлімдеме туралы", "ru": "## О заявлении", "en": "## About this statement"}
PREPARED_LABEL = {
    "kk": "Мәлімдеменің дайындалған күні: ",
    "ru": "Дата подготовки заявления: ",
    "en": "Date of preparation: ",
}


def stated_dates() -> dict[str, str]:
    """The date of preparation each language's statement gives, as written."""
    stated = {}
    for lang in LANGUAGES:
        lines = (ROOT / STATEMENT.format(lang.code)).read_text("utf-8").splitlines()
        found = [line for line in lines if line.startswith(PREPARED_LABEL[lang.code])]
        assert len(found) == 1, f"{STATEMENT.format(lang.code)}: one line '{PREPARED_LABEL[lang.code]}…' wanted"
        assert PREPARED_HEADING[lang.code] in lines, STATEMENT.format(lang.code)
        stated[lang.code] = found[0].removeprefix(PREPARED_LABEL[lang.code])
    return stated


def closing(date_text: str) -> str:
    """A date ending its sentence: "23 November 2026." ("23 ноября 2026 г." keeps its one period)."""
    date_text = _plain(date_text)
    return date_text if date_text.endswith(".") else date_text + "."


def _beside_the_text(line: str) -> bool:
    """A line of the date section or a translation stamp: changing it does not change the statement."""
    line = line.strip()
    return (
        not line or line.startswith(("translated_from:", *PREPARED_LABEL.values())) or line in PREPARED_HEADING.values()
    )


def last_change_of_the_text() -> tuple[datetime.date, str]:
    """The day (author's date) and commit of the newest change to the statement's text in any language."""
    try:
        shallow = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no git history here: the date is checked where the history is")
    if shallow == "true":
        pytest.skip("a shallow clone does not know when the statement last changed")
    log = subprocess.run(
        ["git", "log", "--format=%x01%H %as", "-p", "--unified=0", "--", *[STATEMENT.format("*")]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for chunk in log.split("\x01")[1:]:
        header, _, diff = chunk.partition("\n")
        commit, day = header.split()
        changed = [line[1:] for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        if not all(map(_beside_the_text, changed)):
            return datetime.date.fromisoformat(day), commit
    pytest.fail("the statement has no history")


def test_the_statement_gives_the_same_date_of_preparation_in_every_language():
    stated = stated_dates()
    day = next(
        (
            d
            for d in (datetime.date(2026, 1, 1) + datetime.timedelta(days=n) for n in range(3650))
            if closing(news_date(d, "en")) == stated["en"]
        ),
        None,
    )
    assert day is not None, f"docs/accessibility.en.md: '{stated['en']}' is not a date such as 23 November 2026"
    assert stated == {lang.code: closing(news_date(day, lang.code)) for lang in LANGUAGES}


def test_the_date_of_preparation_is_the_day_the_statement_last_changed():
    changed, commit = last_change_of_the_text()
    wanted = {lang.code: closing(news_date(changed, lang.code)) for lang in LANGUAGES}
    assert stated_dates() == wanted, (
        f"the statement's text last changed on {changed} (commit {commit[:12]}): "
        f"write that date of preparation in docs/accessibility.*.md: {wanted}"
    )


def test_a_change_of_the_date_section_or_a_stamp_alone_is_not_a_change_of_the_text():
    assert _beside_the_text("translated_from: kk:0a3a0b4eee58")
    assert _beside_the_text("Date of preparation: 23 November 2026.")
    assert _beside_the_text("## О заявлении")
    assert not _beside_the_text("We know of no accessibility problems at present.")
    assert not _beside_the_text("## Known limitations")
