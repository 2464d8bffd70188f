"""scripts/check_translations.py on small sites in temporary folders: every kind of finding,
the stamps, the output formats, bad usage and files no editor meant to write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import check_translations
from kazdual.placeholders import MARK

ROOT = Path(__file__).resolve().parent.parent
ITEM = "news/2024-01-15-study-visit"

PAGE = {
    "kk": "---\ntitle: Жоба туралы\ndescription: KAZDUAL жобасы туралы.\n---\n\nЖоба Қазақстанда дуалды білім беруді енгізеді.\n",
    "ru": "---\ntitle: О проекте\ndescription: О проекте KAZDUAL.\n---\n\nПроект вводит дуальное образование в Казахстане.\n",
    "en": "---\ntitle: About\ndescription: About KAZDUAL.\n---\n\nThe project introduces dual education in Kazakhstan.\n",
}
NEWS = {
    "kk": "---\ntitle: Тиролге сапар\ndate: 2024-01-15\nsummary: Сапар өтті.\nimage: photo.jpg\nparticipants: 21\n---\n\nҚатысушылар Тирольде болды.\n",
    "ru": "---\ntitle: Визит в Тироль\ndate: 2024-01-15\nsummary: Визит состоялся.\nimage: photo.jpg\nparticipants: 21\n---\n\nУчастники побывали в Тироле.\n",
    "en": "---\ntitle: Visit to Tyrol\ndate: 2024-01-15\nsummary: The visit took place.\nimage: photo.jpg\nparticipants: 21\n---\n\nThe participants visited Tyrol.\n",
}


def write(root: Path, path: str, content: str | bytes) -> Path:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return file


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = check_translations.main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(tmp_path) -> Path:
    """An empty website: the real mkdocs.yml (kk, ru, en), docs/ and news/ with its guide."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    write(tmp_path, "news/README.md", "# How to write a news item\n\nTODO: not an item, never checked.\n")
    return tmp_path


@pytest.fixture
def complete(site, capsys) -> Path:
    """A page and a news item in every language, every translation stamped."""
    for code in PAGE:
        write(site, f"docs/about.{code}.md", PAGE[code])
        write(site, f"{ITEM}/index.{code}.md", NEWS[code])
    write(site, f"{ITEM}/photo.jpg", b"\xff\xd8\xff\xe0 not really a picture")
    code, _, err = run(capsys, site, "--stamp", "docs", "news")
    assert code == 0, err
    return site


def findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("docs/", "news/")) and ":" in line.split()[0]]


def matrix_row(out: str, name: str) -> list[str]:
    """The states of `name` in the coverage matrix, one per language."""
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == [name]]
    assert len(rows) == 1, out
    return rows[0][1:]


def edit(site: Path, path: str, old: str, new: str) -> None:
    file = site / path
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")


# A complete tree, and the stamps.


def test_complete_site_has_no_findings(complete, capsys):
    code, out, _ = run(capsys, complete)
    assert code == 0
    assert findings(out) == []
    assert "every translation is present, finished and current" in out


def test_stamp_is_the_last_front_matter_line_and_the_rest_is_unchanged(complete):
    text = (complete / "docs/about.ru.md").read_text("utf-8")
    before, stamp_line, after = text.partition("\ntranslated_from: kk:")
    assert stamp_line and before + "\n" == PAGE["ru"].split("---\n\n")[0]
    assert after[12:] == "\n---\n\n" + PAGE["ru"].split("---\n\n")[1]
    assert "translated_from" not in (complete / "docs/about.kk.md").read_text("utf-8")


def test_translation_without_stamp_records_no_source(complete, capsys):
    write(complete, "docs/about.en.md", PAGE["en"])
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        "docs/about.en.md:1: records no source: check it matches docs/about.kk.md and run --stamp docs/about.en.md"
    ]


