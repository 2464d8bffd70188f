"""Every message is safe to print: what an editor wrote (a key, a link's address, a file name)
reaches the check's output, the build's and the preview's with its control characters and line
breaks escaped, and no line starts with `::`, which GitHub Actions would run as a workflow command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import check_translations
from conftest import LANGUAGES, build

ITEM = "news/2024-01-15-visit"
FAKE = "news/2000-01-01-x/index.kk.md:1: all good"
HOSTILE = {
    "escape key": ('"\\e[2J\\e[1;32mALL GOOD\\e[0m": 1\n', "A sentence of news."),
    "line break in a key": (f'"evil\\n{FAKE}": 1\n', "A sentence of news."),
    "line breaks in a link": ("", f'<a href="missing&#10;{FAKE}&#10;::error::injected.md">x</a>'),
    "workflow command in a link": ("", '<a href="&#10;  ::add-mask::secret">x</a>'),
    "carriage return in an image": ("", "![x](a&#13;::error::b.png)"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def write_item(project: Path, extra: str, body: str) -> None:
    for language in LANGUAGES:
        path = project / ITEM / f"index.{language.code}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Visit {language.code}\ndate: 2024-01-15\nsummary: One sentence.\n{extra}---\n\n"
            f"{body} {language.code}\n",
            "utf-8",
        )


def assert_safe(output: str) -> None:
    for line in output.splitlines():
        assert not _CONTROL.search(line), repr(line)
        assert not line.lstrip().startswith("::"), repr(line)
        assert not line.startswith("news/2000-01-01-x/"), repr(line)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_what_an_editor_wrote_is_printed_escaped_in_every_format(project, capsys, case):
    write_item(project, *HOSTILE[case])
    for form in ("text", "markdown", "json"):
        assert check_translations.main(["--root", str(project), "--format", form]) == 1
        out = capsys.readouterr().out
        assert_safe(out)
        if form == "json":  # what a tool reading the JSON prints is safe too
            for finding in json.loads(out)["findings"]:
                assert_safe(finding["path"] + ":" + finding["message"])
                assert "\n" not in finding["message"]


def test_the_build_refuses_in_lines_that_are_safe_to_print(project, tmp_path):
    write_item(project, *HOSTILE["line breaks in a link"])
    result = build(project, tmp_path / "out")
    assert result.returncode == 1 and "leads to no page or file of the site" in result.stderr
    assert_safe(result.stderr)


def test_a_file_name_that_would_be_a_workflow_command_is_shown_escaped(project, capsys):
    (project / "news" / "::error::x").mkdir()
    assert check_translations.main(["--root", str(project)]) == 1
    assert_safe(capsys.readouterr().out)
