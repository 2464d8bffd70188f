"""scripts/check_translations.py on small sites in temporary folders: the findings
about translations, the stamps, the output formats, bad usage and files no
editor meant to write. (Every kind of finding is in test_content_model.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import check_translations
from conftest import empty_site
from kazdual.content.texts import MARK

ITEM = "news/2024-01-15-study-visit"

PAGE = {
    "kk": (
        "---\ntitle: Жоба туралы\ndescription: KAZDUAL жобасы туралы.\n---\n"
        "\nЖоба Қазақстанда дуалды білім беруді енгізеді.\n"
    ),
    "ru": (
        "---\ntitle: О проекте\ndescription: О проекте KAZDUAL.\n---\n"
        "\nПроект вводит дуальное образование в Казахстане.\n"
    ),
    "en": (
        "---\ntitle: About\ndescription: About KAZDUAL.\n---\n\nThe project introduces dual education in Kazakhstan.\n"
    ),
}
NEWS = {
    "kk": (
        "---\ntitle: Тиролге сапар\ndate: 2024-01-15\nsummary: Сапар өтті.\n"
        "activity: study-visit\nparticipants: 21\naudiences:\n  - university-staff\n"
        "attendance_note: Тізім жоба кеңсесінде сақтаулы.\n---\n"
        "\nҚатысушылар Тирольде болды.\n"
    ),
    "ru": (
        "---\ntitle: Визит в Тироль\ndate: 2024-01-15\nsummary: Визит состоялся.\n"
        "activity: study-visit\nparticipants: 21\naudiences:\n  - university-staff\n"
        "attendance_note: Список хранится в офисе проекта.\n---\n"
        "\nУчастники побывали в Тироле.\n"
    ),
    "en": (
        "---\ntitle: Visit to Tyrol\ndate: 2024-01-15\nsummary: The visit took place.\n"
        "activity: study-visit\nparticipants: 21\naudiences:\n  - university-staff\n"
        "attendance_note: The list is kept at the project office.\n---\n"
        "\nThe participants visited Tyrol.\n"
    ),
}
TRANSLATIONS = ["docs/about.ru.md", "docs/about.en.md", f"{ITEM}/index.ru.md", f"{ITEM}/index.en.md"]


def write(root: Path, path: str, content: str | bytes) -> Path:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return file


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = check_translations.main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def english_system(monkeypatch):
    """The messages in English, whatever this computer's language (a test says when it is another)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def site(tmp_path) -> Path:
    return empty_site(tmp_path / "site")


@pytest.fixture
def complete(site, capsys) -> Path:
    """A page and a news item in every language, every translation stamped."""
    for code in PAGE:
        write(site, f"docs/about.{code}.md", PAGE[code])
        write(site, f"{ITEM}/index.{code}.md", NEWS[code])
    code, _, err = run(capsys, site, "--stamp", *TRANSLATIONS)
    assert code == 0, err
    return site


def findings(out: str) -> list[str]:
    return [
        line for line in out.splitlines() if line.startswith(("docs/", "news/", "mkdocs")) and ":" in line.split()[0]
    ]


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


def test_a_translation_without_stamp_is_advisory(complete, capsys):
    write(complete, "docs/about.en.md", PAGE["en"])
    code, out, _ = run(capsys, complete)
    assert code == 0  # publishing goes on
    assert findings(out) == [
        "docs/about.en.md:1: records no source: check that it says what docs/about.kk.md says, "
        "then run: python3 scripts/check_translations.py --stamp docs/about.en.md  (advisory)"
    ]
    assert matrix_row(out, "docs/about") == ["source", "ok", "unstamped"]


def test_changed_source_makes_its_translations_outdated_until_restamped(complete, capsys):
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде болды", "Тирольде бір апта болды")
    code, out, _ = run(capsys, complete)
    assert code == 0
    assert findings(out) == [
        f"{ITEM}/index.en.md:10: outdated: {ITEM}/index.kk.md changed after this was translated: "
        f"bring this translation up to date, then run: "
        f"python3 scripts/check_translations.py --stamp {ITEM}/index.en.md  (advisory)",
        f"{ITEM}/index.ru.md:10: outdated: {ITEM}/index.kk.md changed after this was translated: "
        f"bring this translation up to date, then run: "
        f"python3 scripts/check_translations.py --stamp {ITEM}/index.ru.md  (advisory)",
    ]
    assert matrix_row(out, ITEM) == ["source", "outdated", "outdated"]
    code, _, err = run(capsys, complete, "--stamp", f"{ITEM}/index.ru.md", f"{ITEM}/index.en.md")
    assert code == 0 and f"stamped {ITEM}/index.ru.md" in err
    assert findings(run(capsys, complete)[1]) == []


