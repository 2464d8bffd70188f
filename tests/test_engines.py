"""The second engine: ProperDocs, the maintained continuation of MkDocs 1.6, builds
the very bytes MkDocs builds from the same sources, chosen by SITE_ENGINE alone; the
preview follows the same setting."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from browser_support import missing_tool
from conftest import ROOT, site_settings
from test_site import _tree


def build_with(engine: str, output, **env: str) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k not in ("SITE_ENGINE", "SITE_URL", "SITE_REPO_URL")}
    return subprocess.run(
        [sys.executable, "scripts/build.py", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(inherited, SITE_ENGINE=engine, **env),
        timeout=600,
    )


@pytest.fixture(scope="module")
def properdocs():
    if importlib.util.find_spec("properdocs") is None:
        missing_tool("ProperDocs is not installed: `pip install --require-hashes -r requirements.txt`")


def test_properdocs_and_mkdocs_build_the_same_bytes(properdocs, tmp_path):
    # Both are built here, for the address of the site under test: a site given with
    # --site may have been built by either.
    sites = {}
    for engine, name in (("mkdocs", "MkDocs 1.6"), ("properdocs", "ProperDocs 1.6")):
        sites[engine] = tmp_path / engine
        result = build_with(engine, sites[engine], **site_settings())
        assert result.returncode == 0, result.stderr
        assert f"with {name}." in result.stderr, result.stderr
    made_by_mkdocs, made_by_properdocs = _tree(sites["mkdocs"]), _tree(sites["properdocs"])
    assert len(made_by_mkdocs) > 100
    assert made_by_mkdocs.keys() == made_by_properdocs.keys()
    assert [name for name in made_by_mkdocs if made_by_mkdocs[name] != made_by_properdocs[name]] == []


def test_under_properdocs_the_hook_imports_properdocs_modules(properdocs):
    """What the preview does in its own process: every `mkdocs` import of the hook,
    Material and static-i18n is answered by ProperDocs."""
    probe = (
        "import sys; sys.path.insert(0, 'scripts')\n"
        "from kazdual.site import engine; engine.use_in_this_process('properdocs')\n"
        "import mkdocs_hooks, material.plugins.search.plugin, mkdocs_static_i18n.plugin\n"
        "from kazdual.site import build\n"
        "print(build.MkDocsConfig.__module__, build.Files.__module__)\n"
        "print(sorted({m.__name__.split('.')[0] for n, m in sys.modules.items() if n.startswith('mkdocs.')}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["properdocs.config.defaults properdocs.structure.files", "['properdocs']"]


@pytest.mark.parametrize("value", ["hugo", "MkDocs", "properdocs; rm -rf /", "mkdocs "])
def test_an_unknown_engine_gets_one_clear_line(tmp_path, value):
    result = build_with(value, tmp_path / "out")
    assert result.returncode == 1
    assert "SITE_ENGINE:1: must be mkdocs or properdocs (the program that builds the site)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_engine_stops_the_preview_too(tmp_path):
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--serve", "--dev-addr", "127.0.0.1:1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, SITE_ENGINE="zensical"),
        timeout=120,
    )
    assert result.returncode == 1
    assert "SITE_ENGINE:1: must be mkdocs or properdocs" in result.stderr and "Traceback" not in result.stderr
