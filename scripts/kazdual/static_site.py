"""What the preview's server and the tests' static host (scripts/static_server.py)
share: a built site's files found from a request's path, sent with their types,
quietly, surviving a browser that leaves before the answer is sent. Each server
keeps its own rules for redirects, missing pages and caching.
"""

from __future__ import annotations

import errno
import posixpath
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path

# The Content-Type a static host sends, the same on every machine (the web archive of
# scripts/archive.py records it): the site's own kinds of file, anything else as bytes
# (Pagefind's index files).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".map": "application/json",
    ".yml": "text/yaml; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
}
TEXT = "text/plain; charset=utf-8"


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def parts_of(path: str) -> list[str]:
    """A request's path as folder and file names below the site: no "", "." or ".."."""
    return [part for part in posixpath.normpath(path).split("/") if part not in ("", ".", "..")]


def found(target: Path) -> str:
    """ "folder", "file" or "" for what `target` is in the built site."""
    try:
        return "folder" if target.is_dir() else "file" if target.is_file() else ""
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # an address longer than any file name: nothing there
            return ""
        raise  # any other failure is the server's to answer


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    cache_control = "no-store"  # what the Cache-Control header of every answer says

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the terminal stays for what matters
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went on to another page before the answer was sent

    def send(
        self, status: HTTPStatus, body: bytes, kind: str, with_body: bool, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", self.cache_control)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)