def test_only_a_change_of_meaning_outdates_a_translation(complete, capsys):
    """Key order, quoting, line endings, trailing blanks and shared values are not meaning."""
    source = complete / f"{ITEM}/index.kk.md"
    text = source.read_text("utf-8")
    text = text.replace("title: Тиролге сапар\n", "").replace(
        "summary: Сапар өтті.\n", 'summary: "Сапар өтті."\ntitle: >-\n  Тиролге сапар\n'
    )
    text = text.replace("participants: 21", "participants: 21\ndraft: false")
    source.write_bytes(text.replace("\n", "  \r\n").encode("utf-8") + b"\r\n")
    assert findings(run(capsys, complete)[1]) == []
    edit(complete, f"{ITEM}/index.kk.md", "Сапар өтті.", "Сапар сәтті өтті.")
    assert [line.split(": ")[1] for line in findings(run(capsys, complete)[1])] == ["outdated", "outdated"]


def test_stamping_a_current_translation_changes_nothing(complete, capsys):
    before = (complete / "docs/about.ru.md").read_bytes()
    code, _, err = run(capsys, complete, "--stamp", "docs/about.ru.md")
    assert code == 0 and err.startswith("already current: docs/about.ru.md")
    assert (complete / "docs/about.ru.md").read_bytes() == before


def test_editing_a_translation_after_stamping_keeps_it_current(complete, capsys):
    edit(complete, "docs/about.ru.md", "вводит", "внедряет")
    assert findings(run(capsys, complete)[1]) == []


def test_restamping_rewrites_the_stamp_in_place_and_keeps_crlf(complete, capsys):
    translation = complete / "docs/about.en.md"
    translation.write_bytes(translation.read_bytes().replace(b"\n", b"\r\n"))
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    before = translation.read_bytes()
    code, out, _ = run(capsys, complete, "--stamp", "docs/about.en.md")
    assert code == 0
    assert [line.split(": ")[0] for line in findings(out)] == ["docs/about.ru.md:4"]  # not stamped: still outdated
    after = translation.read_bytes()
    assert after != before and after.count(b"translated_from") == 1 and b"\r\ntranslated_from: kk:" in after
    stamp_at = before.index(b"translated_from")
    assert after[:stamp_at] == before[:stamp_at] and after[stamp_at + 32 :] == before[stamp_at + 32 :]


def test_stamping_finds_the_stamp_by_structure_not_by_lines(complete, capsys):
    """A quoted summary whose second line starts with `translated_from:` is text, not a stamp."""
    edit(
        complete,
        f"{ITEM}/index.en.md",
        "summary: The visit took place.",
        'summary: "The visit took place;\ntranslated_from: nothing"',
    )
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде болды", "Тирольде бір апта болды")
    assert run(capsys, complete, "--stamp", f"{ITEM}/index.en.md")[0] == 0
    text = (complete / f"{ITEM}/index.en.md").read_text("utf-8")
    assert '\ntranslated_from: nothing"\n' in text and text.count("translated_from:") == 2
    assert findings(run(capsys, complete)[1]) == [f for f in findings(run(capsys, complete)[1]) if "index.ru.md" in f]


@pytest.mark.parametrize(
    "front, stamped",
    [
        ("{title: About, description: About KAZDUAL.}", False),  # flow style: nowhere to put a line
        ("title: About\ndescription: About KAZDUAL.\ntranslated_from: >\n  kk:000000000000", False),
        ("title: About\ndescription: About KAZDUAL.\ntranslated_from:", True),  # a stamp with no value yet
        ("title: About\ndescription:\tAbout KAZDUAL.", True),  # a tab after the colon, as YAML 1.2 allows
    ],
)
def test_stamping_odd_front_matter_writes_whole_or_says_why_not(complete, capsys, front, stamped):
    path = complete / "docs/about.en.md"
    path.write_text(f"---\n{front}\n---\n\nThe project introduces dual education in Kazakhstan.\n", "utf-8")
    before = path.read_bytes()
    code, _, err = run(capsys, complete, "--stamp", "docs/about.en.md")
    assert "Traceback" not in err
    if stamped:
        assert code == 0 and path.read_bytes() != before
        assert findings(run(capsys, complete)[1]) == []
    else:
        assert code == 2 and path.read_bytes() == before
        assert "docs/about.en.md:1: the stamp could not be added without changing other text" in err