def test_changed_source_makes_its_translations_outdated_until_restamped(complete, capsys):
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде болды", "Тирольде бір апта болды")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        f"{ITEM}/index.en.md:7: outdated: the kk source {ITEM}/index.kk.md changed since this translation; "
        f"update it and run --stamp {ITEM}/index.en.md",
        f"{ITEM}/index.ru.md:7: outdated: the kk source {ITEM}/index.kk.md changed since this translation; "
        f"update it and run --stamp {ITEM}/index.ru.md",
    ]
    assert matrix_row(out, ITEM) == ["source", "outdated", "outdated"]
    code, out, err = run(capsys, complete, "--stamp", ITEM)
    assert code == 0, out
    assert f"stamped {ITEM}/index.ru.md" in err


def test_stamping_a_current_translation_changes_nothing(complete, capsys):
    before = (complete / "docs/about.ru.md").read_bytes()
    code, _, err = run(capsys, complete, "--stamp", "docs/about.ru.md")
    assert code == 0 and err.startswith("already stamped docs/about.ru.md: translated_from: kk:")
    assert (complete / "docs/about.ru.md").read_bytes() == before


def test_editing_a_translation_after_stamping_keeps_it_current(complete, capsys):
    edit(complete, "docs/about.ru.md", "вводит", "внедряет")
    assert run(capsys, complete)[0] == 0


def test_line_endings_and_trailing_spaces_of_the_source_do_not_count(complete, capsys):
    source = complete / "docs/about.kk.md"
    source.write_bytes(source.read_bytes().replace(b"\n", b"  \r\n") + b"\r\n\r\n")
    assert run(capsys, complete)[0] == 0


def test_restamping_rewrites_the_stamp_in_place_and_keeps_crlf(complete, capsys):
    translation = complete / "docs/about.en.md"
    translation.write_bytes(translation.read_bytes().replace(b"\n", b"\r\n"))
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    assert run(capsys, complete)[0] == 1
    before = translation.read_bytes()
    code, out, _ = run(capsys, complete, "--stamp", "docs/about.en.md")
    assert code == 1  # only the Russian text, not stamped again, is still outdated
    assert [line.split(": ")[0] for line in findings(out)] == ["docs/about.ru.md:4"]
    after = translation.read_bytes()
    assert after != before
    assert after.count(b"translated_from") == 1 and b"\r\ntranslated_from: kk:" in after
    stamp_at = before.index(b"translated_from")
    assert after[:stamp_at] == before[:stamp_at] and after[-40:] == before[-40:]


def test_malformed_stamp(complete, capsys):
    edit(complete, "docs/about.en.md", "translated_from: kk:", "translated_from: yesterday ")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out)[0].startswith("docs/about.en.md:4: 'translated_from' should read <language>:<12 hex digits>")


def test_stamp_naming_a_language_without_a_file(complete, capsys):
    edit(complete, "docs/about.en.md", "translated_from: kk:", "translated_from: de:")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out)[0].startswith("docs/about.en.md:4: 'translated_from' names 'de', but there is no readable docs/about.de.md")


def test_translations_may_name_another_source(site, capsys):
    """A page written in Russian first: the Kazakh and English texts are translations of it."""
    write(site, "docs/history.ru.md", PAGE["ru"])
    write(site, "docs/history.kk.md", PAGE["kk"].replace("---\n\n", "translated_from: ru:000000000000\n---\n\n"))
    write(site, "docs/history.en.md", PAGE["en"].replace("---\n\n", "translated_from: ru:000000000000\n---\n\n"))
    code, out, _ = run(capsys, site)
    assert code == 1
    assert [line.split(" the ")[0] for line in findings(out)] == [
        "docs/history.en.md:4: outdated:",
        "docs/history.kk.md:4: outdated:",
    ]
    assert run(capsys, site, "--stamp", "docs")[0] == 0
    assert matrix_row(run(capsys, site)[1], "docs/history") == ["ok", "source", "ok"]


def test_stamping_the_source_is_refused(complete, capsys):
    code, out, err = run(capsys, complete, "--stamp", "docs/about.kk.md")
    assert code == 2
    assert "docs/about.kk.md:1: cannot stamp the source text" in err
    assert out == ""


