"""The headers a host that can send them gives every file of the site: the preview, and the
static host of the tests. (GitHub Pages cannot; the pages then rely on their `<meta>` policy, and
docs/ publishes only what no browser runs as a document.)

- `X-Content-Type-Options: nosniff` with every answer: a file is what its type says.
- A page's own Content-Security-Policy as a header too, where `frame-ancestors` counts: the web
  editor at /admin/ can be framed by no page, and its scripts are trusted only below /admin/.
- A file that is no page gets a policy that lets nothing run (`sandbox`): an SVG drawing opened
  by itself cannot run a script with the site's origin. Scripts get their pages' policy, which
  a worker (Pagefind's) then runs under.
"""

from __future__ import annotations

import html
import re

from kazdual.addresses import ADMIN_DIR

ADMIN = f"{ADMIN_DIR}/"
NOT_A_PAGE = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
_SCRIPTS = (".js", ".mjs")


def meta_policy(page: bytes) -> str | None:
    """The Content-Security-Policy a page states in its `<meta>`, if it states one."""
    found = _META.search(page[:8192])
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


def _for_admin(policy: str, origin: str, base_path: str) -> str:
    """The editor's policy as a header: its scripts from below /admin/ only (not every file of the
    site's origin), and no framing, which a `<meta>` policy cannot forbid."""
    own = f"{origin}{base_path}{ADMIN}"
    policy = re.sub(r"(script-src[^;]*?)'self'", rf"\1{own}", policy)
    return f"{policy}; frame-ancestors 'none'"


def for_file(relative: str, body: bytes, site_policy: str, admin_page: bytes | None, origin: str, base_path: str):
    """The headers of the file at `relative` below the site's root (`admin/index.html`).

    `site_policy`: the policy of the site's pages; `admin_page`: the editor's index.html, whose
    policy its scripts get; `origin` and `base_path` (`http://127.0.0.1:8000`, `/`) as the browser
    asked for the file."""
    in_admin = relative.startswith(ADMIN)
    section = (meta_policy(admin_page) if in_admin and admin_page else None) or site_policy
    if relative.endswith((".html", "/")) or relative == "":
        policy = meta_policy(body) or section
    elif relative.lower().endswith(_SCRIPTS):
        policy = section
    else:
        return {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": NOT_A_PAGE}
    if in_admin:
        policy = _for_admin(policy, origin, base_path)
    return {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": policy}
