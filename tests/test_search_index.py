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
    """Read with an HTML parser, not with the build's own reading: each page of a language
    whose tags mark its content is in that language's index, and no other page is."""
    from html_pages import read_page

    for lang in LANGUAGES:
        root = built_site / lang.prefix
        others = {other.prefix.rstrip("/") for other in LANGUAGES if other.prefix} | {"admin", "pagefind"}
        marked = {
            "/" + page.relative_to(built_site).as_posix().removesuffix("index.html")
            for page in root.rglob("*.html")
            if page.relative_to(root).parts[0] not in others
            and any("data-pagefind-body" in tag.attrs for tag in read_page(page).tags)
        }
        indexed = {record["url"] for record in fragments(built_site, lang)}
        assert indexed == marked, lang.code
        assert any("/news/" in url for url in indexed), lang.code


def _bundle_files(site) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and BUNDLE_DIR in path.relative_to(site).parts
    }


def test_the_indexer_is_given_only_the_content_and_makes_the_same_bundles_from_it(built_site, tmp_path, monkeypatch):
    """The copy of a page that Pagefind reads keeps only what it indexes (the header, menus and
    footer are most of a page's bytes): the bundles are the very ones the whole pages give."""
    import shutil

    from kazdual.search import indexed, pages
    from kazdual.site.search_index import build_search_index, indexed_pages

    given = [html for lang in LANGUAGES for html in indexed_pages(built_site, lang, LANGUAGES).values()]
    assert all(len(pages.plain(html)) < len(html) for html in given)
    assert sum(len(pages.plain(html)) for html in given) < sum(len(html) for html in given) / 2
    cut, whole = tmp_path / "cut", tmp_path / "whole"
    for copy in (cut, whole):
        shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    build_search_index(cut, LANGUAGES, LANGUAGES)
    monkeypatch.setattr(indexed, "kept_around", lambda html, lower, marked: None)  # every page as it is
    build_search_index(whole, LANGUAGES, LANGUAGES)
    made = _bundle_files(cut)
    assert made and made == _bundle_files(whole)


def test_a_page_whose_other_markup_pagefind_reads_is_given_whole():
    from kazdual.search import pages

    content = '<main data-pagefind-body=""><h1>Жоба</h1><p>Мәтін</p></main>'
    head = '<head><title>Жоба</title><link rel="stylesheet" href="a.css"></head>'
    page = f'<!doctype html><html lang="kk">{head}<body><header>Мәзір</header>{content}</body></html>'
    bare = '<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Жоба</title></head>'
    assert pages.plain(page) == f"{bare}<body>{content}</body></html>"
    tagged = page.replace("<header>", '<header data-pagefind-meta="section">')
    assert pages.plain(tagged) == tagged
    two = page.replace("</body>", '<aside data-pagefind-body="">Тағы</aside></body>')
    assert pages.plain(two) == f'{bare}<body>{content}<aside data-pagefind-body="">Тағы</aside></body></html>'


def _page(title: str, header: str, content: str, footer: str = "", marked: str = '<div data-pagefind-body="">') -> str:
    return (
        f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/a.css"></head><body><header>{header}</header>'
        f'<main><div class="md-content">{marked}{content}</div>{footer}</main>'
        "<footer>Подвал сайта</footer></body></html>"
    )


CONTENT = "<h1>Практика</h1><p>Студенты прошли практику на предприятии &laquo;Завод&raquo;.</p>"
# Pages that a careless cut would read wrongly, by what each tries.
TRICKY = {
    "plain": _page("Обычная", "Меню", CONTENT),
    "comment-closing": _page(
        "Комментарий", "Меню", "<h1>Комментарий</h1><!-- старый блок: </div> --><p>Слова после.</p>"
    ),
    "comment-mark": _page("Метка", "<!-- <div data-pagefind-body> --><span>Шапка сайта</span>", CONTENT),
    "script-closing": _page("Скрипт", "Меню", '<h1>Скрипт</h1><script>document.write("</div>")</script><p>Дальше.</p>'),
    "quoted-closing": _page("Кавычки", "Меню", '<h1>Картинка</h1><img src="a.png" alt="</div>"><p>Текст.</p>'),
    "upper-case": _page("Регистр", "Меню", CONTENT, marked='<DIV data-note="1 > 0" DATA-PAGEFIND-BODY>'),
    "hero-heading": _page("Герой", "<h1>Герой</h1>", "<p>Без своего заголовка.</p>"),
    "footer-image": _page("Логотип", "Меню", CONTENT, footer='<img src="/partner.png" alt="Партнёр">'),
    "text-after": _page("После", "Меню", CONTENT).replace("</div></main>", "</div> хвост текста</main>"),
    "odd-entities": _page("Сущности", "Меню", "<h1>Сущности</h1><p>x&notit; a&copy=2 &amp; &nbsp;</p>"),
    "nested": _page("Вложенный", "Меню", '<h1>Вложенный</h1><div data-pagefind-body=""><p>Внутри.</p></div>'),
    "no-title": _page("", "Меню", CONTENT).replace("<title></title>", ""),
}


def test_pages_that_a_cut_would_misread_give_the_bundles_of_the_whole_pages(tmp_path, monkeypatch):
    """Comments, scripts and quoted values are no tags; a heading, an image or text that Pagefind
    would read outside the content keeps the page whole: the bundles are those of whole pages."""
    import shutil

    from kazdual.search import indexed, pages
    from kazdual.site.search_index import build_search_index

    cut, whole = tmp_path / "cut", tmp_path / "whole"
    for lang in LANGUAGES:
        for name, page in TRICKY.items():
            target = cut / lang.prefix / name / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.replace('lang="ru"', f'lang="{lang.code}"'), encoding="utf-8")
    shutil.copytree(cut, whole)
    given_whole = {name for name, page in TRICKY.items() if pages.plain(page) == page}
    assert given_whole == {"hero-heading", "footer-image", "text-after", "no-title"}
    assert "Шапка" not in pages.plain(TRICKY["comment-mark"])
    assert "Слова после" in pages.plain(TRICKY["comment-closing"])
    assert "x&notit; a&copy=2" in pages.plain(TRICKY["odd-entities"])
    build_search_index(cut, LANGUAGES, LANGUAGES)
    monkeypatch.setattr(indexed, "kept_around", lambda html, lower, marked: None)
    assert all(pages.plain(page) == page for page in TRICKY.values())  # whole means as written
    build_search_index(whole, LANGUAGES, LANGUAGES)
    made = _bundle_files(cut)
    assert made and made == _bundle_files(whole)
    for lang in LANGUAGES:
        assert len(fragments(cut, lang)) == len(TRICKY), lang.code
