"""News from news/: pages, listings, dates, feeds and drafts on real builds of small sites."""

from __future__ import annotations

import datetime
import email.utils
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import LANGUAGES, build, build_ok
from html_pages import read_page

SITE_URL = "https://kazdual.github.io/"


def add_item(project: Path, folder: str, languages=None, body: str = "Text.", **meta) -> Path:
    """Write a news item in `languages` (all by default); `meta` overrides the front matter."""
    item = project / "news" / folder
    item.mkdir(parents=True, exist_ok=True)
    for lang in languages or [lang.code for lang in LANGUAGES]:
        fields = {"title": f"{folder} {lang}", "date": folder[:10], "summary": f"Summary {lang}.", **meta}
        lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
        (item / f"index.{lang}.md").write_text("---\n" + "\n".join(lines) + f"\n---\n\n{body} {lang}\n", "utf-8")
    return item


def dates_listed(page_file: Path) -> list[str]:
    return [t.attrs["datetime"] for t in read_page(page_file).find("time")]


@pytest.fixture(scope="module")
def many_news(tmp_path_factory) -> Path:
    """A site with 23 items (one a draft), built once for the listing and feed tests."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("many") / "project", with_news=False)
    start = datetime.date(2022, 12, 1)
    for n in range(22):
        day = start + datetime.timedelta(days=7 * n)
        add_item(project, f"{day.isoformat()}-item-{n:02d}")
    add_item(project, "2023-09-11-flexible-model")
    add_item(project, "2024-01-10-unfinished-draft", draft="true")
    return build_ok(project)


def test_listing_is_newest_first_ten_per_page_with_stable_urls(many_news):
    for lang in LANGUAGES:
        root = many_news / lang.prefix / "news"
        first, second, third = (
            dates_listed(p) for p in (root / "index.html", root / "page/2/index.html", root / "page/3/index.html")
        )
        assert (len(first), len(second), len(third)) == (10, 10, 3)
        everything = first + second + third
        assert everything == sorted(everything, reverse=True)
        assert not (root / "page" / "4").exists()


def test_a_pager_names_the_first_and_last_pages_and_two_either_side_of_its_own():
    from kazdual.site.listings import PAGER_REACH, pager_numbers

    assert pager_numbers(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert pager_numbers(1, 12) == [1, 2, 3, None, 12]
    assert pager_numbers(5, 12) == [1, 2, 3, 4, 5, 6, 7, None, 12]  # 2 stands where "…" would
    for pages in range(1, 40):
        for page in range(1, pages + 1):
            shown = pager_numbers(page, pages)
            numbers = [n for n in shown if n is not None]
            assert numbers == sorted(set(numbers)) and {1, page, pages} <= set(numbers)
            assert set(range(max(1, page - PAGER_REACH), min(pages, page + PAGER_REACH) + 1)) <= set(numbers)
            assert len(shown) <= 2 * PAGER_REACH + 5
            assert shown[0] == 1 and shown[-1] == pages
            for before, gap, after in zip(shown, shown[1:], shown[2:], strict=False):
                if gap is None:  # a gap stands for two numbers or more
                    assert before is not None and after is not None and after - before > 2
            if pages <= 2 * PAGER_REACH + 5:  # no longer than a pager with gaps
                assert shown == list(range(1, pages + 1))


def test_a_long_listing_links_to_the_pages_near_its_own(project, monkeypatch):
    """However long the news grows, a listing page names the first and last pages and two on
    either side of its own, with one "…" (which screen readers skip) for each run of pages
    between: built here with one item to a page, so that twelve items make twelve pages."""
    from kazdual.site import listings

    monkeypatch.setattr(listings, "NEWS_PER_PAGE", 1)
    start = datetime.date(2022, 1, 3)
    for n in range(12):
        add_item(project, f"{(start + datetime.timedelta(days=7 * n)).isoformat()}-item-{n:02d}")
    site = build_ok(project)

    def pager(page: Path) -> list[str]:
        block = re.search(r'<ul class="kd-pager__pages">(.*?)</ul>', page.read_text("utf-8"), re.S)
        assert block is not None, page
        return [
            "…" if 'aria-hidden="true"' in entry else re.sub(r"<[^>]+>|\s", "", entry) + "*" * ("aria-current" in entry)
            for entry in re.findall(r"<li\b.*?</li>", block.group(1), re.S)
        ]

    for lang in LANGUAGES:
        news = site / lang.prefix / "news"
        assert pager(news / "index.html") == ["1*", "2", "3", "…", "12"]
        assert pager(news / "page/6/index.html") == ["1", "…", "4", "5", "6*", "7", "8", "…", "12"]
        assert pager(news / "2022/page/12/index.html") == ["1", "…", "10", "11", "12*"]


def test_archive_by_year(many_news):
    page = many_news / "en" / "news" / "2022" / "index.html"
    assert all(date.startswith("2022-") for date in dates_listed(page)) and dates_listed(page)


def test_news_dates_are_written_as_each_language_writes_them(many_news):
    # read_page() collapses blanks: the narrow no-break space before ж. and г. reads as one.
    expected = {"kk": "2023 ж. 11 қыркүйек", "ru": "11 сентября 2023 г.", "en": "11 September 2023"}
    for lang in LANGUAGES:
        page = read_page(many_news / lang.prefix / "news" / "flexible-model" / "index.html")
        assert expected[lang.code] in page.text


def test_item_links_to_newer_and_older_items_in_its_language(many_news):
    page = read_page(many_news / "ru" / "news" / "item-00" / "index.html")
    assert [a.attrs["href"] for a in page.find("a", rel="prev")] == ["../item-01/"]
    assert page.find("a", rel="next") == []  # the oldest item


def test_home_shows_the_three_latest_items_of_its_language(many_news):
    for lang in LANGUAGES:
        home = read_page(many_news / lang.prefix / "index.html")
        assert dates_listed(many_news / lang.prefix / "index.html") == ["2023-09-11", "2023-04-27", "2023-04-20"]
        assert "2023-09-11-flexible-model " + lang.code in home.text


def test_drafts_are_not_published(many_news):
    assert not (many_news / "news" / "unfinished-draft").exists()
    assert "unfinished-draft" not in (many_news / "sitemap.xml").read_text()
    assert "unfinished-draft" not in (many_news / "feed.xml").read_text()


def test_menu_does_not_grow_with_the_news(many_news):
    about = (many_news / "en" / "about" / "index.html").read_text("utf-8")
    assert "item-0" not in about


def test_feed_per_language(many_news):
    for lang in LANGUAGES:
        channel = ET.parse(many_news / lang.prefix / "feed.xml").getroot().find("channel")
        assert channel.findtext("language") == lang.code
        items = channel.findall("item")
        assert len(items) == 20
        assert items[0].findtext("title") == f"2023-09-11-flexible-model {lang.code}"
        assert items[0].findtext("link") == f"{SITE_URL}{lang.prefix}news/flexible-model/"
        assert email.utils.parsedate_to_datetime(items[0].findtext("pubDate")).date() == datetime.date(2023, 9, 11)
        assert all(item.findtext("link").startswith(SITE_URL) for item in items)
        head = read_page(many_news / lang.prefix / "about" / "index.html")
        feeds = head.find("link", rel="alternate", type="application/rss+xml")
        assert [f.attrs["href"] for f in feeds] == [f"{SITE_URL}{lang.prefix}feed.xml"]


def test_feed_titles_differ_per_language(many_news):
    titles = {ET.parse(many_news / lang.prefix / "feed.xml").getroot().findtext("channel/title") for lang in LANGUAGES}
    assert len(titles) == len(LANGUAGES)


def test_news_pages_are_in_the_sitemap_with_alternates(many_news):
    sitemap = (many_news / "sitemap.xml").read_text()
    for lang in LANGUAGES:
        assert f"<loc>{SITE_URL}{lang.prefix}news/flexible-model/</loc>" in sitemap
        assert f'hreflang="{lang.code}" href="{SITE_URL}{lang.prefix}news/flexible-model/"' in sitemap


BAD_INPUT = [
    ("missing title", "2023-01-05-x", {"title": None}, "news/2023-01-05-x/index.kk.md:1: title is missing: add it"),
    (
        "date disagrees",
        "2023-01-05-x",
        {"date": "2023-01-06"},
        "news/2023-01-05-x/index.kk.md:3: date is 2023-01-06 but the folder name says 2023-01-05",
    ),
    (
        "date not a date",
        "2023-01-05-x",
        {"date": "5 January"},
        "news/2023-01-05-x/index.kk.md:3: date must be a date written as YYYY-MM-DD",
    ),
    ("bad folder name", "2023-1-5-x", {}, "news/2023-1-5-x:1: a news folder is named YYYY-MM-DD-slug"),
    (
        "missing image",
        "2023-01-05-x",
        {"image": "none.jpg", "image_alt": "x"},
        "news/2023-01-05-x/index.kk.md:5: the photo none.jpg is not in news/2023-01-05-x/",
    ),
    (
        "unknown activity",
        "2023-01-05-x",
        {"activity": "party"},
        "news/2023-01-05-x/index.kk.md:5: activity must be one of meeting",
    ),
    (
        "malformed yaml",
        "2023-01-05-x",
        {"summary": "[unclosed"},
        "news/2023-01-05-x/index.kk.md:4: the front matter is not valid YAML here: a value starting with [",
    ),
    ("a title with a colon", "2023-01-05-x", {"title": "Workshop: dual"}, "a value with a colon in it needs quotes"),
]


@pytest.mark.parametrize("case, folder, meta, message", BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_news_stops_the_build_with_the_file_and_line(project, case, folder, meta, message):
    add_item(project, folder, **meta)
    site = project / "out"
    result = build(project, site)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert not site.exists(), "nothing may be published"


def test_two_items_with_one_slug_stop_the_build(project):
    add_item(project, "2023-01-05-visit")
    add_item(project, "2024-02-01-visit")
    result = build(project, project / "out")
    assert result.returncode != 0
    assert (
        "news/2024-02-01-visit/index.en.md:1: this takes the address news/visit/, as news/2023-01-05-visit does"
        in result.stderr
    )


def test_front_matter_that_is_not_closed_stops_the_build(project):
    item = project / "news" / "2023-01-05-x"
    item.mkdir(parents=True)
    for lang in LANGUAGES:
        (item / f"index.{lang.code}.md").write_text("---\ntitle: x\n\nno closing line\n", "utf-8")
    result = build(project, project / "out")
    assert result.returncode != 0
    assert "news/2023-01-05-x/index.kk.md:1: the front matter opened with '---' is never closed" in result.stderr


def test_missing_translation_fails_the_published_build(project):
    add_item(project, "2023-01-05-x", languages=["kk", "en"])
    result = build(project, project / "out")
    assert result.returncode != 0
    assert (
        "news/2023-01-05-x/index.ru.md:1: the news item has no Русский (ru) translation: add this file, translated "
        "from news/2023-01-05-x/index.kk.md" in result.stderr
    )


def test_unfinished_text_is_not_published(project):
    add_item(project, "2023-01-05-x", body="TODO: write the text")
    result = build(project, project / "out")
    assert result.returncode != 0
    assert (
        "news/2023-01-05-x/index.kk.md:7: this text is still to write ('TODO:' is still here): write it"
        in result.stderr
    )


def test_a_slug_may_not_take_a_listing_url(project):
    add_item(project, "2023-01-05-2023")
    result = build(project, project / "out")
    assert result.returncode != 0
    assert "news/2023-01-05-2023:1: the slug '2023': news/2023/ is taken by the news listings" in result.stderr


def test_multi_day_events_show_their_dates_in_each_language(project):
    add_item(project, "2023-11-13-tyrol", end_date="2023-11-17")
    add_item(project, "2022-06-26-tyrol-training", end_date="2022-07-06")
    site = build_ok(project)
    expected = {
        "kk": ["2023 ж. 13–17 қараша", "2022 ж. 26 маусым – 6 шілде"],
        "ru": ["13–17 ноября 2023 г.", "26 июня – 6 июля 2022 г."],
        "en": ["13–17 November 2023", "26 June – 6 July 2022"],
    }
    for lang in LANGUAGES:
        listing = (
            read_page(site / lang.prefix / "news" / "index.html").text.replace("\u202f", " ").replace("\u2009", " ")
        )
        for dates in expected[lang.code]:
            assert dates in listing, (lang.code, dates)
        item = read_page(site / lang.prefix / "news" / "tyrol" / "index.html").text.replace("\u202f", " ")
        assert expected[lang.code][0] in item
