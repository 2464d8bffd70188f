"""Material's style sheets are published cut to what the pages use: no rule that matches an
element of any page, in any state, is lost; a rule for what no page has is left out; the cut
is the same from the same pages.

The browser test asks Chromium itself which of Material's rules match an element of each
page (every page of every language, the 404 page, and the search page showing results):
each of those must be in the published sheet as Material wrote it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import static_server
from conftest import LANGUAGES, ROOT, site_address
from kazdual.site import stylesheets
from test_site import page_paths

SAMPLE = """@charset "UTF-8";html{box-sizing:border-box}
.kept{content:"}/* not a comment";color:red}/* a comment { with a brace */
.gone,.kept>.also{margin:0}
@media screen{[dir=rtl] .kept{left:0}.absent{top:0}}
@media print{.kept:hover,.kept:not(.absent)::before,p:not([align]){display:none}}
@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}
[hidden]{display:none}[data-x=on] p,[data-x=off] p{color:blue}
@supports (display:grid){#one,#two{display:grid}}
"""
PAGE = '<html><body dir="ltr"><p class="kept also" hidden id="one" data-x="on">x</p><a class="also"></a></body></html>'


def _used(page: str = PAGE, script: str = "") -> stylesheets.Used:
    used = stylesheets.Used()
    used.add_page(page, stylesheets.asked_attributes([SAMPLE]), "news/item/", "/")
    used.add_script(script)
    return used


def test_only_rules_for_what_a_page_has_are_kept():
    cut = stylesheets.cut(SAMPLE, _used())
    assert cut == (
        '@charset "UTF-8";html{box-sizing:border-box}'
        '.kept{content:"}/* not a comment";color:red}'
        ".kept>.also{margin:0}"
        "@media print{.kept:hover,.kept:not(.absent)::before,p:not([align]){display:none}}"
        "@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}"
        "[hidden]{display:none}[data-x=on] p{color:blue}"
        "@supports (display:grid){#one{display:grid}}\n"
    )


def test_a_word_in_a_scripts_strings_keeps_its_rules():
    cut = stylesheets.cut(SAMPLE, _used(script='box.className = "gone"; box.setAttribute("data-x", value) // absent'))
    assert ".gone,.kept>.also{margin:0}" in cut
    assert "[data-x=on] p{color:blue}" in cut  # an attribute's value counts only as a page has it
    assert ".absent{top:0}" not in cut  # a word outside a string is no class


def test_the_scripts_a_page_loads_are_read_with_their_folders(tmp_path):
    used = stylesheets.Used()
    page = '<script src="../../pagefind/ui.js"></script><script src="/base/assets/own.js"></script>'
    used.add_page(page, stylesheets.asked_attributes([SAMPLE]), "ru/news/", "/base/")
    assert used.scripts == {"pagefind/ui.js", "assets/own.js"}
    for name, text in {"pagefind/ui.js": "x('ol')", "pagefind/engine.js": '"mark"', "assets/own.js": "'kd-x'"}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "other").mkdir()
    (tmp_path / "other/unused.js").write_text('"table"')
    assert stylesheets.script_words(used, tmp_path)
    assert used.words == {"ol", "mark", "kd-x"}
    used.add_page('<script src="https://elsewhere.example/x.js">', re.compile("(?!)"), "", "/")
    assert not stylesheets.script_words(used, tmp_path)


def test_an_attribute_is_read_quoted_or_not():
    used = _used("<body><p data-x=off><input type=checkbox hidden></p></body>")
    assert ("data-x", "off") in used.values
    assert "hidden" in used.attributes and "p" in used.tags


def test_the_published_sheets_are_the_cut_of_materials(built_site):
    sheets = stylesheets.installed_sheets(_theme_dirs())
    assert [sheet.name for sheet in sheets] == sorted(
        path.name for path in (built_site / "assets" / "stylesheets").glob("*.css")
    )
    main = next(sheet for sheet in sheets if sheet.name.startswith("main."))
    published = (built_site / "assets" / "stylesheets" / main.name).read_text("utf-8")
    assert len(published) < main.stat().st_size / 2
    assert "sourceMappingURL" not in published


def _theme_dirs() -> list[str]:
    import material

    return [str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")]


# ---------------------------------------------------------------- in the browser

# Every rule of a sheet that matches an element of the page, as "conditions | selector { declarations }".
# Pseudo-classes and pseudo-elements are taken away first: a state (:hover, :checked) or a part
# (::before) any element may have. What is left of a selector must match an element now.
MATCHED_RULES_JS = r"""(sheets) => {
  const split = (list) => {
    const parts = []; let depth = 0, current = '';
    for (const c of list) {
      if ('(['.includes(c)) depth++;
      if (')]'.includes(c)) depth--;
      if (c === ',' && depth === 0) { parts.push(current.trim()); current = ''; } else current += c;
    }
    parts.push(current.trim());
    return parts;
  };
  const withoutPseudo = (selector) => {
    let s = selector, m;
    while ((m = /::?[\w-]+\(/.exec(s))) {
      let depth = 1, end = m.index + m[0].length;
      while (end < s.length && depth) { depth += s[end] === '(' ? 1 : s[end] === ')' ? -1 : 0; end++; }
      s = s.slice(0, m.index) + s.slice(end);
    }
    s = s.replace(/::?[\w-]+/g, '');
    return s.replace(/(^|[\s>+~])(?=\s*([>+~]|$))/g, '$1*').trim() || '*';
  };
  const result = [];
  for (const [name, text] of sheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const walk = (rules, conditions) => {
      for (const rule of rules) {
        if (rule instanceof CSSStyleRule) {
          for (const selector of split(rule.selectorText)) {
            let matches = true;
            try { matches = document.querySelector(withoutPseudo(selector)) !== null; } catch (e) { matches = true; }
            if (matches) result.push(`${name} ${conditions} | ${selector} { ${rule.style.cssText} }`);
          }
        } else if (rule.cssRules) {
          walk(rule.cssRules, conditions + ' @' + (rule.conditionText || rule.name || ''));
        }
      }
    };
    walk(sheet.cssRules, '');
  }
  return result;
}"""

EVERY_RULE_JS = MATCHED_RULES_JS.replace(
    "try { matches = document.querySelector(withoutPseudo(selector)) !== null; } catch (e) { matches = true; }", ""
)


def _pages() -> list[str]:
    years = sorted({folder.name[:4] for folder in (ROOT / "news").glob("20*")})
    paths = [path for path in page_paths() if path != "search/"] + [f"news/{year}/" for year in years]
    return [lang.prefix + path for lang in LANGUAGES for path in paths] + [
        lang.prefix + "404.html" for lang in LANGUAGES
    ]


@pytest.fixture(scope="module")
def sheets(built_site):
    """(name, Material's text, the published text) of each cut sheet."""
    return [
        (sheet.name, sheet.read_text("utf-8"), (built_site / "assets" / "stylesheets" / sheet.name).read_text("utf-8"))
        for sheet in stylesheets.installed_sheets(_theme_dirs())
    ]


@pytest.fixture(scope="module")
def browser_page(chromium, built_site):
    with static_server.serve(built_site, urlsplit(site_address()).path) as url:
        # The sheets are parsed in the page as constructed style sheets, which its policy would refuse.
        context = chromium.new_context(bypass_csp=True, service_workers="block", viewport={"width": 375, "height": 812})
        context.set_default_timeout(15_000)
        yield context.new_page(), url
        context.close()


def _published(page, sheets) -> set[str]:
    """Every rule of the cut sheets, whatever page it is asked on."""
    return set(page.evaluate(EVERY_RULE_JS, [[name, cut] for name, _, cut in sheets]))


@pytest.fixture(scope="module")
def published(browser_page, sheets) -> set[str]:
    return _published(browser_page[0], sheets)


def _missing(page, sheets, published: set[str]) -> list[str]:
    needed = page.evaluate(MATCHED_RULES_JS, [[name, original] for name, original, _ in sheets])
    return [rule for rule in needed if rule not in published]


@pytest.mark.browser
def test_every_rule_a_page_uses_survives_the_cut(browser_page, sheets, published):
    page, url = browser_page
    missing = {}
    for path in _pages():
        page.goto(url + path, wait_until="load")
        missing.update(dict.fromkeys(_missing(page, sheets, published), path))
    assert missing == {}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_rule_the_search_results_use_survives_the_cut(browser_page, sheets, published, lang):
    page, url = browser_page
    page.goto(f"{url}{lang.prefix}search/?q=KAZDUAL", wait_until="load")
    page.wait_for_selector("#kd-search-results .pagefind-ui__result-link")
    assert _missing(page, sheets, published) == []


@pytest.mark.browser
def test_the_check_sees_a_rule_that_is_cut_away(browser_page, sheets):
    """The test above can fail: with a rule the home page needs taken out, it is reported."""
    page, url = browser_page
    page.goto(url, wait_until="load")
    name, original, cut = next(sheet for sheet in sheets if sheet[0].startswith("main."))
    broken = cut.replace(".md-header{", ".no-such-thing{", 1)
    assert broken != cut
    broken_sheets = [(name, original, broken)]
    assert any("| .md-header {" in rule for rule in _missing(page, broken_sheets, _published(page, broken_sheets)))
