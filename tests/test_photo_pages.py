"""Photos on built pages: an editor drops camera photos beside a news item's texts;
readers get light, upright, metadata-free web versions in <picture> with sizes,
thumbnails on cards, a keyboard-usable gallery and link-preview images; the
originals are never published; a photo that cannot be published is a finding."""

from __future__ import annotations

import pytest
import yaml
from PIL import Image

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
    save_photo(
        project / ITEM / "group.jpg", upright_picture((1500, 2000)), orientation=6
    )  # a phone held upright, stored sideways
    save_photo(project / ITEM / "hall.png", upright_picture((1200, 800)))
    save_photo(project / ITEM / "phone.webp", upright_picture((900, 600)))
    save_photo(project / ITEM / "inline.jpg", upright_picture((700, 500)))
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


def test_the_gallery_links_each_thumbnail_to_its_large_version(photo_site):
    for lang in LANGUAGES:
        page = read_page(photo_site / lang.prefix / "news/seminar/index.html")
        links = [a.attrs["href"] for a in page.find("a") if a.attrs.get("href", "").endswith(".webp")]
        assert [link.rsplit("/", 1)[-1] for link in links] == ["hall-1200.webp", "phone-900.webp"]
        assert f"Hall {lang.code}" in page.text
        thumbnails = [tag for tag in page.find("img") if tag.attrs.get("alt") in ALTS[lang.code][1:]]
        assert len(thumbnails) == 2 and all(tag.attrs["loading"] == "lazy" for tag in thumbnails)


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
    ],
)
def test_a_photo_that_cannot_be_published_is_a_finding(tmp_path, case, values, message):
    project = copy_project(tmp_path / "project", with_news=False)
    (project / ITEM).mkdir(parents=True)
    save_photo(project / ITEM / "group.jpg", upright_picture((800, 600)))
    save_photo(project / ITEM / "hall.png", upright_picture((800, 600)))
    save_photo(project / ITEM / "phone.webp", upright_picture((800, 600)))
    if "cut short" in case:
        data = (project / ITEM / "hall.png").read_bytes()
        (project / ITEM / "hall.png").write_bytes(data[: len(data) // 2])
    write_item(project, values)
    result = build(project, project / "out")
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.browser
def test_the_gallery_works_from_the_keyboard_and_passes_axe(photo_site, chromium):
    import static_server
    from browser_support import AXE_TAGS, RECORD_CSP_VIOLATIONS_JS, axe_script

    with static_server.serve(photo_site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        try:
            context.add_init_script(RECORD_CSP_VIOLATIONS_JS)
            context.add_init_script(path=str(axe_script()))
            page = context.new_page()
            page.goto(base + "ru/news/seminar/")
            result = page.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(v "
                "=> v.id)",
                AXE_TAGS,
            )
            assert result == []
            assert page.evaluate("window.__kdCspViolations") == []
            # Tab through the page until each gallery link has had the focus.
            reached = set()
            for _ in range(80):
                page.keyboard.press("Tab")
                href = page.evaluate("document.activeElement.closest('.kd-gallery a')?.getAttribute('href')")
                if href:
                    reached.add(href.rsplit("/", 1)[-1])
                if len(reached) == 2:
                    break
            assert reached == {"hall-1200.webp", "phone-900.webp"}
            with page.expect_navigation() as opened:
                page.keyboard.press("Enter")
            assert opened.value.status == 200 and opened.value.headers["content-type"] == "image/webp"
            # The lead photo is loaded eagerly in its smallest fitting format; nothing is broken.
            page.goto(base + "ru/news/seminar/")
            assert page.evaluate(
                "[...document.images].every(img => img.complete && img.naturalWidth > 0 || img.loading === 'lazy')"
            )
            assert page.evaluate("document.querySelector('.kd-article__image img').currentSrc").endswith(".avif")
        finally:
            context.close()
