"""The search bundles as built: what results show is the pages' own text, never the keys."""

from __future__ import annotations

import gzip
import json

from conftest import LANGUAGES
from kazdual.search.bundle import has_engine
from kazdual.search.pages import MARK
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
    for lang in LANGUAGES:
        engine = built_site / lang.prefix / "pagefind" / "engine" / "pagefind.js"
        search_page = (built_site / lang.prefix / "search" / "index.html").read_text("utf-8")
        assert engine.is_file() == has_engine(lang.code) == ("pagefind/engine/" in search_page), lang.code
        if engine.is_file():
            assert engine.read_text("utf-8").startswith('import * as pagefind from "../pagefind.js";')
            assert ("function kazakh(" in engine.read_text("utf-8")) == (lang.code == "kk")
