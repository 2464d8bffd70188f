"""The preview's web server: the last good build as a static host serves it, each
page with a small script that reloads it after every rebuild and shows what keeps
the site from being published; after a failed rebuild, a page with the findings.

Its own files live under /__preview__/ (same origin: the site's
Content-Security-Policy allows them, and they never reach a published site).
"""

from __future__ import annotations

import html
import ipaddress
import json
import re
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from kazdual import headers
from kazdual.addresses import language_of
from kazdual.preview.builder import Builder
from kazdual.site.context import CONTENT_SECURITY_POLICY
from kazdual.static_site import TEXT, TYPES, SiteHandler, content_type, found, parts_of
from kazdual.strings import strings_for

OWN = "/__preview__/"
ASSETS = Path(__file__).parent
KEEP_ALIVE_SECONDS = 15
# A client that sends its request this slowly, or keeps a connection idle this long, is let go:
# a request never ended or a forgotten connection holds no thread for ever.
READ_TIMEOUT_SECONDS = 20
MAX_CONNECTIONS = 128  # at once; more are answered 503 at once
MAX_EVENT_STREAMS = 32  # open pages that reload themselves, at once
_ORIGIN_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]{1,300}$")


class Handler(SiteHandler):
    builder: Builder  # set on the subclass made by make_server(), with rebuild()
    rebuild: Callable[[], None]
    server: _Server
    prefixes: dict[str, str]  # language code -> "" or "ru/"
    host: str  # as given to --dev-addr
    server_version = "kazdual-preview"
    timeout = READ_TIMEOUT_SECONDS

    def do_HEAD(self) -> None:
        self.do_GET(with_body=False)

    def do_GET(self, with_body: bool = True) -> None:
        if not self._named_here():
            return self._send(
                HTTPStatus.MISDIRECTED_REQUEST,
                b"This preview answers only at the address it was started with, such as http://127.0.0.1:8000/",
                TEXT,
                with_body,
            )
        path = unquote(urlsplit(self.path).path)
        if path == OWN + "events":
            return self._events(with_body)
        if path == OWN + "status":
            return self._send(HTTPStatus.OK, json.dumps(self._status()).encode(), "application/json", with_body)
        if path.startswith(OWN):
            name = path[len(OWN) :]
            asset = ASSETS / name
            if name in ("reload.js", "preview.css"):
                return self._send(HTTPStatus.OK, asset.read_bytes(), content_type(asset), with_body)
            return self._send(HTTPStatus.NOT_FOUND, b"", "text/plain", with_body)
        state = self.builder.state
        if state.problems or state.site_dir is None:
            failure = self._failure_page(self._language_of(path))
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, failure, TYPES[".html"], with_body)
        if not state.site_dir.is_dir():  # the built pages were deleted (a cleaner emptied /dev/shm)
            self.rebuild()
            body = self._page(
                "Building the preview again", "<p>Its pages were deleted: this page reloads when they are back.</p>"
            )
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, body, TYPES[".html"], with_body)
        try:
            self._site_file(path, state.site_dir, with_body)
        except OSError:  # a newer build took the folder's place while this was read
            self._send(
                HTTPStatus.SERVICE_UNAVAILABLE,
                b"Rebuilt just now: reload the page.",
                TEXT,
                with_body,
            )

    def _named_here(self) -> bool:
        """Whether the request is addressed to this computer: by an IP address, as localhost
        or by the name given to --dev-addr. A page elsewhere can point a name of its own at
        127.0.0.1 (DNS rebinding) and read the drafts shown here; it must name its own host."""
        given = self.headers.get("Host")
        if given is None:  # a client too old to name a host; browsers always do
            return True
        try:
            name = urlsplit("//" + given).hostname or ""
        except ValueError:  # an unclosed [ of an IPv6 address
            return False
        if name in ("localhost", self.host.lower()) or name.endswith(".localhost"):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def _status(self) -> dict:
        state = self.builder.state
        return {
            "generation": state.generation,
            "problems": state.problems,
            "findings": state.findings,
            "seconds": round(state.seconds, 2),
        }

    def _events(self, with_body: bool) -> None:
        """Server-sent events: the build's generation, whenever it changes."""
        if not self.server.streams.acquire(blocking=False):
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"Too many open pages.", "text/plain", with_body)
        try:
            self._stream(with_body)
        finally:
            self.server.streams.release()

    def _stream(self, with_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        if not with_body:  # HEAD: the stream's headers are the whole answer
            return
        shown = None
        while True:
            with self.builder.changed:
                self.builder.changed.wait_for(
                    lambda: self.builder.state.generation != shown,  # noqa: B023  (waited on at once)
                    timeout=KEEP_ALIVE_SECONDS,
                )
                generation = self.builder.state.generation
            message = f"data: {generation}\n\n" if generation != shown else ": still here\n\n"
            shown = generation
            try:
                self.wfile.write(message.encode())
                self.wfile.flush()
            except OSError:
                return

    def _language_of(self, path: str) -> str:
        return language_of(path.lstrip("/"), self.prefixes)[0]

    def _site_file(self, path: str, site: Path, with_body: bool) -> None:
        only = self.builder.language
        if only and path == "/" and self.prefixes[only]:
            return self._redirect("/" + self.prefixes[only])
        parts = parts_of(path)
        target = site.joinpath(*parts)
        kind = found(target)
        if kind == "folder":
            if not path.endswith("/"):
                # From the folders found, never from the request: a %0d%0a in it would start a
                # header of its own, a // in front would send the browser to another host.
                return self._redirect("/" + "".join(quote(part) + "/" for part in parts))
            target, kind = target / "index.html", found(target / "index.html")
        if kind == "file":
            return self._send_file(HTTPStatus.OK, target, with_body, site)
        if only and self._language_of(path) != only:
            link = html.escape("/" + self.prefixes[only])
            body = self._page(
                "Not in this preview",
                "<p>Only one language is previewed. Stop the preview and start it without --lang to see every "
                f'language, or go to <a href="{link}">the previewed language</a>.</p>',
            )
            return self._send(HTTPStatus.NOT_FOUND, body, TYPES[".html"], with_body)
        root = self.prefixes[self._language_of(path)]
        not_found = site / root / "404.html"
        if not_found.is_file():
            return self._send_file(HTTPStatus.NOT_FOUND, not_found, with_body, site)
        self._send(HTTPStatus.NOT_FOUND, b"Not found", TEXT, with_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, status: HTTPStatus, file: Path, with_body: bool, site: Path) -> None:
        body = file.read_bytes()
        relative = file.relative_to(site).as_posix()
        # The web editor is not reloaded under an editor's hands; its pages have their own policy.
        if file.suffix == ".html" and not relative.startswith(headers.ADMIN):
            body = self._with_preview_script(body)
        self._send(status, body, content_type(file), with_body, relative, site)

    def _with_preview_script(self, page: bytes) -> bytes:
        tags = self._head_tags().encode()
        at = page.find(b"</head>")
        return page[:at] + tags + page[at:] if at >= 0 else tags + page

    def _head_tags(self) -> str:
        generation = self.builder.state.generation
        return (
            f'<link rel="stylesheet" href="{OWN}preview.css">'
            f'<script src="{OWN}reload.js?generation={generation}" defer></script>'
        )

    def _page(self, title: str, body: str, language: str = "en") -> bytes:
        return (
            f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{html.escape(title)}</title>{self._head_tags()}</head>"
            f'<body class="kd-preview-page"><main><h1>{html.escape(title)}</h1>{body}</main></body></html>'
        ).encode()

    def _failure_page(self, language: str) -> bytes:
        """What keeps the site from being shown, in the language of the page asked for: the
        content model's findings in its words, a template's or MkDocs' own as they are."""
        state, told = self.builder.state, strings_for(language)
        if state.stopping:
            lines = [finding.line_in(language) for finding in state.stopping]
        else:
            lines = state.problems or [told["preview_first_build"]]
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        intro = html.escape(told["preview_failed_intro"])
        return self._page(told["preview_failed_title"], f"<p>{intro}</p><ul>{items}</ul>", language)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        with_body: bool,
        relative: str | None = None,
        site: Path | None = None,
    ) -> None:
        """Answer with `body`; `relative` names the site's file it is (its policy depends on it),
        None for the preview's own answers."""
        self.send(status, body, content_type, with_body, self._security_headers(body, content_type, relative, site))

    def _security_headers(self, body: bytes, content_type: str, relative: str | None, site: Path | None) -> dict:
        if relative is None:
            relative = (
                "own.html"
                if content_type.startswith("text/html")
                else "own.js"
                if "javascript" in content_type
                else "own"
            )
        admin = site / headers.ADMIN / "index.html" if site is not None else None
        try:
            admin_page = admin.read_bytes() if admin is not None and relative.startswith(headers.ADMIN) else None
        except OSError:
            admin_page = None
        host = self.headers.get("Host") or ""
        origin = f"http://{host}" if _ORIGIN_HOST.match(host) else f"http://{self.server.server_address[0]!s}"
        return headers.for_file(relative, body, CONTENT_SECURITY_POLICY, admin_page, origin, "/")


def make_server(
    host: str, port: int, builder: Builder, prefixes: dict[str, str], rebuild=lambda: None
) -> ThreadingHTTPServer:
    """The preview's server; `rebuild()` asks for a build, as a saved change does."""
    handler = type(
        "PreviewHandler",
        (Handler,),
        {"builder": builder, "prefixes": prefixes, "host": host, "rebuild": staticmethod(rebuild)},
    )
    # The standard server speaks IPv4 only: an IPv6 address such as [::1] needs its own kind.
    kind = type("IPv6Server", (_Server,), {"address_family": socket.AF_INET6}) if ":" in host else _Server
    return kind((host, port), handler)


class _Server(ThreadingHTTPServer):
    """A thread per connection, up to MAX_CONNECTIONS: a flood of connections is answered 503."""

    daemon_threads = True

    def __init__(self, address, handler) -> None:
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()
