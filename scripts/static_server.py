"""Serve a built site on 127.0.0.1 the way a static host does, for the browser
tests and scripts/lighthouse.py.

- The site lies at the path of its address, `/` or, for a project's site,
  `/project/`: `serve(site, "/project/")`. Outside that path nothing is found.
- `/about/` serves `about/index.html`; `/about` redirects to `/about/`.
- A missing path gets status 404 and the 404 page of its language: `ru/404.html`
  for anything below `/ru/` when that file exists, else the root `404.html`.
- Text (HTML, CSS, JavaScript, SVG, JSON, XML) is sent gzip-compressed to a
  client that accepts it, as GitHub Pages does, so byte counts are realistic.
- Every answer carries the headers a host that can send them should send
  (kazdual.headers): nosniff, each page's policy, `sandbox` for what is no page,
  and no framing of /admin/.

    with serve(Path("site")) as base_url:   # "http://127.0.0.1:<free port>/"
        ...
"""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kazdual import headers as safety
from kazdual.site.context import CONTENT_SECURITY_POLICY
from kazdual.static_site import TEXT, SiteHandler, content_type, found, parts_of

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".xml", ".txt", ".webmanifest"}


class _Handler(SiteHandler):
    root: Path  # set on the subclass made by serve(), with base_path
    base_path: str
    server_version = "kazdual-static"
    cache_control = "max-age=600"  # as GitHub Pages sends

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        if not (path + "/").startswith(self.base_path):
            self.send(HTTPStatus.NOT_FOUND, b"Not found", TEXT, with_body)
            return
        parts = parts_of(path[len(self.base_path) :])
        target = self.root.joinpath(*parts)
        if found(target) == "folder":
            if not path.endswith("/"):
                location = path + "/" + (f"?{url.query}" if url.query else "")
                self.send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", with_body, {"Location": location})
                return
            target = target / "index.html"
        if found(target) == "file":
            self._send_file(HTTPStatus.OK, target, with_body)
        else:
            self._send_file(HTTPStatus.NOT_FOUND, self._not_found_page(parts), with_body)

    def _not_found_page(self, parts: list[str]) -> Path | None:
        if parts and (self.root / parts[0] / "404.html").is_file():
            return self.root / parts[0] / "404.html"
        page = self.root / "404.html"
        return page if page.is_file() else None

    def _send_file(self, status: HTTPStatus, file: Path | None, with_body: bool) -> None:
        if file is None:
            self.send(status, b"Not found", TEXT, with_body)
            return
        body = file.read_bytes()
        headers = self._safety(file.relative_to(self.root).as_posix(), body)
        if file.suffix.lower() in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.send(status, body, content_type(file), with_body, headers)

    def _safety(self, relative: str, body: bytes) -> dict:
        admin = self.root / safety.ADMIN / "index.html"
        admin_page = admin.read_bytes() if relative.startswith(safety.ADMIN) and admin.is_file() else None
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"  # type: ignore[index]
        return safety.for_file(relative, body, CONTENT_SECURITY_POLICY, admin_page, origin, self.base_path)

    def send(
        self, status: HTTPStatus, body: bytes, kind: str, with_body: bool, headers: dict[str, str] | None = None
    ) -> None:
        extra = dict(headers or {})
        if "Content-Security-Policy" not in extra:  # an answer of the server's own (a redirect, Not found)
            extra = self._safety("answer", body) | extra
        super().send(status, body, kind, with_body, extra)


@contextlib.contextmanager
def serve(site_dir: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `site_dir` at `base_path` on a free port of 127.0.0.1 in a background
    thread; yields the base URL."""
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = type("SiteHandler", (_Handler,), {"root": Path(site_dir).resolve(), "base_path": base_path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