def test_stamping_unfinished_text_is_refused_and_nothing_is_written(complete, capsys):
    write(complete, "docs/about.en.md", PAGE["en"].replace("The project", f"{MARK} translate: the project"))
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    ru_before = (complete / "docs/about.ru.md").read_bytes()
    code, _, err = run(capsys, complete, "--stamp", "docs")
    assert code == 2
    assert "docs/about.en.md:6: cannot stamp unfinished text" in err
    assert "nothing was stamped" in err
    assert (complete / "docs/about.ru.md").read_bytes() == ru_before


def test_stamping_a_file_that_is_no_translation(complete, capsys):
    write(complete, "docs/about.de.md", PAGE["en"])
    code, _, err = run(capsys, complete, "--stamp", "docs/about.de.md")
    assert code == 2 and "docs/about.de.md:1: not the text of a page or news item" in err
    assert "translated_from" not in (complete / "docs/about.de.md").read_text("utf-8")


def test_stamping_a_path_that_does_not_exist(complete, capsys):
    code, _, err = run(capsys, complete, "--stamp", "docs/nothing.ru.md")
    assert code == 2 and "docs/nothing.ru.md: no such file or folder" in err


def test_a_source_that_records_a_stamp(complete, capsys):
    edit(complete, "docs/about.kk.md", "---\n\n", "translated_from: kk:0123456789ab\n---\n\n")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert "docs/about.kk.md:4: this is the source text, yet it records 'translated_from'" in findings(out)[0]


# 1. Missing translations; 3. orphans.


def test_page_missing_in_a_language(complete, capsys):
    (complete / "docs/about.en.md").unlink()
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        "docs/about.en.md:1: the page has no English (en) translation: add this file, translated from docs/about.kk.md"
    ]
    assert matrix_row(out, "docs/about") == ["source", "ok", "missing"]


def test_news_item_missing_in_a_language(complete, capsys):
    (complete / f"{ITEM}/index.ru.md").unlink()
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        f"{ITEM}/index.ru.md:1: the news item has no Русский (ru) translation: add this file, translated from {ITEM}/index.kk.md"
    ]


def test_orphan_translation(site, capsys):
    write(site, "docs/partners.ru.md", PAGE["ru"])
    code, out, _ = run(capsys, site)
    assert code == 1
    assert findings(out) == [
        "docs/partners.kk.md:1: the Қазақша (kk) text that the other languages translate is missing: add this file",
        "docs/partners.ru.md:1: orphan: there is no Қазақша (kk) text docs/partners.kk.md that this translates: add it, or remove this file",
    ]


def test_folder_named_like_a_news_item_with_no_files(site, capsys):
    (site / ITEM).mkdir(parents=True)
    code, out, _ = run(capsys, site)
    assert code == 1
    assert findings(out) == [f"{ITEM}/index.kk.md:1: the news item has no text: add this file in Қазақша (kk), or remove the folder"]


# 2. File and folder names.


@pytest.mark.parametrize(
    "path, shown, phrase",
    [
        (f"{ITEM}/index.kz.md", None, "'kz' is the country code of Kazakhstan, not a language; the language is 'kk': rename it to index.kk.md"),
        ("docs/about.de.md", None, "'de' is not one of the site's languages (kk, ru, en): rename the file, or add the language to mkdocs.yml"),
        ("docs/about.KK.md", None, "write the language suffix in lower case: rename it to about.kk.md"),
        ("docs/index.md", None, "no language suffix: rename it to index.kk.md (or .ru.md, .en.md for a translation)"),
        (f"{ITEM}/index.md", None, "no language suffix: rename it to index.kk.md"),
        (f"{ITEM}/text.ru.md", None, "a news item's texts are named index.<language>.md: rename it to index.ru.md"),
        ("news/notes.txt", None, "news/ holds only item folders (YYYY-MM-DD-slug) and README.md"),
        ("news/2024-01-15-study-visit.kk.md", None, f"a news item is a folder: move this file to {ITEM}/index.kk.md"),
        ("news/Study_Visit/index.kk.md", "news/Study_Visit", "a news folder is named YYYY-MM-DD-slug"),
        ("news/2024-02-30-visit/index.kk.md", "news/2024-02-30-visit", "'2024-02-30' in the folder name is not a real date"),
    ],
)
def test_misnamed_files_and_folders(complete, capsys, path, shown, phrase):
    write(complete, path, PAGE["kk"])
    code, out, _ = run(capsys, complete)
    assert code == 1
    lines = findings(out)
    assert len(lines) == 1 and lines[0].startswith(f"{shown or path}:1: ") and phrase in lines[0], out


