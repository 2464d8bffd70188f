"""Fact parity: each translation says what its source says in the facts that survive
translation, and is built like it.

- `fact` (blocking): a number (with "about" or "more than"), a day, a year or a code
  (6B01705, D3.4) that one of the two says and the other does not, compared part by part
  (the title with the title, the body with the body) as multisets: order does not matter.
- `reference` (advisory): a name in Latin letters (ACQUIN, PH Tirol), a link or a photo of
  the body that one has and the other lacks, over the whole text.
- `structure` (advisory): a heading, a list, a list item or a table of the body.

The finding is the translation's, with its line, and names the source's file and line. A fact
the translation lacks is placed in the block of the body (or the front-matter value) that
stands where the source's block stands. Facts come from the source lines (facts.py), links
and photos from the text as the build renders it, the outline from the source (outline.py).
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from kazdual.content import facts, mixed_script, outline, translation, tree
from kazdual.content.facts import Fact
from kazdual.content.findings import Finding, finding
from kazdual.content.links import Rendered, line_of_link, own_photo
from kazdual.content.messages import LanguageName, Message, say
from kazdual.content.source import Document, prose_lines
from kazdual.content.texts import Text
from kazdual.languages import Language

# Every message and every description in it, by its name in the catalogs' `parity` section
# (kazdual.content.messages): worded there, in every language of the interface.
MESSAGES = {
    ("says", "differs"): "parity.says-differs",
    ("says", "lacks"): "parity.says-lacks",
    ("says", "adds"): "parity.says-adds",
    ("has", "differs"): "parity.has-differs",
    ("has", "lacks"): "parity.has-lacks",
    ("has", "adds"): "parity.has-adds",
}
WHAT = {
    "year": "parity.year",
    "code": "parity.code",
    "name": "parity.name",
    "link": "parity.link",
    "photo": "parity.photo",
}
COUNTED = {
    "item": ("parity.item", "parity.items"),
    "row": ("parity.row", "parity.rows"),
    "column": ("parity.column", "parity.columns"),
}
_LONGEST_TITLE = 60
MOST = 12  # findings of one kind on one translation, before one more says how many are left
ALIGNED = 1000  # headings, lists and tables of a body that are aligned, one against the other


@dataclass
class _Reading:
    """What one text says and how it is built."""

    text: Text
    document: Document
    said: facts.Said
    blocks: list[int]  # the first line of each block of the body
    references: list[Fact]  # its body's links and photos
    outline: list[outline.Element]

    def block_at(self, line: int) -> int:
        return max(0, bisect.bisect_right(self.blocks, line) - 1)


def _segments(text: Text, document: Document, fields: tuple, blocks: list[tuple[int, str]]):
    """(part, where, first line, text) of each translated front-matter value and body block."""
    for spec in fields:
        value = text.values.get(spec.name)
        if not spec.translated or value is None:
            continue
        if isinstance(value, str):
            yield spec.name, (spec.name,), document.line_of(spec.name), value
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                for sub in getattr(spec.type, "fields", ()):
                    if sub.translated and isinstance(entry.get(sub.name), str):
                        where = (spec.name, index, sub.name)
                        yield spec.name, where, document.line_of(*where), entry[sub.name]
    for index, (line, block) in enumerate(blocks):
        yield "body", ("body", index), line, block


def _blocks(document: Document) -> list[tuple[int, str]]:
    """(first line, text) of each block of the body: lines between blank lines, outside code."""
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []
    start = previous = 0
    for number, line in prose_lines(document.body, document.body_line):
        if lines and (not line.strip() or number != previous + 1):
            blocks.append((start, "\n".join(lines)))
            lines = []
        if line.strip():
            start = number if not lines else start
            lines.append(line)
        previous = number
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


def _address(written: str, languages: set[str]) -> str:
    """A link's address as far as it is the same page in every language: without the
    language in a host, a path or a query (kk.wikipedia.org, /ru/, ?lang=en), an #anchor
    (headings are named in each language) or the language of a text's file (about.ru.md)."""
    parts = urlsplit(written.strip())
    scheme = parts.scheme.lower()
    if scheme in ("mailto", "tel"):
        return f"{scheme}:{''.join(unquote(parts.path).lower().split())}"
    path = [segment for segment in unquote(parts.path).split("/") if segment and segment != "."]
    if not parts.netloc:
        if path:
            stem, dot, suffix = path[-1].removesuffix(".md").rpartition(".")
            if dot and suffix in languages and path[-1].endswith(".md"):
                path[-1] = f"{stem}.md"
        return "/".join(path)
    host = (parts.hostname or "").removeprefix("www.")
    first, _, rest = host.partition(".")
    host = rest if first in languages and "." in rest else host
    path = [segment for segment in path if segment.lower() not in languages]
    query = urlencode([(key, value) for key, value in parse_qsl(parts.query) if value.lower() not in languages])
    return f"{host}/{'/'.join(path)}" + (f"?{query}" if query else "")


