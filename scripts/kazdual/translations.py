"""Checking that every page and news item is complete, finished and current in every language.

For each page or news item, one file is the source (the default language's,
unless the translations' stamps name another) and the others are translations
of it. Every finding is `path:line: message`; every file also gets one state
for the coverage matrix: the most pressing of its findings.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kazdual import frontmatter, mixed_script, stamps, unfinished
from kazdual.errors import SourceError
from kazdual.languages import Language
from kazdual.translation_tree import Entry, Finding, find_texts

# Front matter that says what an item is, not how it reads: the same in every language.
SHARED_KEYS = ("date", "slug", "image", "draft", "activity", "participants", "template")
# A key left out means the same as this value.
_IMPLIED = {"draft": False}
# The coverage matrix shows one state per file: the first of these that applies.
STATES = (
    "missing",
    "unreadable",
    "orphan",
    "unfinished",
    "outdated",
    "unstamped",
    "stamp",
    "mismatch",
    "mixed-script",
)


@dataclass
class Text:
    """One language's file of a page or news item, as read."""

    language: str
    path: str
    document: frontmatter.Document | None  # None when the file cannot be read
    stamp_value: object = None  # what `translated_from` holds, if anything

    @property
    def stamp(self) -> stamps.Stamp | None:
        return stamps.parse(self.stamp_value)

    @property
    def stamp_line(self) -> int:
        return self.document.line_of(stamps.KEY) if self.document else 1


@dataclass
class EntryReport:
    entry: Entry
    source: str | None  # the language of the source text; None when there is none
    texts: dict[str, Text] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # language -> state for the matrix

    def source_hash(self, language: str) -> str | None:
        text = self.texts.get(language)
        return stamps.source_hash(text.document.text) if text and text.document else None


@dataclass
class Report:
    languages: list[Language]
    entries: list[EntryReport]
    findings: list[Finding]


def _read(root: Path, entry: Entry, language: str) -> tuple[Text, Finding | None]:
    path = entry.path(language)
    try:
        data = (root / path).read_bytes()
        if b"\x00" in data:
            raise SourceError(path, 1, "the file holds binary data, not Markdown text: replace it with the text")
        document = frontmatter.parse_text(path, frontmatter.decode(path, data))
    except OSError as error:
        return Text(language, path, None), Finding(path, 1, "unreadable", f"cannot read the file ({error.strerror})")
    except SourceError as error:
        return Text(language, path, None), Finding(error.path, error.line, "unreadable", error.message)
    return Text(language, path, document, document.meta.get(stamps.KEY)), None


def _source_language(texts: dict[str, Text], default: str) -> str | None:
    """The file without a stamp that the others name; the default language's when it has none."""
    default_text = texts.get(default)
    if default_text and default_text.stamp_value is None:
        return default
    named = Counter(t.stamp.language for t in texts.values() if t.stamp)
    for language, _ in named.most_common():
        candidate = texts.get(language)
        if candidate and candidate.document and candidate.stamp_value is None:
            return language
    return default if default_text else None


def _label(languages: list[Language], code: str) -> str:
    label = next((language.label for language in languages if language.code == code), code)
    return f"{label} ({code})"


def _coverage(report: EntryReport, languages: list[Language]) -> list[Finding]:
    """The missing files of a page or news item, and the translations with nothing to translate."""
    entry, source = report.entry, report.source
    default = _label(languages, languages[0].code)
    if source is None:
        missing = entry.path(languages[0].code)
        if entry.files:
            message = f"the {default} text that the other languages translate is missing: add this file"
        else:
            message = f"the {entry.kind} has no text: add this file in {default}, or remove the folder"
        orphan = f"orphan: there is no {default} text {missing} that this translates: add it, or remove this file"
        return [Finding(missing, 1, "missing", message)] + [Finding(t.path, 1, "orphan", orphan) for t in report.texts.values()]
    return [
        Finding(
            entry.path(language.code),
            1,
            "missing",
            f"the {entry.kind} has no {_label(languages, language.code)} translation: add this file, translated from {entry.path(source)}",
        )
        for language in languages
        if language.code not in entry.files
    ]


