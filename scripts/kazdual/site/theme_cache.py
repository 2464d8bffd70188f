"""The theme's work kept between builds of one process: static-i18n builds each
language with a new Jinja environment, and the preview rebuilds after every
edit; without this, each build compiles every template again and lists every
one of Material's ten thousand icon files.

- Compiled templates are kept in memory, one per template name: an edited
  template has another checksum, is compiled again and replaces the old one.
- Loaded templates are kept for the whole build, without Jinja's LRU bookkeeping.
- The theme's file listing (MkDocs copies the static files it names) leaves out
  hidden folders such as `.icons/`, which MkDocs' own filter drops anyway. It is
  kept only for installed themes, which do not change while a process runs; the
  site's own templates are listed again at every build.
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


_INSTALLED = os.path.realpath(sys.prefix)


def _listing(folder: str) -> list[str]:
    names = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = os.path.relpath(current, folder)
        names += [name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in files]
    return names


class _Loader(jinja2.FileSystemLoader):
    def __init__(self, folders: list[str], installed_listings: dict[str, list[str]]) -> None:
        super().__init__(folders)
        self._installed_listings = installed_listings

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if not os.path.realpath(folder).startswith(_INSTALLED):
                found.update(_listing(folder))
                continue
            if folder not in self._installed_listings:
                self._installed_listings[folder] = _listing(folder)
            found.update(self._installed_listings[folder])
        return sorted(found)


class ThemeCache:
    """Compiled templates and installed themes' listings, shared by every build that installs it."""

    def __init__(self) -> None:
        self._compiled = _CompiledTemplates()
        self._installed_listings: dict[str, list[str]] = {}

    def install(self, config: MkDocsConfig) -> None:
        """Make `config.theme` hand out environments that share this cache."""
        theme = config.theme
        if getattr(theme, "_kazdual_cached", False):
            return
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.loader = _Loader(theme.dirs, self._installed_listings)
            env.bytecode_cache = self._compiled
            # A plain dict, not Jinja's LRU cache, whose every hit moves the name within a queue:
            # Material's pages include about eighteen templates each. One build loads no more
            # templates than the theme has, and the environment lives only as long as the build.
            env.cache = {}
            return env

        theme.get_env = get_env  # type: ignore[method-assign]
        theme._kazdual_cached = True  # type: ignore[attr-defined]