def _references(
    text: Text, entry: tree.Entry, rendered: Rendered, reading_blocks: list[int], languages: set[str]
) -> list[Fact]:
    found, after = [], text.document.body_line if text.document else 1
    for tag, written in rendered.links:
        line = after = line_of_link(text, written, after)
        where = ("body", max(0, bisect.bisect_right(reading_blocks, line) - 1))
        if tag == "img":
            name = own_photo(entry, written) if entry.kind == "news item" else None
            found.append(Fact("photo", name or _address(written, languages), line, where, written))
        else:
            found.append(Fact("link", _address(written, languages), line, where, written))
    return found


def _read(entry: tree.Entry, text: Text, rendered: Rendered, fields: tuple, languages: set[str]) -> _Reading:
    document = text.document
    assert document is not None  # only readable texts are compared
    blocks = _blocks(document)
    starts = [line for line, _ in blocks]
    latin = not mixed_script.written_in_cyrillic(text.language)
    said = facts.read(_segments(text, document, fields, blocks), text.language, latin)
    references = _references(text, entry, rendered, starts, languages)
    built = outline.outline(document.body, document.body_line)
    return _Reading(text, document, said, starts, references, built)


def _aligned(where: tuple, source: _Reading, translation: _Reading) -> tuple:
    """Where in `translation` stands what stands at `where` in `source`: the same key, or the
    block at the same place (the same block when both have as many)."""
    if where[0] != "body" or not translation.blocks:
        return where
    have, want = len(source.blocks), len(translation.blocks)
    index = where[1] if have == want else 0 if have <= 1 else round(where[1] * (want - 1) / (have - 1))
    return ("body", min(index, want - 1))


def _line_of(where: tuple, reading: _Reading) -> int:
    if where[0] == "body":
        return reading.blocks[where[1]] if reading.blocks else reading.document.body_line
    return reading.document.line_of(*where)


def _match(theirs: list[Fact], ours: list[Fact], key_theirs, key_ours) -> tuple[list[Fact], list[Fact]]:
    """The facts of each side that no fact of the other matches, one for one, in text order."""
    pool: dict[tuple, deque[Fact]] = {}
    for fact in ours:
        pool.setdefault(key_ours(fact), deque()).append(fact)
    left = []
    for fact in theirs:
        bucket = pool.get(key_theirs(fact))
        if bucket:
            bucket.popleft()
        else:
            left.append(fact)
    return left, sorted((fact for bucket in pool.values() for fact in bucket), key=lambda fact: fact.line)


def _unmatched(theirs: list[Fact], ours: list[Fact], source: _Reading, translation: _Reading):
    """Facts only one side says, block by block first, so that the one left over is the one
    of the block that lacks it; then over the whole part."""

    def same_place(fact: Fact) -> tuple:
        return (fact.group, fact.value, _aligned(fact.where, source, translation))

    def same_part(fact: Fact) -> tuple:
        return (fact.where[0], fact.group, fact.value)

    lacking, adding = _match(theirs, ours, same_place, lambda fact: (fact.group, fact.value, fact.where))
    return _match(lacking, adding, same_part, same_part)