def _comparable(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _shared_keys(source: Text, text: Text) -> list[Finding]:
    found = []
    for key in SHARED_KEYS:
        theirs = _comparable(source.document.meta.get(key, _IMPLIED.get(key)))
        ours = _comparable(text.document.meta.get(key, _IMPLIED.get(key)))
        if theirs == ours:
            continue
        if key not in text.document.meta:
            message = f"'{key}' is missing here but is {theirs!r} in {source.path}: copy it"
        elif key not in source.document.meta:
            message = f"'{key}' is {ours!r} here but not set in {source.path}: remove it here, or add it there"
        else:
            message = f"'{key}' is {ours!r} here but {theirs!r} in {source.path}: make them the same"
        found.append(Finding(text.path, text.document.line_of(key), "mismatch", message))
    return found


def _stamp_findings(report: EntryReport, text: Text) -> list[Finding]:
    source_path = report.entry.path(report.source)
    run = f"run --stamp {text.path}"
    if text.stamp_value is None:
        return [Finding(text.path, 1, "unstamped", f"records no source: check it matches {source_path} and {run}")]
    stamp = text.stamp
    if stamp is None:
        return [
            Finding(text.path, text.stamp_line, "stamp", f"'{stamps.KEY}' should read <language>:<{stamps.HASH_LENGTH} hex digits>: check the translation against {source_path} and {run}")
        ]
    named = report.texts.get(stamp.language)
    if stamp.language == text.language or named is None or named.document is None:
        return [
            Finding(text.path, text.stamp_line, "stamp", f"'{stamps.KEY}' names '{stamp.language}', but there is no readable {report.entry.path(stamp.language)} to translate from: check the translation against {source_path} and {run}")
        ]
    if report.source_hash(stamp.language) != stamp.hash:
        return [
            Finding(text.path, text.stamp_line, "outdated", f"outdated: the {stamp.language} source {named.path} changed since this translation; update it and {run}")
        ]
    return []


def _mixed_scripts(text: Text) -> list[Finding]:
    if not mixed_script.written_in_cyrillic(text.language):
        return []
    found = []
    for word in mixed_script.in_document(text.document):
        other = "Cyrillic" if word.odd_script == "Latin" else "Latin"
        letters = " ".join(word.odd_letters)
        message = f"the word '{word.word}' mixes Latin and Cyrillic letters: retype the {word.odd_script} {letters} in {other}"
        found.append(Finding(text.path, word.line, "mixed-script", message))
    return found


def check_entry(root: Path, entry: Entry, languages: list[Language]) -> tuple[EntryReport, list[Finding]]:
    findings: list[Finding] = []
    texts: dict[str, Text] = {}
    for language in languages:
        if language.code in entry.files:
            texts[language.code], problem = _read(root, entry, language.code)
            findings.extend([problem] if problem else [])
    report = EntryReport(entry, _source_language(texts, languages[0].code), texts)
    findings.extend(_coverage(report, languages))
    source = texts.get(report.source)
    order = ([report.source] if report.source else []) + [lang.code for lang in languages if lang.code != report.source]
    readable = [texts[code] for code in order if code in texts and texts[code].document]
    copies = unfinished.copies([(text.path, text.document) for text in readable])
    for text in readable:
        still_to_write = unfinished.placeholders_and_empty_text(text.path, text.document, entry.kind)
        still_to_write += [copy for copy in copies if copy.path == text.path]
        findings.extend(still_to_write)
        findings.extend(_mixed_scripts(text))
        if text.language == report.source:
            if text.stamp_value is not None:
                findings.append(Finding(text.path, text.stamp_line, "stamp", f"this is the source text, yet it records '{stamps.KEY}': remove that line"))
            continue
        if source is None or source.document is None:
            continue  # an orphan, or a source that cannot be read: nothing to compare with
        findings.extend(_shared_keys(source, text))
        if not still_to_write:
            # An unfinished translation cannot be stamped yet: finishing it comes first.
            findings.extend(_stamp_findings(report, text))
    for language in languages:
        kinds = {f.kind for f in findings if f.path == entry.path(language.code)}
        state = next((s for s in STATES if s in kinds), None)
        report.states[language.code] = state or ("source" if language.code == report.source else "ok")
    return report, findings


def check(root: Path, languages: list[Language]) -> Report:
    """Every finding about the pages and news items under `root`, and their coverage."""
    tree = find_texts(root, languages)
    findings = list(tree.findings)
    entries = []
    for entry in tree.entries:
        report, found = check_entry(root, entry, languages)
        entries.append(report)
        findings.extend(found)
    unique = list(dict.fromkeys(findings))
    unique.sort(key=lambda f: (f.path, f.line, f.message))
    return Report(languages, entries, unique)
