"""The front matter of pages and news items: every key, what it holds, and whether
it is translated (differs per language) or shared (the same in every translation).

This table is the one description of the front matter: validation, the scaffold,
the editors' guide and the web editor's form are all made from it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Protocol, cast

from kazdual.content import fields as kinds
from kazdual.content import reach
from kazdual.content.messages import FieldHint, FieldLabel, Message, say
from kazdual.content.source import Document

# Photo formats editors may drop beside a news text (the build makes web versions).
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
# Templates a page in docs/ may ask for; the build's own pages use the others.
PAGE_TEMPLATES = ("home.html",)
STAMP_KEY = "translated_from"
# What a news item's `activity` may be, in the Work Package 5 record's order; each has a
# label in every language's interface text (strings/<lang>.yml, under `activity:`).
ACTIVITY_KINDS = (
    "meeting",
    "event",
    "seminar",
    "conference",
    "workshop",
    "training",
    "study-visit",
    "visit",
    "publication",
)


class FieldKind(Protocol):
    """What a value of a key must be (kazdual.content.fields): `parse` returns the value
    as the site uses it, or raises fields.ValueProblem saying what to write instead."""

    def parse(self, value: object) -> object: ...


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldKind
    label: str  # the field's name in the web editor
    help: str  # one line for editors: the guide, the scaffold, the web editor
    required: bool = False
    shared: bool = False  # the same value in every translation
    needs: str | None = None  # only together with this key (`required` then means: required with it)
    template: str | None = None  # only on pages drawn by this template
    by_tool: bool = False  # written by check_translations.py --stamp, not by hand

    @property
    def translated(self) -> bool:
        return not self.shared and not self.by_tool


_PHOTO = kinds.FileName(PHOTO_SUFFIXES)
_LINE = kinds.Text()

GALLERY_PHOTO = (
    Field("file", _PHOTO, "Photo", "the photo's file name in this folder", required=True, shared=True),
    Field(
        "alt",
        kinds.Text(example="example.alt"),
        "Alt text",
        "what the photo shows, for readers who cannot see it",
        required=True,
    ),
    Field("caption", _LINE, "Caption", "a line shown under the photo (optional)"),
)

NEWS = (
    Field("title", kinds.Text(example="example.title"), "Title", "the headline", required=True),
    Field(
        "date",
        kinds.Date(),
        "Date",
        "YYYY-MM-DD, as in the folder name; the first day of an event",
        required=True,
        shared=True,
    ),
    Field(
        "end_date",
        kinds.Date(),
        "Last day",
        "YYYY-MM-DD: the last day of an event that lasted several days",
        shared=True,
    ),
    Field(
        "summary",
        kinds.Text(example="example.summary"),
        "Summary",
        "one sentence for the news list, the feed and search engines",
        required=True,
    ),
    Field(
        "draft",
        kinds.YesNo(),
        "Draft",
        "true keeps the item out of the published site; the preview shows it",
        shared=True,
    ),
    Field(
        "activity",
        kinds.Choice(ACTIVITY_KINDS),
        "Activity",
        "the kind of dissemination activity, for the Work Package 5 record",
        shared=True,
    ),
    Field("place", _LINE, "Place", "where it took place"),
    Field(
        "participants", kinds.Count(), "Participants", "how many took part, only when a number is known", shared=True
    ),
    Field(
        "participants_approximate",
        kinds.YesNo(),
        "Approximate",
        'true when the number of participants is approximate ("about 70")',
        shared=True,
        needs="participants",
    ),
    Field(
        "audiences",
        kinds.Choices(reach.AUDIENCES),
        "Audiences",
        "whom it reached, one per line after '- ': " + ", ".join(reach.AUDIENCES),
        shared=True,
        needs="activity",
    ),
    Field(
        "scope",
        kinds.Choice(reach.SCOPES),
        "Scope",
        "how far it reached: " + ", ".join(reach.SCOPES),
        shared=True,
        needs="activity",
    ),
    Field(
        "organiser",
        kinds.Key(),
        "Organiser",
        "the partner that organised it: its short name in data/consortium.yml, such as kaznpu",
        shared=True,
        needs="activity",
    ),
    Field(
        "channel",
        kinds.Choice(reach.CHANNELS),
        "Channel",
        "how it reached people: event (in person), online or media",
        shared=True,
        needs="activity",
    ),
    Field(
        "attendance_note",
        _LINE,
        "Attendance note",
        "evidence of the activity: where the list of participants is kept (never the names themselves)",
        needs="activity",
    ),
    Field(
        "image",
        _PHOTO,
        "Lead photo",
        "the photo at the top of the item and on its card: a file in this folder",
        shared=True,
    ),
    Field(
        "image_alt",
        kinds.Text(example="example.alt"),
        "Lead photo alt text",
        "what the lead photo shows, for readers who cannot see it",
        required=True,
        needs="image",
    ),
    Field(
        "gallery",
        kinds.ListOf(GALLERY_PHOTO, "- file: group.jpg"),
        "Gallery",
        "more photos, each with its alt text",
        shared=False,
    ),
    Field(STAMP_KEY, kinds.Stamp(), "Translated from", "written by the translation check's --stamp", by_tool=True),
)

HOME_FACT = (
    Field("label", _LINE, "Label", "what the fact is", required=True),
    Field("value", _LINE, "Value", "the fact", required=True),
)
HOME_SECTION = (
    Field("title", _LINE, "Title", "the section's name", required=True),
    Field("text", _LINE, "Text", "one line about the section", required=True),
    Field(
        "link",
        kinds.Text(example="example.link"),
        "Link",
        "the section's address below the language, e.g. about/",
        required=True,
        shared=True,
    ),
)

PAGES = (
    Field("title", kinds.Text(example="example.page-title"), "Title", "the page's title", required=True),
    Field(
        "description",
        kinds.Text(example="example.description"),
        "Description",
        "one sentence for search engines and link previews",
    ),
    Field(
        "template",
        kinds.Choice(PAGE_TEMPLATES),
        "Template",
        "a page the site draws in its own way (the home page)",
        shared=True,
    ),
    Field("lead", _LINE, "Lead", "the home page's opening paragraph", required=True, template="home.html"),
    Field(
        "facts",
        kinds.ListOf(HOME_FACT, "- label: Programme"),
        "Key facts",
        "the home page's key facts",
        required=True,
        template="home.html",
    ),
    Field(
        "sections",
        kinds.ListOf(HOME_SECTION, "- title: About"),
        "Sections",
        "the home page's cards, one per section",
        required=True,
        template="home.html",
    ),
    Field(STAMP_KEY, kinds.Stamp(), "Translated from", "written by the translation check's --stamp", by_tool=True),
)


@dataclass
class Problem:
    key: tuple  # where in the front matter: ("gallery", 1, "alt")
    said: Message
    missing: bool = False  # the key is absent: the finding points at the front matter's start


# Each table of fields by the name its labels have in the web editor's form (strings' editor.fields);
# a list's fields go by the list's key (gallery, facts, sections).
GROUPS = {id(NEWS): "news", id(PAGES): "pages"}


def _unknown(name: str, allowed: list[str]) -> Message:
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return say("key.unknown-close", name=name, close=close[0], keys=", ".join(allowed))
    return say("key.unknown", name=name, keys=", ".join(allowed))


def _applies(field: Field, meta: dict) -> bool:
    return field.template is None or meta.get("template") == field.template


def check(meta: dict, schema: tuple[Field, ...], where: tuple = (), group: str = "") -> tuple[dict, list[Problem]]:
    """The valid values of `meta` under `schema` (its labels under `group` of the form), and
    what is wrong with the rest."""
    group = group or GROUPS.get(id(schema), "")  # "": a key named as it is written
    values: dict = {}
    problems: list[Problem] = []
    known = {field.name: field for field in schema}
    allowed = [field.name for field in schema if _applies(field, meta)]
    for name in meta:
        if name not in known:
            problems.append(Problem(where + (name,), _unknown(str(name), allowed)))
        elif not _applies(known[name], meta):
            label = FieldLabel(group, name)
            problems.append(
                Problem(where + (name,), say("key.template-only", key=label, template=known[name].template))
            )
    for field in schema:
        if not _applies(field, meta):
            continue
        label = FieldLabel(group, field.name)
        if field.name not in meta or meta[field.name] is None:
            needed = field.required and (field.needs is None or meta.get(field.needs) is not None)
            if needed:
                hint = FieldHint(group, field.name, field.help)
                problems.append(Problem(where + (field.name,), say("key.missing", key=label, help=hint), missing=True))
            continue
        if field.needs and meta.get(field.needs) is None:
            needs = FieldLabel(group, field.needs)
            problems.append(Problem(where + (field.name,), say("key.needs", key=label, needs=needs)))
            continue
        try:
            value = field.type.parse(meta[field.name])
        except kinds.ValueProblem as problem:
            problems.append(Problem(where + (field.name,), say("key.value", key=label, problem=problem.said)))
            continue
        if isinstance(field.type, kinds.ListOf):
            value, inner = _check_list(cast(list, value), field, where + (field.name,), label)
            problems.extend(inner)
        values[field.name] = value
    return values, problems


def _check_list(entries: list, field: Field, where: tuple, label: FieldLabel) -> tuple[list, list[Problem]]:
    kind = cast(kinds.ListOf, field.type)
    values: list = []
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(Problem(where + (index,), say("key.entry-not-keys", key=label, example=kind.example)))
            continue
        value, inner = check(entry, kind.fields, where + (index,), field.name)
        problems.extend(
            Problem(p.key, say("key.in-entry", key=label, number=index + 1, problem=p.said), p.missing) for p in inner
        )
        if not inner:
            values.append(value)
    return values, problems


def problem_line(document: Document, problem: Problem) -> int:
    return (
        document.line_of(*problem.key)
        if not problem.missing
        else document.line_of(*problem.key[:-1])
        if len(problem.key) > 1
        else 1
    )


def agrees_across(field: Field) -> bool:
    """Must (part of) this field's value be the same in every translation?"""
    return field.shared or (isinstance(field.type, kinds.ListOf) and any(f.shared for f in field.type.fields))


def shared_part(value: object, field: Field) -> object:
    """What of `value` must agree across translations: all of a shared field, the
    shared sub-fields of a list (a gallery's files, not their alt texts)."""
    if field.shared or value is None:
        return value
    shared = [f.name for f in cast(kinds.ListOf, field.type).fields if f.shared]
    return [tuple(entry.get(name) for name in shared) for entry in cast(list, value)]
