"""Sparing the theme's repeated work in one process: static-i18n builds each
language with a new Jinja environment, and the preview rebuilds after every
edit; without this, each build compiles every template again and lists every
one of Material's ten thousand icon files.

- Compiled templates are kept in memory, keyed by the template's source: an
  edited template has another checksum and is compiled again.
- The theme's file listing (MkDocs copies the static files it names) leaves out
  hidden folders such as `.icons/`, which MkDocs' own filter drops anyway, and is
  kept for installed themes, which do not change while a process runs.
"""

from __future__ import annotations

import os
import sys

import jinja2
from mkdocs.config.defaults import MkDocsConfig


class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored when the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()
_listings: dict[str, list[str]] = {}
_INSTALLED = os.path.realpath(sys.prefix)


def _listing(folder: str) -> list[str]:
    names = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = os.path.relpath(current, folder)
        names += [name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in files]
    return names


class _Loader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            installed = os.path.realpath(folder).startswith(_INSTALLED)
            if not installed or folder not in _listings:
                _listings[folder] = _listing(folder)
            found.update(_listings[folder])
        return sorted(found)


def install(config: MkDocsConfig) -> None:
    """Make `config.theme` hand out environments that share this process's work."""
    theme = config.theme
    if getattr(theme, "_kazdual_cached", False):
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _Loader(theme.dirs)
        env.bytecode_cache = _compiled
        return env

    theme.get_env = get_env
    theme._kazdual_cached = True
