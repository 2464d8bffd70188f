"""Photos on built pages: an editor drops camera photos beside a news item's texts;
readers get light, upright, metadata-free web versions in <picture> with sizes,
thumbnails on cards, a keyboard-usable gallery and link-preview images; the
originals are never published; a photo that cannot be published is a finding."""

from __future__ import annotations

import re

import pytest
import yaml
from PIL import Image

from browser_support import strings
from conftest import LANGUAGES, build, build_ok, copy_project
from html_pages import read_page
from photo_samples import save_photo, upright_picture
from test_photos import assert_no_metadata

ITEM = "news/2024-01-15-seminar"
ALTS = {
    "kk": ("Семинарға қатысушылар", "Зал", "Бағдарлама"),
    "ru": ("Участники семинара", "Зал", "Программа"),
    "en": ("Seminar participants", "The hall", "The programme"),
}


def write_item(project, values_for, body_for=lambda code: f"Text {code}.\n") -> None:
    for lang in LANGUAGES:
        code = lang.code
        values = {"title": f"Seminar {code}", "date": "2024-01-15", "summary": f"Summary {code}.", **values_for(code)}
        (project / ITEM / f"index.{code}.md").write_text(
            "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n\n" + body_for(code), "utf-8"
        )


def photo_values(code: str) -> dict:
    lead, hall, programme = ALTS[code]
    return {
        "image": "group.jpg",
        "image_alt": lead,
        "gallery": [
            {"file": "hall.png", "alt": hall, "caption": f"Hall {code}"},
            {"file": "phone.webp", "alt": programme},
        ],
    }


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("photos") / "project", with_news=False)
    (project / ITEM).mkdir(parents=True)
    # As cameras save them (camera, time, comments), without where they were taken, which
    # the repository may not keep; a phone held upright stores its photo sideways.
    save_photo(project / ITEM / "group.jpg", upright_picture((1500, 2000)), orientation=6, gps=False)
    save_photo(project / ITEM / "hall.png", upright_picture((1200, 800)), gps=False)
    save_photo(project / ITEM / "phone.webp", upright_picture((900, 600)), gps=False)
    save_photo(project / ITEM / "inline.jpg", upright_picture((700, 500)), gps=False)
    write_item(project, photo_values, lambda code: f"Text {code}.\n\n![{ALTS[code][0]} (2)](inline.jpg)\n")
    return build_ok(project)


def test_web_versions_are_published_and_the_originals_are_not(photo_site):
    folder = photo_site / "news" / "seminar"
    names = {p.name for p in folder.iterdir()}
    for stem, widths in (
        ("group", (480, 960, 1500)),
        ("hall", (480, 960, 1200)),
        ("phone", (480, 900)),
        ("inline", (480, 700)),
    ):
        for width in widths:
            assert {f"{stem}-{width}.avif", f"{stem}-{width}.webp", f"{stem}-{width}.jpg"} <= names, (stem, width)
    assert not {"group.jpg", "hall.png", "phone.webp", "inline.jpg"} & names
    assert (
        not list(photo_site.rglob("group.jpg"))
        and not (photo_site / "ru" / "news" / "seminar" / "group-480.jpg").exists()
    )


def test_no_published_image_carries_gps_or_any_metadata(photo_site):
    images = [p for p in photo_site.rglob("*") if p.suffix in (".jpg", ".webp", ".avif")]
    assert len(images) > 20
    for image in images:
        assert_no_metadata(image)


def test_orientation_is_applied(photo_site):
    with Image.open(photo_site / "news/seminar/group-960.jpg") as image:
        assert image.size == (960, 1280)  # stored landscape, shown portrait


def test_the_item_shows_its_photos_in_picture_with_sizes(photo_site):
    for lang in LANGUAGES:
        page = read_page(photo_site / lang.prefix / "news/seminar/index.html")
        lead = next(tag for tag in page.find("img") if tag.attrs.get("alt") == ALTS[lang.code][0])
        assert lead.attrs["width"] == "1500" and lead.attrs["height"] == "2000" and lead.attrs["decoding"] == "async"
        assert "loading" not in lead.attrs  # the lead photo is seen at once
        assert lead.attrs["src"].endswith("group-960.jpg") and "group-1500.jpg 1500w" in lead.attrs["srcset"]
        assert lead.attrs["sizes"]
        types = [tag.attrs["type"] for tag in page.find("source")]
        assert types[:2] == ["image/avif", "image/webp"]
        inline = next(tag for tag in page.find("img") if tag.attrs.get("alt") == f"{ALTS[lang.code][0]} (2)")
        assert inline.attrs["loading"] == "lazy" and "inline-480.jpg 480w" in inline.attrs["srcset"]
        for src in [tag.attrs["src"] for tag in page.find("img")] + [
            s.split()[0] for tag in page.find("source") for s in tag.attrs["srcset"].split(", ")
        ]:
            target = (photo_site / lang.prefix / "news/seminar" / src).resolve()
            assert target.is_file(), src