def test_news_readme_and_hidden_files_are_not_items(complete, capsys):
    write(complete, "news/.DS_Store", b"\x00\x01")
    write(complete, f"{ITEM}/.index.kk.md.swp", b"\x00")
    assert run(capsys, complete)[0] == 0


# 4. Front matter that must agree.


@pytest.mark.parametrize(
    "key, in_source, in_translation, shown",
    [
        ("date", "2024-01-15", "2024-01-16", "'2024-01-16' here but '2024-01-15'"),
        ("slug", "study-visit", "visit", "'visit' here but 'study-visit'"),
        ("image", "photo.jpg", "photo.png", "'photo.png' here but 'photo.jpg'"),
        ("draft", "true", "false", "False here but True"),
        ("activity", "event", "meeting", "'meeting' here but 'event'"),
        ("participants", "21", "12", "12 here but 21"),
    ],
)
def test_front_matter_that_differs_from_the_source(complete, capsys, key, in_source, in_translation, shown):
    for code, value in (("kk", in_source), ("ru", in_translation), ("en", in_source)):
        path = complete / f"{ITEM}/index.{code}.md"
        lines = [line for line in path.read_text("utf-8").split("\n") if not line.startswith(f"{key}:")]
        lines.insert(2, f"{key}: {value}")  # line 3, after the title
        path.write_text("\n".join(lines), "utf-8")
    code, out, _ = run(capsys, complete, "--stamp", "news")
    assert code == 1
    assert findings(out) == [f"{ITEM}/index.ru.md:3: '{key}' is {shown} in {ITEM}/index.kk.md: make them the same"]


def test_shared_key_missing_in_a_translation(complete, capsys):
    edit(complete, f"{ITEM}/index.en.md", "participants: 21\n", "")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [f"{ITEM}/index.en.md:1: 'participants' is missing here but is 21 in {ITEM}/index.kk.md: copy it"]


# 5. Unfinished text.


def test_placeholder_in_front_matter_and_body(complete, capsys):
    edit(complete, "docs/about.ru.md", "О проекте\n", f'"{MARK} title in Russian"\n')
    edit(complete, "docs/about.ru.md", "Проект вводит", f"Проект вводит\n\n{MARK} the rest")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        f"docs/about.ru.md:2: 'title' is unfinished ('{MARK}' still here): write it",
        f"docs/about.ru.md:9: unfinished text ('{MARK}' still here): write it",
    ]
    assert matrix_row(out, "docs/about") == ["source", "unfinished", "ok"]


def test_empty_news_text(complete, capsys):
    edit(complete, f"{ITEM}/index.en.md", "The participants visited Tyrol.\n", "")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [f"{ITEM}/index.en.md:9: the news text is empty: write it below the front matter"]


def test_empty_page_is_fine_only_when_its_template_draws_it(site, capsys):
    for code in PAGE:
        write(site, f"docs/index.{code}.md", f"---\ntitle: KAZDUAL {code}\ntemplate: home.html\n---\n")
        write(site, f"docs/about.{code}.md", f"---\ntitle: About {code}\n---\n\n")
    assert run(capsys, site, "--stamp", "docs/index.ru.md", "docs/index.en.md")[0] == 1
    code, out, _ = run(capsys, site)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in findings(out)] == [f"docs/about.{c}.md:4" for c in ("en", "kk", "ru")]
    assert matrix_row(out, "docs/index") == ["source", "ok", "ok"]
    assert "the page text is empty: write it below the front matter" in findings(out)[0]