def test_stamping_keeps_a_byte_order_mark(complete, capsys):
    path = complete / "docs/about.en.md"
    path.write_bytes(b"\xef\xbb\xbf" + re.sub(rb"translated_from: .*\n", b"", path.read_bytes()))
    assert run(capsys, complete, "--stamp", "docs/about.en.md")[0] == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf---\n") and b"translated_from: kk:" in path.read_bytes()


def test_stamping_never_overwrites_an_edit_saved_meanwhile(complete, capsys):
    """The stamp is written from the text read when the check began: a translation saved by
    an editor in between would have been replaced by the older text."""
    from kazdual.content import config, load

    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    content = load(config.load(complete))
    edit(complete, "docs/about.en.md", "introduces", "brings")  # saved in an editor meanwhile
    saved = (complete / "docs/about.en.md").read_bytes()
    with pytest.raises(
        check_translations.UsageError, match=r"docs/about\.en\.md:1: the file changed while it was being stamped"
    ):
        check_translations.stamp(complete, content, ["docs/about.en.md"])
    assert (complete / "docs/about.en.md").read_bytes() == saved


def test_stamping_a_folder_asks_or_names_the_files_to_stamp(complete, capsys, monkeypatch):
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде болды", "Тирольде бір апта болды")
    before = {p: (complete / p).read_bytes() for p in TRANSLATIONS}
    code, _, err = run(capsys, complete, "--stamp", ITEM)  # not a terminal: nothing is assumed
    assert code == 2
    assert f"name the ones you brought up to date: --stamp {ITEM}/index.en.md {ITEM}/index.ru.md" in err
    assert {p: (complete / p).read_bytes() for p in TRANSLATIONS} == before
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["y", "n"])  # en: checked; ru: not yet
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    code, out, err = run(capsys, complete, "--stamp", ITEM)
    assert code == 0 and f"stamped {ITEM}/index.en.md" in err
    assert [line.split(": ")[0] for line in findings(out)] == [f"{ITEM}/index.ru.md:10"]


def test_malformed_stamp(complete, capsys):
    edit(complete, "docs/about.en.md", "translated_from: kk:", "translated_from: yesterday ")
    code, out, _ = run(capsys, complete)
    assert code == 0
    assert findings(out)[0].startswith("docs/about.en.md:4: translated_from should read <language>:<12 hex digits>")


def test_stamp_naming_a_language_without_a_file(complete, capsys):
    edit(complete, "docs/about.en.md", "translated_from: kk:", "translated_from: de:")
    assert findings(run(capsys, complete)[1])[0].startswith(
        "docs/about.en.md:4: translated_from names 'de', but there is no readable docs/about.de.md"
    )


def test_translations_may_name_another_source(site, capsys):
    """A page written in Russian first: the Kazakh and English texts are translations of it."""
    write(site, "docs/history.ru.md", PAGE["ru"])
    write(site, "docs/history.kk.md", PAGE["kk"].replace("---\n\n", "translated_from: ru:000000000000\n---\n\n"))
    write(site, "docs/history.en.md", PAGE["en"].replace("---\n\n", "translated_from: ru:000000000000\n---\n\n"))
    out = run(capsys, site)[1]
    assert [line.split(": ")[:2] for line in findings(out)] == [
        ["docs/history.en.md:4", "outdated"],
        ["docs/history.kk.md:4", "outdated"],
    ]
    assert run(capsys, site, "--stamp", "docs/history.kk.md", "docs/history.en.md")[0] == 0
    assert matrix_row(run(capsys, site)[1], "docs/history") == ["ok", "source", "ok"]


def test_stamping_the_source_is_refused(complete, capsys):
    code, out, err = run(capsys, complete, "--stamp", "docs/about.kk.md")
    assert code == 2 and "docs/about.kk.md:1: this is the source text: stamp its translations instead" in err
    assert out == ""