def gallery_parts(html: str) -> tuple[list[str], list[str]]:
    """(the large views, the grid) of a page's gallery, as HTML."""
    views = re.findall(r'<figure class="kd-gallery__view".*?</figure>', html, re.S)
    grid = re.search(r'<ul class="kd-gallery__grid">.*?</ul>', html, re.S)
    return views, re.findall(r"<li>.*?</li>", grid.group(0), re.S) if grid else []


def test_the_gallery_links_each_thumbnail_to_its_large_view_with_caption_and_neighbours(photo_site):
    for lang in LANGUAGES:
        html = (photo_site / lang.prefix / "news/seminar/index.html").read_text("utf-8")
        t = strings(lang.code)
        views, grid = gallery_parts(html)
        assert [re.search(r'href="([^"]+)"', cell).group(1) for cell in grid] == ["#kd-photo-1", "#kd-photo-2"]
        assert [re.search(r'id="([^"]+)"', view).group(1) for view in views] == ["kd-photo-1", "kd-photo-2"]
        first, second = views
        assert t["gallery_position"].format(number=1, count=2) in first and f"Hall {lang.code}" in first
        assert t["gallery_next"] in first and t["gallery_previous"] not in first and 'href="#kd-gallery"' in first
        assert t["gallery_previous"] in second and t["gallery_next"] not in second
        for view, name in ((first, "hall"), (second, "phone")):
            img = re.search(r"<img [^>]+>", view).group(0)
            assert f"/{name}-" in img and 'loading="lazy"' in img  # loaded when the view is opened
        assert all('loading="lazy"' in cell for cell in grid)


def test_cards_show_the_lead_photo_as_a_thumbnail(photo_site):
    for lang in LANGUAGES:
        for listing in ("index.html", "news/index.html"):
            cards = [
                tag
                for tag in read_page(photo_site / lang.prefix / listing).find("img")
                if tag.attrs.get("alt") == ALTS[lang.code][0]
            ]
            assert len(cards) == 1 and cards[0].attrs["loading"] == "lazy", listing


def test_link_previews_show_the_lead_photo_or_the_languages_card(photo_site):
    for lang in LANGUAGES:
        item = read_page(photo_site / lang.prefix / "news/seminar/index.html")
        image = item.find("meta", property="og:image")[0].attrs["content"]
        assert image == "https://kazdual.github.io/news/seminar/share.jpg"
        assert item.find("meta", attrs=None) is not None
        about = (
            read_page(photo_site / lang.prefix / "about/index.html")
            .find("meta", property="og:image")[0]
            .attrs["content"]
        )
        assert about == f"https://kazdual.github.io/{lang.prefix}assets/share.jpg"
        with Image.open(photo_site / lang.prefix / "assets/share.jpg") as card:
            assert card.size == (1200, 630)
    with Image.open(photo_site / "news/seminar/share.jpg") as share:
        assert share.size == (1200, 630)
    assert_no_metadata(photo_site / "news/seminar/share.jpg")


