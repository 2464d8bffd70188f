"""The rules that judge a page or news item across its translations: which files
are missing, which translate nothing, which are copies, which disagree on a value
that must be the same everywhere, and which are older than their source.

A translation records its source in `translated_from: kk:1a2b3c4d5e6f`: the source's
language and the fingerprint of its translatable content (the front-matter values
that differ per language, and the body), taken when the translation was checked.
The fingerprint ignores what does not change the meaning: key order, quoting,
line endings, trailing blanks, and the values shared by every translation.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from kazdual.content import schema
from kazdual.content.fields import said_value
from kazdual.content.findings import Finding, finding
from kazdual.content.messages import FieldLabel, LanguageName, Message, say
from kazdual.content.source import Document
from kazdual.content.texts import Text
from kazdual.content.tree import Entry
from kazdual.languages import Language

HASH_LENGTH = 12
STAMP_PATTERN = re.compile(rf"^(?P<language>[a-z]{{2,3}}(?:-[A-Za-z0-9]+)?):(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})\Z")
_CODE = re.compile(r"(`+).+?\1|^ {0,3}(`{3,}|~{3,}).*$", re.M)
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")
# A key left out means the same as this value.
_IMPLIED = {"draft": False, "participants_approximate": False}


@dataclass(frozen=True)
class Stamp:
    language: str
    hash: str

    def __str__(self) -> str:
        return f"{self.language}:{self.hash}"


def parse_stamp(value: object) -> Stamp | None:
    match = STAMP_PATTERN.match(value) if isinstance(value, str) else None
    return Stamp(match["language"], match["hash"]) if match else None


def normalised_body(body: str) -> str:
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).strip("\n")


_BLANKS = re.compile(r"[ \t\n\r]+")
_EMPTY: tuple[object, ...] = (None, "", [], {})


def _meaning(value: object) -> object:
    """A value as far as its meaning goes: text trimmed, blanks collapsed, composed
    (NFC); empty values left out at every level, as the web editor leaves them out."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", _BLANKS.sub(" ", value).strip(" "))
    if isinstance(value, list):
        return [_meaning(item) for item in value]
    if isinstance(value, dict):
        return {str(key): meant for key, item in value.items() if (meant := _meaning(item)) not in _EMPTY}
    return value


def fingerprint(document: Document, fields: tuple) -> str:
    """What a translation translates, as 12 hex digits. The web editor's script
    (scripts/kazdual/admin/kazdual.js) computes the same from the values it holds."""
    translated = {field.name for field in fields if field.translated}
    values = _meaning({k: v for k, v in document.meta.items() if k in translated})
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    data = canonical + "\n" + normalised_body(document.body)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LENGTH]


def fields_of(entry: Entry) -> tuple:
    return schema.NEWS if entry.kind == "news item" else schema.PAGES


def source_language(texts: dict[str, Text], default: str) -> str | None:
    """The default language's file, unless it is itself a stamped translation of
    another; then the unstamped file that most translations name."""
    default_text = texts.get(default)
    if default_text and default_text.stamp_value is None:
        return default
    named = Counter(stamp.language for t in texts.values() if (stamp := parse_stamp(t.stamp_value)))
    for language, _ in named.most_common():
        candidate = texts.get(language)
        if candidate and candidate.document and candidate.stamp_value is None:
            return language
    return default if default_text else None


def label(languages: list[Language], code: str) -> LanguageName:
    """A language of the site as a message names it: "Қазақша (kk)" in English."""
    return LanguageName(code, next((language.label for language in languages if language.code == code), code))


def coverage(entry: Entry, texts: dict[str, Text], source: str | None, languages: list[Language]) -> list[Finding]:
    """The missing files of an entry, and translations with nothing to translate."""
    default = label(languages, languages[0].code)
    news = entry.kind == "news item"
    if source is None:
        missing = entry.path(languages[0].code)
        if entry.files:
            message = say("coverage.no-source", language=default)
        else:
            message = say("coverage.no-text-news" if news else "coverage.no-text-page", language=default)
        return [Finding(missing, 1, "missing", message)] + [
            finding(t.path, 1, "orphan", "coverage.orphan", language=default, source=missing) for t in texts.values()
        ]
    return [
        finding(
            entry.path(lang.code),
            1,
            "missing",
            "coverage.missing-news" if news else "coverage.missing-page",
            language=label(languages, lang.code),
            source=entry.path(source),
        )
        for lang in languages
        if lang.code not in entry.files
    ]


