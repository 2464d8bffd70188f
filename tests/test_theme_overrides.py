"""Material's templates copied into overrides/ to change a detail: each copy is
Material's installed template with only that change, so an update of Material
that rewrites the template fails here, to be copied again, instead of being hidden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

# overrides/<template>: (Material's text, ours) for each change the copy makes.
CHANGES = {
    # HTML allows no autocomplete on a checkbox.
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
    ],
    # Only a page in the menu has the "__toc" toggle that the title is a label for.
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
        ),
    ],
}


def material_template(name: str) -> Path:
    import material

    return Path(material.__file__).parent / "templates" / name


def without_leading_comment(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


@pytest.mark.parametrize("name", CHANGES)
def test_copy_is_materials_template_with_only_its_changes(name):
    expected = without_leading_comment(material_template(name).read_text("utf-8"))
    for theirs, ours in CHANGES[name]:
        assert expected.count(theirs) == 1, f"Material's {name} no longer has {theirs!r}: is the change still needed?"
        expected = expected.replace(theirs, ours)
    copy = without_leading_comment((ROOT / "overrides" / name).read_text("utf-8"))
    assert copy == expected, f"overrides/{name} differs from Material's {name} beyond its changes: copy it again"
