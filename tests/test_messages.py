"""The findings' words (scripts/kazdual/strings/findings.<lang>.yml): every language says
every message, with the values the rules fill in, in its own script; and every message
a rule names is there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from kazdual.content.messages import CATALOGS, ENGLISH, PLACEHOLDER, say
from kazdual.content.mixed_script import mixed_words, written_in_cyrillic

SCRIPTS = ROOT / "scripts"
MESSAGE_NAME = re.compile(r"[a-z][a-z0-9-]*\.[a-z0-9-]+")
# Calls whose first argument is a message's name; `finding(path, line, kind, name)` names it fourth.
NAMING_CALLS = {"say": 0, "ValueProblem": 0, "PhotoProblem": 0, "finding": 3, "_problem": 3}
# Kinds of value whose argument of that name is a message (an example, what a name stands for).
NAMING_KEYWORDS = {"Text": "example", "Key": "what"}
# Names made from a value at run time (f"month.{number}"): every value the rule can give.
COMPUTED = {
    "month": [str(month) for month in range(1, 13)],
    "month-of": [str(month) for month in range(1, 13)],
}


def _call_name(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)


def names_in_code() -> dict[str, str]:
    """Every message name written in the website's code, with where it is written."""
    sections = {name.split(".")[0] for name in CATALOGS[ENGLISH]}
    found = {}
    for file in sorted(SCRIPTS.rglob("*.py")):
        tree = ast.parse(file.read_text("utf-8"))
        for node in ast.walk(tree):
            named = []
            if isinstance(node, ast.Call) and _call_name(node) in NAMING_CALLS:
                position = NAMING_CALLS[_call_name(node)]
                if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                    named.append(node.args[position].value)
            if isinstance(node, ast.Call) and _call_name(node) in NAMING_KEYWORDS:
                keyword = NAMING_KEYWORDS[_call_name(node)]
                named += [
                    k.value.value for k in node.keywords if k.arg == keyword and isinstance(k.value, ast.Constant)
                ]
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and MESSAGE_NAME.fullmatch(node.value):
                if node.value.split(".")[0] in sections:
                    named.append(node.value)
            for name in named:
                found.setdefault(name, f"{file.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_code_names_messages_that_are_found():
    names = names_in_code()
    assert len(names) > 150  # the scan sees the rules
    missing = {name: where for name, where in names.items() if name not in CATALOGS[ENGLISH]}
    assert missing == {}


def test_every_computed_message_name_is_there():
    for section, values in COMPUTED.items():
        for value in values:
            assert f"{section}.{value}" in CATALOGS[ENGLISH]


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_every_language_says_every_message_with_the_same_values(code):
    assert set(CATALOGS[code]) == set(CATALOGS[ENGLISH])
    for name, template in CATALOGS[code].items():
        english = CATALOGS[ENGLISH][name]
        assert sorted(PLACEHOLDER.findall(template)) == sorted(PLACEHOLDER.findall(english)), (code, name)
        assert template.strip(), (code, name)


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES if lang.code != ENGLISH])
def test_a_translated_message_is_not_left_in_english(code):
    # Words only: keys, commands, file names and examples of Markdown stay as they are.
    prose = re.compile(r"\b(the|is|must|this|with|and|remove|write)\b")
    english_left = [name for name, template in CATALOGS[code].items() if prose.search(PLACEHOLDER.sub("", template))]
    assert english_left == []


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES if written_in_cyrillic(lang.code)])
def test_messages_have_no_latin_look_alikes_in_cyrillic_words(code):
    text = Path(SCRIPTS / "kazdual" / "strings" / f"findings.{code}.yml").read_text("utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        assert mixed_words(line.split(":", 1)[-1], number) == [], (code, number, line)


def test_kazakh_messages_are_written_with_kazakh_letters():
    kazakh = "".join(CATALOGS["kk"].values())
    assert set("әғқңөұүі") <= set(kazakh)


def test_a_message_says_its_values_in_each_language():
    said = say("value.count", example=30, value=say("shown.text", text="45 адам"))
    assert said.text("en") == "must be a whole number such as 30, not '45 адам'"
    assert said.text("ru") == "нужно целое число, например 30, а не «45 адам»"
    assert said.text("kk") == "бүтін сан керек, мысалы 30, «45 адам» емес"
