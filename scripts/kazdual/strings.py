"""The website's interface text per language (scripts/kazdual/strings/<lang>.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from kazdual.errors import SourceError

STRINGS_DIR = Path(__file__).parent / "strings"


@functools.lru_cache(maxsize=None)
def strings_for(language: str) -> dict:
    """All interface strings of `language`; a language without its file is an error."""
    path = STRINGS_DIR / f"{language}.yml"
    shown = f"scripts/kazdual/strings/{language}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise SourceError(shown, 1, f"no interface text for the language '{language}': add this file") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(shown, mark.line + 1 if mark else 1, f"not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SourceError(shown, 1, "write the interface text as 'key: text' lines")
    return data


def activity_kinds() -> list[str]:
    """The activity kinds a news item may name: the keys of the English `activity` labels."""
    return list(strings_for("en")["activity"])