def _written_out(left: list[Fact], other: _Reading) -> list[Fact]:
    """Numbers the other text writes in words ("thirty" for 30) are said there too."""
    words: dict[str, Counter] = {}
    kept = []
    for fact in left:
        part, value = fact.where[0], fact.value.lstrip("~>")
        if fact.group == "number" and part not in words:
            words[part] = other.said.written_out(part)
        if fact.group == "number" and words[part][value] > 0:
            words[part][value] -= 1
        else:
            kept.append(fact)
    return kept


def _counted(key: str, count: int) -> Message:
    return say(COUNTED[key][0 if count == 1 else 1], count=count)


def describe(fact: Fact | outline.Element, level: bool = False) -> Message | str:
    """A fact or an element as a message says it."""
    if isinstance(fact, outline.Element):
        if fact.kind == "heading":
            title = fact.title if len(fact.title) <= _LONGEST_TITLE else fact.title[: _LONGEST_TITLE - 1] + "…"
            if level:
                return say("parity.heading-level", title=title, level=fact.level)
            return say("parity.heading", title=title)
        if fact.kind == "list":
            return say("parity.list", items=_counted("item", fact.items))
        return say("parity.table", rows=_counted("row", fact.rows), columns=_counted("column", fact.columns))
    if fact.group == "number" and fact.value[:1] in "~>":
        return say("parity.about" if fact.value[0] == "~" else "parity.more-than", number=fact.value[1:])
    if fact.group == "date":
        day, _, month = fact.value.rpartition(".")
        if day:
            return say("parity.day", day=int(day), month=say(f"month-of.{int(month)}"))
        return say(f"month.{int(month)}")
    if fact.group == "link" and not fact.value:
        return say("parity.this-page")
    if fact.group in WHAT:
        return say(WHAT[fact.group], value=fact.shown or fact.value)
    return fact.value


class _Findings:
    """The findings on one translation, each message made in one place."""

    def __init__(self, source: _Reading, translation: _Reading, source_label: LanguageName) -> None:
        self.source, self.translation, self.label = source, translation, source_label
        self.found: list[Finding] = []
        self.more: dict[str, list[int]] = {}  # kind -> [how many more, the line of the first]

    def add(self, kind: str, verb: str, theirs=None, ours=None, level: bool = False) -> None:
        """`theirs` is in the source, `ours` in the translation; either may be missing. Past
        MOST findings of a kind, one more says how many: a text that tells something else
        altogether needs comparing as a whole, not a thousand lines of findings."""
        if sum(finding.kind == kind for finding in self.found) >= MOST:
            line = ours.line if ours is not None else _line_of(self._forth(theirs), self.translation)
            self.more.setdefault(kind, [0, line])[0] += 1
            return
        if ours is not None:
            line = ours.line
            where = theirs.line if theirs is not None else _line_of(self._back(ours), self.source)
        else:
            where = theirs.line
            line = _line_of(self._forth(theirs), self.translation)
        situation = "differs" if theirs is not None and ours is not None else "lacks" if ours is None else "adds"
        message = say(
            MESSAGES[(verb, situation)],
            source=self.label,
            where=f"{self.source.text.path}:{where}",
            theirs=describe(theirs, level) if theirs is not None else "",
            ours=describe(ours, level) if ours is not None else "",
        )
        self.found.append(Finding(self.translation.text.path, line, kind, message))

    def finish(self) -> list[Finding]:
        for kind, (count, line) in self.more.items():
            self.found.append(
                finding(
                    self.translation.text.path,
                    line,
                    kind,
                    "parity.more",
                    count=count,
                    source=self.label,
                    where=self.source.text.path,
                )
            )
        return self.found

    def _forth(self, item) -> tuple:
        where = item.where if isinstance(item, Fact) else ("body", self.source.block_at(item.line))
        return _aligned(where, self.source, self.translation)

    def _back(self, item) -> tuple:
        where = item.where if isinstance(item, Fact) else ("body", self.translation.block_at(item.line))
        return _aligned(where, self.translation, self.source)


