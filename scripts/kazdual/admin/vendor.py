"""/admin/ laid out from the pinned npm packages, so the web editor asks no other host
for anything: its fonts, interface language and Immutable.js are served from here.

The packages must be exactly the ones reviewed: their versions and npm integrity in
package-lock.json, and the sha256 of the files served, are checked against PINNED. A
newer version (a Dependabot pull request) stops the build until someone has checked
that the two workarounds below still hold and updated PINNED:

- Svelte adds a component's <style id="svelte-…"> only if no element has that id:
  index.html links fonts.css under the id of the bundle's font block, so the block
  with its CDN addresses is never added.
- The bundle fetches its interface language and an update notice from unpkg.com and
  imports Immutable.js from there; offline.js and an import map answer from here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

PINNED = {
    "@sveltia/cms": {
        "version": "0.221.1",
        "integrity": "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ==",
        "dist/sveltia-cms.js": "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a",
    },
    "immutable": {
        "version": "5.1.9",
        "integrity": "sha512-m8nVez3rwrgmWxtLMt1ZYXB2Lv7OKYn/disyxAlSDYAlKSlFoPPfIAmAM/M5xqL4m4C/wAPw7S2/CNaUii1Hxg==",
        "dist/immutable.es.js": "521270c998410a0c1835fc027620308acd97dc090584c44225d8d9dabb6f300c",
    },
}
# Interface languages served besides the bundle's own English (en-US). The CMS has no
# Kazakh: start.js answers a browser that asks for Kazakh in Russian. When a release
# of the CMS brings kk.json, add "kk" here and the form follows (config.kk.yml).
INTERFACE_LANGUAGES = ("ru",)
BUNDLED_LANGUAGE = "en-US"
_FONT_URL = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<id>[a-z0-9-]+)(?::vf)?@[0-9.]+/(?P<subset>[a-z0-9-]+)\.woff2"
)
_STYLE_BLOCK = re.compile(r"\{hash:`(svelte-[a-z0-9]+)`,code:`")
HERE = Path(__file__).parent


class AdminProblem(Exception):
    """The editor cannot be laid out as reviewed: one line for the maintainer."""


class NotInstalled(AdminProblem):
    """The npm packages are not installed (a build with python3 only): no /admin/."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_packages(root: Path) -> dict[str, Path]:
    """The folder of each pinned package, after checking it is the one reviewed."""
    modules = root / "node_modules"
    if not (modules / "@sveltia" / "cms").is_dir():
        raise NotInstalled(
            "the web editor's packages are not installed: install Node.js (nodejs.org), then run `npm ci`"
            " once in the website's folder"
        )
    try:
        lock = json.loads((root / "package-lock.json").read_text("utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        raise AdminProblem("package-lock.json cannot be read: restore it from git") from None
    folders = {}
    for name, pinned in PINNED.items():
        entry = lock.get(f"node_modules/{name}", {})
        if (entry.get("version"), entry.get("integrity")) != (pinned["version"], pinned["integrity"]):
            raise AdminProblem(
                f"package-lock.json has {name} {entry.get('version')}, the web editor was reviewed with "
                f"{pinned['version']}: "
                "check the workarounds in scripts/kazdual/admin/vendor.py against the new version, then update PINNED"
            )
        folder = modules / name
        try:
            installed = json.loads((folder / "package.json").read_text("utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            raise AdminProblem(f"{name} is not installed: run `npm ci`") from None
        if installed != pinned["version"]:
            raise AdminProblem(
                f"node_modules has {name} {installed}, package-lock.json {pinned['version']}: run `npm ci`"
            )
        folders[name] = folder
    return folders


def _read_checked(folder: Path, name: str, file: str) -> bytes:
    data = (folder / file).read_bytes()
    expected = PINNED[name][file]
    if expected and _sha256(data) != expected:
        raise AdminProblem(
            f"node_modules/{name}/{file} is not the file of {name} {PINNED[name]['version']}: run `npm ci`"
        )
    return data


def _fonts(bundle: str, assets: Path) -> tuple[str, dict[str, bytes]]:
    """The bundle's font block, its fonts served from here: (style id, files)."""
    for match in _STYLE_BLOCK.finditer(bundle):
        css = bundle[match.end() : bundle.find("`}", match.end())]
        if "cdn.jsdelivr.net/fontsource" not in css:
            continue
        files: dict[str, bytes] = {}

        def local(font: re.Match) -> str:
            stem = f"{font['id']}-{font['subset']}"
            found = sorted(assets.glob(f"{stem}-*.woff2"))
            if not found:
                raise AdminProblem(
                    f"the CMS package has no file for the font {stem}: check vendor.py against this version"
                )
            files[f"fonts/{stem}.woff2"] = found[0].read_bytes()  # noqa: B023  (called at once, by sub below)
            return f"fonts/{stem}.woff2"

        css = _FONT_URL.sub(local, css)
        if "cdn.jsdelivr.net" in css:
            raise AdminProblem(
                "a font of the CMS would still come from cdn.jsdelivr.net: check vendor.py against this version"
            )
        for license_file in assets.glob("*.LICENSE.txt"):
            files[f"fonts/{license_file.name}"] = license_file.read_bytes()
        files["fonts.css"] = (css.strip() + "\n").encode("utf-8")
        return match.group(1), files
    raise AdminProblem(
        "the CMS bundle no longer declares its fonts as vendor.py expects: check it against this version"
    )


def import_map() -> str:
    version = PINNED["immutable"]["version"]
    return json.dumps(
        {"imports": {f"https://unpkg.com/immutable@{version}/dist/immutable.es.js": "./vendor/immutable.es.js"}}
    )


def csp(inline_hash: str) -> str:
    """The editor's own policy: its scripts, our scripts and the import map; GitHub's API
    to sign in and save. The CMS styles itself inline and works with blob: files."""
    return (
        f"default-src 'none'; script-src 'self' '{inline_hash}'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
        "img-src 'self' blob: data: https://avatars.githubusercontent.com; media-src 'self' blob:; frame-src 'self' "
        "blob:; "
        "worker-src 'self' blob:; connect-src 'self' blob: data: https://api.github.com; manifest-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def layout(root: Path) -> tuple[dict[str, bytes], str, str]:
    """Every file of /admin/ from the packages (name -> bytes), the fonts' style id and the
    import map; index.html and the configurations are made by the build."""
    folders = check_packages(root)
    cms, immutable = folders["@sveltia/cms"], folders["immutable"]
    bundle = _read_checked(cms, "@sveltia/cms", "dist/sveltia-cms.js")
    wanted = re.search(r"immutable:`\^?([0-9.]+)`", bundle.decode("utf-8", "replace"))
    if not wanted or wanted.group(1) != PINNED["immutable"]["version"]:
        raise AdminProblem(
            f"the CMS imports immutable {wanted and wanted.group(1)}, pinned {PINNED['immutable']['version']}: update "
            "PINNED"
        )
    style_id, files = _fonts(bundle.decode("utf-8"), cms / "npm" / "assets")
    files["sveltia-cms.js"] = bundle
    for chunk in sorted((cms / "dist" / "chunks").glob("*.js")):
        files[f"chunks/{chunk.name}"] = chunk.read_bytes()
    for language in INTERFACE_LANGUAGES:
        files[f"locales/{language}.json"] = (cms / "locales" / f"{language}.json").read_bytes()
    files["LICENSE.txt"] = (cms / "LICENSE.txt").read_bytes()
    files["vendor/immutable.es.js"] = _read_checked(immutable, "immutable", "dist/immutable.es.js")
    files["vendor/immutable.LICENSE"] = (immutable / "LICENSE").read_bytes()
    offline = (HERE / "offline.js").read_text("utf-8").replace("@VERSION@", PINNED["@sveltia/cms"]["version"])
    files["offline.js"] = offline.encode("utf-8")
    for script in ("start.js", "photos.js", "kazdual.js", "publishing.js"):
        files[script] = (HERE / script).read_bytes()
    return files, style_id, import_map()


def interface_locales(root: Path) -> list[str]:
    """Every interface language the CMS knows (its locales/ folder), served here or not."""
    return sorted(path.stem for path in (root / "node_modules" / "@sveltia" / "cms" / "locales").glob("*.json"))


def inline_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