def test_stamping_unfinished_text_is_refused_and_nothing_is_written(complete, capsys):
    write(complete, "docs/about.en.md", PAGE["en"].replace("The project", f"{MARK} translate: the project"))
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    ru_before = (complete / "docs/about.ru.md").read_bytes()
    code, _, err = run(capsys, complete, "--stamp", "docs/about.ru.md", "docs/about.en.md")
    assert code == 2
    assert (
        f"docs/about.en.md:6: this text is still to write ('{MARK}' is still here): write it  (fix this first)" in err
    )
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
    assert (
        "docs/about.kk.md:4: this is the source text, yet it records translated_from"
        in findings(run(capsys, complete)[1])[0]
    )


# Missing translations and orphans: blocking.


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
        f"{ITEM}/index.ru.md:1: the news item has no Русский (ru) translation: add this file, translated from "
        f"{ITEM}/index.kk.md"
    ]


def test_orphan_translation(site, capsys):
    write(site, "docs/partners.ru.md", PAGE["ru"])
    code, out, _ = run(capsys, site)
    assert code == 1
    assert findings(out) == [
        "docs/partners.kk.md:1: the Қазақша (kk) text that the other languages translate is missing: add this file",
        "docs/partners.ru.md:1: there is no Қазақша (kk) text docs/partners.kk.md that this translates: add it, or "
        "remove this file",
    ]


def test_folder_named_like_a_news_item_with_no_files(site, capsys):
    (site / ITEM).mkdir(parents=True)
    code, out, _ = run(capsys, site)
    assert code == 1
    assert findings(out) == [
        f"{ITEM}/index.kk.md:1: the news item has no text: add this file in Қазақша (kk), or remove the folder"
    ]


# The matrix never calls a file that does not exist "ok".


def test_a_news_folder_without_any_text_is_missing_in_every_language(site, capsys):
    (site / ITEM).mkdir(parents=True)
    code, out, _ = run(capsys, site)
    assert code == 1 and matrix_row(out, ITEM) == ["missing", "missing", "missing"]
    _, out, _ = run(capsys, site, "--format", "json")
    row = next(row for row in json.loads(out)["matrix"] if row["name"] == ITEM)
    assert {code: cell["state"] for code, cell in row["cells"].items()} == dict.fromkeys(["kk", "ru", "en"], "missing")
    _, out, _ = run(capsys, site, "--format", "markdown")
    assert f"| `{ITEM}` | ❌ missing | ❌ missing | ❌ missing |" in out


def test_every_missing_file_is_missing_in_the_matrix(site, capsys):
    write(site, f"{ITEM}/index.ru.md", NEWS["ru"])  # an orphan: no Kazakh text, no English one
    _, out, _ = run(capsys, site)
    assert matrix_row(out, ITEM) == ["missing", "orphan", "missing"]
    assert check_translations.main(["--root", str(site)]) == 1


# Front matter that must agree: the file that differs is named.


@pytest.mark.parametrize(
    "key, right, wrong, shown",
    [
        ("end_date", "2024-01-19", "2024-01-18", "'2024-01-18' here but '2024-01-19'"),
        ("draft", "true", "false", "'false' here but 'true'"),
        ("activity", "event", "meeting", "'meeting' here but 'event'"),
        ("participants", "21", "12", "'12' here but '21'"),
    ],
)
@pytest.mark.parametrize("odd_one", ["kk", "ru"])
def test_the_file_that_differs_from_the_others_is_named(complete, capsys, key, right, wrong, shown, odd_one):
    for code in ("kk", "ru", "en"):
        path = complete / f"{ITEM}/index.{code}.md"
        lines = [line for line in path.read_text("utf-8").split("\n") if not line.startswith(f"{key}:")]
        lines.insert(2, f"{key}: {wrong if code == odd_one else right}")  # line 3, after the title
        path.write_text("\n".join(lines), "utf-8")
    out = run(capsys, complete)[1]
    others = " and ".join(f"{ITEM}/index.{code}.md" for code in ("kk", "ru", "en") if code != odd_one)
    # A draft item (kk says draft: true) is never published: its findings are advisory.
    reported = [f.removesuffix("  (advisory)") for f in findings(out) if "outdated" not in f]
    assert reported == [f"{ITEM}/index.{odd_one}.md:3: {key} is {shown} in {others}: make them the same"]


