"""The site's languages, as the i18n plugin in mkdocs.yml lists them.

mkdocs.yml is the one place that knows the languages and their labels: the build
asks the loaded plugin, everything else asks kazdual.content.config.load(), which
reads mkdocs.yml as the build does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    label: str
    is_default: bool

    @property
    def prefix(self) -> str:
        """The URL path of this language's root, relative to the site root: "" or "ru/"."""
        return "" if self.is_default else f"{self.code}/"


def from_plugin_languages(entries) -> list[Language]:
    """Languages from the i18n plugin's `languages` entries, the default first. Every
    language is the site's, whether or not this run builds it (a one-language preview)."""
    languages = [Language(code=e["locale"], label=e["name"], is_default=bool(e.get("default"))) for e in entries]
    languages.sort(key=lambda lang: not lang.is_default)
    return languages
