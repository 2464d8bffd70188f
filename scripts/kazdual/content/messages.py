"""What the content model says to editors, in each language of the interface.

A rule never writes a sentence: it names a message and its values,
`say("value.missing", key=..., help=...)`, and the sentence is the template of
that name in `scripts/kazdual/strings/findings.<lang>.yml`, one file per language
with the same names and the same `{placeholders}`. English is the default (the
checker's output in CI, the build's refusals); the preview, the web editor and
`check_translations.py --lang` choose the editor's language. tests/test_messages.py
checks that every message a rule can give has its template in every language.

A value is a word of the file (a key, a path, a number: the same in every language),
another message (`say(...)`), or a name the interface gives in each language
(FieldLabel, FieldHint, LanguageName; fields.CharacterName). The templates are read once,
when the website's code is loaded: an edit of them reaches a running preview when
it is started again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

ENGLISH = "en"
STRINGS = Path(__file__).resolve().parent.parent / "strings"
CATALOG = "findings.{code}.yml"
SHOWN_CATALOG = "scripts/kazdual/strings/" + CATALOG
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _flat(data: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def _load(name: str) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((STRINGS / name).read_text("utf-8"), Loader=loader) or {}


def _catalogs() -> dict[str, dict[str, str]]:
    """Every language's templates by name: {"ru": {"value.missing": "…"}}."""
    found = {}
    for file in sorted(STRINGS.glob(CATALOG.format(code="*"))):
        found[file.name.split(".")[1]] = _flat(_load(file.name))
    return found


def _field_texts() -> dict[str, dict]:
    """Each interface language's labels and hints of the form (`editor.fields` in strings/<lang>.yml)."""
    found = {}
    for file in sorted(STRINGS.glob("*.yml")):
        if file.name.count(".") == 1:
            found[file.stem] = (_load(file.name).get("editor") or {}).get("fields") or {}
    return found


CATALOGS = _catalogs()
FIELD_TEXTS = _field_texts()


class Localised(Protocol):
    def text(self, language: str) -> str: ...


def _template(name: str, language: str) -> str:
    # A template not yet translated is said in English (the completeness test fails on it).
    own = CATALOGS.get(language, {}).get(name)
    return own if own is not None else CATALOGS[ENGLISH][name]


def _shown(value: object, language: str) -> str:
    return value.text(language) if hasattr(value, "text") else str(value)


@dataclass(frozen=True)
class Message:
    """A message by name, with its values; `text(language)` says it."""

    name: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = ENGLISH) -> str:
        values = dict(self.values)
        return PLACEHOLDER.sub(lambda match: _shown(values[match[1]], language), _template(self.name, language))

    def as_data(self) -> dict:
        """The message as JSON holds it (a photo's kept verdict): its values are words, numbers or messages."""
        return {
            "message": self.name,
            "values": {key: value.as_data() if isinstance(value, Message) else value for key, value in self.values},
        }


def say(message: str, /, **values: object) -> Message:
    """The catalogs' `message`, with `values` for its placeholders."""
    if message not in CATALOGS[ENGLISH]:
        raise KeyError(f"no message {message!r} in {SHOWN_CATALOG.format(code=ENGLISH)}: add its template there")
    return Message(message, tuple(sorted(values.items())))


def from_data(data: dict) -> Message:
    """The message `Message.as_data()` gave; KeyError when the catalogs no longer have it."""
    values = {key: from_data(value) if isinstance(value, dict) else value for key, value in data["values"].items()}
    return say(data["message"], **values)


@dataclass(frozen=True)
class FieldLabel:
    """A front-matter key: as written in English (`image_alt`), by the form's label elsewhere
    («Описание главной фотографии» (image_alt)), so an editor of the web editor knows it."""

    group: str  # the form's group of fields: news, pages, gallery, facts, sections
    key: str

    def text(self, language: str) -> str:
        label = FIELD_TEXTS.get(language, {}).get(self.group, {}).get(self.key, {}).get("label")
        return self.key if language == ENGLISH or not label else f"«{label}» ({self.key})"


@dataclass(frozen=True)
class FieldHint:
    """What a key holds, in a few words: the schema's in English, the form's hint elsewhere."""

    group: str
    key: str
    english: str

    def text(self, language: str) -> str:
        hint = FIELD_TEXTS.get(language, {}).get(self.group, {}).get(self.key, {}).get("hint")
        if language == ENGLISH or not hint:
            return self.english
        # Inside a sentence: "Заголовок новости" becomes "заголовок новости", "JPEG, …" stays.
        return hint[0].lower() + hint[1:] if len(hint) > 1 and hint[1].islower() else hint


@dataclass(frozen=True)
class LanguageName:
    """A language of the site: in English as mkdocs.yml labels it ("Қазақша (kk)"), elsewhere
    as the catalog's `language.<code>` says it inside a sentence (ru «на казахском»)."""

    code: str
    label: str

    def text(self, language: str) -> str:
        named = CATALOGS.get(language, {}).get(f"language.{self.code}")
        return named if language != ENGLISH and named else f"{self.label} ({self.code})"