def test_a_wrong_value_is_reported_where_it_is_written_only(complete, capsys):
    """participants: 45 адам in the Kazakh file: the Kazakh file is wrong, not the others."""
    edit(complete, f"{ITEM}/index.kk.md", "participants: 21", "participants: 45 адам")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [f"{ITEM}/index.kk.md:6: participants must be a whole number such as 30, not '45 адам'"]


def test_shared_key_missing_in_a_translation(complete, capsys):
    edit(complete, f"{ITEM}/index.en.md", "participants: 21\n", "")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        f"{ITEM}/index.en.md:1: participants is missing here but is '21' in {ITEM}/index.kk.md and "
        f"{ITEM}/index.ru.md: copy it"
    ]


# Unfinished text.


def test_placeholder_in_front_matter_and_body(complete, capsys):
    edit(complete, "docs/about.ru.md", "О проекте\n", f'"{MARK} title in Russian"\n')
    edit(complete, "docs/about.ru.md", "Проект вводит", f"Проект вводит\n\n{MARK} the rest")
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == [
        f"docs/about.ru.md:2: title is still to write ('{MARK}' is still here): write it",
        f"docs/about.ru.md:9: this text is still to write ('{MARK}' is still here): write it",
    ]
    assert matrix_row(out, "docs/about") == ["source", "unfinished", "ok"]


def test_empty_news_text(complete, capsys):
    edit(complete, f"{ITEM}/index.en.md", "The participants visited Tyrol.\n", "")
    assert findings(run(capsys, complete)[1]) == [
        f"{ITEM}/index.en.md:12: the news text is empty: write it below the front matter"
    ]


def test_text_copied_from_another_language(complete, capsys):
    edit(
        complete,
        "docs/about.en.md",
        "The project introduces dual education in Kazakhstan.",
        "Жоба  Қазақстанда дуалды\nбілім беруді енгізеді.",
    )
    code, out, _ = run(capsys, complete)
    assert code == 1
    assert findings(out) == ["docs/about.en.md:7: the text is the same as in docs/about.kk.md: translate it"]


# Files that cannot be read.


