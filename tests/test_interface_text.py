"""The interface text: every language says everything, in its own script."""

from __future__ import annotations

import re
from pathlib import Path

import mkdocs
import yaml

from conftest import LANGUAGES, ROOT
from kazdual.content.mixed_script import mixed_words, written_in_cyrillic
from kazdual.content.schema import ACTIVITY_KINDS
from kazdual.strings import STRINGS_DIR

MATERIAL_LANGUAGES = Path(mkdocs.__file__).parent.parent / "material" / "templates" / "partials" / "languages"


def flat_keys(data: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys |= flat_keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return keys


def strings(code: str) -> dict:
    return yaml.safe_load((STRINGS_DIR / f"{code}.yml").read_text("utf-8"))


def material_keys(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([^"]+)":\s*"([^"]*)"', path.read_text("utf-8"), re.M))


def test_every_language_has_every_interface_string():
    reference = flat_keys(strings("en"))
    for lang in LANGUAGES:
        assert flat_keys(strings(lang.code)) == reference, lang.code


def flat_values(data: dict, prefix: str = "") -> dict[str, str]:
    values = {}
    for key, value in data.items():
        values |= flat_values(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key: value}
    return values


def test_every_language_keeps_the_placeholders_the_site_fills_in():
    # {year}, {archive} (a link the template makes) and Pagefind's [SEARCH_TERM]: a translation
    # that drops one loses what the site puts there.
    placeholder = re.compile(r"\{\w+\}|\[[A-Z_]+\]")
    reference = flat_values(strings("en"))
    for lang in LANGUAGES:
        for key, value in flat_values(strings(lang.code)).items():
            assert sorted(placeholder.findall(value)) == sorted(placeholder.findall(reference[key])), (lang.code, key)


def test_every_activity_kind_of_the_schema_has_a_label_in_every_language():
    for lang in LANGUAGES:
        labels = strings(lang.code)["activity"]
        assert list(labels) == list(ACTIVITY_KINDS), lang.code
        assert all(isinstance(label, str) and label.strip() for label in labels.values()), lang.code


def test_interface_text_has_no_latin_look_alikes_in_cyrillic_words():
    for lang in LANGUAGES:
        if written_in_cyrillic(lang.code):
            text = (STRINGS_DIR / f"{lang.code}.yml").read_text("utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                value = line.split(":", 1)[-1]
                assert mixed_words(value, number) == [], (lang.code, number, line)


def test_material_interface_in_kazakh_is_complete_and_not_english():
    english = material_keys(MATERIAL_LANGUAGES / "en.html")
    kazakh = material_keys(ROOT / "overrides" / "partials" / "languages" / "kk.html")
    # search.config.* tune Material's own search, which this site replaces; not text.
    shown = {key for key in english if not key.startswith("search.config.") and key != "direction"}
    assert set(kazakh) >= shown
    same = [key for key, value in kazakh.items() if value == english.get(key) and re.search(r"[A-Za-z]{3}", value)]
    assert same == []
