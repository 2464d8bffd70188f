"""The rules that judge a text's body and values, where earlier they misjudged: code is code
(indented or fenced), invisible characters are found in the body too, an image from another
host is a finding, each finding names the line the editor wrote, and the messages say what is there."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import check_translations
from conftest import LANGUAGES, build

ITEM = "news/2024-01-15-visit"
FRONT = "title: Visit\ndate: 2024-01-15\nsummary: One sentence.\n"


def write_item(project: Path, body: str = "A sentence of news.", front: str = FRONT, only: str | None = None) -> None:
    for language in LANGUAGES:
        path = project / ITEM / f"index.{language.code}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        mine = only in (None, language.code)
        path.write_text(
            f"---\n{front if mine else FRONT}---\n\n{body if mine else 'A sentence of news.'} {language.code}\n",
            "utf-8",
        )


def findings(project: Path, capsys, path: str | None = None, advisory: bool = False) -> list[str]:
    check_translations.main(["--root", str(project), "--format", "json"])
    found = json.loads(capsys.readouterr().out)["findings"]
    return [
        f"{f['path']}:{f['line']}: {f['message']}"
        for f in found
        if (advisory or f["blocking"]) and (path is None or f["path"] == path)
    ]


@pytest.mark.parametrize(
    "image",
    [
        "![Logo](https://example.org/logo.png)",
        '<img src="https://example.org/x.png" alt="x">',
        "![x](//cdn.example/x.png)",
    ],
)
def test_an_image_from_another_host_is_a_finding(project, capsys, image):
    write_item(project, f"Text.\n\n{image}")
    address = image.split("(")[-1].rstrip(")") if image.startswith("!") else "https://example.org/x.png"
    for language in LANGUAGES:
        path = f"{ITEM}/index.{language.code}.md"
        assert findings(project, capsys, path) == [
            f"{path}:9: the image {address} is on another host, which the site's pages never ask for (the reader's"
            " browser would tell that host who reads, and the site's Content-Security-Policy blocks it): save the"
            " image beside the text and show it by its file name"
        ]


def test_a_style_sheet_that_asks_another_host_is_refused(project, capsys):
    (project / "docs/assets/fonts.css").write_text('@import url("https://fonts.example/css?family=x");\n', "utf-8")
    found = findings(project, capsys, "docs/assets/fonts.css")
    assert len(found) == 1 and "the style sheet asks another host for https://fonts.example/css?family=x" in found[0]


def test_indented_code_is_code(project, capsys):
    write_item(project, "A sentence.\n\n    <script>alert(1)</script>\n\nMore text.")
    assert not [line for line in findings(project, capsys) if "<script>" in line]


def test_raw_html_is_still_refused_in_prose_and_lists(project, capsys):
    write_item(project, "A sentence.\n\n- item\n\n    <script>alert(1)</script>\n", only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md")
    assert found == [
        f"{ITEM}/index.kk.md:11: the HTML tag <script> is not published: remove it (write Markdown instead)"
    ]


def test_a_footnote_and_an_angle_bracket_address_are_told_as_what_they_are(project, capsys):
    write_item(project, "Text[^1] and <javascript:alert(1)>.\n\n[^1]: note", only="en")
    assert findings(project, capsys, f"{ITEM}/index.en.md") == [
        f"{ITEM}/index.en.md:7: <javascript:alert(1)> is not a link the site publishes: write a link as"
        " [words](https://…), to an http(s) address",
        f"{ITEM}/index.en.md:9: footnotes ([^1]: …) are not a feature of this site: write the note in the text itself",
    ]


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("Кездес\u200by", 7, "an invisible character (\\u200b, a zero-width space) hides in this line"),
        ("Мәтін \u202eтерс\u202c.", 7, "an invisible character (\\u202e, a right-to-left override) hides in this line"),
    ],
)
def test_invisible_characters_in_the_body_are_found_and_hide_no_latin_letter(project, capsys, body, line, message):
    write_item(project, body, only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md")
    assert any(f.startswith(f"{ITEM}/index.kk.md:{line}: {message}") for f in found), found
    if "Кездес" in body:
        assert any("the word 'Кездесy' mixes Latin and Cyrillic letters" in f for f in found), found


@pytest.mark.parametrize(
    "link, line",
    [
        ("[x](&#106;avascript:alert(1))", 11),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', 11),
        ("[x](&#0000106;avascript:alert(1))", 11),
    ],
)
def test_a_link_written_with_character_references_is_named_on_its_line(project, capsys, link, line):
    write_item(project, f"One.\n\nTwo.\n\n{link}", only="ru")
    found = findings(project, capsys, f"{ITEM}/index.ru.md")
    assert [f.split(": ", 1)[0] for f in found] == [f"{ITEM}/index.ru.md:{line}"], found


def test_a_draft_mismatch_says_true_and_false_as_written(project, capsys):
    write_item(project, front=FRONT + "draft: true\n", only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md", advisory=True)  # a draft's findings block nothing
    assert any(f.startswith(f"{ITEM}/index.kk.md:5: draft is 'true' here but 'false' in ") for f in found), found
    assert not any("'yes'" in f or "'no'" in f for f in found)


def test_a_quoted_number_is_told_as_quoted_text(project, capsys):
    write_item(project, front=FRONT + "participants: '45'\n", only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md")
    assert found == [
        f"{ITEM}/index.kk.md:5: participants must be a whole number such as 30, not the text '45' in quotes:"
        " remove the quotes"
    ]


def test_a_photo_named_in_other_unicode_letters_is_told_so(project, capsys):
    composed = unicodedata.normalize("NFC", "йод.jpg")
    (project / ITEM).mkdir(parents=True)
    from photo_samples import save_photo, upright_picture

    save_photo(project / ITEM / unicodedata.normalize("NFD", composed), upright_picture((64, 48)), gps=False)
    write_item(project, front=FRONT + f"image: {composed}\nimage_alt: Йод\n")
    found = [f for f in findings(project, capsys) if "йод" in unicodedata.normalize("NFC", f)]
    assert found == [
        f"{ITEM}/index.kk.md:5: the photo {composed} is in {ITEM}/ under a name that looks the same but is written"
        " with other Unicode characters (letters and accents apart, as macOS and some zip programs write them):"
        " rename the file by typing its name again"
    ]


def test_markers_inside_code_are_left_as_written(project, tmp_path):
    marker = "<!-- report-problem-link -->"
    for language in LANGUAGES:
        page = project / f"docs/accessibility.{language.code}.md"
        text = page.read_text("utf-8")
        page.write_text(text + f"\nWrite `{marker}` on a line.\n\n```\n{marker}\n```\n", "utf-8")
    result = build(project, tmp_path / "out", SITE_REPO_URL="https://github.com/kazdual/kazdual.github.io")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/en/accessibility/index.html").read_text("utf-8")
    assert page.count("&lt;!-- report-problem-link --&gt;") == 2


def test_a_link_to_the_sitemap_is_a_link_to_a_file_the_build_makes(project, capsys):
    write_item(project, "See [the sitemap](../../sitemap.xml) and [robots](../../robots.txt).", only="kk")
    assert not [f for f in findings(project, capsys) if "sitemap" in f or "robots" in f]
    # From a translation's address (ru/news/visit/) the same link leads one folder short.
    write_item(project, "See [the sitemap](../../sitemap.xml).", only="ru")
    assert [f.split(": ")[0] for f in findings(project, capsys) if "sitemap" in f] == [f"{ITEM}/index.ru.md:7"]


def test_every_one_of_many_links_is_named_on_its_own_line(project, capsys):
    """Many links (the report took 41 s for 20,000): finding each link's line is one pass of the text."""
    body = "\n".join(f"[l](m{n}.md)" for n in range(5000))
    write_item(project, body, only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md")
    lines = [int(f.split(":")[1]) for f in found if "leads to no page" in f]
    assert lines == list(range(7, 7 + 5000))


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200d", "\u200c", "\u2060"])
def test_no_format_character_hides_a_latin_letter_in_a_cyrillic_word(project, capsys, hidden):
    write_item(project, f"Кездес{hidden}y.", only="kk")
    found = findings(project, capsys, f"{ITEM}/index.kk.md")
    assert any("the word 'Кездесy' mixes Latin and Cyrillic letters" in f for f in found), found


def test_a_year_archive_is_paginated_like_the_listing_at_stable_addresses(project, tmp_path, capsys):
    for day in range(1, 24):
        folder = project / f"news/2024-03-{day:02d}-item-{day}"
        folder.mkdir(parents=True)
        for language in LANGUAGES:
            (folder / f"index.{language.code}.md").write_text(
                f"---\ntitle: Item {day} {language.code}\ndate: 2024-03-{day:02d}\nsummary: One.\n---\n\n"
                f"News {day} {language.code}.\n",
                "utf-8",
            )
    (project / "news/2024-03-01-item-1/index.kk.md").write_text(
        "---\ntitle: Item 1 kk\ndate: 2024-03-01\nsummary: One.\n---\n\nNews 1 kk. See [the third "
        "page](../2024/page/3/).\n",
        "utf-8",
    )
    assert not [f for f in findings(project, capsys) if "page/3" in f]
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        archive = tmp_path / "out" / language.prefix / "news/2024"
        pages = [archive / "index.html", archive / "page/2/index.html", archive / "page/3/index.html"]
        cards = [page.read_text("utf-8").count('class="kd-card"') for page in pages]
        assert cards == [10, 10, 3], (language.code, cards)
        assert not (archive / "page/4").exists()
    assert "news/2024/page/3/" in (tmp_path / "out/sitemap.xml").read_text("utf-8")