@pytest.mark.parametrize(
    "content, line, phrase",
    [
        (PAGE["ru"].encode("cp1251"), 2, "the file is not UTF-8 (saved as Windows-1251"),
        ("---\ntitle: [О проекте\n---\n\nТекст.\n", 2, "a value starting with [ must end with ]"),
        # MkDocs ends the front matter at a YAML document end: what follows would be published as text.
        ("---\ntitle: О проекте\n...\n# TODO: a note\n---\n\nТекст.\n", 3, "a line of three dots ends the front"),
        ("---\n- title\n- О проекте\n---\n\nТекст.\n", 2, "the front matter must be `key: value` lines"),
        ("---\ntitle: О проекте\n\nТекст.\n", 1, "never closed by a second '---' line"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary data"),
        (PAGE["ru"].encode("utf-16"), 1, 'the file is saved as UTF-16 ("Unicode" in Notepad): save it as UTF-8'),
    ],
)
def test_unreadable_translation(complete, capsys, content, line, phrase):
    write(complete, "docs/about.ru.md", content)
    code, out, _ = run(capsys, complete)
    assert code == 1
    lines = findings(out)
    assert len(lines) == 1 and lines[0].startswith(f"docs/about.ru.md:{line}: ") and phrase in lines[0], out
    assert matrix_row(out, "docs/about")[1] in ("unreadable", "front-matter")


def test_a_byte_order_mark_is_harmless(complete, capsys):
    write(complete, "docs/about.ru.md", b"\xef\xbb\xbf" + (complete / "docs/about.ru.md").read_bytes())
    assert findings(run(capsys, complete)[1]) == []


def test_old_mac_line_endings_are_line_endings(complete, capsys):
    """A file whose lines end in a lone CR was one unclosed line of front matter to the
    check, while MkDocs reads it line by line."""
    mac = (complete / "docs/about.ru.md").read_bytes().replace(b"\n", b"\r")
    write(complete, "docs/about.ru.md", mac)
    assert findings(run(capsys, complete)[1]) == []
    write(complete, "docs/about.ru.md", mac.replace("\r\rПроект".encode(), "\r\rTODO: перевести\rПроект".encode()))
    assert findings(run(capsys, complete)[1]) == [
        "docs/about.ru.md:7: this text is still to write ('TODO:' is still here): write it"
    ]


def test_unreadable_source_leaves_its_translations_alone(complete, capsys):
    write(complete, "docs/about.kk.md", PAGE["kk"].encode("utf-8").replace("Жоба".encode(), "Жоба".encode("cp1251")))
    out = run(capsys, complete)[1]
    assert [line.split(": ")[0] for line in findings(out)] == ["docs/about.kk.md:2"]
    assert matrix_row(out, "docs/about") == ["unreadable", "ok", "ok"]


# Words that mix Latin and Cyrillic letters.


def test_mixed_script_words_in_cyrillic_texts(complete, capsys):
    edit(complete, "docs/about.ru.md", "О проекте\n", "О прoекте\n")  # Latin o
    edit(complete, "docs/about.kk.md", "Қазақстанда", "Қазaқстанда")  # Latin a
    edit(complete, f"{ITEM}/index.kk.md", "Тирольде", "Tирoльде")  # Latin T and o
    out = run(capsys, complete)[1]
    assert [f for f in findings(out) if "mixes" in f] == [
        "docs/about.kk.md:6: the word 'Қазaқстанда' mixes Latin and Cyrillic letters: retype the Latin a in Cyrillic",
        "docs/about.ru.md:2: the word 'прoекте' mixes Latin and Cyrillic letters: retype the Latin o in Cyrillic",
        f"{ITEM}/index.kk.md:12: the word 'Tирoльде' mixes Latin and Cyrillic letters: retype the Latin T o in"
        " Cyrillic",
    ]


def test_code_urls_and_latin_texts_are_not_checked_for_mixed_words(complete, capsys):
    edit(
        complete,
        "docs/about.ru.md",
        "Проект вводит",
        'Код `pаth` и https://example.org/прoект и <a href="https://example.org/дa">KAZDUAL-дың</a>\n\n'
        "```\nprint('Казaхстан')\n```\n\nПроект вводит",
    )
    edit(complete, "docs/about.en.md", "The project", "The prоject")  # English is not checked
    assert [f for f in findings(run(capsys, complete)[1]) if "mixes" in f] == []


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
            "blocking": True,
            "message": "the page has no English (en) translation: add this file, translated from docs/about.kk.md",
        }
    ]
    about = next(row for row in data["matrix"] if row["name"] == "docs/about")
    assert {code: cell["state"] for code, cell in about["cells"].items()} == {
        "kk": "source",
        "ru": "ok",
        "en": "missing",
    }
    assert [language["code"] for language in data["languages"]] == ["kk", "ru", "en"]


def test_markdown_output_has_the_matrix_and_the_findings(complete, capsys):
    edit(complete, "docs/about.kk.md", "енгізеді", "енгізді")
    (complete / f"{ITEM}/index.en.md").unlink()
    code, out, _ = run(capsys, complete, "--format", "markdown")
    assert code == 1
    assert "| page or news item | kk | ru | en |" in out
    assert "| `docs/about` | ✅ source | ⚠️ outdated | ⚠️ outdated |" in out
    assert f"| `{ITEM}` | ✅ source | ✅ ok | ❌ missing |" in out
    assert f"### To fix before publishing\n\n```text\n{ITEM}/index.en.md:1: the news item has no English" in out
    assert "### Advisory\n\n```text\ndocs/about.en.md:4: outdated:" in out


def test_kinds_lists_every_kind_as_blocking_or_advisory(capsys):
    code = check_translations.main(["--kinds"])
    out = capsys.readouterr().out
    assert code == 0
    assert "advisory  unstamped" in out and "blocking  missing" in out


# Bad usage: exit 2, a message, no traceback.


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["--colour"], "unrecognized arguments: --colour"),
        (["--format", "html"], "invalid choice: 'html'"),
        (["--stamp"], "expected at least one argument"),
    ],
)
def test_bad_options(site, capsys, args, phrase):
    code, out, err = run(capsys, site, *args)
    assert code == 2 and phrase in err and out == ""


def test_root_without_mkdocs_yml(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path)
    assert code == 2 and out == "" and err.startswith("mkdocs.yml:1: there is no mkdocs.yml in ")


