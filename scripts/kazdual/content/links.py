"""Web addresses: which one each page, news item and photo takes, and whether every
link and `#anchor` in a text leads somewhere that exists.

Texts are rendered with the site's own Markdown settings, so an anchor is judged
by the id the build will give the heading. A link's line is where its target is
written. Links may be written as MkDocs writes them (`about.md#goals`, from the
text's file) or as addresses (`../about/`, from the page's address).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from kazdual.addresses import BUILD_FOLDERS, BUILD_PAGES, ROOT_FILES, language_of
from kazdual.content.cache import UsedOnly
from kazdual.content.findings import Finding, finding
from kazdual.content.html import ALIGN_STYLE, URL_SCHEMES, tag_problem, url_scheme
from kazdual.content.messages import Message, say
from kazdual.content.source import prose_lines
from kazdual.content.texts import Text
from kazdual.content.tree import DOCS_DIR, NEWS_DIR, Entry

_LANGUAGE_FILE = re.compile(r"^(.*)\.([a-z]{2,3})\.md$")  # about.ru.md: a text in one language


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, address): ("a", href) or ("img", src)
        self.ids: set[str] = set()
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.html: list[tuple[Message, str]] = []  # (what is not published, the word it is written with)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        judged = [
            (name, value or "")
            for name, value in attrs
            if not (tag in ("a", "img") and name in ("href", "src"))  # judged as links
            and not (
                name == "style" and tag in ("th", "td") and ALIGN_STYLE.fullmatch(value or "")
            )  # a table's alignment
        ]
        problem = tag_problem(tag, judged)
        if problem:
            self.html.append(problem)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "img":
            self.images.append((values.get("src") or "", (values.get("alt") or "").strip()))
        for name in ("href", "src"):
            if values.get(name) is not None and tag in ("a", "img"):
                self.links.append((tag, values[name]))


@dataclass
class Rendered:
    links: list[tuple[str, str]]
    ids: set[str]
    images: list[tuple[str, str]]
    html: list[tuple[Message, str]]
    too_deep: bool = False  # Markdown could not render it: nested too deeply


class Renderer:
    """Markdown as the build renders it, each body once per content."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self._settings = (extensions, configs)
        self._markdown = self._new_markdown()
        self._cache: UsedOnly[str, Rendered] = UsedOnly()

    def _new_markdown(self):
        import markdown

        extensions, configs = self._settings
        return markdown.Markdown(extensions=extensions, extension_configs=configs)

    def render(self, body: str) -> Rendered:
        key = _body_key(body)
        rendered = self._cache.get(key)
        if rendered is None:
            parser = _Links()
            try:
                parser.feed(self._markdown.reset().convert(body))
                rendered = Rendered(parser.links, parser.ids, parser.images, parser.html)
            except RecursionError:  # lists nested hundreds deep: Markdown gives up
                rendered = Rendered([], set(), [], [], too_deep=True)
                # and is left half-way through: its extensions would drop what later texts say.
                self._markdown = self._new_markdown()
            self._cache.put(key, rendered)
        return rendered

    def forget_unused(self) -> None:
        """Keep only the renders of the bodies asked for since the last call."""
        self._cache.forget_unused()

    def renders(self, bodies: list[str]) -> list[tuple[str, Rendered]]:
        """Each body rendered, with the key its render is kept under: for another process to `take`."""
        return [(_body_key(body), self.render(body)) for body in bodies]

    def take(self, renders: list[tuple[str, Rendered]]) -> None:
        for key, rendered in renders:
            self._cache.put(key, rendered)