def test_text_copied_from_another_language(complete, capsys):
    edit(complete, "docs/about.en.md", "The project introduces dual education in Kazakhstan.", "Жоба  Қазақстанда дуалды\nбілім беруді енгізеді.")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == ["docs/about.en.md:7: the text is the same as in docs/about.kk.md: translate it"]
    # Unstamped, the copy is still reported as unfinished, not as a translation to stamp.
    edit(complete, "docs/about.en.md", "translated_from:", "x_translated_from:")
    assert findings(run(capsys, complete)[1]) == ["docs/about.en.md:7: the text is the same as in docs/about.kk.md: translate it"]


def test_bodies_without_words_may_be_the_same(complete, capsys):
    for code in PAGE:
        edit(complete, f"{ITEM}/index.{code}.md", NEWS[code].split("---\n\n")[1], "![](photo.jpg)\n")
    run(capsys, complete, "--stamp", "news")
    assert run(capsys, complete)[0] == 0


# 6. Files that cannot be read.


@pytest.mark.parametrize(
    "content, line, phrase",
    [
        (PAGE["ru"].encode("cp1251"), 2, "the file is not UTF-8 (saved as Windows-1251"),
        (b"\xef\xbb\xbf" + PAGE["ru"].encode("utf-8"), 1, "byte-order mark (BOM)"),
        ("---\ntitle: [О проекте\n---\n\nТекст.\n", 3, "malformed front matter"),
        ("---\n- title\n- О проекте\n---\n\nТекст.\n", 2, "the front matter is a list"),
        ("---\ntitle: О проекте\n\nТекст.\n", 1, "never closed by a second '---' line"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary data"),
    ],
)
def test_unreadable_translation(complete, capsys, content, line, phrase):
    write(complete, "docs/about.ru.md", content)
    code, out, _ = run(capsys, complete)
    assert code == 1
    lines = findings(out)
    assert len(lines) == 1 and lines[0].startswith(f"docs/about.ru.md:{line}: ") and phrase in lines[0], out
    assert matrix_row(out, "docs/about") == ["source", "unreadable", "ok"]


def test_unreadable_source_leaves_its_translations_alone(complete, capsys):
    write(complete, "docs/about.kk.md", PAGE["kk"].encode("utf-8").replace("Жоба".encode(), "Жоба".encode("cp1251")))
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert [line.split(": ")[0] for line in findings(out)] == ["docs/about.kk.md:2"]
    assert matrix_row(out, "docs/about") == ["unreadable", "ok", "ok"]


def test_empty_files(complete, capsys):
    write(complete, "docs/about.ru.md", "")
    write(complete, f"{ITEM}/index.ru.md", "")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        "docs/about.ru.md:1: the page text is empty: write it below the front matter",
        f"{ITEM}/index.ru.md:1: 'date' is missing here but is '2024-01-15' in {ITEM}/index.kk.md: copy it",
        f"{ITEM}/index.ru.md:1: 'image' is missing here but is 'photo.jpg' in {ITEM}/index.kk.md: copy it",
        f"{ITEM}/index.ru.md:1: 'participants' is missing here but is 21 in {ITEM}/index.kk.md: copy it",
        f"{ITEM}/index.ru.md:1: the news text is empty: write it below the front matter",
    ]


# 7. Words that mix Latin and Cyrillic letters.


def test_mixed_script_words_in_cyrillic_texts(complete, capsys):
    edit(complete, "docs/about.ru.md", "О проекте\n", "О прoекте\n")  # Latin o
    edit(complete, "docs/about.kk.md", "Қазақстанда", "Қазaқстанда")  # Latin a
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде", "Tирoльде")  # Latin T and o
    run(capsys, complete, "--stamp", "docs", "news")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        "docs/about.kk.md:6: the word 'Қазaқстанда' mixes Latin and Cyrillic letters: retype the Latin a in Cyrillic",
        "docs/about.ru.md:2: the word 'прoекте' mixes Latin and Cyrillic letters: retype the Latin o in Cyrillic",
        f"{ITEM}/index.kk.md:9: the word 'Tирoльде' mixes Latin and Cyrillic letters: retype the Latin T o in Cyrillic",
    ]


