"""The content model is the one judge: a tree with every kind of finding, checked by
scripts/check_translations.py and built by `mkdocs build --strict`, gives the same
blocking findings with the same path:line; advisory ones never stop the build; and
no message speaks Python."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

import check_translations
from conftest import LANGUAGES, ROOT, build, copy_project, empty_site
from kazdual.content import KINDS, halves, model, source
from kazdual.content import config as site_config

LINE = re.compile(r"^((?:docs|news|data)/[^\s:]+):(\d+): (.+)$")


def write(root, path: str, content) -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def page(title: str, body: str = "A sentence of text.", **meta) -> str:
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}", *(f"{k}: {v}" for k, v in meta.items())]
    return "---\n" + "\n".join(lines) + f"\n---\n\n{body}\n"


def news(title: str, date: str, body: str = "A sentence of news.", **meta) -> str:
    return page(title, body, date=date, summary=json.dumps("One sentence."), **meta)


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """A small website that holds every kind of finding at least once."""
    root = empty_site(tmp_path_factory.mktemp("kinds") / "site")
    words = {"kk": "Қазақша мәтін.", "ru": "Русский текст.", "en": "English text."}
    for code, text in words.items():
        write(root, f"docs/index.{code}.md", page("KAZDUAL", text))
        write(
            root,
            f"docs/about.{code}.md",
            page("About", text + " [Goals](index.md#no-such-heading)" if code == "en" else text),
        )
        write(root, f"docs/search.{code}.md", page("Search", text))  # address the build makes
        write(
            root,
            f"news/2024-01-15-visit/index.{code}.md",
            news("Visit", "2024-01-15", text, participants=21 if code != "ru" else 12),
        )
        write(
            root,
            f"news/2024-02-01-seminar/index.{code}.md",
            news("Seminar", "2024-02-01", text + (" <script>alert(1)</script>" if code == "en" else "")),
        )
        write(
            root,
            f"news/2024-03-01-photos/index.{code}.md",
            news("Photos", "2024-03-01", text, image="missing.jpg", image_alt="Hall"),
        )
        write(
            root, f"news/2024-03-10-meeting/index.{code}.md", news("Meeting", "2024-03-10", text, activity="meeting")
        )  # evidence
    write(root, "docs/bad.kk.md", page("Жаман", "Мәтін.").encode("utf-8"))
    write(root, "docs/bad.ru.md", page("Плохо", "Текст.").encode("cp1251"))  # unreadable
    write(root, "docs/bad.en.md", page("Bad", "Text."))
    write(root, "docs/partners.kz.md", page("Серіктестер"))  # misnamed
    write(root, "docs/lonely.ru.md", page("Одна"))  # orphan: no Kazakh source
    write(root, "docs/todo.kk.md", page("Жоспар", "TODO: write this"))  # unfinished; and missing ru, en
    write(root, "docs/mixed.kk.md", page("Аралас", "Қазaқстан туралы."))  # mixed-script (Latin a)
    write(root, "docs/mixed.ru.md", page("Смешанный", "О Казахстане.", translated_from="kk:000000000000"))  # outdated
    write(root, "docs/mixed.en.md", page("Mixed", "About Kazakhstan.", translated_from="yesterday"))  # stamp
    write(root, "news/2024-04-01-dup/index.kk.md", "---\ntitle: A\ntitle: B\n---\n\nМәтін.\n")  # front-matter
    for code in ("ru", "en"):
        write(root, f"news/2024-04-01-dup/index.{code}.md", news("Dup", "2024-04-01"))
    for code in ("kk", "ru", "en"):
        write(root, f"news/2024-05-01-count/index.{code}.md", news("Count", "2024-05-01", participants=-40))  # value
    facts = {  # fact (12 is not 21), reference (a link and a name), structure (a heading)
        "kk": "## Сапар\n\n21 өкіл PH Tirol серіктесіне барды, [бағдарлама](index.md).",
        "ru": "## Визит\n\n12 представителей побывали у партнёра PH Tirol, [программа](index.md).",
        "en": "21 representatives visited the partner in Tyrol.",
    }
    for code, text in facts.items():
        write(root, f"docs/facts.{code}.md", page("Facts", text))
    write(root, "data/targets.yml", "targets:\n  - measure: visits\n    target: 3\n")  # data
    write(root, "news/2024-01-15-visit/notes.txt", "a note")  # stray
    write(root, "news/2024-01-15-visit/spare.jpg", b"\xff\xd8\xff\xe0")  # unused-photo
    os.symlink("/etc/passwd", root / "news/2024-01-15-visit/passwd.jpg")  # stray: a symbolic link
    return root


def checker_findings(root, capsys) -> list[dict]:
    check_translations.main(["--root", str(root), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def test_the_tree_holds_every_kind_of_finding(every_kind, capsys):
    kinds = {f["kind"] for f in checker_findings(every_kind, capsys)}
    assert kinds == set(KINDS), f"not shown: {set(KINDS) - kinds}"


def test_the_build_refuses_exactly_the_blocking_findings_the_checker_reports(every_kind, capsys):
    found = checker_findings(every_kind, capsys)
    blocking = {f"{f['path']}:{f['line']}: {f['message']}" for f in found if f["blocking"]}
    result = build(every_kind, every_kind / "out")
    assert result.returncode != 0 and not (every_kind / "out").exists()
    refused = {f"{m[1]}:{m[2]}: {m[3]}" for m in map(LINE.match, (result.stdout + result.stderr).splitlines()) if m}
    assert refused == blocking
    advisory = ("unstamped", "outdated", "stamp", "unused-photo", "reference", "structure", "evidence")
    assert all(f["kind"] in advisory for f in found if not f["blocking"])
    assert {f["kind"] for f in found if f["path"] == "docs/facts.ru.md"} == {"fact", "unstamped"}


def test_advisory_findings_never_stop_the_build(tmp_path, capsys):
    root = copy_project(tmp_path / "site", with_news=False)
    about = root / "docs/about.ru.md"
    about.write_text(re.sub(r"translated_from: .*\n", "", about.read_text("utf-8")), "utf-8")
    write(
        root,
        "docs/about.en.md",
        (root / "docs/about.en.md").read_text("utf-8").replace("translated_from: kk:", "translated_from: kk:0"),
    )
    assert {f["kind"] for f in checker_findings(root, capsys)} == {"unstamped", "stamp"}
    assert check_translations.main(["--root", str(root)]) == 0
    capsys.readouterr()
    result = build(root, root / "out")
    assert result.returncode == 0, result.stderr


def test_no_message_speaks_python(every_kind, capsys):
    for finding in checker_findings(every_kind, capsys):
        message = finding["message"]
        assert not re.search(
            r"<class|NoneType|\bNone\b|Traceback|Error\b|\bstr\b|\bint\b|\bdict\b|\\u[0-9a-f]{4}", message
        ), message


def test_all_problems_of_a_file_are_reported_at_once_in_a_stable_order(tmp_path, capsys):
    root = empty_site(tmp_path / "site")
    bad = (
        "---\ntitle: ''\ndate: 2024-01-16\nsummary: 7\nparticipants: yes\nactivity: party\ncolour: red\n---\n\n"
        "TODO: text\n"
    )
    for code in ("kk", "ru", "en"):
        write(root, f"news/2024-01-15-x/index.{code}.md", bad)
    first = [f for f in checker_findings(root, capsys) if f["path"].endswith("index.kk.md")]
    assert [(f["line"], f["message"].split(" ")[0]) for f in first] == [
        (2, "title"),
        (3, "date"),
        (5, "participants"),
        (6, "activity"),
        (7, "'colour'"),
        (10, "this"),
    ]
    # The same order from another process, whose sets and dicts iterate in another order.
    again = subprocess.run(
        [sys.executable, "scripts/check_translations.py", "--root", str(root), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONHASHSEED="4242"),
    )
    assert json.loads(again.stdout)["findings"] == checker_findings(root, capsys), again.stderr


@pytest.mark.parametrize(
    "front, line, expected",
    [
        ("title: Workshop: dual education", 2, "a value with a colon in it needs quotes"),
        ('title: \'Workshop "KazDual" in Astana', 2, "a quote was opened and never closed"),
        ("title: Visit\n\tsummary: x", 3, "indent with spaces, not tabs"),
        ("title: *star", 2, "put quotes around a value that starts with *"),
        ("participants: 45 адам", 5, "participants must be a whole number such as 30, not '45 адам'"),
        ("participants: yes", 5, "participants must be a whole number such as 30, not 'yes'"),
        ("participants: -40", 5, "participants must be a whole number from 1 to 1000000"),
        ("title: ''", 2, "title is empty: write"),
        ("date: 2024-02-30", 2, "write dates as YYYY-MM-DD (a real day)"),
        ("image: ../2024-01-01-other/index.kk.md", 5, "must be the name of a file in this very folder"),
        ("template: x.html", 5, "'template' is not a key the site knows"),
        ("sumary: typo", 5, "did you mean 'summary'?"),
    ],
)
def test_each_message_says_what_to_write(tmp_path, capsys, front, line, expected):
    root = empty_site(tmp_path / "site")
    key = front.split(":")[0]
    base = {"title": '"Visit"', "date": "2024-01-15", "summary": '"One sentence."'}
    lines = (
        [f"{k}: {v}" for k, v in base.items() if k != key] if key in base else [f"{k}: {v}" for k, v in base.items()]
    )
    lines.insert(0 if key in ("title", "date") else len(lines), front)
    text = "---\n" + "\n".join(lines) + "\n---\n\nText.\n"
    for code in ("kk", "ru", "en"):
        write(root, f"news/2024-01-15-x/index.{code}.md", text)
    reported = [f for f in checker_findings(root, capsys) if f["path"].endswith("index.kk.md")]
    assert any(f["line"] == line and expected in f["message"] for f in reported), reported


def test_a_translation_that_copies_the_source_is_unfinished_in_every_language(tmp_path, capsys):
    root = empty_site(tmp_path / "site")
    for code in ("kk", "ru", "en"):
        write(root, f"docs/index.{code}.md", page("KAZDUAL", "Бір мәтін барлық тілде."))
    assert {f["path"] for f in checker_findings(root, capsys) if f["kind"] == "unfinished"} == {
        "docs/index.ru.md",
        "docs/index.en.md",
    }


def test_a_draft_item_never_blocks_publishing_but_the_preview_shows_it(tmp_path, capsys):
    root = empty_site(tmp_path / "site")
    for code in ("kk", "ru", "en"):
        write(root, f"docs/index.{code}.md", page("KAZDUAL", f"Мәтін {code}."))
    write(root, "news/2024-01-15-plan/index.kk.md", news("Жоспар", "2024-01-15", "TODO: write", draft="true"))
    found = checker_findings(root, capsys)
    assert {f["kind"] for f in found if not f["blocking"]} >= {"unfinished", "missing"}
    assert not [f for f in found if f["blocking"]]


def test_the_readme_tells_every_kind_as_the_model_judges_it():
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (blocks|advisory) \|", readme, re.M))
    assert rows == {name: "blocks" if kind.blocking else "advisory" for name, kind in KINDS.items()}


def test_the_editors_guide_lists_the_front_matter_as_the_schema_has_it():
    from kazdual.content import schema

    guide = (ROOT / "news" / "README.md").read_text("utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \| (yes|no, in the file’s language) \|", guide, re.M)
    assert listed == [
        (f.name, "yes" if f.shared else "no, in the file’s language") for f in schema.NEWS if not f.by_tool
    ]


def test_the_editors_guide_is_in_every_language_and_none_is_a_finding(tmp_path, capsys):
    from kazdual.content.tree import news_guides

    codes = [lang.code for lang in LANGUAGES]
    guides = {name: (ROOT / "news" / name).read_text("utf-8") for name in news_guides(codes) if name != "README.en.md"}
    assert set(guides) == {"README.md", "README.kk.md", "README.ru.md"}
    for name, text in guides.items():
        others = set(guides) - {name}
        assert all(f"]({other})" in text for other in others), name  # each links the others
        # The browser route first, the terminal second, and the maintainer's checklist.
        assert text.index("/admin/") < text.index("scripts/new_news.py") < text.index("Collaborators"), name
        assert "py scripts/build.py --serve" in text and "npm ci" in text and "strip_photo_metadata.py" in text, name
    root = tmp_path / "site"
    shutil.copytree(ROOT / "news", root / "news", ignore=shutil.ignore_patterns("20*"))
    (root / "docs").mkdir()
    (root / "news" / "README.de.md").write_text("# Nachrichten\n", "utf-8")
    from kazdual.content.tree import find_texts

    found = find_texts(root, LANGUAGES).findings
    assert [(f.path, f.kind) for f in found] == [("news/README.de.md", "stray")]


def _judged(root, both_cores: bool) -> tuple:
    content = model.load(site_config.load(root), both_cores=both_cores)
    items = [(i.name, i.source, i.draft, i.states, i.shown_photos, sorted(i.texts)) for i in content.items]
    return content.findings, items


@pytest.fixture
def on_two_cores(monkeypatch):
    """Every site is worth a worker, on any machine: the parts each process does, by name."""
    monkeypatch.setattr(halves, "ENOUGH", 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    parent, done_here = os.getpid(), {"read": [], "judged": []}
    read, judge_item = source.read, model._judge_item

    def reading(root, path):
        done_here["read"] += [path] if os.getpid() == parent else []
        return read(root, path)

    def judging(cache, config, item, *rest):
        done_here["judged"] += [item.name] if os.getpid() == parent else []
        return judge_item(cache, config, item, *rest)

    monkeypatch.setattr(source, "read", reading)
    monkeypatch.setattr(model, "_judge_item", judging)
    return done_here


def test_a_large_site_is_judged_half_by_a_worker_the_same_as_by_one_process(every_kind, on_two_cores):
    alone = _judged(every_kind, both_cores=False)
    everything = dict(on_two_cores)
    on_two_cores.update(read=[], judged=[])
    assert _judged(every_kind, both_cores=True) == alone
    # The worker's half came from the worker: this process read and judged only its own.
    assert 0 < len(on_two_cores["read"]) < len(everything["read"]) and set(on_two_cores["read"]) < set(
        everything["read"]
    )
    assert 0 < len(on_two_cores["judged"]) <= len(everything["judged"]) // 2 + 1
    worker_half = set(everything["read"]) - set(on_two_cores["read"])
    assert any(found.path in worker_half for found in alone[0] if found.blocking)


@pytest.mark.parametrize("stage", ["read", "_judge_item"])
@pytest.mark.parametrize("ending", ["killed", "raising"])
def test_a_worker_that_fails_costs_only_time(every_kind, on_two_cores, monkeypatch, stage, ending):
    alone = _judged(every_kind, both_cores=False)
    owner = source if stage == "read" else model
    parent, done = os.getpid(), getattr(owner, stage)

    def failing_in_the_worker(*args):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL) if ending == "killed" else 1 / 0
        return done(*args)

    monkeypatch.setattr(owner, stage, failing_in_the_worker)
    assert _judged(every_kind, both_cores=True) == alone


def test_ctrl_c_while_a_worker_runs_ends_it_with_this_process(tmp_path):
    parent, told = os.getpid(), tmp_path / "worker"

    def work(things):
        if os.getpid() == parent:
            while not told.exists():
                time.sleep(0.01)
            raise KeyboardInterrupt
        (tmp_path / "pid").write_text(str(os.getpid()))
        os.replace(tmp_path / "pid", told)
        time.sleep(60)
        return things

    with pytest.raises(KeyboardInterrupt):
        halves.split(work, [1, 2, 3, 4])
    with pytest.raises(ProcessLookupError):  # ended and reaped: not left behind
        os.kill(int(told.read_text()), 0)
