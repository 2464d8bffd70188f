"""Where a page lives in each language.

Every page has one path below each language root (`about/`, `news/<slug>/`), so
its translations, `hreflang` links and sitemap alternates follow from that path
alone: no lookup table is kept between the per-language builds.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kazdual.languages import Language


def path_in_language(url: str, language: Language) -> str:
    """`ru/about/` -> `about/`; the home page is ``."""
    if url in (".", "./"):
        return ""
    if language.prefix and url.startswith(language.prefix):
        return url[len(language.prefix) :]
    if language.prefix and url == language.prefix.rstrip("/"):
        return ""
    return url


def absolute(base: str, language: Language, path: str) -> str:
    return f"{base}{language.prefix}{path}"


def site_path(base: str) -> str:
    """The path part of the base URL (`/` or `/kazdual/`), for pages served at any depth."""
    return urlsplit(base).path or "/"