def test_mixed_script_word_with_one_cyrillic_letter_among_latin(complete, capsys):
    edit(complete, "docs/about.ru.md", "Проект вводит", "Проект Erаsmus вводит")  # Cyrillic а
    code, out, _ = run(capsys, complete)
    assert findings(out) == [
        "docs/about.ru.md:7: the word 'Erаsmus' mixes Latin and Cyrillic letters: retype the Cyrillic а in Latin"
    ]


def test_code_urls_keys_and_latin_texts_are_not_checked_for_mixed_words(complete, capsys):
    edit(
        complete,
        "docs/about.ru.md",
        "Проект вводит",
        "Код `pаth` и https://example.org/прoект и [ссылка](фaйл.pdf) и <a href=\"дa\">KAZDUAL-дың</a>\n\n"
        "```\nprint('Казaхстан')\n```\n\nПроект вводит",
    )
    edit(complete, "docs/about.ru.md", "description:", "dеscription_key:")  # a key, not text
    edit(complete, "docs/about.en.md", "The project", "The prоject")  # English is not checked
    run(capsys, complete, "--stamp", "docs")
    code, out, _ = run(capsys, complete)
    assert code == 0, out


# Output formats.


def test_json_output(complete, capsys):
    (complete / "docs/about.en.md").unlink()
    code, out, _ = run(capsys, complete, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["findings"] == [
        {
            "path": "docs/about.en.md",
            "line": 1,
            "kind": "missing",
            "message": "the page has no English (en) translation: add this file, translated from docs/about.kk.md",
        }
    ]
    about = next(row for row in data["matrix"] if row["name"] == "docs/about")
    assert {code: cell["state"] for code, cell in about["cells"].items()} == {"kk": "source", "ru": "ok", "en": "missing"}
    assert [language["code"] for language in data["languages"]] == ["kk", "ru", "en"]


def test_markdown_output_has_the_matrix_and_the_findings(complete, capsys):
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    code, out, _ = run(capsys, complete, "--format", "markdown")
    assert code == 1
    assert "| page or news item | kk | ru | en |" in out
    assert "| `docs/about` | ✅ source | ⚠️ outdated | ⚠️ outdated |" in out
    assert f"| `{ITEM}` | ✅ source | ✅ ok | ✅ ok |" in out
    assert "```text\ndocs/about.en.md:4: outdated:" in out


# Bad usage: exit 2, a message, no traceback.


@pytest.mark.parametrize(
    "args, phrase",
    [(["--colour"], "unrecognized arguments: --colour"), (["--format", "html"], "invalid choice: 'html'"), (["--stamp"], "expected at least one argument")],
)
def test_bad_options(site, capsys, args, phrase):
    code, out, err = run(capsys, site, *args)
    assert code == 2 and phrase in err and out == ""


def test_root_without_mkdocs_yml_or_docs(tmp_path, capsys):
    assert run(capsys, tmp_path)[0] == 2
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and "not the website's folder (no mkdocs.yml and docs/ there)" in err


@pytest.mark.parametrize(
    "config",
    [
        b"site_name: x\nplugins:\n  - i18n:\n      docs_structure: suffix\n",
        b"site_name: x\nplugins:\n  - i18n:\n      languages:\n",
        b"site_name: x\nplugins:\n  - i18n\n",
        b"- just\n- a list\n",
        b"site_name: \xff\xfe\n",
    ],
)
def test_site_configuration_without_languages(site, capsys, config):
    (site / "mkdocs.yml").write_bytes(config)
    code, out, err = run(capsys, site)
    assert code == 2 and out == ""
    assert err.startswith("mkdocs.yml:1: ")


def test_the_real_website_can_be_checked_without_a_traceback(capsys):
    code = check_translations.main(["--format", "json"])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    assert json.loads(out)["matrix"]
