"""Kazakh search keys: the stems of real word forms, and the browser reading them as the build does."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from html_pages import read_page
from kazdual.search import pages
from kazdual.search.kazakh import browser_rules, rules, site_keys
from kazdual.search.script import compact
from kazdual.site.search_index import indexed_pages
from search_forms import groups

GROUPS = groups()
RULES = rules()


def test_the_table_has_enough_forms():
    assert sum(len(forms) for _, forms in GROUPS) >= 300


@pytest.mark.parametrize(("stem", "forms"), GROUPS, ids=[stem for stem, _ in GROUPS])
def test_every_form_may_have_its_stem_on_either_keyboard(stem, forms):
    for form in forms:
        (word,) = RULES.words(form)
        assert stem in [s.text for s in RULES.query_stems(word)], (form, "typed in Kazakh")
        assert stem in [s.text for s in RULES.query_stems(RULES.fold(word))], (form, "typed on a Russian keyboard")


def test_the_site_files_every_form_under_its_stem():
    keys = site_keys(word.lower() for _, forms in GROUPS for word in forms)
    wrong = [(form, keys[form.lower()]) for stem, forms in GROUPS for form in forms if keys[form.lower()] != [stem]]
    assert wrong == []


def test_a_whole_word_never_loses_its_ending_like_end():
    assert [s.text for s in RULES.query_stems("білім")] == ["билим"]
    assert [s.text for s in RULES.query_stems("ойын")] == ["ойын"]
    assert "са" not in site_keys(["саны", "санын", "сан"])["саны"]


def test_words_are_read_as_search_reads_them():
    # A Latin i in a Cyrillic word is і; an ending after a hyphen is the word before it.
    assert RULES.words("Бiлiм, KAZDUAL-дың ЖОО-ларға «жоба» 2021-2024") == [
        "білім",
        "kazdual",
        "жоо",
        "жоба",
        "2021",
        "2024",
    ]


def test_a_keyed_page_has_its_words_where_the_plain_page_has_them():
    html = "<p>Жоба<b>ның</b> мақсаты: <th>Күні</th><th>Іс-шара</th> және <i>x</i></p><script>a<b</script>"
    keys = site_keys(RULES.words("Жобаның мақсаты Күні Іс-шара және x"))
    page = pages.Page(html)
    plain, keyed = page.plain(), page.keyed(RULES, keys)
    assert plain.count(" ") == keyed.count(" ")
    assert "<script>a<b</script>" in keyed  # scripts pass as they are
    assert "Күні </th>" in plain  # a header cell ends in a space: its words stay apart
    assert f"{pages.MARK}максат{pages.MARK}мақсаты" in keyed


# ---------------------------------------------------------------- Python and JavaScript agree

NODE_READER = """
import { readFileSync } from "node:fs";
import { kazakh } from "./kazakh.mjs";
const input = JSON.parse(readFileSync(0, "utf8"));
const K = kazakh(input.rules);
const out = { stems: {}, words: input.texts.map((text) => K.words(text)) };
for (const word of input.words) out.stems[word] = K.stems(word);
process.stdout.write(JSON.stringify(out));
"""


def _site_texts(site) -> list[str]:
    from conftest import LANGUAGES

    kazakh = next(lang for lang in LANGUAGES if lang.code == "kk")
    return [read_page(page).text for page in indexed_pages(site, kazakh, LANGUAGES)]


def test_the_browser_reads_every_kazakh_word_of_the_site_as_the_build_does(built_site, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is missing")
    # As the search page gets it: compacted.
    (tmp_path / "kazakh.mjs").write_text(
        compact((ROOT / "scripts/kazdual/search/kazakh.js").read_text("utf-8")), "utf-8"
    )
    (tmp_path / "reader.mjs").write_text(NODE_READER, encoding="utf-8")
    texts = _site_texts(built_site)
    words = sorted({word for text in texts for word in RULES.words(text)})
    typed = sorted({*words, *(RULES.fold(word) for word in words)})
    given = json.dumps({"rules": browser_rules(), "words": typed, "texts": texts})
    result = subprocess.run([node, "reader.mjs"], cwd=tmp_path, input=given, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    browser = json.loads(result.stdout)
    assert browser["words"] == [RULES.words(text) for text in texts]
    assert {word: browser["stems"][word] for word in typed} == {
        word: [stem.text for stem in RULES.query_stems(word)] for word in typed
    }
    # And every word of the site, typed either way, reaches a key it is filed under.
    keys = site_keys(words)
    lost = [
        w
        for w in words
        if not set(keys[w]) & {*browser["stems"][w]} or not set(keys[w]) & {*browser["stems"][RULES.fold(w)]}
    ]
    assert lost == []
