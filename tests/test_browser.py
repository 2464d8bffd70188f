"""The built site in a real browser (Chromium driven by Playwright), served over HTTP
as a static host would: every page loads cleanly in its language, passes axe-core,
switches language, fits a phone and opens its menu; search finds each language's
pages only; each language shows its own 404 page. Screenshots go to
test-artifacts/screenshots/<run>/ for a person to look at.

Needs Debian's chromium (`apt-get install chromium`, or CHROMIUM_PATH) and
axe-core (`npm ci`): without them these tests are skipped, except in CI."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

import static_server
from browser_support import (
    AXE_EXTRA_RULES,
    AXE_TAGS,
    INTERFACE_TEXT_JS,
    RECORD_CSP_VIOLATIONS_JS,
    RECORD_SEARCH_TEXTS_JS,
    axe_script,
    english_found,
    english_ui_text_for,
    search_words,
    strings,
)
from conftest import LANGUAGES, ROOT, site_address
from test_site import page_paths

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
WAIT_MS = 15_000  # the longest any wait in a test may take


def browser_paths() -> list[str]:
    """Every page, the news listing and every news item (page_paths), plus the year archives."""
    years = sorted({folder.name[:4] for folder in (ROOT / "news").glob("20*")})
    return page_paths() + [f"news/{year}/" for year in years]


PAGES = [(lang, path) for lang in LANGUAGES for path in browser_paths()]


def _one_page_of_each_kind(paths: list[str]) -> set[str]:
    """The home page, a news item, the news list, a year's archive and the search page."""
    archives = [path for path in paths if re.fullmatch(r"news/\d{4}/", path)]  # not a slug starting "2030-"
    items = [path for path in paths if path.startswith("news/") and path != "news/" and path not in archives]
    return {"", items[0], "news/", archives[0], "search/"}


# The switcher's address is checked on every page; it is followed (a second page load) on one
# page of each kind, since every kind of page draws the same header.
FOLLOWED = _one_page_of_each_kind(browser_paths())
# What the phone layout shows that the desktop one does not: the header with its menu button,
# and the menu drawn as a drawer. The rest of the page is the same, and axe saw it at desktop width.
PHONE_ONLY = ["header", ".md-sidebar--primary"]


def page_id(value) -> str:
    if isinstance(value, str):
        return value.strip("/").replace("/", "-") or "home"
    return value.code


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def site_url(built_site):
    # At the path of the site's address, as its host serves it: `/` or `/project/`.
    with static_server.serve(built_site, urlsplit(site_address()).path) as url:
        yield url


