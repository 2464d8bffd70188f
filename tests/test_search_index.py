"""The search bundles as built: what results show is the pages' own text, never the keys."""

from __future__ import annotations

import gzip
import html
import json
import re

from conftest import LANGUAGES, ROOT
from kazdual.search.bundle import API_FILE, BUNDLE_DIR, LATIN_FILE, has_engine
from kazdual.search.pages import MARK
from kazdual.search.script import compact
from kazdual.strings import strings_for


def fragments(site, lang) -> list[dict]:
    folder = site / lang.prefix / "pagefind" / "fragment"
    return [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :]) for path in sorted(folder.iterdir())]


def test_results_show_the_pages_text_not_their_keys(built_site):
    for lang in LANGUAGES:
        records = fragments(built_site, lang)
        assert records, lang.code
        for record in records:
            shown = json.dumps(record, ensure_ascii=False)
            assert MARK not in shown, (lang.code, record["url"])
            assert len(record["content"].split()) == record["word_count"], record["url"]


def test_the_header_cells_of_a_table_are_words_apart(built_site):
    for lang in LANGUAGES:
        t = strings_for(lang.code)
        header = " ".join(t[key] for key in ("dissemination_year", "dissemination_exact", "dissemination_approximate"))
        (page,) = [r for r in fragments(built_site, lang) if r["url"].endswith("/dissemination/")]
        assert header in page["content"], lang.code


def test_a_language_that_reads_queries_its_own_way_has_its_engine(built_site):
    # The engine is in the pagefind.js Pagefind's interface loads: the search page loads no file more.
    for lang in LANGUAGES:
        bundle = built_site / lang.prefix / BUNDLE_DIR
        api = (bundle / API_FILE).read_text("utf-8")
        assert ("kazdualEngine(" in api) == has_engine(lang.code), lang.code
        assert ("function kazakh(" in api) == (lang.code == "kk") == (bundle / LATIN_FILE).is_file(), lang.code
        assert api.rstrip().endswith("};") and "export{" in api, lang.code


def test_the_theme_scripts_are_published_compacted(built_site):
    # The search page's search.js among them: the reader downloads no comment.
    sources = sorted((ROOT / "overrides" / "assets").glob("*.js"))
    assert sources
    for source in sources:
        written = source.read_text("utf-8")
        published = (built_site / "assets" / source.name).read_text("utf-8")
        assert published == compact(written), source.name
        assert len(published) < len(written), source.name


def test_the_terms_and_values_of_a_list_are_words_apart(built_site):
    # The results page lists each deliverable's facts as <dt>term</dt><dd>value</dd>.
    for lang in LANGUAGES:
        page = (built_site / lang.prefix / "results" / "index.html").read_text("utf-8")
        terms = {html.unescape(term) for term in re.findall(r"<dt>([^<]+)</dt>", page)}
        assert terms, lang.code
        (record,) = [r for r in fragments(built_site, lang) if r["url"].endswith("/results/")]
        glued = [term for term in terms if re.search(rf"{re.escape(term)}(?! |$)", record["content"])]
        assert glued == [], lang.code


def test_only_the_pages_that_mark_their_content_are_given_to_the_indexer(tmp_path):
    """As Pagefind chooses: once a page marks its content (data-pagefind-body), the pages
    that do not are left out, so neither their copies nor their words (which would choose
    the Kazakh keys) are made. A page that only speaks of the mark in its text marks nothing."""
    from kazdual.site.search_index import indexed_pages

    kazakh = next(lang for lang in LANGUAGES if lang.code == "kk")
    pages = {
        "index.html": '<html><body><main data-pagefind-body=""><p>Жоба</p></main></body></html>',
        "news/index.html": "<html><body><main><p>Жаңалықтар</p></main></body></html>",
        "about/index.html": "<html><body><p>&lt;main data-pagefind-body&gt; means indexed</p></body></html>",
        "ru/index.html": '<html><body><main data-pagefind-body=""><p>Проект</p></main></body></html>',
    }
    for path, text in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    given = indexed_pages(tmp_path, kazakh, LANGUAGES)
    assert {page.relative_to(tmp_path).as_posix(): html for page, html in given.items()} == {
        "index.html": pages["index.html"]
    }
    (tmp_path / "index.html").write_text(pages["news/index.html"], encoding="utf-8")  # no page marks: all are read
    assert sorted(page.relative_to(tmp_path).as_posix() for page in indexed_pages(tmp_path, kazakh, LANGUAGES)) == [
        "about/index.html",
        "index.html",
        "news/index.html",
    ]


def test_every_page_that_marks_its_content_is_in_its_languages_index(built_site):
    from kazdual.site.search_index import indexed_pages

    for lang in LANGUAGES:
        indexed = {record["url"] for record in fragments(built_site, lang)}
        marked = indexed_pages(built_site, lang, LANGUAGES)
        assert len(indexed) == len(marked), lang.code
        assert any("news/" in url for url in indexed), lang.code
