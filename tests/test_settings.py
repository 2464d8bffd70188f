"""Every setting is read by the library made for it (urllib.parse) with explicit rules, and checked
before MkDocs reads it: SITE_URL an https folder address, SITE_REPO_URL a GitHub repository,
SOURCE_DATE_EPOCH a number in ASCII digits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dissemination_report
from conftest import ROOT
from kazdual.content import config as site_config
from kazdual.errors import SourceError

BAD_SITE_URLS = [
    "https://example.org//evil.example/",  # a 404 page's <base href="//evil.example/">
    "https://example.org//",
    "https://example.org/%zz/",
    "https://example.org/a%2/",
    "http://example.org/",  # not encrypted, outside this computer
    "https://example.org:８０/",
    "https://example.org/ ",
    "javascript:alert(1)//",
    "https://example.org/?x=1",
    "https://example.org/#top",
]
BAD_REPOSITORIES = [
    "https://gitlab.com/owner/name",  # the web editor would save into github.com/owner/name
    "https://github.com/owner/name.git",
    "https://./owner/name",
    "https://github.com:99999/owner/name",
    "https://github.com:443/owner/name",
    "https://user@github.com/owner/name",
    "https://github.com/owner/name/tree/main",
    "https://github.com/-owner/name",
    "https://github.com/owner/..",
    "http://github.com/owner/name",
    "https://github.com/owner/name?tab=issues",
]


@pytest.mark.parametrize("value", BAD_SITE_URLS)
def test_a_site_url_outside_the_rules_is_refused(monkeypatch, value):
    monkeypatch.setenv("SITE_URL", value)
    with pytest.raises(SourceError) as refused:
        site_config.check_environment()
    assert str(refused.value).startswith("SITE_URL:1: the site's address (site_url, or SITE_URL) must be an absolute")


@pytest.mark.parametrize(
    "value",
    ["https://example.org/", "https://example.org/kazdual", "https://[::1]:8443/a%20b/", "http://127.0.0.1:8000/"],
)
def test_a_sound_site_url_is_taken_as_a_folder(value):
    assert site_config.checked_site_url(value) == value.rstrip("/") + "/"


@pytest.mark.parametrize("value", BAD_REPOSITORIES)
def test_a_repository_that_is_no_github_repository_is_refused(monkeypatch, value):
    monkeypatch.setenv("SITE_REPO_URL", value)
    with pytest.raises(SourceError) as refused:
        site_config.check_environment()
    assert "must be the repository's https address on GitHub" in str(refused.value)


def test_the_editor_saves_into_the_repository_named():
    assert site_config.checked_repository("https://GitHub.com/KazDual/site/") == "https://github.com/KazDual/site"
    assert site_config.repository_name("https://github.com/KazDual/site") == "KazDual/site"


@pytest.mark.parametrize("value", ["１７００００００００", "17e8", "-1", " 1700000000"])
def test_source_date_epoch_is_ascii_digits(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SourceError, match="SOURCE_DATE_EPOCH:1: must be a whole number of seconds"):
        site_config.check_environment()


@pytest.mark.parametrize("value", ["https://example.org/ ", "javascript:alert(1)//"])
def test_the_report_names_the_setting_as_it_was_given(tmp_path, capsys, monkeypatch, value):
    monkeypatch.setenv("SITE_URL", value)
    assert dissemination_report.main(["--root", str(ROOT)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("SITE_URL:1: ") and f"not '{value}'" in err and "mkdocs.yml" not in err


def test_the_build_refuses_an_empty_folder_in_site_url_before_building(tmp_path):
    completed = subprocess.run(
        [sys.executable, "scripts/build.py", "--output", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, SITE_URL="https://example.org//evil.example/"),
        timeout=300,
    )
    assert completed.returncode == 1 and completed.stderr.startswith("error: SITE_URL:1: ")
    assert not (tmp_path / "out").exists()


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(list("htps:/.exampleorg0189%zZ?#@[]!$&'()*+,;= \t\n\\") + ["//", "%2e", "%2F", "..", "８"]),
        max_size=30,
    ).map(lambda rest: "https://example.org/" + "".join(rest))
)
def test_an_accepted_site_url_is_a_folder_of_one_https_host(value):
    from urllib.parse import urljoin, urlsplit

    try:
        base = site_config.checked_site_url(value)
    except SourceError as refused:
        assert "\n" not in str(refused)
        return
    parts = urlsplit(base)
    assert parts.scheme == "https" and parts.hostname == "example.org"
    assert not parts.query and not parts.fragment and "//" not in parts.path
    # A page's relative links and <base href> stay on that host.
    for link in (parts.path, "assets/site.css", "../", "./"):
        assert urlsplit(urljoin(base, link)).hostname == "example.org"