@pytest.mark.parametrize(
    "case, values, message",
    [
        (
            "no alt in one language",
            lambda code: {**photo_values(code), "image_alt": None} if code == "ru" else photo_values(code),
            f"{ITEM}/index.ru.md:1: image_alt is missing: add it",
        ),
        (
            "gallery photo without alt",
            lambda code: {**photo_values(code), "gallery": [{"file": "hall.png"}]},
            "gallery, entry 1: alt is missing: add it",
        ),
        ("a photo that is cut short", photo_values, f"{ITEM}/hall.png:1: the photo is cut short"),
        (
            "a photo that records where it was taken",
            photo_values,
            f"{ITEM}/phone.webp:1: the photo records where it was taken (GPS), which the repository would make"
            f" public: take it out, keeping the picture as it is, with: python3 scripts/strip_photo_metadata.py"
            f" {ITEM}/phone.webp",
        ),
    ],
)
def test_a_photo_that_cannot_be_published_is_a_finding(tmp_path, case, values, message):
    project = copy_project(tmp_path / "project", with_news=False)
    (project / ITEM).mkdir(parents=True)
    save_photo(project / ITEM / "group.jpg", upright_picture((800, 600)), gps=False)
    save_photo(project / ITEM / "hall.png", upright_picture((800, 600)), gps=False)
    save_photo(project / ITEM / "phone.webp", upright_picture((800, 600)), gps="where it was taken" in case)
    if "cut short" in case:
        data = (project / ITEM / "hall.png").read_bytes()
        (project / ITEM / "hall.png").write_bytes(data[: len(data) // 2])
    write_item(project, values)
    result = build(project, project / "out")
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


VISIBLE_VIEWS_JS = "[...document.querySelectorAll('.kd-gallery__view')].filter(v => v.offsetParent).map(v => v.id)"


@pytest.mark.browser
def test_the_gallery_opens_large_views_from_the_keyboard_without_javascript(photo_site, chromium):
    import static_server

    with static_server.serve(photo_site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(base + "ru/news/seminar/")
            assert page.evaluate(VISIBLE_VIEWS_JS) == []
            for _ in range(80):  # Tab until the first thumbnail has the focus
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.getAttribute('href')") == "#kd-photo-1":
                    break
            page.keyboard.press("Enter")
            page.wait_for_url("**#kd-photo-1")
            assert page.evaluate(VISIBLE_VIEWS_JS) == ["kd-photo-1"]
            view = page.locator("#kd-photo-1")
            assert "Фотография 1 из 2" in view.inner_text() and "Hall ru" in view.inner_text()
            assert view.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
            # The next link is reached from the view by Tab, and opens the next photo.
            for _ in range(10):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent") == "Следующая фотография":
                    break
            page.keyboard.press("Enter")
            page.wait_for_url("**#kd-photo-2")
            assert page.evaluate(VISIBLE_VIEWS_JS) == ["kd-photo-2"]
            page.get_by_role("link", name="Все фотографии").click()
            page.wait_for_url("**#kd-gallery")
            assert page.evaluate(VISIBLE_VIEWS_JS) == []
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_gallery_is_a_grid_that_passes_axe_and_looks_right_on_a_phone(photo_site, chromium, width, tmp_path):
    import static_server
    from browser_support import AXE_TAGS, RECORD_CSP_VIOLATIONS_JS, axe_script
    from photo_samples import QUARTERS

    with static_server.serve(photo_site) as base:
        context = chromium.new_context(viewport={"width": width, "height": 844})
        try:
            context.add_init_script(RECORD_CSP_VIOLATIONS_JS)
            context.add_init_script(path=str(axe_script()))
            page = context.new_page()
            for fragment in ("", "#kd-photo-1"):
                page.goto(base + "ru/news/seminar/" + fragment)
                result = page.evaluate(
                    "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
                    ".map(v => v.id + ' ' + v.nodes.map(n => n.target).join())",
                    AXE_TAGS,
                )
                assert result == [], fragment
                size = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: innerWidth})")
                assert size["scroll"] <= size["inner"], fragment
            assert page.evaluate("window.__kdCspViolations") == []
            grid = page.locator(".kd-gallery__grid")
            grid.scroll_into_view_if_needed()
            cells = page.locator(".kd-gallery__grid > li").evaluate_all(
                "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width]; })"
            )
            (left1, top1, width1), (left2, top2, _) = cells
            assert top1 == top2 and left2 > left1 + width1 - 1, cells  # side by side, not stacked
            # What a reader sees: both thumbnails in one row, each showing its photo.
            shot = tmp_path / f"gallery-{width}.png"
            grid.screenshot(path=str(shot))
            box = grid.bounding_box()
            with Image.open(shot) as image:
                scale = image.width / box["width"]
                for left, top, cell_width in cells:
                    x = int((left - box["x"] + cell_width * 0.2) * scale)
                    y = int((top - box["y"] + cell_width * 0.2) * scale)
                    red = image.convert("RGB").getpixel((x, y))
                    assert all(abs(a - b) < 40 for a, b in zip(red, QUARTERS["top left"], strict=True)), (width, red)
        finally:
            context.close()
