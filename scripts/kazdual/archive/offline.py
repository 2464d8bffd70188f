"""The ZIP that opens from the disk: the built site in one folder, its pages changed
only where a browser reading files needs it.

- A link to a folder (`../about/`) names its `index.html`: on file:// a browser
  shows a folder's listing, not its index. Links to the site's own address (the
  footer's news feed) become links inside the copy: the domain may one day serve
  someone else's pages.
- `<base href="/ru/">` of the 404 pages points at the disk's root on file://; each
  names its own folder, so it is dropped.
- Search cannot work there: Pagefind loads its index with fetch() and import(),
  which browsers refuse for files. The archived search page says so in its
  language, without its scripts, and points to the news instead.

Entries are sorted, dated at the capture time and written with the same
permissions, so the same site gives the same ZIP.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import re
import zipfile
from html import escape

from kazdual.addresses import site_path
from kazdual.archive.published import ArchiveError, PublishedSite
from kazdual.strings import strings_for

FOLDER = "kazdual-site"  # what unpacking the ZIP makes
# The search page's results box, with the texts search.js reads from its data attributes.
SEARCH_RESULTS = re.compile(r'<div id="kd-search-results"[^>]*></div>')
# Files that are compressed already: stored as they are.
STORED = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".woff2", ".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"}
_LINKING_TAG = re.compile(r"<(?:a|area|form)\b[^>]*>")
_LINK = re.compile(r'(\s(?:href|action)=")([^"]*)(")')
_BASE_TAG = re.compile(r'<base href="([^"]*)">\n?')
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\n?", re.S)
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>\n?", re.S)
_LANG = re.compile(r'<html[^>]* lang="([^"]+)"')


def _page_folder(path: str) -> str:
    return posixpath.dirname(path)


def local_link(link: str, page: str, site: PublishedSite) -> str:
    """`link` as found on `page` (a path below the site), made to work from the disk."""
    root = site_path(site.base)
    if link.startswith(site.base):
        target = link[len(site.base) :]
    elif link.startswith(root) and not link.startswith("//"):
        target = link[len(root) :]
    elif link == "" or link.startswith(("#", "/")) or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", link):
        return link  # this page, another site, mail: as it is
    else:
        return _index_of_folder(link)
    address, tail = _split(target)
    relative = posixpath.relpath(address or ".", _page_folder(page) or ".")
    return _index_of_folder(relative + ("/" if address == "" or address.endswith("/") else "") + tail)


def _split(link: str) -> tuple[str, str]:
    """`about/?q=1#x` -> (`about/`, `?q=1#x`)."""
    cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
    return link[:cut], link[cut:]


def _index_of_folder(link: str) -> str:
    address, tail = _split(link)
    if address.endswith("/") or posixpath.basename(address) in (".", ".."):
        address = address.rstrip("/") + "/index.html"
    return address + tail


def offline_page(html: str, page: str, site: PublishedSite) -> str:
    """A page of the site (`page`: its path below the site), as the ZIP holds it."""
    own_folder = site_path(site.base) + (_page_folder(page) + "/" if _page_folder(page) else "")
    for base in _BASE_TAG.finditer(html):
        if base[1] not in (own_folder, site.base + own_folder[len(site_path(site.base)) :]):
            raise ArchiveError(f'{page}: <base href="{base[1]}"> is not the page\'s own folder: update offline.py')
    html = _BASE_TAG.sub("", html)
    html = _LINKING_TAG.sub(lambda tag: _LINK.sub(lambda m: m[1] + local_link(m[2], page, site) + m[3], tag[0]), html)
    if page.endswith("search/index.html"):
        html = _search_page(html, page)
    return html


def _search_page(html: str, page: str) -> str:
    found = _LANG.search(html)
    if not SEARCH_RESULTS.search(html) or not found:
        raise ArchiveError(f'{page}: no search box (<div id="kd-search-results">) to replace: update {__name__}')
    strings = strings_for(found[1])
    news = posixpath.relpath(posixpath.join(_page_folder(_page_folder(page)), "news", "index.html"), _page_folder(page))
    note = (
        f'<p class="kd-archive-note">{escape(strings["archive_search_offline"])} '
        f'<a href="{escape(news)}">{escape(strings["news_all"])}</a></p>'
    )
    html = _NOSCRIPT.sub("", _SCRIPT.sub("", html))
    return SEARCH_RESULTS.sub(lambda _: note, html, count=1)


def _zip_time(moment: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    moment = max(moment, datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC))  # the first a ZIP can say
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def offline_zip(site: PublishedSite, moment: datetime.datetime) -> bytes:
    """The ZIP's bytes: FOLDER/ holding every file of the site, pages made to work from the disk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in site.files:
            data = (site.folder / path).read_bytes()
            if path.endswith(".html") and not path.startswith("admin/"):
                data = offline_page(data.decode("utf-8"), path, site).encode("utf-8")
            entry = zipfile.ZipInfo(f"{FOLDER}/{path}", date_time=_zip_time(moment))
            entry.create_system = 3  # Unix: the permissions below apply
            entry.external_attr = 0o100644 << 16
            stored = posixpath.splitext(path)[1].lower() in STORED
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=None if stored else 9)
    return buffer.getvalue()