def _facts(out: _Findings) -> None:
    source, translation = out.source, out.translation
    lacking, adding = _unmatched(source.said.facts, translation.said.facts, source, translation)
    lacking, adding = _written_out(lacking, translation), _written_out(adding, source)
    partners: dict[tuple, deque[Fact]] = {}
    for fact in adding:
        partners.setdefault((fact.where[0], fact.group), deque()).append(fact)
    for fact in lacking:  # a changed fact is one finding: the source's, paired with ours
        waiting = partners.get((fact.where[0], fact.group))
        out.add("fact", "says", fact, waiting.popleft() if waiting else None)
    for fact in sorted((fact for waiting in partners.values() for fact in waiting), key=lambda fact: fact.line):
        out.add("fact", "says", None, fact)


def _names_and_references(out: _Findings) -> None:
    source, translation = out.source, out.translation
    for name, fact in source.said.names.items():
        if name not in translation.said.latin_words:
            out.add("reference", "has", fact, None)
    for name, fact in translation.said.names.items():
        if name not in source.said.latin_words:
            out.add("reference", "has", None, fact)
    theirs = {fact.value: fact for fact in reversed(source.references)}
    ours = {fact.value: fact for fact in reversed(translation.references)}
    for value, fact in sorted(theirs.items(), key=lambda pair: pair[1].line):
        if value not in ours:
            out.add("reference", "has", fact, None)
    for value, fact in sorted(ours.items(), key=lambda pair: pair[1].line):
        if value not in theirs:
            out.add("reference", "has", None, fact)


def _structure(out: _Findings) -> None:
    theirs, ours = out.source.outline[:ALIGNED], out.translation.outline[:ALIGNED]
    matcher = difflib.SequenceMatcher(None, [e.signature for e in theirs], [e.signature for e in ours], autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(theirs[i1:i2], ours[j1:j2], strict=False))
        for their, our in pairs:
            if operation == "equal":
                if their.kind != "heading" and _size(their) != _size(our):
                    out.add("structure", "has", their, our)
            elif their.kind == our.kind == "heading":
                out.add("structure", "has", their, our, level=True)
            else:
                out.add("structure", "has", their, None)
                out.add("structure", "has", None, our)
        for their in theirs[i1 + len(pairs) : i2]:
            out.add("structure", "has", their, None)
        for our in ours[j1 + len(pairs) : j2]:
            out.add("structure", "has", None, our)


def _size(element: outline.Element) -> tuple[int, int, int]:
    return (element.items, element.rows, element.columns)


def judge(
    entry: tree.Entry,
    texts: list[Text],
    source: str,
    rendered: dict[str, Rendered],
    languages: list[Language],
    skipped: set[str],
) -> list[Finding]:
    """What each translation among `texts` says otherwise than the source text, lacks of it,
    or adds. A text in `skipped` (unfinished) is not compared: finishing it comes first."""
    source_text = next((text for text in texts if text.language == source), None)
    if source_text is None or source_text.path in skipped:
        return []
    codes = [language.code for language in languages]
    in_addresses = set(codes) | tree.country_codes_for(codes)
    fields = translation.fields_of(entry)
    theirs = _read(entry, source_text, rendered[source], fields, in_addresses)
    label = translation.label(languages, source)
    found: list[Finding] = []
    for text in texts:
        if text is not source_text and text.path not in skipped:
            out = _Findings(theirs, _read(entry, text, rendered[text.language], fields, in_addresses), label)
            _facts(out)
            _names_and_references(out)
            _structure(out)
            found += out.finish()
    return found
