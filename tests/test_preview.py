"""The live preview (`python3 scripts/build.py --serve`) over real HTTP: it starts with
unfinished work and shows it with notices, follows edits of texts, templates,
interface text and configuration, shows a failed rebuild's findings and recovers,
previews one language at its published address, and meets a busy port or a bad
address with one line. (Timings are measured by scripts/bench.py, not here.)"""

from __future__ import annotations

import html
import http.client
import os
import re
import socket
import subprocess

import pytest

import new_news
from conftest import LANGUAGES, build, copy_project
from kazdual.strings import strings_for
from preview_support import Preview, free_port, link_venv

SLUG = "planned-visit"
STILL_TO_WRITE = {"kk": "әлі жазылмаған", "ru": "ещё не", "en": "is still to write"}
ITEM = f"news/2024-01-15-{SLUG}"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The website without its news, plus one item just started with the scaffold."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project", with_news=False)
    assert new_news.main(["Жоспарланған сапар", "--date", "2024-01-15", "--slug", SLUG, "--root", str(project)]) == 0
    return project


@pytest.fixture(scope="module")
def preview(project):
    running = Preview(project)
    running.wait_ready()
    yield running
    running.stop()


def edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def test_a_scaffolded_item_is_shown_with_what_keeps_it_from_publishing(preview):
    for lang in LANGUAGES:
        status, page, _ = preview.get(f"/{lang.prefix}news/{SLUG}/")
        assert status == 200
        assert f'<html lang="{lang.code}"' in page
        assert strings_for(lang.code)["preview_not_ready"] in page  # the notice in the reader's language
        # path:line: as the checker gives it, then the message in the page's language
        assert f"{ITEM}/index.{lang.code}.md:" in page and STILL_TO_WRITE[lang.code] in page
    assert "Жоспарланған сапар" in preview.get(f"/news/{SLUG}/")[1]
    blocking = [f for f in preview.status()["findings"] if f["blocking"]]
    assert blocking and all(f["text"].startswith(ITEM) for f in blocking)


def test_every_page_loads_the_preview_script_from_its_own_origin(preview):
    page = preview.get("/")[1]
    script = re.search(r'<script src="(/__preview__/reload\.js\?generation=\d+)" defer>', page)
    assert script, page[:500]
    status, code, headers = preview.get(script.group(1))
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and "EventSource" in code


@pytest.mark.parametrize(
    "path", ["/%0d%0aSet-Cookie:%20taken=1/../about", "/%2F%2Fevil.example/../about", "//evil.example/../about"]
)
def test_a_redirect_stays_on_the_preview_and_adds_no_header(preview, path):
    status, _, headers = preview.get(path)
    assert status == 302 and headers["Location"] == "/about/" and "Set-Cookie" not in headers


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/__preview__/../../server.py",
        "/a%00b",
    ],
)
def test_no_request_reads_outside_the_built_site(preview, path):
    status, body, _ = preview.get(path)
    assert status == 404 and "root:" not in body and "import" not in body


@pytest.mark.parametrize("path", ["/" + "a" * 300, "/a" * 3000 + "/"])
def test_an_address_too_long_for_any_file_is_not_found(preview, path):
    """The system refuses to look such a name up: that is no rebuild under way."""
    status, body, _ = preview.get(path)
    assert status == 404 and "Rebuilt just now" not in body


