"""What the content model needs from mkdocs.yml and the environment, checked as
untrusted input: the languages, the site's address, the repository readers report
problems to, and how Markdown is rendered (for links and anchors).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kazdual.content.fields import shown
from kazdual.errors import SourceError
from kazdual.languages import Language, from_plugin_languages

CONFIG_FILE = "mkdocs.yml"
# https://host/owner/name: an owner and a name of letters, digits, '.', '_' and '-', never '.' or '..'.
_REPOSITORY = re.compile(
    r"^https://[A-Za-z0-9.-]+(?::\d+)?/(?!\.{1,2}/)[A-Za-z0-9._-]+/(?!\.{1,2}/?$)[A-Za-z0-9._-]+/?$"
)
# Characters an address carries as they are (RFC 3986); any other must be percent-encoded.
_URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+$")
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$"
)
# 9999-12-31 23:59:59 UTC: the last second a date can show.
MAX_SOURCE_DATE_EPOCH = 253_402_300_799


@dataclass
class SiteConfig:
    root: Path
    languages: list[Language]
    site_url: str  # absolute, ends with "/"
    repository: str | None  # https://github.com/owner/name, or None
    markdown_extensions: list = field(default_factory=list)
    markdown_configs: dict = field(default_factory=dict)


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOST_NAME.match(host))


def _is_site_url(text: str) -> bool:
    """An absolute http(s) address of a folder: a host, perhaps a port and a path; no
    user name or password, query, fragment, '..' or character that needs encoding."""
    if not _URL_CHARACTERS.match(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # a port that is not a number from 0 to 65535 raises here
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and _is_host(parts.hostname or "")
        and parts.username is None
        and parts.port != 0
        and not parts.query
        and not parts.fragment
        and not text.endswith(("?", "#"))
        and not any(unquote(segment) in (".", "..") for segment in parts.path.split("/"))
    )


def checked_site_url(value: object) -> str:
    """The site's absolute http(s) base URL, ending in "/"; SourceError otherwise."""
    text = value if isinstance(value, str) else ""
    if not _is_site_url(text):
        raise SourceError(
            "SITE_URL" if os.environ.get("SITE_URL") == value else CONFIG_FILE,
            1,
            f"the site's address (site_url, or SITE_URL) must be an absolute http(s) address such as https://example.org/kazdual/, not {shown(text)}",
        )
    return text if text.endswith("/") else text + "/"


def checked_repository(value: object) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _REPOSITORY.match(value):
        raise SourceError(
            "SITE_REPO_URL" if os.environ.get("SITE_REPO_URL") == value else CONFIG_FILE,
            1,
            f"extra.repository (or SITE_REPO_URL) must be the repository's https address, such as https://github.com/owner/name, not {shown(value)}",
        )
    return value.rstrip("/")


def checked_source_date_epoch() -> None:
    """SOURCE_DATE_EPOCH, when set, must be a whole number of seconds (MkDocs reads it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and not (re.fullmatch(r"\d{1,12}", value) and int(value) <= MAX_SOURCE_DATE_EPOCH):
        raise SourceError(
            "SOURCE_DATE_EPOCH",
            1,
            f"must be a whole number of seconds since 1970 (at most {MAX_SOURCE_DATE_EPOCH}, the end of 9999), such as 1700000000, not {shown(value)}",
        )


def check_environment() -> None:
    """The variables a build reads, checked before MkDocs reads them in its own words."""
    checked_source_date_epoch()
    if os.environ.get("SITE_URL"):
        checked_site_url(os.environ["SITE_URL"])
    checked_repository(os.environ.get("SITE_REPO_URL") or None)


def from_mkdocs(config, root: Path) -> SiteConfig:
    """The model's view of a loaded MkDocs configuration."""
    checked_source_date_epoch()
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise SourceError(CONFIG_FILE, 1, "the i18n plugin is missing from plugins: it lists the site's languages")
    languages = from_plugin_languages(i18n.config.languages)
    if not languages or not languages[0].is_default:
        raise SourceError(CONFIG_FILE, 1, "the i18n plugin lists no default language")
    return SiteConfig(
        root=root,
        languages=languages,
        site_url=checked_site_url(config.site_url),
        repository=checked_repository(config.extra.get("repository")),
        markdown_extensions=list(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs),
    )


class _Reasons(logging.Handler):
    """What MkDocs logs about a configuration it refuses, kept for the one line that says so."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(" ".join(record.getMessage().split()))


def load(root: Path) -> SiteConfig:
    """Read root/mkdocs.yml as the build reads it (`!ENV` included); SourceError on any problem."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = root / CONFIG_FILE
    try:
        found = path.is_file()
    except OSError as error:  # a name too long for the system, a folder no one may enter: not "missing"
        raise SourceError(
            CONFIG_FILE,
            1,
            f"cannot look for {CONFIG_FILE} in {root} ({error.strerror}): give --root the website's folder",
        ) from None
    if not found:
        raise SourceError(
            CONFIG_FILE, 1, f"there is no {CONFIG_FILE} in {root}: run this in the website's folder, or give --root"
        )
    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # MkDocs' notes on the configuration are the build's to print
    # MkDocs logs why a value is wrong, then gives up with "Aborted with a configuration error!".
    reasons = _Reasons()
    quiet.addHandler(reasons)
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise SourceError(CONFIG_FILE, 1, " ".join(str(error).split())) from None
    except SourceError:
        raise
    except Exception as error:  # YAML errors and the like: one line for the maintainer
        mark = getattr(error, "problem_mark", None)
        told = "; ".join(reasons.lines) or f"cannot read the configuration: {' '.join(str(error).split())}"
        raise SourceError(CONFIG_FILE, mark.line + 1 if mark else 1, told) from None
    finally:
        quiet.removeHandler(reasons)
        quiet.setLevel(level)
    return from_mkdocs(config, root)
