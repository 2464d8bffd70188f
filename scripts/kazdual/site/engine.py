"""The program that builds the site: MkDocs 1.6 (the default) or ProperDocs, its
maintained continuation, chosen with SITE_ENGINE=mkdocs|properdocs.

Both read the same mkdocs.yml, hook and plugins: ProperDocs answers the `mkdocs`
imports of the hook, Material and static-i18n with its own modules. They build the
same bytes (tests/test_engines.py, and the `engines` job of checks.yml), so the
site keeps building if MkDocs 1.x can no longer be installed.
"""

from __future__ import annotations

import importlib
import os
from importlib.metadata import PackageNotFoundError, version

from kazdual.content.fields import shown
from kazdual.errors import SourceError

SETTING = "SITE_ENGINE"
ENGINES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}
DEFAULT = "mkdocs"


def chosen() -> str:
    """The engine SITE_ENGINE names; MkDocs when it is unset or empty."""
    value = os.environ.get(SETTING) or DEFAULT
    if value not in ENGINES:
        names = " or ".join(ENGINES)
        raise SourceError(SETTING, 1, f"must be {names} (the program that builds the site), not {shown(value)}")
    return value


def described(engine: str) -> str:
    """ "MkDocs 1.6.1", for a build's last line."""
    try:
        return f"{ENGINES[engine]} {version(engine)}"
    except PackageNotFoundError:
        return ENGINES[engine]


def use_in_this_process(engine: str) -> None:
    """For the preview, which builds inside this process: from here on, ProperDocs
    answers every `mkdocs` import. Call it before anything imports mkdocs."""
    if engine != "mkdocs":
        importlib.import_module(f"{engine}.replacement")
