"""The HTML a text may publish: one safe list for the checker's rule (which names
the line to fix) and for the build's sanitizer (which enforces it on every page,
whatever slipped through).

Markdown bodies may hold raw HTML from this list only: no scripts, styles,
frames or forms, no event-handler attributes, no `javascript:` links.
"""

from __future__ import annotations

import html
import re

import nh3
from markupsafe import Markup

from kazdual.content.messages import Message, say
from kazdual.content.source import prose_lines

_INLINE = {
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "del",
    "em",
    "i",
    "img",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
_BLOCK = {
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
TAGS = frozenset(_INLINE | _BLOCK)
_EVERYWHERE = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = {"href", "src"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# A link's address in angle brackets, [hall](<my hall.jpg>): Markdown, not a tag.
_ANGLE_DESTINATION = re.compile(r"\]\(\s*<[^<>\n]*>")
# Python-Markdown aligns table columns with style attributes, which the site's
# Content-Security-Policy forbids: a class says the same.
_ALIGN = re.compile(r' style="text-align: (left|right|center);?"')
ALIGN_STYLE = re.compile(r"text-align: (?:left|right|center);?")


def url_scheme(url: str) -> str | None:
    """The scheme of `url` as a browser reads it (entities decoded, blanks ignored)."""
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def tag_problem(name: str, attributes: list[tuple[str, str]]) -> tuple[Message, str] | None:
    """(what is wrong, the word it is written with) for a tag outside the safe list; None if it is published."""
    tag = name.lower()
    if ":" in tag:  # <javascript:alert(1)>: an address in angle brackets, a link only for http(s)
        return say("html.angle-link", tag=name), f"<{tag}"
    if tag not in TAGS:
        return say("html.tag", tag=tag), f"<{tag}"
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
    for attribute, value in attributes:
        attribute = attribute.lower()
        if attribute.startswith("on"):
            return say("html.handler", tag=tag, attribute=attribute), attribute
        if attribute not in allowed:
            return say("html.attribute", tag=tag, attribute=attribute), attribute
        scheme = url_scheme(value) if attribute in _URL_ATTRIBUTES else None
        if scheme and scheme not in URL_SCHEMES:
            return say("html.scheme", scheme=scheme), attribute
    return None


def _tag_problem(name: str, attributes: str) -> Message | None:
    problem = tag_problem(
        name, [(attribute, value.strip("\"'")) for attribute, value in _ATTRIBUTE.findall(attributes)]
    )
    return problem[0] if problem else None


def raw_html_problems(body: str, first_line: int) -> list[tuple[int, Message]]:
    """(line, problem) for each raw HTML tag in Markdown `body` outside the safe list."""
    found = []
    for number, line in prose_lines(body, first_line):
        for tag in _TAG.finditer(_ANGLE_DESTINATION.sub("](", _CODE_SPAN.sub(" ", line))):
            problem = _tag_problem(tag.group(2), tag.group(3))
            if problem:
                found.append((number, problem))
    return found


def sanitize(rendered: str) -> Markup:
    """`rendered` HTML with everything outside the safe list removed, as markup the
    templates insert as it is; wide tables get tabindex so a keyboard can scroll them."""
    aligned = _ALIGN.sub(lambda m: f' class="kd-align-{m.group(1)}"', rendered)
    clean = nh3.clean(
        aligned,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        set_tag_attribute_values={"table": {"tabindex": "0"}},
    )
    return Markup(clean)
