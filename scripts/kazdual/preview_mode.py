"""Whether the build at hand is a preview, and of which language.

Set only by the preview server, in its own process, right before it builds
(`mkdocs serve` counts as a preview too). Nothing in mkdocs.yml or the
environment can turn it on, so no preview setting reaches a published build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preview:
    language: str | None = None  # one language only, at its published address


current: Preview | None = None