@pytest.fixture(scope="session")
def tab(chromium, site_url):
    """One tab for every test (opening a tab costs more than loading a page here)."""
    context = chromium.new_context(viewport=DESKTOP, service_workers="block")
    context.set_default_timeout(WAIT_MS)
    context.add_init_script(RECORD_SEARCH_TEXTS_JS)
    context.add_init_script(RECORD_CSP_VIOLATIONS_JS)
    # axe comes in as the browser's own script, outside the page's Content-Security-Policy.
    context.add_init_script(path=str(axe_script()))
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            r.url.startswith((site_url, "data:", "blob:")) or problems.append(f"request to another host: {r.url}")
        ),
    )
    page.on(
        "console", lambda m: m.type == "error" and problems.append(f"console error: {m.text} ({m.location.get('url')})")
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # ERR_ABORTED: cut short by the next navigation (the favicon, typically).
    page.on(
        "requestfailed",
        lambda r: r.failure != "net::ERR_ABORTED" and problems.append(f"failed request: {r.url} ({r.failure})"),
    )
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    yield page, problems
    context.close()


@dataclass
class Visit:
    page: object
    status: int
    problems: list[str]

    def lang(self) -> str:
        return self.page.evaluate("document.documentElement.lang")

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__kdCspViolations || []")


@pytest.fixture
def open_page(tab, site_url):
    """open_page(path, viewport): load `site_url + path`, recording from then on console
    errors, failed requests and any request to another host in `Visit.problems`."""
    page, problems = tab

    def open_(path: str, viewport: dict = DESKTOP) -> Visit:
        # Straight from the last page: a stop at about:blank between them costs a third of a
        # second per visit (Chromium waits for a new renderer), and what the last page still
        # reports is cut short by this navigation (ERR_ABORTED), which `problems` ignores.
        problems.clear()
        page.set_viewport_size(viewport)
        response = page.goto(site_url + path, wait_until="load")
        return Visit(page, response.status if response else 0, problems)

    return open_


def axe_violations(page, within: list[str] | None = None) -> list[str]:
    """axe's findings on the page, or on the parts that match the selectors `within`."""
    result = page.evaluate(
        """async ([tags, extra, within]) => {
          const r = await axe.run(within ? {include: within.map(s => [s])} : document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
            resultTypes: ['violations'],
          });
          return {
            ran: [...r.passes, ...r.inapplicable, ...r.incomplete, ...r.violations].map(x => x.id),
            violations: r.violations.flatMap(v => v.nodes.map(n =>
              `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`)),
          };
        }""",
        [AXE_TAGS, AXE_EXTRA_RULES, within],
    )
    if within is None:
        assert set(AXE_EXTRA_RULES) <= set(result["ran"]), "axe did not run " + ", ".join(AXE_EXTRA_RULES)
    return result["violations"]


def english_on(visit: Visit, code: str) -> list[str]:
    if code == "en":
        return []
    return english_found(visit.page.evaluate(INTERFACE_TEXT_JS, code), english_ui_text_for(code))


# ---------------------------------------------------------------- every page

OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && getComputedStyle(e).position !== 'fixed')
    .slice(0, 5).map(e => e.tagName.toLowerCase()
      + (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: width, wide};
}"""

DRAWER_OPEN_JS = """() => {
  const s = document.querySelector('.md-sidebar--primary');
  if (!s) return false;
  const r = s.getBoundingClientRect(), style = getComputedStyle(s);
  return style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0 && r.height > 0
    && r.left >= -1 && r.right <= innerWidth + 1;
}"""


CLOSE_DRAWER_JS = "() => { document.getElementById('__drawer').checked = false; }"


@pytest.mark.parametrize("lang, path", PAGES, ids=lambda v: page_id(v))
def test_page_in_the_browser(open_page, site_url, lang, path):
    """Each page loaded once, at desktop width, then made phone-wide, then left by its
    language switcher: what each of these shows is checked on that one visit."""
    visit = open_page(lang.prefix + path)
    # Loads cleanly, in its language.
    assert visit.status == 200
    assert visit.problems == []
    assert visit.csp_violations() == []
    assert visit.lang() == lang.code
    assert english_on(visit, lang.code) == [], "English interface text on a page in another language"
    assert axe_violations(visit.page) == []
    # Fits a phone, and its menu opens there. The phone layout shows other elements
    # (the menu button) than the desktop one, so axe looks at them again.
    visit.page.set_viewport_size(PHONE)
    size = visit.page.evaluate(OVERFLOW_JS)
    assert size["scrollWidth"] <= size["innerWidth"], f"wider than the phone: {size}"
    assert axe_violations(visit.page, within=PHONE_ONLY) == []
    visit.page.locator("header label[for='__drawer']").click()
    visit.page.wait_for_function(DRAWER_OPEN_JS, timeout=3_000)
    assert visit.page.locator(".md-sidebar--primary a.md-nav__link").first.is_visible()
    # The language switcher leads to the same page in every other language; on one page of
    # each kind, the next language's link is followed (kk to ru, ru to en, en to kk).
    visit.page.evaluate(CLOSE_DRAWER_JS)
    visit.page.set_viewport_size(DESKTOP)
    switcher = "header .kd-languages a[hreflang='{}']"
    for other in LANGUAGES:
        if other != lang:
            href = visit.page.locator(switcher.format(other.code)).evaluate("a => a.href")
            assert href == site_url + other.prefix + path, other.code
    if path not in FOLLOWED:
        return
    following = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    visit.page.locator(switcher.format(following.code)).click()
    visit.page.wait_for_url(site_url + following.prefix + path)
    assert visit.lang() == following.code
    assert visit.problems == []


# 390 px: the width of today's common phones. Every box of the page stays inside it, and
# no table hides part of itself (a caption cut, a column scrolled away).
PHONE_390 = {"width": 390, "height": 844}
CUT_JS = """() => {
  const width = window.innerWidth;
  const cut = [];
  const boxes = 'article table, article caption:not(.kd-visually-hidden), article svg, article ul, article dl';
  for (const e of document.querySelectorAll(boxes)) {
    const box = e.getBoundingClientRect(), name = e.tagName.toLowerCase();
    if (box.right > width + 0.5 || box.left < -0.5) cut.push(`${name} spans ${box.left}..${box.right}`);
    const hidden = e.scrollWidth - e.clientWidth;
    if (hidden > 1 && name !== 'svg') cut.push(`${name} hides ${hidden}px`);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, cut};
}"""
DATA_PAGES = [(lang, path) for lang in LANGUAGES for path in ("dissemination/", "results/", "consortium/")]


@pytest.mark.parametrize("lang, path", DATA_PAGES, ids=lambda v: page_id(v))
def test_pages_drawn_from_data_fit_a_390_px_phone_and_pass_axe(open_page, lang, path):
    visit = open_page(lang.prefix + path, viewport=PHONE_390)
    found = visit.page.evaluate(CUT_JS)
    assert found == {"scrollWidth": PHONE_390["width"], "cut": []}
    assert axe_violations(visit.page) == []
    assert visit.problems == [] and visit.csp_violations() == []


def test_the_charts_are_named_images_beside_their_tables(open_page):
    visit = open_page("ru/dissemination/", viewport=PHONE_390)
    charts = visit.page.evaluate("""() => [...document.querySelectorAll('svg.kd-chart__drawing')].map(svg => ({
      role: svg.getAttribute('role'),
      name: svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' '),
      table: svg.closest('.kd-chart').nextElementSibling?.matches('table, p') ?? false,
      width: svg.getBoundingClientRect().width,
    }))""")
    assert len(charts) == 3
    for chart in charts:
        assert chart["role"] == "img" and chart["name"] and chart["table"]
        assert 300 <= chart["width"] <= PHONE_390["width"]


def test_search_engines_get_the_data_and_the_policy_blocks_nothing(open_page):
    """<script type="application/ld+json"> is data: Chromium neither runs it nor reports it under the
    page's Content-Security-Policy, which allows no inline script."""
    visit = open_page("en/news/online-seminar-dual-model/")
    scripts = "document.querySelectorAll('script[type=\"application/ld+json\"]')"
    data = visit.page.evaluate(f"() => [...{scripts}].map(s => JSON.parse(s.textContent))")
    assert [node["@type"] for node in data[0]["@graph"]] == ["NewsArticle", "Event"]
    assert visit.csp_violations() == [] and visit.problems == []


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_phone_menu_opens_from_the_keyboard(open_page, lang):
    visit = open_page(lang.prefix + "about/", viewport=PHONE)
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.id") == "__drawer"
    visit.page.keyboard.press("Space")
    visit.page.wait_for_function(DRAWER_OPEN_JS, timeout=3_000)


