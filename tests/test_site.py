"""The built site: every page in every language, linked to its translations,
carrying the funding statement, asking nothing of other hosts, and reproducible."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import yaml

from conftest import LANGUAGES, ROOT, build, site_address, site_settings
from html_pages import read_page
from kazdual.site.publish import MARKER

SITE_URL = site_address()
DEFAULT = LANGUAGES[0]
STRINGS = {
    lang.code: yaml.safe_load((ROOT / f"scripts/kazdual/strings/{lang.code}.yml").read_text("utf-8"))
    for lang in LANGUAGES
}


def page_paths() -> list[str]:
    """Every page's path below a language root, from the sources."""
    paths = []
    for source in sorted((ROOT / "docs").glob(f"*.{DEFAULT.code}.md")):
        name = source.name.split(".")[0]
        paths.append("" if name == "index" else f"{name}/")
    for folder in sorted((ROOT / "news").glob("20*")):
        paths.append(f"news/{folder.name[11:]}/")
    return paths + ["news/", "search/"]


def built_file(site: Path, lang, path: str) -> Path:
    return site / lang.prefix / path / "index.html"


def all_pages(site: Path):
    for path in page_paths():
        for lang in LANGUAGES:
            yield lang, path, built_file(site, lang, path)


def test_the_site_has_pages_and_news_to_check():
    assert len(page_paths()) >= 8 + 2, page_paths()


def test_every_page_exists_in_every_language_with_its_lang(built_site):
    for lang, path, file in all_pages(built_site):
        assert file.is_file(), f"{lang.code}: {path} was not built"
        assert read_page(file).lang == lang.code, file


def test_language_switcher_goes_to_the_same_page(built_site):
    for lang, path, file in all_pages(built_site):
        page = read_page(file)
        page_url = urljoin(SITE_URL, lang.prefix + path)
        switcher = {a.attrs["hreflang"]: a.attrs["href"] for a in page.find("a") if "hreflang" in a.attrs}
        assert set(switcher) == {other.code for other in LANGUAGES}, file
        for other in LANGUAGES:
            assert urljoin(page_url, switcher[other.code]) == urljoin(SITE_URL, other.prefix + path), (file, other.code)


def test_switcher_reads_kazakh_russian_english(built_site):
    # The "·" between the names is drawn by CSS; the text is the three names in order.
    for lang in LANGUAGES:
        assert "Қазақша Русский English" in read_page(built_file(built_site, lang, "")).text


def test_hreflang_links_are_absolute_with_x_default(built_site):
    for lang, path, file in all_pages(built_site):
        links = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in read_page(file).find("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        expected = {other.code: SITE_URL + other.prefix + path for other in LANGUAGES}
        expected["x-default"] = SITE_URL + DEFAULT.prefix + path
        assert links == expected, file
        canonical = read_page(file).find("link", rel="canonical")
        assert [c.attrs["href"] for c in canonical] == [SITE_URL + lang.prefix + path]


def test_every_page_has_a_description_and_open_graph_in_its_language(built_site):
    for lang, _path, file in all_pages(built_site):
        page = read_page(file)
        descriptions = page.find("meta", name="description")
        assert descriptions and descriptions[0].attrs["content"].strip(), file
        assert page.find("meta", property="og:locale")[0].attrs["content"] == lang.code
        assert page.find("meta", property="og:title")[0].attrs["content"].strip()


def test_funding_statement_and_disclaimer_on_every_page(built_site):
    for lang, _path, file in all_pages(built_site):
        page = read_page(file)
        assert STRINGS[lang.code]["funding_statement"] in page.text, file
        assert " ".join(STRINGS[lang.code]["disclaimer"].split()) in page.text, file
        assert page.find("svg", **{"class": "kd-funding__emblem", "role": "img"}), file


OFF_SITE = re.compile(r"^(https?:)?//", re.I)


def test_no_script_style_image_or_font_comes_from_another_host(built_site):
    for file in built_site.rglob("*.html"):
        page = read_page(file)
        for tag in page.tags:
            if tag.name in ("script", "img", "iframe", "source", "audio", "video", "embed"):
                assert not OFF_SITE.match(tag.attrs.get("src", "")), (file, tag)
            if tag.name == "link" and tag.attrs.get("rel") not in ("canonical", "alternate"):
                assert not OFF_SITE.match(tag.attrs.get("href", "")), (file, tag)
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text("utf-8")), sheet
        assert "@import" not in sheet.read_text("utf-8"), sheet