@pytest.mark.parametrize(
    "config",
    [
        b"site_name: x\nplugins:\n  - i18n:\n      docs_structure: suffix\n",
        b"site_name: x\nplugins:\n  - i18n:\n      languages:\n",
        b"site_name: x\n",
        b"- just\n- a list\n",
        b"site_name: \xff\xfe\n",
        b"site_name: [x\n",
    ],
)
def test_site_configuration_without_languages(site, capsys, config):
    (site / "mkdocs.yml").write_bytes(config)
    code, out, err = run(capsys, site)
    assert code == 2 and out == ""
    assert err.startswith("mkdocs.yml:") and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_real_website_can_be_checked_without_a_traceback(capsys):
    code = check_translations.main(["--format", "json"])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    assert json.loads(out)["matrix"]


# The language of the messages.


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "the page has no English (en) translation: add this file, translated from docs/about.kk.md"),
        ("ru", "у страницы нет перевода на английском: добавьте этот файл, переведя docs/about.kk.md"),
        ("kk", "беттің ағылшынша аудармасы жоқ: docs/about.kk.md файлынан аударып, осы файлды қосыңыз"),
    ],
)
def test_lang_says_the_findings_in_that_language_after_the_same_path_and_line(complete, capsys, lang, message):
    (complete / "docs/about.en.md").unlink()
    code, out, _ = run(capsys, complete, "--lang", lang)
    assert code == 1
    assert findings(out) == [f"docs/about.en.md:1: {message}"]


def test_a_wrong_value_is_named_by_the_label_the_web_editor_shows(complete, capsys):
    edit(complete, f"{ITEM}/index.kk.md", "participants: 21", "participants: 45 адам")
    _, out, _ = run(capsys, complete, "--lang", "kk")
    assert f"{ITEM}/index.kk.md:6: «Қатысушылар саны» (participants): бүтін сан керек, мысалы 30, «45 адам» емес" in out
    _, out, _ = run(capsys, complete, "--lang", "ru", "--format", "json")
    said = [f["message"] for f in json.loads(out)["findings"] if f["kind"] == "value"]
    assert said == ["«Число участников» (participants): нужно целое число, например 30, а не «45 адам»"]


@pytest.mark.parametrize("system, told", [("ru_RU.UTF-8", "у страницы нет перевода"), ("de_DE.UTF-8", "the page has")])
def test_without_lang_the_systems_language_is_used_when_the_site_has_it(complete, capsys, monkeypatch, system, told):
    monkeypatch.setenv("LANG", system)
    (complete / "docs/about.en.md").unlink()
    _, out, _ = run(capsys, complete)
    assert told in findings(out)[0]


def test_lang_of_no_language_of_the_site_is_bad_usage(complete, capsys):
    code, out, err = run(capsys, complete, "--lang", "de")
    assert code == 2 and out == "" and "--lang must be one of kk, ru, en, not 'de'" in err


@pytest.mark.parametrize("written", ["TODO", "todo", " TODO. ", "TODO…"])
def test_a_bare_todo_is_text_still_to_write(complete, capsys, written):
    """An editor who leaves "TODO" without the colon means the same as the scaffold's mark."""
    about = (complete / "docs/about.ru.md").read_text("utf-8")
    write(complete, "docs/about.ru.md", about.replace("Проект", f"{written}\n\nПроект", 1))
    assert any("this text is still to write" in line for line in findings(run(capsys, complete)[1]))


def test_a_word_that_holds_todo_is_no_mark(complete, capsys):
    about = (complete / "docs/about.ru.md").read_text("utf-8")
    write(complete, "docs/about.ru.md", about.replace("Проект", "TODOS and todo lists\n\nПроект", 1))
    assert not any("still to write" in line for line in findings(run(capsys, complete)[1]))


def test_a_summary_of_bare_todo_is_still_to_write(complete, capsys):
    about = (complete / "docs/about.ru.md").read_text("utf-8")
    write(complete, "docs/about.ru.md", about.replace("---\n", "---\nsummary: TODO\n", 1))
    assert any(":2: " in line and "still to write" in line for line in findings(run(capsys, complete)[1]))


def test_lang_kz_says_which_code_is_the_language(complete, capsys):
    code, out, err = run(capsys, complete, "--lang", "kz")
    assert code == 2 and out == "" and "not 'kz' (kz is a country's code; the language's is kk)" in err
