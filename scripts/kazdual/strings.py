"""The website's interface text per language (scripts/kazdual/strings/<lang>.yml).

Read afresh at each call, so the preview follows an edit of the interface text too;
a file read before, unchanged, is not parsed again (a build asks several times per
language, a preview at every edit). Each caller gets a copy of its own.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import yaml

from kazdual.errors import SourceError

STRINGS_DIR = Path(__file__).parent / "strings"
# libyaml's reader where PyYAML has it: the same values, read in a tenth of the time (a
# build reads each language's text several times, a preview at every edit).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SHOWN_DIR = "scripts/kazdual/strings"
_parsed: dict[str, tuple[str, bytes]] = {}  # language -> (its file's text, the strings pickled)


def strings_for(language: str) -> dict:
    """All interface strings of `language`; a language without its file is an error."""
    path = STRINGS_DIR / f"{language}.yml"
    shown = f"{SHOWN_DIR}/{language}.yml"
    try:
        text = path.read_text(encoding="utf-8")
        known = _parsed.get(language)
        if known is not None and known[0] == text:
            return pickle.loads(known[1])  # noqa: S301 (made by this process, just below)
        data = yaml.load(text, Loader=LOADER)  # noqa: S506 (a safe loader)
    except OSError:
        raise SourceError(shown, 1, f"no interface text for the language '{language}': add this file") from None
    except UnicodeDecodeError:
        raise SourceError(shown, 1, "the file is not UTF-8: save it as UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "cannot be read"
        raise SourceError(
            shown, mark.line + 1 if mark else 1, f"not valid YAML ({problem}): a text with a colon needs quotes"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("activity"), dict):
        raise SourceError(
            shown, 1, "write the interface text as 'key: text' lines, with the activity labels under 'activity:'"
        )
    _parsed[language] = (text, pickle.dumps(data))
    return data