# ---------------------------------------------------------------- search


@pytest.fixture(scope="session")
def words(built_site):
    return search_words(built_site, page_paths())


SEARCH_STATE_JS = """([zero]) => {
  const box = document.querySelector('#kd-search-results');
  const message = ((box && box.querySelector('.pagefind-ui__message')) || {}).textContent || '';
  const links = [...(box ? box.querySelectorAll('a.pagefind-ui__result-link') : [])].map(a => a.href);
  return {message: message.trim(), links, nothing: message.trim() === zero};
}"""


def search_from_header(visit: Visit, site_url: str, lang, query: str) -> dict:
    """Type `query` into the header's search box, submit, and wait (bounded) for the results."""
    page = visit.page
    page.locator("header input[name='q']").fill(query)
    page.locator("header input[name='q']").press("Enter")
    page.wait_for_url(f"{site_url}{lang.prefix}search/?q=*")
    zero = strings(lang.code)["search_no_results"].replace("[SEARCH_TERM]", query)
    try:
        page.wait_for_function(
            f"(args) => {{ const s = ({SEARCH_STATE_JS})(args); return s.nothing || s.links.length > 0; }}",
            arg=[zero],
            timeout=WAIT_MS,
        )
    except Exception as error:  # the state at the time-out says more than the time-out
        pytest.fail(
            f"no search outcome for {query!r} within {WAIT_MS} ms: {page.evaluate(SEARCH_STATE_JS, [zero])} ({error})"
        )
    page.wait_for_load_state("networkidle")
    return page.evaluate(SEARCH_STATE_JS, [zero])


