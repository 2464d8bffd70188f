"""The website's interface text per language (scripts/kazdual/strings/<lang>.yml).

Read afresh at each call (a build asks once per language), so the preview follows
an edit of the interface text too.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kazdual.errors import SourceError

STRINGS_DIR = Path(__file__).parent / "strings"
# libyaml's reader where PyYAML has it: the same values, read in a tenth of the time (a
# build reads each language's text several times, a preview at every edit).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SHOWN_DIR = "scripts/kazdual/strings"


def strings_for(language: str) -> dict:
    """All interface strings of `language`; a language without its file is an error."""
    path = STRINGS_DIR / f"{language}.yml"
    shown = f"{SHOWN_DIR}/{language}.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # noqa: S506 (a safe loader)
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
    return data
