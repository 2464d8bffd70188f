"""What the browser tests need besides the browser: where the tools are, the
English interface text that must not show on other languages' pages, and words
to search for, read from the built pages."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# WCAG 2.1 A and AA, plus the search dialog's name that stock Material misses and
# the heading order that Lighthouse's accessibility score counts.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_EXTRA_RULES = ["aria-dialog-name", "heading-order"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing_tool(message: str) -> None:
    """Skip the test on an editor's machine; in CI a missing tool is a failure."""
    if in_ci():
        pytest.fail(message + " (required in CI)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> Path:
    path = Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")
    if not (path.is_file() and os.access(path, os.X_OK)):
        missing_tool(f"no browser at {path}: install it with `apt-get install chromium` or set CHROMIUM_PATH")
    return path


def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        missing_tool(f"axe-core is missing ({AXE_SCRIPT.relative_to(ROOT)}): run `npm ci`")
    return AXE_SCRIPT


def strings(code: str) -> dict:
    return yaml.safe_load((ROOT / f"scripts/kazdual/strings/{code}.yml").read_text("utf-8"))


# ---------------------------------------------------------------- English interface text


def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def material_strings(code: str) -> dict[str, str]:
    """Material's interface text for `code`: the project's override when there is one."""
    for folder in (ROOT / "overrides", _material_templates()):
        partial = folder / "partials" / "languages" / f"{code}.html"
        if partial.is_file():
            pairs = re.findall(r'"([\w.]+)":\s*"((?:[^"\\]|\\.)*)"', partial.read_text("utf-8"))
            return {key: value for key, value in pairs if not key.startswith("search.config")}
    return {}


def _flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)] if value is not None else []


# Pagefind UI's English defaults (pagefind-ui.js), shown where the site passes no translation.
PAGEFIND_ENGLISH = [
    "Search this site",
    "Load more results",
    "Filters",
    "Searching for",
    "Search results",
    "Search failed",
    "Results will appear as you type",
    "Showing results for",
    "Try one of the following searches",
    "No results",
    "Loading",
    "Clear",
]


def english_ui_text_for(code: str) -> list[str]:
    """English interface phrases that differ from this language's own: none may show on its pages."""
    own = set(_flatten(strings(code))) | set(material_strings(code).values())
    english = set(_flatten(strings("en"))) | set(material_strings("en").values()) | set(PAGEFIND_ENGLISH)
    return sorted(
        text
        for text in english - own
        # Templates with placeholders and tiny words ("in") say too little on their own.
        if not re.search(r"[#\[{]", text) and len(text) >= 4 and re.search(r"[A-Za-z]", text)
    )


def english_found(text: str, phrases: list[str]) -> list[str]:
    return [p for p in phrases if re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text, re.IGNORECASE)]


# The page's interface text: the page minus the editors' content (data-pagefind-body,
# search results) and minus words marked as another language (the switcher's names).
# A <noscript> is not shown where scripts run (its text is its raw markup there).
INTERFACE_TEXT_JS = """
(lang) => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('script, style, noscript, [data-pagefind-body], .pagefind-ui__result').forEach(e => e.remove());
  copy.querySelectorAll('[lang]').forEach(e => { if (e.getAttribute('lang') !== lang) e.remove(); });
  const parts = [copy.textContent];
  for (const e of copy.querySelectorAll('*')) {
    for (const name of ['aria-label', 'alt', 'title', 'placeholder']) {
      if (e.hasAttribute(name)) parts.push(e.getAttribute(name));
    }
  }
  parts.push(document.title, ...(window.__kdSearchTexts || []));
  return parts.join(' ').replace(/\\s+/g, ' ');
}
"""

# Every Content-Security-Policy violation on a page, whether or not the browser logs it.
RECORD_CSP_VIOLATIONS_JS = """
window.__kdCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__kdCspViolations.push(
    `${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
});
"""

# Pagefind UI's texts come and go ("Searching for …" lasts as long as the index loads):
# record every one that the search page shows, for INTERFACE_TEXT_JS.
RECORD_SEARCH_TEXTS_JS = """
window.__kdSearchTexts = [];
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('kd-search-results');
  if (!box) return;
  new MutationObserver(() => {
    for (const e of box.querySelectorAll('.pagefind-ui__message, button, input, label')) {
      window.__kdSearchTexts.push(
        e.textContent, e.getAttribute('placeholder') || '', e.getAttribute('aria-label') || '');
    }
  }).observe(box, {childList: true, subtree: true, characterData: true});
});
"""

# ---------------------------------------------------------------- words to search for

_WORD = re.compile(r"[^\W\d_]+")
_STANDALONE_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{8,}(?![\w'’-])")


class _IndexedText(HTMLParser):
    """The text Pagefind indexes: inside elements marked data-pagefind-body."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth or "data-pagefind-body" in dict(attrs):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.chunks.append(data)


def indexed_text(file: Path) -> str:
    parser = _IndexedText()
    parser.feed(file.read_text("utf-8"))
    return " ".join(parser.chunks)


def search_words(site: Path, paths: list[str]) -> dict[str, tuple[str, str]]:
    """For each language, a word found on exactly one of its pages and nowhere in the
    other languages (no word there even starts like it, so stemming and prefix search
    cannot find it either): {code: (word, path of the page)}. The longest such word."""
    tokens: dict[str, dict[str, set[str]]] = defaultdict(dict)  # code -> path -> words
    standalone: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for lang in LANGUAGES:
        for path in paths:
            file = site / lang.prefix / path / "index.html"
            text = indexed_text(file).lower() if file.is_file() else ""
            tokens[lang.code][path] = set(_WORD.findall(text))
            standalone[lang.code][path] = set(_STANDALONE_WORD.findall(text))
    chosen = {}
    for lang in LANGUAGES:
        others = set().union(*(words for other in LANGUAGES if other != lang for words in tokens[other.code].values()))
        stems_elsewhere = {word[:5] for word in others}
        # Only letters the other languages use too: each index then reads the word as one
        # word (Pagefind's Russian index splits a Kazakh word at "ғ", and "б" alone then
        # matches initials such as "Б.О.").
        letters_elsewhere = set("".join(others))
        candidates = []
        for path, words in standalone[lang.code].items():
            for word in words:
                if not set(word) <= letters_elsewhere:
                    continue
                pages = [p for p, ws in tokens[lang.code].items() if word in ws]
                if pages == [path] and word[:5] not in stems_elsewhere:
                    candidates.append((-len(word), word, path))
        assert candidates, f"no word found only on one {lang.code} page"
        _, word, path = sorted(candidates)[0]
        chosen[lang.code] = (word, path)
    return chosen
