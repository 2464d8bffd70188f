"""Problems in the sources, told to editors as `path:line: what to fix`, and a command
asked for what it cannot do."""

from __future__ import annotations

import logging
from collections.abc import Callable


class SourceError(Exception):
    """Something in a source file an editor has to fix.

    `str()` gives the editor's line: `news/2023-09-11-x/index.kk.md:3: …`.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class NotAWebsite(SourceError):
    """The folder given is not the website's (no mkdocs.yml there): bad usage, not a problem in a file."""


class ErrorLines(logging.Handler):
    """The error lines a logger gives while this is attached to it (MkDocs logs why it
    refuses, then raises a bare "Aborted"), each message made lines by `lines_of`."""

    def __init__(self, lines_of: Callable[[str], list[str]]) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []
        self._lines_of = lines_of

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += self._lines_of(record.getMessage())


class UsageError(Exception):
    """The command cannot run as asked: exit 2, and say why."""