def _body_key(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Site:
    """Every address below a language root that a link may lead to."""

    prefixes: dict[str, str]  # language code -> "" or "ru/"
    pages: dict[str, Entry] = field(default_factory=dict)  # "about/" -> entry
    sources: dict[str, Entry] = field(default_factory=dict)  # "about.md", "news/<folder>/index.md" -> entry
    others: set[str] = field(default_factory=set)  # listings, search, feed, assets
    photos: dict[str, Entry] = field(
        default_factory=dict
    )  # "news/visit/hall.jpg" -> its item: originals, never published
    ids: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (entry name, language) -> ids
    drafts: set[str] = field(default_factory=set)  # addresses of news items kept as drafts


def _made_by_the_build(path: str) -> Message | None:
    """What the build makes at `path` or around it ("sitemap.xml/" is a folder where the
    build writes a file), if anything."""
    for start, what in {**BUILD_FOLDERS, **BUILD_PAGES, **ROOT_FILES}.items():
        if path == start or path.startswith(start if start.endswith("/") else start + "/"):
            return say(what)
    return None


def addresses(entries: list[Entry], assets: list[str], prefixes: dict[str, str]) -> list[Finding]:
    """Pages and files that would take an address the build makes, or another's."""
    found: list[Finding] = []
    taken: dict[str, str] = {}
    language_roots = {prefix for prefix in prefixes.values() if prefix}
    for entry in entries:
        where = entry.path(sorted(entry.files)[0]) if entry.files else entry.name
        url = entry.url_path
        if entry.kind == "page":
            clash = _made_by_the_build(url)
            clash = clash or (say("built.not-found") if url == "404/" else None)
            clash = clash or next(
                (
                    say("built.language-home", language=root.strip("/"))
                    for root in language_roots
                    if url.startswith(root)
                ),
                None,
            )
            if clash:
                found.append(finding(where, 1, "address", "address.page-built", address=url, clash=clash))
                continue
        if url in taken:
            if url:
                found.append(finding(where, 1, "address", "address.taken", address=url, other=taken[url]))
            else:
                found.append(finding(where, 1, "address", "address.home-taken", other=taken[url]))
        taken.setdefault(url, entry.name)
    for asset in assets:
        path = asset[len(DOCS_DIR) + 1 :]
        clash = _made_by_the_build(path)
        if clash or any(path.startswith(root) for root in language_roots):
            clash = clash or say("built.language")
            found.append(finding(asset, 1, "address", "address.file-built", address=path, clash=clash))
    return found


def _source_dir(entry: Entry) -> str:
    """Where a text's file sits, in the space where `.md` links resolve: docs/ is the top."""
    if entry.kind == "page":
        return posixpath.dirname(entry.stem[len(DOCS_DIR) + 1 :])
    return entry.name


def _target(site: Site, entry: Entry, language: str, path: str) -> tuple[str, str] | None:
    """(language, address) a link's path leads to, if it exists."""
    if path.endswith(".md"):
        resolved = posixpath.normpath(posixpath.join(_source_dir(entry), path))
        stem = re.sub(r"\.[a-z]{2,3}\.md$|\.md$", "", resolved)
        target = site.sources.get(stem + ".md") or site.sources.get(resolved)
        if target is None:
            return (language, "news/") if resolved == f"{NEWS_DIR}/index.md" else None
        return language, target.url_path
    base = site.prefixes[language] + entry.url_path
    resolved = posixpath.normpath(posixpath.join(base, path)) if path else base.rstrip("/")
    if resolved.startswith(".."):
        return None
    if resolved in ROOT_FILES:  # the sitemap and the robots file, one for every language
        return language, resolved
    resolved = "" if resolved == "." else resolved
    code, below = language_of(resolved, site.prefixes)
    for candidate in (below, below + "/", below + "/index.html"):
        candidate = candidate.lstrip("/") if candidate != "/" else ""
        if candidate in site.pages or candidate in site.others or candidate in site.photos:
            return code, candidate
    return None


def own_photo(entry: Entry, src: str) -> str | None:
    """The photo of `entry`'s own folder that an image's `src` shows: written as its file
    name, percent-encoded or not (Markdown encodes a space or a Cyrillic letter); else None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    name = posixpath.normpath(unquote(parts.path))
    return name if "/" not in name and name in entry.photos else None


class _Lines:
    """A body's lines as written and with character references decoded (`&#106;` is `j`):
    a link is found on its line however its address was written."""

    def __init__(self, text: Text) -> None:
        self.first = text.readable.body_line
        self.lines = text.readable.body.split("\n")
        self.decoded = [html.unescape(line) if "&" in line else line for line in self.lines]

    def of(self, written: str, after: int) -> int:
        """The line of the first link to `written` at or after line `after`; else from the start."""
        forms = {written, unquote(written)}
        for start in (after, self.first):
            for index in range(start - self.first, len(self.lines)):
                if any(form in self.lines[index] or form in self.decoded[index] for form in forms):
                    return index + self.first
        return self.first


def line_of_link(text: Text, written: str, after: int) -> int:
    return _Lines(text).of(written, after)


# A footnote's text, `[^1]: note`: Markdown without footnotes reads it as a link to "note".
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*(\S*)")


def _footnotes(text: Text) -> tuple[list[Finding], set[str]]:
    found, targets = [], set()
    for number, line in prose_lines(text.readable.body, text.readable.body_line):
        match = _FOOTNOTE.match(line)
        if match:
            targets.add(match.group(1))
            found.append(finding(text.path, number, "link", "link.footnote"))
    return found, targets


def broken_links(site: Site, entry: Entry, text: Text, rendered: Rendered) -> list[Finding]:
    found, notes = _footnotes(text)
    after, lines = text.readable.body_line, _Lines(text)
    for tag, written in rendered.links:
        if tag == "a" and written in notes:
            continue  # told as a footnote
        line = after = lines.of(written, after)
        scheme = url_scheme(written)
        if tag == "img" and (scheme or written.startswith("//")) and scheme in (None, *URL_SCHEMES):
            found.append(finding(text.path, line, "link", "link.foreign-image", address=written))
            continue
        if scheme:
            if scheme not in URL_SCHEMES:
                found.append(finding(text.path, line, "html", "html.scheme", scheme=scheme))
            continue
        if written.startswith("//"):
            continue  # another host
        if written.startswith("/"):
            found.append(finding(text.path, line, "link", "link.from-root", link=written))
            continue
        parts = urlsplit(written)
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        suffix = _LANGUAGE_FILE.search(path)
        if suffix and suffix.group(2) in site.prefixes and suffix.group(2) != text.language:
            # MkDocs builds one language at a time: another language's file is not there to link to.
            found.append(
                finding(
                    text.path,
                    line,
                    "link",
                    "link.other-language",
                    link=written,
                    theirs=suffix.group(2),
                    ours=text.language,
                    name=f"{posixpath.basename(suffix.group(1))}.md",
                )
            )
            continue
        target = _target(site, entry, text.language, path)
        if target is None:
            found.append(finding(text.path, line, "link", "link.nowhere", link=written))
            continue
        code, address = target
        if address in site.photos:
            if tag != "img" or own_photo(entry, written) is None:
                found.append(
                    finding(text.path, line, "link", "link.original-photo", link=written, name=posixpath.basename(path))
                )
            continue
        page = site.pages.get(address)
        if address in site.drafts and entry.url_path not in site.drafts:
            found.append(finding(text.path, line, "link", "link.draft", link=written))
            continue
        if anchor and (page is None or anchor not in site.ids.get((page.name, code or text.language), set())):
            if address:
                found.append(finding(text.path, line, "link", "link.anchor", link=written, anchor=anchor, page=address))
            else:
                found.append(finding(text.path, line, "link", "link.anchor-home", link=written, anchor=anchor))
    return found


def confirmed_html(text: Text, rendered: Rendered) -> list[Finding]:
    """The text's own findings of raw HTML (each on its line) that the rendered text confirms:
    what Markdown shows as code, however it is indented, publishes no tag."""
    shown = {said for said, _ in rendered.html}
    return [f for f in text.findings if f.kind == "html" and f.said in shown]


def unpublished_html(text: Text, rendered: Rendered) -> list[Finding]:
    """HTML outside the safe list that only the rendered text shows (the sanitizer would
    drop it unsaid): attributes added with {: …}, a tag written over several lines."""
    said = {found.said for found in text.findings if found.kind == "html"}
    lines = text.readable.body.split("\n")
    found = []
    for message, word in dict.fromkeys(rendered.html):  # each problem once: one search of the text each
        if message not in said:
            line = next(
                (n for n, written in enumerate(lines, start=text.readable.body_line) if word in written.lower()),
                text.readable.body_line,
            )
            found.append(Finding(text.path, line, "html", message))
    return found


def broken_section_links(site: Site, text: Text) -> list[Finding]:
    """The home page's section cards link below the language root (`about/`)."""
    found = []
    for index, section in enumerate(text.values.get("sections", [])):
        link = section.get("link", "")
        if url_scheme(link) or link.startswith("/") or posixpath.normpath(link).startswith(".."):
            ok = False
        else:
            address = posixpath.normpath(link) + "/" if link.strip("/") else ""
            ok = address in site.pages or address in site.others
        if not ok:
            found.append(
                finding(text.path, text.readable.line_of("sections", index, "link"), "link", "link.section", link=link)
            )
    return found
