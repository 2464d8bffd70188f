"""The code's shape: state has one owner, the MkDocs hooks are a thin adapter, and
the folders show the pipeline (README's code map names each of them)."""

from __future__ import annotations

import textwrap

import pytest

import code_rules
from conftest import ROOT

SCRIPTS = ROOT / "scripts"


def test_no_module_keeps_state_but_the_build_object():
    assert code_rules.state_in(SCRIPTS) == []


@pytest.mark.parametrize(
    "source, found",
    [
        ("_cache = {}\ndef f(k):\n    _cache[k] = 1\n", ["m.py:1: _cache is a module-level container", "m.py:3:"]),
        ("_last = None\ndef f():\n    global _last\n    _last = 1\n", ["m.py:3: global _last"]),
        (
            "import preview_mode\ndef f():\n    preview_mode.current = 1\n",
            ["m.py:3: changes the module's preview_mode"],
        ),
        ("_compiled = Templates()\n", ["m.py:1: _compiled is a module-level object"]),
        ("seen = set()\n", ["m.py:1: seen is a module-level container"]),
        ("SEEN = set()\ndef f(x):\n    SEEN.add(x)\n", ["m.py:3: changes the module's SEEN"]),
        ("KINDS = {'a': 1}\n_RULE = re.compile('x')\ndef f():\n    return KINDS['a']\n", []),
    ],
)
def test_the_state_rule_finds_what_it_is_for(source, found):
    problems = code_rules.module_state("m.py", textwrap.dedent(source))
    assert len(problems) == len(found) and all(p.startswith(f) for p, f in zip(problems, found, strict=True))


def test_the_hook_module_is_a_thin_adapter():
    hooks = (SCRIPTS / "mkdocs_hooks.py").read_text("utf-8")
    assert len(hooks.splitlines()) < 80
    assert "mkdocs_hooks.py" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_the_code_map_names_every_folder_of_the_package():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    folders = sorted(p.relative_to(SCRIPTS).as_posix() for p in (SCRIPTS / "kazdual").iterdir() if p.is_dir())
    folders = [f for f in folders if not f.endswith("__pycache__") and any((SCRIPTS / f).glob("*.py"))]
    assert [f for f in folders if f"scripts/{f}/" not in guide] == []
