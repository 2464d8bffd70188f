"""What the build publishes as it is.

A file copied to the site runs with the site's origin when a browser opens it, where
the web editor keeps its token: only kinds no browser runs as a document are
published, and SVG drawings only as the sanitizer leaves them.
"""

from __future__ import annotations

import pytest

import check_translations
from conftest import build
from kazdual.content import assets

SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>\n'
REFUSED = {
    "x.svg": (SCRIPT_SVG, "the drawing holds the element <script>"),
    "handler.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
        'the drawing holds onload="alert(1)" on <svg>',
    ),
    "page.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
        b"<script>alert(1)</script></div></foreignObject></svg>",
        "the drawing holds the element <foreignObject>",
    ),
    "tracker.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
        'the drawing holds href="https://evil.example/x.png" on <image>',
    ),
    "link.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        'the drawing holds xlink:href="javascript:alert(1)" on <a>',
    ),
    "entities.svg": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "the drawing defines XML entities",
    ),
    "document.svg": (b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', "not a readable"),
    "x.xht": (b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', assets.ALLOWED_RULE),
    "x.xml": (b"<?xml version='1.0'?><x/>", assets.ALLOWED_RULE),
    "x.svgz": (b"\x1f\x8b", assets.ALLOWED_RULE),
    "x.js": (b"alert(1)", assets.ALLOWED_RULE),
    "renamed.png": (b"<html><script>alert(1)</script></html>", "the name says a PNG image, but the file is not one"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
@pytest.mark.parametrize("folder", ["docs/assets", "docs/assets/uploads"])
def test_a_file_a_browser_could_run_is_refused_by_name_and_content(project, capsys, folder, name):
    data, message = REFUSED[name]
    (project / folder).mkdir(parents=True, exist_ok=True)
    (project / folder / name).write_bytes(data)
    assert check_translations.main(["--root", str(project)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{folder}/{name}:1: ")]
    assert len(lines) == 1 and message in lines[0], lines


def test_a_drawing_among_the_templates_is_judged_as_in_docs(project, capsys):
    (project / "overrides/assets/evil.svg").write_bytes(REFUSED["handler.svg"][0])
    (project / "overrides/.hidden").mkdir()
    (project / "overrides/.hidden/never-copied.xml").write_bytes(b"<x/>")  # MkDocs leaves hidden folders out
    assert check_translations.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert 'overrides/assets/evil.svg:1: the drawing holds onload="alert(1)" on <svg>' in out
    assert "never-copied" not in out


def test_the_published_build_refuses_a_scripted_drawing_and_writes_nothing(project, tmp_path):
    (project / "docs/assets/x.svg").write_bytes(SCRIPT_SVG)
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/assets/x.svg:1: the drawing holds the element <script>" in result.stderr
    assert not (tmp_path / "out/assets/x.svg").exists()


def test_a_drawing_from_a_drawing_program_is_published_as_the_sanitizer_leaves_it(project, tmp_path):
    """Editor-program notes in other vocabularies draw nothing: they go without a finding."""
    drawing = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        b' width="10" height="10" inkscape:version="1.2"><g inkscape:label="Layer 1">'
        b'<rect style="fill:#f00" width="5" height="5"/></g></svg>'
    )
    (project / "docs/assets/uploads").mkdir()
    (project / "docs/assets/uploads/drawing.svg").write_bytes(drawing)
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    published = (tmp_path / "out/assets/uploads/drawing.svg").read_bytes()
    assert published == assets.published_svg(drawing) and b"inkscape" not in published and b"<rect" in published


def test_every_drawing_of_the_site_is_published_sanitized(built_site):
    drawings = sorted(built_site.rglob("*.svg"))
    assert drawings, "the site has a logo and a favicon"
    for drawing in drawings:
        published = drawing.read_bytes()
        assert assets.published_svg(published) == published, drawing
