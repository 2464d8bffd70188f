"""What the content model says about the texts: findings, each of one kind.

Every kind is either blocking (the published build refuses it, naming the same
`path:line` as the checker) or advisory (reported and shown in the matrix only).
The preview shows a page with a blocking finding of a `previewable` kind, with a
notice; any other blocking finding in a page or news item holds back that item alone
(its pages show its findings), and one elsewhere makes the preview show the findings
instead of the site.
README.md's table of kinds is this table; a test keeps them the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kazdual.content.fields import printable, safe_line
from kazdual.content.messages import ENGLISH, Message, say


@dataclass(frozen=True)
class Kind:
    name: str
    blocking: bool
    previewable: bool
    what: str  # one line for editors: README.md and the checker's --kinds
    in_matrix: bool = True  # the state of a text in the translation matrix; not a rule about the record


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("unreadable", True, False, "a file that cannot be read as UTF-8 Markdown text"),
        Kind(
            "front-matter",
            True,
            False,
            "front matter that is not plain YAML `key: value` lines (also repeated keys, anchors, aliases)",
        ),
        Kind(
            "value", True, False, "a front-matter key that is unknown, missing, blank or holds the wrong kind of value"
        ),
        Kind(
            "data",
            True,
            False,
            "a project data file (`data/*.yml`: partners, results, targets) that cannot be read or holds a wrong value",
        ),
        Kind(
            "misnamed",
            True,
            True,
            "a file or folder whose name keeps it off the site (`kz` is a country; news folders are YYYY-MM-DD-slug)",
        ),
        Kind(
            "stray",
            True,
            True,
            "a file where none belongs: a symbolic link, a hidden file, a subfolder, a file the site does not publish"
            " (only texts, photos, images, style sheets, fonts, PDF; SVG drawings without scripts)",
        ),
        Kind(
            "address",
            True,
            False,
            "two texts, or a text and a page the build makes, that would take the same web address",
        ),
        Kind("missing", True, True, "a page or news item without one of its translations"),
        Kind("orphan", True, True, "a translation whose source text does not exist"),
        Kind(
            "unfinished", True, True, "text still to write: `TODO:`, an empty text, a text copied from another language"
        ),
        Kind(
            "mismatch",
            True,
            False,
            "a value that must be the same in every translation (date, photos, activity…) and is not",
        ),
        Kind(
            "mixed-script",
            True,
            True,
            "a Cyrillic word with a Latin look-alike letter in it, or the reverse; an invisible character in a text",
        ),
        Kind(
            "html",
            True,
            True,
            "raw HTML the site does not publish (scripts, event handlers, `javascript:` links, unknown tags)",
        ),
        Kind(
            "link",
            True,
            True,
            "a link or `#anchor` to a page, photo or heading that does not exist, or an image from another host",
        ),
        Kind(
            "photo",
            True,
            True,
            "a photo that is missing, unreadable, too large, without alt text in some language,"
            " or that records where it was taken (GPS)",
        ),
        Kind(
            "fact",
            True,
            True,
            "a number, date, year or code (6B01705, D3.4) that a translation and its source text do not both say",
        ),
        Kind("unstamped", False, True, "a translation that does not record which source text it was translated from"),
        Kind("outdated", False, True, "a translation whose source text changed after it was translated"),
        Kind(
            "stamp",
            False,
            True,
            "a `translated_from` stamp that is malformed, or names a text that cannot be its source",
        ),
        Kind("unused-photo", False, True, "a photo in a news folder that no text shows"),
        Kind(
            "reference",
            False,
            True,
            "a name in Latin letters (ACQUIN, PH Tirol), a link or a photo that a translation and its source do not "
            "both have",
        ),
        Kind(
            "structure",
            False,
            True,
            "a heading, a list item or a table that a translation and its source text do not both have",
        ),
        Kind(
            "evidence",
            False,
            True,
            "an activity that records no evidence besides its news item (a photo, an attendance note) or no audiences",
            in_matrix=False,
        ),
    )
}


@dataclass(frozen=True, order=True)
class Finding:
    """Something an editor should fix, said as `path:line: message`.

    `said` is the message by name and values (kazdual.content.messages); `message` is
    it in English, as CI logs and the build's refusals give it; `in_language(code)` says
    it in an editor's language. `in_draft`: found in a news item kept as a draft, which
    is never published, so the finding cannot block publishing.
    """

    path: str
    line: int
    kind: str
    said: Message = field(compare=False)
    in_draft: bool = False
    message: str = field(init=False)

    def __post_init__(self) -> None:
        if not isinstance(self.said, Message):
            raise TypeError(f"a finding's message is made by messages.say(name, ...), not {self.said!r}")
        # Keys, link addresses and file names are the editors' own: a line break or an escape
        # sequence in them is shown escaped, so no finding can forge another line, clear a
        # terminal or pass for a GitHub workflow command, in any output format.
        object.__setattr__(self, "path", safe_line(self.path))
        object.__setattr__(self, "message", printable(self.said.text(ENGLISH)))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def in_language(self, language: str) -> str:
        # Said once per language: the templates are read once per process, and a rebuild
        # keeps the findings of every text it did not judge again.
        said = self.__dict__.setdefault("_said_in", {})
        if language not in said:
            said[language] = printable(self.said.text(language))
        return said[language]

    def line_in(self, language: str) -> str:
        """`path:line: message` in `language`."""
        return f"{self.path}:{self.line}: {self.in_language(language)}"

    @property
    def blocking(self) -> bool:
        return KINDS[self.kind].blocking and not self.in_draft


def finding(path: str, line: int, kind: str, message: str, /, **values: object) -> Finding:
    """The finding of `kind` at `path:line` whose message is the catalogs' `message` (messages.say)."""
    return Finding(path, line, kind, say(message, **values))


def sorted_findings(findings) -> list[Finding]:
    """Each finding once, in a stable order: by file, line, then message."""
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.message, f.kind))