@pytest.mark.parametrize(
    "host, status",
    [
        ("evil.example", 421),
        ("evil.example:{port}", 421),
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("LOCALHOST", 200),
        ("[::1]:{port}", 200),
        ("192.168.1.20:{port}", 200),
    ],
)
def test_only_an_address_of_this_computer_is_answered(preview, host, status):
    """A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and read
    the drafts the preview shows: a request that names another host gets nothing."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    try:
        connection.request("GET", "/__preview__/status", headers={"Host": host.format(port=preview.port)})
        response = connection.getresponse()
        body = response.read().decode()
    finally:
        connection.close()
    assert response.status == status
    assert ("findings" in body) == (status == 200)


def test_head_of_the_event_stream_is_its_headers_alone(preview):
    """A HEAD answer has no body: the stream's first event came after the headers, and the
    answer never ended."""
    with socket.create_connection(("127.0.0.1", preview.port), timeout=5) as connection:
        connection.sendall(b"HEAD /__preview__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := connection.recv(4096):  # a timeout here: the answer did not end
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"text/event-stream" in head and body == b""


def test_an_edit_of_a_news_text_reaches_the_page(preview, project):
    edit(
        project / ITEM / "index.ru.md",
        "TODO: translate the news text",
        "Участники обсудили план визита. TODO: translate the news text",
    )
    preview.wait_for(
        f"/ru/news/{SLUG}/", lambda status, body: "Участники обсудили план визита." in body, "the edit did not appear"
    )


def test_a_draft_carries_its_badge(preview, project):
    for lang in LANGUAGES:
        edit(project / ITEM / f"index.{lang.code}.md", "date: 2024-01-15\n", "date: 2024-01-15\ndraft: true\n")
    badge = strings_for("ru")["draft"]
    preview.wait_for(f"/ru/news/{SLUG}/", lambda status, body: badge in body, "no draft badge")
    preview.wait_for("/ru/news/", lambda status, body: badge in body, "no draft badge in the listing")


@pytest.mark.parametrize(
    "where, old, new, path, shown",
    [
        (
            "docs/about.en.md",
            "\n---\n",
            "\n---\n\nA sentence written just now.\n",
            "/en/about/",
            "A sentence written just now.",
        ),
        ("overrides/partials/footer.html", "<footer ", '<footer data-edited="yes" ', "/en/", 'data-edited="yes"'),
        (
            "scripts/kazdual/strings/en.yml",
            "accessibility: Accessibility",
            "accessibility: Accessibility statement",
            "/en/",
            "Accessibility statement",
        ),
        ("mkdocs.yml", "site_name: KAZDUAL", "site_name: KAZDUAL preview", "/en/", "KAZDUAL preview"),
    ],
)
def test_every_source_of_a_page_is_followed(preview, project, where, old, new, path, shown):
    edit(project / where, old, new)
    preview.wait_for(path, lambda status, body: status == 200 and shown in body, f"an edit of {where} did not appear")


def test_a_broken_item_is_held_back_alone_and_the_next_good_save_brings_it_back(preview, project):
    text = project / ITEM / "index.en.md"
    good = text.read_text("utf-8")
    broken = re.sub(r"^title: .*$", "title: Visit: a colon without quotes", good, count=1, flags=re.M)
    assert broken != good
    text.write_text(broken, "utf-8")
    status, page = preview.wait_for(
        f"/en/news/{SLUG}/", lambda status, body: "not valid YAML" in body, "the item's findings were not shown"
    )
    assert status == 200
    assert (
        f"{ITEM}/index.en.md:2: the front matter is not valid YAML here: a value with a colon in it needs quotes"
        in page
    )
    assert "/__preview__/reload.js" in page  # so the page comes back by itself
    status, home, _ = preview.get("/en/")
    assert status == 200 and strings_for("en")["preview_withheld"] not in home
    text.write_text(good, "utf-8")
    preview.wait_for(
        f"/en/news/{SLUG}/",
        lambda status, body: status == 200 and strings_for("en")["preview_withheld"] not in body,
        "the item did not come back",
    )


def test_one_broken_item_hides_only_its_own_pages_with_its_findings_in_their_language(tmp_path):
    """`participants: 45 адам` in one translation, a page whose English front matter cannot be
    read, and the same on the home page: those show what to fix, in the language of the page;
    every other page is served."""
    project = copy_project(tmp_path / "project")
    item = "news/2023-11-13-study-visit-tyrol"
    edit(project / item / "index.ru.md", "activity: study-visit\n", "activity: study-visit\nparticipants: 45 адам\n")
    edit(project / "docs/about.en.md", "title: About the project", "title: About: the project")
    edit(project / "docs/index.ru.md", "title: Внедрение", "title: Проект: внедрение")  # the home page too
    running = Preview(project)
    try:
        running.wait_ready()
        said = {
            "kk": "«Қатысушылар саны» (participants): бүтін сан керек, мысалы 30, «45 адам» емес",
            "ru": "«Число участников» (participants): нужно целое число, например 30, а не «45 адам»",
            "en": "participants must be a whole number such as 30, not '45 адам'",
        }
        for lang in LANGUAGES:
            told = strings_for(lang.code)
            status, page, _ = running.get(f"/{lang.prefix}news/study-visit-tyrol/")
            assert status == 200 and f'<html lang="{lang.code}"' in page
            assert told["preview_withheld_title"] in page and told["preview_withheld"] in page
            assert f"{item}/index.ru.md:7: {said[lang.code]}" in html.unescape(page)
            for path, where in (("about/", "docs/about.en.md:2: "), ("", "docs/index.ru.md:2: ")):
                status, page, _ = running.get(f"/{lang.prefix}{path}")
                assert status == 200 and told["preview_withheld"] in page and where in page, (lang.code, path)
            for path in ("news/", "news/flexible-model-dual-education/", "consortium/", "contacts/"):
                status, page, _ = running.get(f"/{lang.prefix}{path}")
                assert status == 200 and told["preview_withheld"] not in page, (lang.code, path)
            status, listing, _ = running.get(f"/{lang.prefix}news/")
            assert "study-visit-tyrol/" not in listing and "flexible-model-dual-education/" in listing
    finally:
        running.stop()
    result = build(project, project / "out")
    assert result.returncode != 0 and f"{item}/index.ru.md:7: participants must be a whole number" in result.stderr


def test_a_link_or_a_pipe_in_docs_stops_the_preview_before_it_is_read(tmp_path):
    """MkDocs reads all of docs/, following links: the preview served a linked file from
    anywhere, walked a linked folder that holds the website itself without end, and would
    wait for ever on a named pipe."""
    project = copy_project(tmp_path / "project", with_news=False)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site", "utf-8")
    os.symlink(secret, project / "docs/assets/leak.css")
    os.symlink(tmp_path, project / "docs/outside")
    os.symlink("/", project / "docs/all of it")  # a name no page may have: still a link first
    os.mkfifo(project / "docs/pipe.en.md")
    (project / "overrides/assets").mkdir(exist_ok=True)
    os.symlink(secret, project / "overrides/assets/theme-leak.css")
    running = Preview(project)
    try:
        running.wait_ready()
        for path in ("/about/", "/assets/leak.css", "/outside/secret.txt", "/assets/theme-leak.css"):
            status, body, _ = running.get(path)
            assert status == 500 and "not for the site" not in body
        status, body, _ = running.get("/ru/about/")  # the findings in the language of the page asked for
        assert status == 500 and '<html lang="ru">' in body and strings_for("ru")["preview_failed_title"] in body
        assert "docs/assets/leak.css:1: это символическая ссылка: положите сюда сам файл или саму папку" in body
        shown = running.status()["problems"]
        assert "docs/assets/leak.css:1: this is a symbolic link: put the real file or folder here instead" in shown
        assert "docs/outside:1: this is a symbolic link: put the real file or folder here instead" in shown
        assert "docs/all of it:1: this is a symbolic link: put the real file or folder here instead" in shown
        assert "docs/pipe.en.md:1: this is not a regular file: remove it" in shown
        assert (
            "overrides/assets/theme-leak.css:1: this is a symbolic link: put the real file or folder here instead"
            in shown
        )
    finally:
        running.stop()


def test_one_language_is_previewed_at_its_published_address(project):
    running = Preview(project, "--lang", "ru")
    try:
        running.wait_ready()
        status, page, _ = running.get(f"/ru/news/{SLUG}/")
        assert status == 200 and '<html lang="ru"' in page
        assert running.get("/ru/about/")[0] == 200
        status, _, headers = running.get("/")
        assert status == 302 and headers["Location"] == "/ru/"
        status, page, _ = running.get("/en/about/")
        assert status == 404 and "Only one language is previewed" in page
        assert running.get("/ru/no-such-page/")[0] == 404
    finally:
        running.stop()


def test_a_busy_port_gets_one_line(preview, project):
    result = subprocess.run(
        [str(link_venv(project)), "scripts/build.py", "--serve", "--dev-addr", f"127.0.0.1:{preview.port}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: port {preview.port} on 127.0.0.1 is in use (is another preview running?): stop it, or use another "
        f"port: --dev-addr 127.0.0.1:{preview.port + 1}"
    ]


@pytest.mark.parametrize(
    "address, phrase",
    [
        ("nonsense", "--dev-addr must be HOST:PORT"),
        ("127.0.0.1:99999", "--dev-addr must be HOST:PORT"),
        ("203.0.113.7:8000", "is not an address of this computer"),
        ("local\nhost:8000", "--dev-addr must be HOST:PORT"),
    ],
)
def test_a_bad_address_gets_one_line(project, address, phrase):
    result = subprocess.run(
        [str(link_venv(project)), "scripts/build.py", "--serve", "--dev-addr", address],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (1, 2)
    assert len(result.stderr.strip().splitlines()) == 1 and phrase in result.stderr and "Traceback" not in result.stderr


def test_an_ipv6_address_is_served(project):
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("this computer has no IPv6 loopback address")
    running = Preview(project, host="::1")
    try:
        running.wait_ready()
        assert running.get("/about/")[0] == 200
        busy = subprocess.run(
            [str(link_venv(project)), "scripts/build.py", "--serve", "--dev-addr", f"[::1]:{running.port}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert busy.stderr.strip().endswith(f"use another port: --dev-addr [::1]:{running.port + 1}")
    finally:
        running.stop()


def test_an_unknown_language_gets_one_line(project):
    result = subprocess.run(
        [
            str(link_venv(project)),
            "scripts/build.py",
            "--serve",
            "--lang",
            "kz",
            "--dev-addr",
            f"127.0.0.1:{free_port()}",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.strip() == "error: --lang must be one of kk, ru, en, not 'kz'"
    result = subprocess.run(
        [
            str(link_venv(project)),
            "scripts/build.py",
            "--serve",
            "--lang",
            "k\nk",
            "--dev-addr",
            f"127.0.0.1:{free_port()}",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.strip() == "error: --lang must be one of kk, ru, en, not 'k\\nk'"