@pytest.mark.parametrize("lang", LANGUAGES, ids=page_id)
def test_search_finds_a_page_of_its_language(open_page, site_url, words, lang):
    word, path = words[lang.code]
    visit = open_page(lang.prefix)
    state = search_from_header(visit, site_url, lang, word)
    assert site_url + lang.prefix + path in state["links"], (word, state)
    assert english_on(visit, lang.code) == [], "English interface text on the search page"
    assert visit.problems == []
    assert visit.csp_violations() == []  # Pagefind's script and WebAssembly, under the site's policy


@pytest.mark.parametrize("lang", LANGUAGES, ids=page_id)
def test_search_finds_nothing_from_other_languages(open_page, site_url, words, lang):
    for other in LANGUAGES:
        if other == lang:
            continue
        word = words[other.code][0]
        visit = open_page(lang.prefix)
        state = search_from_header(visit, site_url, lang, word)
        assert state["nothing"] and state["links"] == [], (other.code, word, state)
        # The message repeats the query, an English word of the site that may also be a label.
        shown = [phrase for phrase in english_on(visit, lang.code) if phrase.lower() != word.lower()]
        assert shown == [], "English interface text on the search page"
        assert visit.problems == []


# ---------------------------------------------------------------- Kazakh search


@pytest.fixture(scope="session")
def kazakh_stem(built_site):
    """A stem of the Kazakh pages that several words share, one with a Kazakh letter:
    (a form that some page holding the stem lacks, a word with a Kazakh letter, the paths
    of the pages that hold the stem)."""
    from browser_support import indexed_text
    from kazdual.search.kazakh import rules, site_keys
    from kazdual.site.search_index import indexed_pages

    table = rules()
    kazakh = next(lang for lang in LANGUAGES if lang.code == "kk")
    words = {
        page.relative_to(built_site).as_posix().removesuffix("index.html"): set(table.words(indexed_text(page)))
        for page in indexed_pages(built_site, kazakh, LANGUAGES)
    }
    keys = site_keys(word for found in words.values() for word in found)
    for stem in sorted({key for found in keys.values() for key in found}):
        holding = sorted(path for path, found in words.items() if any(stem in keys[word] for word in found))
        forms = sorted({word for path in holding for word in words[path] if stem in keys[word]})
        lacking = [form for form in forms if not all(form in words[path] for path in holding)]
        typed = [form for form in forms if table.typed_in_kazakh(form) and len(form) >= 6]
        if len(holding) >= 3 and lacking and typed:
            return lacking[0], typed[0], holding
    pytest.fail("no Kazakh stem shared by several words on several pages")


def test_kazakh_search_finds_every_form_typed_either_way(open_page, site_url, kazakh_stem):
    form, word, holding = kazakh_stem
    kazakh = next(lang for lang in LANGUAGES if lang.code == "kk")
    for query in (form, word.translate(str.maketrans("әғқңөұүһі", "агкноуухи"))):
        visit = open_page("")
        state = search_from_header(visit, site_url, kazakh, query)
        shown = {link.removeprefix(site_url) for link in state["links"]}
        loaded = visit.page.locator("a.pagefind-ui__result-link").count()
        assert set(holding[:loaded]) <= shown or len(shown) >= min(len(holding), loaded), (query, holding, shown)
        assert {path for path in holding if path in shown}, (query, holding, shown)
        results = visit.page.locator("#kd-search-results").inner_html()
        assert "<mark>" in results and "ǂ" not in results, query
        assert visit.problems == []


