"""The local static host of the browser tests and scripts/lighthouse.py serves a site
at the path of its address, as GitHub Pages serves a project's site below /project/."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import static_server


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>about</p>", "utf-8")
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "404.html").write_text("<p>ru 404</p>", "utf-8")
    (tmp_path / "404.html").write_text("<p>404</p>", "utf-8")
    return tmp_path


def get(base_url: str, path: str) -> tuple[int, str, str]:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Location") or "", response.read().decode("utf-8")
    finally:
        connection.close()


def test_a_site_served_at_the_root(site):
    with static_server.serve(site) as base_url:
        assert base_url.endswith("/") and urlsplit(base_url).path == "/"
        assert get(base_url, "/about/") == (200, "", "<p>about</p>")
        assert get(base_url, "/about")[:2] == (301, "/about/")
        assert get(base_url, "/ru/nothing/") == (404, "", "<p>ru 404</p>")


def test_a_site_served_below_its_project_path(site):
    with static_server.serve(site, "kazdual") as base_url:
        assert urlsplit(base_url).path == "/kazdual/"
        assert get(base_url, "/kazdual/about/") == (200, "", "<p>about</p>")
        assert get(base_url, "/kazdual")[:2] == (301, "/kazdual/")
        assert get(base_url, "/kazdual/ru/nothing/") == (404, "", "<p>ru 404</p>")
        assert get(base_url, "/kazdual/nothing/") == (404, "", "<p>404</p>")
        # Outside the project's path there is nothing, not the site at the root.
        assert get(base_url, "/about/")[0] == 404
        assert get(base_url, "/kazdualx/about/")[0] == 404
