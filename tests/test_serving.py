"""Serving: the preview and the tests' static host send every file with nosniff and a policy (the
page's own; `sandbox` for what is no page), /admin/ cannot be framed and trusts only its own
scripts; the preview lets go of slow or idle clients, and recovers when its folders are replaced."""

from __future__ import annotations

import http.client
import shutil
import socket
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import static_server
from conftest import LANGUAGES, copy_project
from kazdual import headers
from kazdual.preview import server as preview_server
from preview_support import Preview

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ADMIN_PAGE = (
    b'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;;'
    b" script-src 'self' 'sha256-abc'; style-src 'self' 'unsafe-inline'\"></head></html>"
)


def answer(base_url: str, path: str) -> http.client.HTTPResponse:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(
        b'<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">'
    )
    (tmp_path / "assets" / "x.svg").write_bytes(SVG)
    (tmp_path / "assets" / "search.js").write_bytes(b"// a worker")
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_bytes(ADMIN_PAGE)
    (tmp_path / "admin" / "kazdual.js").write_bytes(b"// the editor")
    return tmp_path


def test_every_answer_of_the_static_host_says_what_may_run(site):
    with static_server.serve(site, "/kazdual/") as base_url:
        origin = base_url.rstrip("/").rsplit("/", 1)[0]
        page = answer(base_url, "/kazdual/")
        assert page.getheader("X-Content-Type-Options") == "nosniff"
        assert page.getheader("Content-Security-Policy") == "default-src 'self'"
        drawing = answer(base_url, "/kazdual/assets/x.svg")
        assert drawing.getheader("Content-Security-Policy") == headers.NOT_A_PAGE
        assert "sandbox" in drawing.getheader("Content-Security-Policy")
        assert (
            answer(base_url, "/kazdual/assets/search.js")
            .getheader("Content-Security-Policy")
            .startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'")
        )
        editor = answer(base_url, "/kazdual/admin/").getheader("Content-Security-Policy")
        assert f"script-src {origin}/kazdual/admin/ 'sha256-abc'" in editor and "'self' 'sha" not in editor
        assert editor.endswith("; frame-ancestors 'none'")
        assert answer(base_url, "/kazdual/admin/kazdual.js").getheader("Content-Security-Policy") == editor
        for missing in ("/kazdual/nothing", "/elsewhere"):
            assert answer(base_url, missing).getheader("X-Content-Type-Options") == "nosniff"


# ---------------------------------------------------------------- the preview


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serving") / "project", with_news=False)
    marker = f"Marker-{uuid.uuid4().hex}"
    for language in LANGUAGES:
        path = project / "news/2024-01-15-visit" / f"index.{language.code}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Visit {language.code}\ndate: 2024-01-15\nsummary: {marker}\n---\n\nNews {language.code}.\n",
            "utf-8",
        )
    (project / "docs/assets/x.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    )
    return project, marker


@pytest.fixture(scope="module")
def preview(project):
    running = Preview(project[0])
    running.wait_ready()
    yield running
    running.stop()


def test_every_answer_of_the_preview_says_what_may_run(preview):
    for path, policy in (("/", "default-src 'self'; script-src 'self'"), ("/assets/x.svg", headers.NOT_A_PAGE)):
        status, _, sent = preview.get(path)
        assert status == 200 and sent["X-Content-Type-Options"] == "nosniff"
        assert sent["Content-Security-Policy"].startswith(policy)
    status, _, sent = preview.get("/__preview__/status")
    assert sent["X-Content-Type-Options"] == "nosniff" and "sandbox" in sent["Content-Security-Policy"]


def _slow_clients(preview, count: int) -> list[socket.socket]:
    clients = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", preview.port), timeout=60)
        client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the request never ends
        clients.append(client)
    return clients


def test_a_request_that_never_ends_is_let_go(preview):
    clients = _slow_clients(preview, 20)
    try:
        assert preview.get("/")[0] == 200  # the others are answered meanwhile
        started = time.monotonic()
        for client in clients:
            assert client.recv(100) == b""  # closed by the preview
        assert time.monotonic() - started < preview_server.READ_TIMEOUT_SECONDS + 10
    finally:
        for client in clients:
            client.close()


def test_open_event_streams_are_capped(preview):
    streams = []
    try:
        for _ in range(preview_server.MAX_EVENT_STREAMS):
            stream = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
            stream.sendall(b"GET /__preview__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert stream.recv(12) == b"HTTP/1.1 200"
            streams.append(stream)
        assert preview.get("/__preview__/events")[0] == 503
        assert preview.get("/")[0] == 200
    finally:
        for stream in streams:
            stream.close()


def _built_folder(marker: str) -> Path:
    for folder in Path("/dev/shm").glob("kazdual-preview-*"):
        feed = folder / "feed.xml"
        try:
            if marker in feed.read_text("utf-8"):
                return folder
        except OSError:
            continue
    pytest.skip("the preview builds outside /dev/shm here")


def test_the_preview_builds_again_when_its_pages_are_deleted(preview, project):
    shutil.rmtree(_built_folder(project[1]))
    status, body, _ = preview.get("/")
    assert status == 503 and "Building the preview again" in body
    preview.wait_for("/", lambda status, body: status == 200, "the pages came back")


def test_the_preview_follows_a_news_folder_that_was_replaced(preview, project):
    root = project[0]
    moved = root.parent / "news-aside"
    (root / "news").rename(moved)
    preview.wait_for("/news/visit/", lambda status, body: status == 404, "the item is gone with its folder")
    shutil.copytree(moved, root / "news")
    preview.wait_for("/news/visit/", lambda status, body: status == 200, "the item is back")
    text = root / "news/2024-01-15-visit/index.kk.md"
    text.write_text(text.read_text("utf-8").replace("Visit kk", "Changed kk"), "utf-8")
    preview.wait_for("/news/visit/", lambda status, body: "Changed kk" in body, "an edit in the new folder")


# ---------------------------------------------------------------- the web editor in a frame


@pytest.mark.browser
def test_the_web_editor_does_not_start_inside_a_frame_even_where_no_header_forbids_it(chromium, tmp_path):
    """GitHub Pages sends no frame-ancestors: the editor's own script refuses to run framed."""
    import contextlib
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from conftest import ROOT
    from kazdual.admin.files import admin_files
    from kazdual.admin.vendor import NotInstalled
    from kazdual.content import config as site_config
    from kazdual.content import load

    site = site_config.load(ROOT)
    try:
        made = admin_files(load(site), site, "KAZDUAL")
    except NotInstalled:
        from browser_support import missing_tool

        missing_tool("the web editor's packages are missing: run `npm ci`")
    for name, data in made.items():
        (tmp_path / "site/admin" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site/admin" / name).write_bytes(data)
    (tmp_path / "elsewhere").mkdir()

    @contextlib.contextmanager
    def plain_host(folder: Path):
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()

    with plain_host(tmp_path / "site") as editor, plain_host(tmp_path / "elsewhere") as other:
        (tmp_path / "elsewhere/index.html").write_text(f'<iframe src="{editor}admin/"></iframe>', "utf-8")
        page = chromium.new_page()
        try:
            page.goto(other)
            page.wait_for_timeout(1500)
            frame = next(f for f in page.frames if f.url.startswith(editor))
            started, shown = frame.evaluate("() => [typeof window.CMS, document.documentElement.textContent]")
            assert started == "undefined" and "opens only in a window of its own" in shown
            page.goto(f"{editor}admin/")  # in a window of its own, it starts
            page.wait_for_function("() => typeof window.CMS !== 'undefined'", timeout=20000)
        finally:
            page.close()