def _prose(body: str) -> str:
    """The body's words, whitespace normalised; '' when it has no words (only images, code, links)."""
    words = " ".join(body.split())
    letters = _MARKUP.sub(" ", _CODE.sub(" ", body))
    return words if any(char.isalpha() for char in letters) else ""


def copies(ordered: list[Text]) -> list[Finding]:
    """Texts whose body is another's word for word: copied, not translated. Source first,
    so the finding lands on the copy."""
    found: list[Finding] = []
    first_with: dict[str, str] = {}
    for text in ordered:
        prose = _prose(text.readable.body)
        if prose and prose in first_with:
            lines = text.readable.body.split("\n")
            line = text.readable.body_line + next((n for n, written in enumerate(lines) if written.strip()), 0)
            found.append(finding(text.path, line, "unfinished", "unfinished.copy", other=first_with[prose]))
        first_with.setdefault(prose, text.path)
    return found


def _describe(value: object) -> Message:
    if isinstance(value, list) and all(isinstance(part, str) for part in value):  # audiences
        return said_value(", ".join(value))
    if isinstance(value, list):  # a gallery's files
        names = ", ".join(str(part[0]) for part in value)
        return say("mismatch.photos", names=names) if names else say("mismatch.no-photos")
    return said_value(value)


def _key(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def agreement(texts: list[Text], source: str, fields: tuple) -> list[Finding]:
    """Values that must be the same in every translation and are not. The file that
    differs from the others is named; when there is no majority, the source is right."""
    found = []
    group = schema.GROUPS.get(id(fields), "")
    for field in filter(schema.agrees_across, fields):
        parts = {
            text.language: schema.shared_part(text.values.get(field.name, _IMPLIED.get(field.name)), field)
            for text in texts
            # a value that is itself wrong has its own finding
            if not (field.name in text.readable.meta and field.name not in text.values)
        }
        groups = Counter(_key(part) for part in parts.values()).most_common()
        if len(groups) < 2:
            continue
        best = groups[0][0]
        if groups[1][1] == groups[0][1]:  # no majority: the source decides
            if source not in parts:
                continue
            best = _key(parts[source])
        right = [t for t in texts if t.language in parts and _key(parts[t.language]) == best]
        right_value, where = parts[right[0].language], " and ".join(t.path for t in right)
        for text in texts:
            if text.language not in parts or text in right:
                continue
            ours, key = parts[text.language], FieldLabel(group, field.name)
            if field.name not in text.readable.meta:
                message = say("mismatch.missing", key=key, theirs=_describe(right_value), where=where)
            elif right_value is None:
                message = say("mismatch.not-there", key=key, ours=_describe(ours), where=where)
            else:
                message = say(
                    "mismatch.differs", key=key, ours=_describe(ours), theirs=_describe(right_value), where=where
                )
            found.append(Finding(text.path, text.readable.line_of(field.name), "mismatch", message))
    return found


def stamp_findings(entry: Entry, text: Text, texts: dict[str, Text], source: str) -> list[Finding]:
    """Is this translation stamped, and is its source unchanged since?"""
    document, fields = text.readable, fields_of(entry)
    line = document.line_of(schema.STAMP_KEY)
    run = say("stamp.run", path=text.path)
    source_path = entry.path(source)
    if text.stamp_value is None:
        return [finding(text.path, 1, "unstamped", "stamp.none", source=source_path, run=run)]
    stamp = parse_stamp(text.stamp_value)
    if stamp is None:
        return [
            finding(
                text.path,
                line,
                "stamp",
                "stamp.malformed",
                key=schema.STAMP_KEY,
                digits=HASH_LENGTH,
                source=source_path,
                run=run,
            )
        ]
    named = texts.get(stamp.language)
    if stamp.language == text.language or named is None or named.document is None:
        return [
            finding(
                text.path,
                line,
                "stamp",
                "stamp.no-such-source",
                key=schema.STAMP_KEY,
                language=stamp.language,
                named=entry.path(stamp.language),
                source=source_path,
                run=run,
            )
        ]
    if fingerprint(named.document, fields) != stamp.hash:
        return [finding(text.path, line, "outdated", "stamp.outdated", named=named.path, run=run)]
    return []


def stamp_for(entry: Entry, text: Text, texts: dict[str, Text], source: str) -> Stamp:
    """The stamp that records `text` as current: against the text its stamp names,
    when that is another readable translation, else against the source."""
    named = parse_stamp(text.stamp_value)
    language = source
    if named and named.language != text.language and named.language in texts and texts[named.language].document:
        language = named.language
    return Stamp(language, fingerprint(texts[language].readable, fields_of(entry)))
