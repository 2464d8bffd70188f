"""The pinned files suffice: every package of the site's lock, downloaded once from
PyPI into a folder (hashes checked, wheels only), installs into a new environment
with the package index switched off, and that environment builds the very bytes of
the site under test. A kept copy of that folder keeps the site building if Material,
MkDocs or PyPI itself goes away.

Marked `wheelhouse`: it downloads about 50 MB, so it runs in CI (`.ci/run`, the
checks workflow) and where asked for, `python3 scripts/test.py -m wheelhouse`."""

from __future__ import annotations

import subprocess
import sys
import venv

import pytest

from conftest import ROOT, SITE_SETTINGS, site_settings
from kazdual.site.publish import MARKER
from test_site import _tree

sys.path.insert(0, str(ROOT / "scripts"))
import local_env  # noqa: E402
import lock  # noqa: E402

pytestmark = pytest.mark.wheelhouse


def run(command: list, **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_the_locked_wheels_alone_install_and_build_the_site(built_site, tmp_path):
    wheels, fresh = tmp_path / "wheels", tmp_path / "venv"
    # The lock the site under test was built from (the newest releases' in the monthly check).
    requirements = str(local_env.lock_folder() / "requirements.txt")
    pypi_only = lock.pypi_only_environment()  # not this machine's own mirrors or caps
    run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--require-hashes", "--only-binary=:all:"]
        + ["--dest", str(wheels), "-r", requirements],
        env=pypi_only,
    )
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = fresh / "bin" / "python"
    run(
        # --no-compile: the build compiles what it imports; the rest would be compiled for nothing.
        [str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--no-index", "--find-links", str(wheels)]
        + ["--require-hashes", "-r", requirements],
        env=pypi_only,
    )
    site = tmp_path / "site"
    environment = {k: v for k, v in pypi_only.items() if k not in SITE_SETTINGS}
    environment.update(site_settings(), NO_MKDOCS_2_WARNING="1")
    run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=environment,
    )
    made, tested = _tree(site), _tree(built_site)
    tested.pop(MARKER, None)  # scripts/build.py's note that it made the folder; `mkdocs build` writes none
    assert made.keys() == tested.keys()
    assert [name for name in made if made[name] != tested[name]] == []
