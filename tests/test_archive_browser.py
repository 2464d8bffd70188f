"""The archived ZIP in Chromium, opened from the disk (file://) as its keeper would:
the menu, the language switcher, the news and a news item lead from page to page,
styled, with nothing asked of any host; the search page says why it cannot search."""

from __future__ import annotations

import re

import pytest

from archive_support import archive_ok, unpacked
from kazdual.strings import strings_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def opened(built_site, chromium, tmp_path_factory):
    copy = unpacked(archive_ok(built_site, tmp_path_factory.mktemp("archive")), tmp_path_factory.mktemp("unpacked"))
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("request", lambda r: r.url.startswith(("file://", "data:")) or problems.append(f"asked a host: {r.url}"))
    # A load the next click cancels is ERR_ABORTED; a missing file is ERR_FILE_NOT_FOUND.
    page.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "") or problems.append(f"{r.failure}: {r.url}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    yield copy, page, problems
    context.close()


def _follow(page, selector: str) -> None:
    """Click the first link that `selector` finds, as a reader does, and wait for the page."""
    with page.expect_navigation():
        page.locator(selector).first.evaluate("link => link.click()")


def test_the_copy_navigates_from_the_disk(opened):
    copy, page, problems = opened
    page.goto((copy / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "kk"
    # Styled by the site's own stylesheet: the footer's colour is site.css's.
    footer = page.evaluate("getComputedStyle(document.querySelector('.kd-footer')).backgroundColor")
    assert footer == "rgb(27, 36, 64)"

    _follow(page, 'a.md-tabs__link[href="about/index.html"]')
    assert page.url == (copy / "about" / "index.html").as_uri()
    assert page.locator("h1").count() == 1

    _follow(page, 'a[hreflang="ru"]')
    assert page.url == (copy / "ru" / "about" / "index.html").as_uri()
    assert page.evaluate("document.documentElement.lang") == "ru"

    _follow(page, 'a.md-tabs__link[href="../news/index.html"]')
    assert page.url == (copy / "ru" / "news" / "index.html").as_uri()
    _follow(page, ".kd-card__title a")
    assert re.fullmatch(re.escape((copy / "ru" / "news").as_uri()) + r"/[a-z0-9-]+/index\.html", page.url)
    assert "15 января 2021" in page.locator("footer").inner_text()

    _follow(page, "a.kd-header__name")
    assert page.url == (copy / "ru" / "index.html").as_uri()
    assert problems == []


def test_the_copys_search_says_why_it_cannot_search(opened):
    copy, page, problems = opened
    page.goto((copy / "en" / "about" / "index.html").as_uri())
    page.fill("#kd-search-q", "Tyrol")
    with page.expect_navigation():
        page.press("#kd-search-q", "Enter")
    assert page.url == (copy / "en" / "search" / "index.html").as_uri() + "?q=Tyrol"
    note = page.locator(".kd-archive-note")
    assert note.is_visible()
    assert note.inner_text().startswith(strings_for("en")["archive_search_offline"])
    _follow(page, ".kd-archive-note a")
    assert page.url == (copy / "en" / "news" / "index.html").as_uri()
    assert problems == []