def _element_texts(html: str, pattern: str) -> list[str]:
    """The text inside each match of `pattern` (its group: an element's inside), tags dropped, blanks collapsed."""
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", inside)).split()) for inside in re.findall(pattern, html, re.S)]


def home_title(lang) -> str:
    source = (ROOT / "docs" / f"index.{lang.code}.md").read_text("utf-8")
    return yaml.safe_load(source.split("---")[1])["title"]


def test_the_menu_says_home_and_the_home_page_keeps_the_project_title(built_site):
    for lang in LANGUAGES:
        about = built_file(built_site, lang, "about/").read_text("utf-8")
        tabs = _element_texts(about, r'class="md-tabs__link">(.*?)</a>')
        menu = _element_texts(about, r'<a [^>]*class="md-nav__link[^"]*">(.*?)</a>')
        assert tabs[0] == menu[0] == STRINGS[lang.code]["home"], lang.code
        home = built_file(built_site, lang, "").read_text("utf-8")
        assert _element_texts(home, r'class="kd-hero__title">(.*?)</h1>') == [home_title(lang)]
        assert _element_texts(home, r"<title>(.*?)</title>") == [f"{home_title(lang)} · KAZDUAL"], lang.code
        hidden = _element_texts(home, r'<h2 id="kd-(?:facts-heading|sections)"[^>]*>(.*?)</h2>')
        assert hidden == [STRINGS[lang.code]["home_facts"], STRINGS[lang.code]["home_sections"]], lang.code


def test_search_without_javascript_links_to_the_news_archive(built_site):
    for lang in LANGUAGES:
        page = built_file(built_site, lang, "search/").read_text("utf-8")
        [inside] = re.findall(r"<noscript>(.*?)</noscript>", page, re.S)
        links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', inside)
        assert [(urljoin(SITE_URL + lang.prefix + "search/", href), text) for href, text in links] == [
            (SITE_URL + lang.prefix + "news/", STRINGS[lang.code]["search_no_script_archive"])
        ]
        expected = STRINGS[lang.code]["search_no_script"].replace("{archive}", links[0][1])
        assert _element_texts(inside, r"<p>(.*?)</p>") == [expected]


def test_404_page_of_each_language_is_in_that_language(built_site):
    for lang in LANGUAGES:
        page = read_page(built_site / lang.prefix / "404.html")
        assert page.lang == lang.code
        assert STRINGS[lang.code]["not_found_title"] in page.text
        # Served for any missing path: its links must not depend on where it is shown.
        assert page.find("base", href=urlsplit(SITE_URL).path + lang.prefix)


def test_sitemap_lists_every_page_with_absolute_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    locations = {url.find("s:loc", ns).text for url in urls}
    for lang in LANGUAGES:
        for path in page_paths():
            if path != "search/":
                assert SITE_URL + lang.prefix + path in locations
    assert SITE_URL + "search/" not in locations
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alternates) == {lang.code for lang in LANGUAGES} | {"x-default"}
        assert all(href.startswith(SITE_URL) for href in alternates.values())
    assert not (built_site / "ru" / "sitemap.xml").exists()


def test_each_language_has_its_own_search_index(built_site):
    for lang in LANGUAGES:
        entry = json.loads((built_site / lang.prefix / "pagefind" / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang.code]
        # Every page but the home page, the news listing and the search page itself.
        assert entry["languages"][lang.code]["page_count"] == len(page_paths()) - 3


def test_no_page_loads_the_theme_bundle_that_fetches_the_sitemap(built_site):
    for file in built_site.rglob("*.html"):
        assert "bundle." not in file.read_text("utf-8"), file


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site; not scripts/build.py's note that it made the folder (`mkdocs build` writes none)."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    files.pop(MARKER, None)
    return files


def test_the_same_sources_build_the_same_bytes(built_site, tmp_path):
    again = tmp_path / "again"
    # Rebuilt for the same address (and repository) as the site under test, at another time.
    result = build(ROOT, again, SOURCE_DATE_EPOCH="86400", **site_settings())
    assert result.returncode == 0, result.stderr
    first, second = _tree(built_site), _tree(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_site_url_can_be_set_for_another_host(tmp_path):
    site = tmp_path / "elsewhere"
    result = build(ROOT, site, SITE_URL="https://example.org/kazdual/")
    assert result.returncode == 0, result.stderr
    page = read_page(site / "ru" / "about" / "index.html")
    assert page.find("link", rel="canonical")[0].attrs["href"] == "https://example.org/kazdual/ru/about/"
    assert read_page(site / "ru" / "404.html").find("base", href="/kazdual/ru/")
