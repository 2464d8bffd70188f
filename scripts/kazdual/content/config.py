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
from kazdual.errors import ErrorLines, NotAWebsite, SourceError
from kazdual.languages import Language, from_plugin_languages

CONFIG_FILE = "mkdocs.yml"
# GitHub's rules for an account name (letters, digits, single inner hyphens, at most 39) and a
# repository name (letters, digits, '.', '_', '-'; at most 100).
_GITHUB_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\Z", re.ASCII)
_GITHUB_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}\Z", re.ASCII)
# Characters an address carries as they are (RFC 3986); any other must be percent-encoded.
_URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+\Z", re.ASCII)  # \Z: "$" allows a final "\n"
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?\Z", re.ASCII
)
_SECONDS = re.compile(r"[0-9]{1,12}", re.ASCII)
# 9999-12-31 23:59:59 UTC: the last second a date can show.
MAX_SOURCE_DATE_EPOCH = 253_402_300_799
# The preview and the tests serve on this computer, where no certificate is needed.
_THIS_COMPUTER = ("localhost",)


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


def _on_this_computer(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in _THIS_COMPUTER or host.endswith(".localhost")


def _folders_are_sound(path: str) -> bool:
    """No empty folder (`//`: a browser reads `//host` as another host) and no `.` or `..`."""
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()  # the trailing slash of a folder
    return not any(unquote(segment) in ("", ".", "..") for segment in segments)


def _is_site_url(text: str) -> bool:
    """An absolute https address of a folder (http on this computer only): a host, perhaps a port and
    a path; no user name or password, query, fragment, empty or dot folder, character that needs
    encoding or broken percent-encoding."""
    if not _URL_CHARACTERS.match(text) or _BAD_PERCENT.search(text):
        return False
    try:
        parts = urlsplit(text)
        port = parts.port  # a port that is not a number from 0 to 65535 raises here
    except ValueError:
        return False
    host = parts.hostname or ""
    return (
        (parts.scheme == "https" or (parts.scheme == "http" and _on_this_computer(host)))
        and _is_host(host)
        and parts.username is None
        and port != 0
        and not parts.query
        and not parts.fragment
        and not text.endswith(("?", "#"))
        and (parts.path == "" or parts.path.startswith("/"))
        and _folders_are_sound(parts.path)
    )


def checked_site_url(value: object) -> str:
    """The site's absolute https base URL, ending in "/"; SourceError otherwise."""
    text = value if isinstance(value, str) else ""
    if not _is_site_url(text):
        raise SourceError(
            "SITE_URL" if os.environ.get("SITE_URL") == value else CONFIG_FILE,
            1,
            "the site's address (site_url, or SITE_URL) must be an absolute https address such as"
            " https://example.org/kazdual/ (http only on this computer; no user name, ?query, #fragment,"
            f" empty or dot folder, or broken %-encoding), not {shown(text)}",
        )
    return text if text.endswith("/") else text + "/"


def _github_repository(text: str) -> str | None:
    """`owner/name` of https://github.com/owner/name, or None for any other address."""
    if not _URL_CHARACTERS.match(text):
        return None
    parts = urlsplit(text)
    owner, _, name = parts.path.strip("/").partition("/") if parts.path.startswith("/") else ("", "", "")
    sound = (
        parts.scheme == "https"
        and parts.netloc.lower() == "github.com"
        and not parts.query
        and not parts.fragment
        and not text.endswith(("?", "#"))
        and parts.path.rstrip("/").count("/") == 2
        and _GITHUB_OWNER.match(owner)
        and _GITHUB_NAME.match(name)
        and name not in (".", "..")
        and not name.lower().endswith(".git")
    )
    return f"{owner}/{name}" if sound else None


def checked_repository(value: object) -> str | None:
    """https://github.com/owner/name, without a trailing slash; None when none is set. Only a
    GitHub repository: the web editor signs in to GitHub and saves into owner/name there."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or _github_repository(value) is None:
        raise SourceError(
            "SITE_REPO_URL" if os.environ.get("SITE_REPO_URL") == value else CONFIG_FILE,
            1,
            "extra.repository (or SITE_REPO_URL) must be the repository's https address on GitHub, such as"
            " https://github.com/owner/name (without .git): the web editor saves there, and readers report"
            f" problems there; not {shown(value)}",
        )
    return f"https://github.com/{_github_repository(value)}"


def repository_name(repository: str) -> str:
    """`owner/name` of a repository address checked_repository() accepted."""
    return _github_repository(repository) or ""


def checked_source_date_epoch() -> None:
    """SOURCE_DATE_EPOCH, when set, must be a whole number of seconds (MkDocs reads it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and not (_SECONDS.fullmatch(value) and int(value) <= MAX_SOURCE_DATE_EPOCH):
        raise SourceError(
            "SOURCE_DATE_EPOCH",
            1,
            f"must be a whole number of seconds since 1970 (at most {MAX_SOURCE_DATE_EPOCH}, the end of 9999), such "
            f"as 1700000000, not {shown(value)}",
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


def load(root: Path) -> SiteConfig:
    """Read root/mkdocs.yml as the build reads it (`!ENV` included); SourceError on any problem."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    check_environment()  # in its own words, before MkDocs says it in its own (or changes the value)
    path = root / CONFIG_FILE
    try:
        found = path.is_file()
    except OSError as error:  # a name too long for the system, a folder no one may enter: not "missing"
        raise NotAWebsite(
            CONFIG_FILE,
            1,
            f"cannot look for {CONFIG_FILE} in {root} ({error.strerror}): give --root the website's folder",
        ) from None
    if not found:
        raise NotAWebsite(
            CONFIG_FILE, 1, f"there is no {CONFIG_FILE} in {root}: run this in the website's folder, or give --root"
        )
    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # MkDocs' notes on the configuration are the build's to print
    # MkDocs logs why a value is wrong, then gives up with "Aborted with a configuration error!".
    reasons = ErrorLines(lambda message: [" ".join(message.split())])
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