def test_a_search_that_finds_nothing_offers_the_other_languages(open_page, site_url):
    kazakh = next(lang for lang in LANGUAGES if lang.code == "kk")
    visit = open_page("")
    state = search_from_header(visit, site_url, kazakh, "жзжзжз")
    assert state["nothing"] and state["links"] == []
    offer = visit.page.locator("#kd-search-elsewhere")
    offer.wait_for(state="visible", timeout=WAIT_MS)
    first = offer.locator("a").first
    assert first.get_attribute("lang") == "ru"
    assert first.get_attribute("href").endswith("ru/search/?q=%D0%B6%D0%B7%D0%B6%D0%B7%D0%B6%D0%B7")
    assert english_on(visit, "kk") == []


def test_english_search_finds_uk_spelling_typed_the_us_way(open_page, site_url, built_site):
    from browser_support import indexed_text

    english = next(lang for lang in LANGUAGES if lang.code == "en")
    holding = [
        page.parent.relative_to(built_site).as_posix() + "/"
        for page in sorted((built_site / "en").rglob("index.html"))
        if "programme" in indexed_text(page).lower()
    ]
    if not holding:
        pytest.skip("no English page says 'programme'")
    visit = open_page(english.prefix)
    state = search_from_header(visit, site_url, english, "program")
    assert {site_url + path for path in holding[:5]} & set(state["links"]), (holding, state)


# ---------------------------------------------------------------- 404


@pytest.mark.parametrize("lang", LANGUAGES, ids=page_id)
def test_missing_page_shows_the_404_page_of_its_language(open_page, site_url, lang):
    url = f"{site_url}{lang.prefix}no-such-page/below/"
    visit = open_page(url[len(site_url) :])
    assert visit.status == 404
    assert visit.lang() == lang.code
    assert visit.page.locator("h1").inner_text() == strings(lang.code)["not_found_title"]
    # The page's own 404 status is expected; everything it loads must succeed.
    own = [p for p in visit.problems if url in p and ("404" in p)]
    assert [p for p in visit.problems if p not in own] == []
    assert english_on(visit, lang.code) == []
    assert axe_violations(visit.page) == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang.prefix], ids=page_id)
def test_a_host_with_one_404_page_still_shows_the_readers_language(tab, site_url, built_site, lang):
    # GitHub Pages answers every missing path with the root 404.html.
    page, _ = tab
    missing = f"{site_url}{lang.prefix}no-such-page/"
    root_404 = (built_site / "404.html").read_text("utf-8")
    page.route(missing, lambda route: route.fulfill(status=404, body=root_404, content_type="text/html"))
    try:
        page.goto(missing)
        page.wait_for_url(f"{site_url}{lang.prefix}404.html", timeout=5_000)
        assert page.evaluate("document.documentElement.lang") == lang.code
    finally:
        page.unroute(missing)


# ---------------------------------------------------------------- screenshots


@pytest.fixture(scope="session")
def screenshot_dir(request):
    run = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = ROOT / "test-artifacts" / "screenshots" / run
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    if any(folder.iterdir()):
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\nScreenshots: {folder}")
    else:
        folder.rmdir()


@pytest.mark.screenshots
@pytest.mark.parametrize("lang", LANGUAGES, ids=page_id)
def test_screenshots(open_page, screenshot_dir, lang):
    newest_item = [p for p in page_paths() if p.startswith("news/") and p != "news/"][-1]
    for path in ("", "news/", newest_item):
        for viewport in (DESKTOP, PHONE):
            visit = open_page(lang.prefix + path, viewport=viewport)
            name = f"{lang.code}-{page_id(path)}-{viewport['width']}.png"
            visit.page.screenshot(path=str(screenshot_dir / name), full_page=True)
            assert visit.problems == []
