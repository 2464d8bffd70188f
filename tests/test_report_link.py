"""'Report a problem': with a repository configured (SITE_REPO_URL, as the publishing
workflow sets it), the Accessibility page and every page's footer open a new issue
there with the page's address filled in; without one, there is no link at all."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import LANGUAGES, build, copy_project
from html_pages import read_page
from kazdual.strings import strings_for

REPOSITORY = "https://github.com/kazdual/kazdual.github.io"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("report") / "project", with_news=False)
    with_repository, without = project / "with", project / "without"
    assert build(project, with_repository, SITE_REPO_URL=REPOSITORY).returncode == 0
    assert build(project, without).returncode == 0
    return with_repository, without


def report_links(page_file) -> list[str]:
    return [
        a.attrs["href"]
        for a in read_page(page_file).find("a")
        if a.attrs.get("href", "").startswith(f"{REPOSITORY}/issues/new")
    ]


def test_the_accessibility_page_and_every_footer_link_to_a_new_issue_with_the_page_address(sites):
    site, _ = sites
    for lang in LANGUAGES:
        page = site / lang.prefix / "accessibility" / "index.html"
        links = report_links(page)
        assert len(links) == 2  # in the text and in the footer
        for link in links:
            body = parse_qs(urlsplit(link).query)["body"][0]
            assert f"https://kazdual.github.io/{lang.prefix}accessibility/" in body
        label = strings_for(lang.code)["report_problem"]
        assert [a for a in read_page(page).find("a") if a.attrs.get("href") == links[0]]
        assert label in read_page(page).text
        for other in ("about", "news", "contacts"):
            assert len(report_links(site / lang.prefix / other / "index.html")) == 1, other


def test_without_a_repository_there_is_no_link(sites):
    _, site = sites
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "issues/new" not in text and "kd-report" not in text, page
