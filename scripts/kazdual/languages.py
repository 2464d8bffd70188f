"""The site's languages, as the i18n plugin in mkdocs.yml lists them.

mkdocs.yml is the one place that knows the languages and their labels; the
build hooks ask the loaded plugin, the editors' scripts ask this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kazdual.errors import SourceError


@dataclass(frozen=True)
class Language:
    code: str
    label: str
    is_default: bool

    @property
    def prefix(self) -> str:
        """The URL path of this language's root, relative to the site root: "" or "ru/"."""
        return "" if self.is_default else f"{self.code}/"


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (`!ENV`, `!!python/name:`)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_TagTolerantLoader.add_multi_constructor("!", _ignore_tag)
_TagTolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def from_plugin_languages(entries) -> list[Language]:
    """Languages from the i18n plugin's `languages` entries, the default first. Every
    language is the site's, whether or not this run builds it (a one-language preview)."""
    languages = [Language(code=e["locale"], label=e["name"], is_default=bool(e.get("default"))) for e in entries]
    languages.sort(key=lambda lang: not lang.is_default)
    return languages


def site_languages(root: Path) -> list[Language]:
    """The languages configured in `root/mkdocs.yml`, the default language first."""
    config_path = root / "mkdocs.yml"
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    except OSError as error:
        raise SourceError("mkdocs.yml", 1, f"cannot read the site configuration ({error.strerror})")
    except UnicodeDecodeError:
        raise SourceError("mkdocs.yml", 1, "the site configuration is not UTF-8: save it as UTF-8")
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 1
        raise SourceError("mkdocs.yml", line, f"not valid YAML: {error}")
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        options = plugin.get("i18n") if isinstance(plugin, dict) else None
        entries = options.get("languages") if isinstance(options, dict) else None
        if isinstance(entries, list) and all(isinstance(e, dict) and "locale" in e for e in entries):
            languages = from_plugin_languages(entries)
            if languages and languages[0].is_default:
                return languages
    raise SourceError("mkdocs.yml", 1, "the i18n plugin lists no default language")
