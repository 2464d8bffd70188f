"""Fact parity: each kind of drift planted in each language gives one finding naming both
sides' lines; what differs only in how a language writes it gives none; nor do today's texts."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, empty_site
from kazdual.content import config as site_config
from kazdual.content import load
from photo_samples import save_photo, upright_picture
from test_check_translations import findings, matrix_row, run, write

ITEM = "news/2023-11-13-study-visit"
TEXTS = {
    "kk": """---
title: Тирольге оқу сапары
date: 2023-11-13
end_date: 2023-11-17
summary: 2023 жылғы 13–17 қарашада 21 өкіл Тирольге барды.
activity: study-visit
participants: 21
audiences:
  - university-staff
---

2023 жылғы 13–17 қараша аралығында Қазақстаннан 21 өкіл PH Tirol серіктесіне барды.

## Бағдарлама

- 6B01705 бағдарламасы ACQUIN аккредиттеуінен өтті.
- Шамамен 70 адам [семинарға](https://example.org/kk/seminar) қатысты.

| Кезең | Күні |
|---|---|
| D3.4 | 2022–2023 |

![Залдағы қатысушылар](hall.jpg)
""",
    "ru": """---
title: Учебный визит в Тироль
date: 2023-11-13
end_date: 2023-11-17
summary: С 13 по 17 ноября 2023 года 21 представитель побывал в Тироле.
activity: study-visit
participants: 21
audiences:
  - university-staff
---

С 13 по 17 ноября 2023 года 21 представитель Казахстана посетил партнёра PH Tirol.

## Программа

- Программа 6B01705 прошла аккредитацию ACQUIN.
- Около 70 человек приняли участие в [семинаре](https://example.org/ru/seminar).

| Этап | Дата |
|---|---|
| D3.4 | 2022–2023 |

![Участники в зале](hall.jpg)
""",
    "en": """---
title: Study visit to Tyrol
date: 2023-11-13
end_date: 2023-11-17
summary: From 13 to 17 November 2023, 21 representatives visited Tyrol.
activity: study-visit
participants: 21
audiences:
  - university-staff
---

From 13 to 17 November 2023, 21 representatives from Kazakhstan visited the partner PH Tirol.

## Programme

- The 6B01705 programme passed ACQUIN accreditation.
- About 70 people took part in the [seminar](https://example.org/en/seminar).

| Stage | Date |
|---|---|
| D3.4 | 2022–23 |

![Participants in the hall](hall.jpg)
""",
}
PARITY_KINDS = {"fact", "reference", "structure"}
SOURCE = f"{ITEM}/index.kk.md"


def line_of(site, path: str, words: str) -> int:
    lines = (site / path).read_text("utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if words in line)


def parity_findings(site, capsys) -> list[str]:
    _, out, _ = run(capsys, site, "--format", "json")
    return [
        f"{f['path']}:{f['line']}: {f['message']}" for f in json.loads(out)["findings"] if f["kind"] in PARITY_KINDS
    ]


@pytest.fixture
def item(tmp_path, capsys):
    """The news item in every language, saying the same facts each in its own way, stamped."""
    site = empty_site(tmp_path / "site")
    for code, text in TEXTS.items():
        write(site, f"{ITEM}/index.{code}.md", text)
    save_photo(site / ITEM / "hall.jpg", upright_picture((64, 48)), gps=False)
    code, _, err = run(capsys, site, "--stamp", f"{ITEM}/index.ru.md", f"{ITEM}/index.en.md")
    assert code == 0, err
    return site


def plant(site, path: str, old: str, new: str) -> None:
    text = (site / path).read_text("utf-8")
    assert old in text, old
    (site / path).write_text(text.replace(old, new, 1), "utf-8")


def test_texts_that_say_the_same_facts_have_no_finding(item, capsys):
    code, out, _ = run(capsys, item)
    assert code == 0 and findings(out) == []


# What is planted in each translation: the text changed, the words of the line where the
# finding belongs in the translation (after the change), of the source's line, and the message.
DRIFTS = {
    "a changed number": (
        {
            "ru": ("21 представитель Казахстана", "12 представитель Казахстана"),
            "en": ("21 representatives from", "12 representatives from"),
        },
        {"ru": "представитель Казахстана", "en": "representatives from"},
        "Қазақстаннан 21",
        "the Қазақша (kk) text says 21 ({source}), this one says 12: make them the same",
    ),
    "a dropped year": (
        {
            "ru": ("ноября 2023 года 21 представитель Казахстана", "ноября 21 представитель Казахстана"),
            "en": ("November 2023, 21 representatives from", "November, 21 representatives from"),
        },
        {"ru": "представитель Казахстана", "en": "representatives from"},
        "Қазақстаннан 21",
        "the Қазақша (kk) text says the year 2023 ({source}), this one does not: add it",
    ),
    "a changed code": (
        {"ru": ("6B01705 прошла", "6B01706 прошла"), "en": ("The 6B01705", "The 6B01706")},
        {"ru": "6B01706", "en": "6B01706"},
        "6B01705",
        "the Қазақша (kk) text says the code 6B01705 ({source}), this one says the code 6B01706: make them the same",
    ),
    "a dropped approximate marker": (
        {"ru": ("Около 70", "70"), "en": ("About 70", "70")},
        {"ru": "70 человек", "en": "70 people"},
        "Шамамен 70",
        "the Қазақша (kk) text says about 70 ({source}), this one says 70: make them the same",
    ),
    "an added number": (
        {"ru": ("посетил партнёра", "посетил 3 партнёров"), "en": ("visited the partner", "visited 3 partners")},
        {"ru": "партнёров", "en": "partners"},
        "Қазақстаннан 21",
        "this text says 3, which the Қазақша (kk) text does not say ({source}): remove it, or add it there",
    ),
    "a missing link": (
        {
            "ru": ("[семинаре](https://example.org/ru/seminar)", "семинаре"),
            "en": ("[seminar](https://example.org/en/seminar)", "seminar"),
        },
        {"ru": "6B01705", "en": "6B01705"},
        "семинарға",
        "the Қазақша (kk) text has a link to https://example.org/kk/seminar ({source}), this one does not: add it",
    ),
    "a missing photo": (
        {"ru": ("![Участники в зале](hall.jpg)", ""), "en": ("![Participants in the hall](hall.jpg)", "")},
        {"ru": "| Этап |", "en": "| Stage |"},
        "hall.jpg",
        "the Қазақша (kk) text has the photo hall.jpg ({source}), this one does not: add it",
    ),
    "a missing name": (
        {"ru": ("партнёра PH Tirol", "партнёра в Тироле"), "en": ("the partner PH Tirol", "the partner in Tyrol")},
        {"ru": "партнёра в Тироле", "en": "the partner in Tyrol"},
        "PH Tirol",
        "the Қазақша (kk) text has the name PH ({source}), this one does not: add it",
    ),
    "a dropped heading": (
        {"ru": ("## Программа\n\n", ""), "en": ("## Programme\n\n", "")},
        {"ru": "6B01705", "en": "6B01705"},
        "## Бағдарлама",
        "the Қазақша (kk) text has the heading “Бағдарлама” ({source}), this one does not: add it",
    ),
    "a dropped list item": (
        {
            "ru": (
                "- Программа 6B01705 прошла аккредитацию ACQUIN.\n",
                "- Программа 6B01705 прошла аккредитацию ACQUIN. ",
            ),
            "en": (
                "- The 6B01705 programme passed ACQUIN accreditation.\n",
                "- The 6B01705 programme passed ACQUIN accreditation. ",
            ),
        },
        {"ru": "6B01705", "en": "6B01705"},
        "- 6B01705",
        "the Қазақша (kk) text has a list of 2 items ({source}), this one has a list of 1 item: make them the same",
    ),
    "a dropped table row": (
        {"ru": ("| D3.4 | 2022–2023 |\n", ""), "en": ("| D3.4 | 2022–23 |\n", "")},
        {"ru": "| Этап |", "en": "| Stage |"},
        "| Кезең |",
        "the Қазақша (kk) text has a table of 1 row by 2 columns ({source}), "
        "this one has a table of 0 rows by 2 columns: make them the same",
    ),
}


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("drift", list(DRIFTS))
def test_each_drift_planted_in_a_translation_is_found_with_both_lines(item, capsys, drift, language):
    changes, here, there, message = DRIFTS[drift]
    path = f"{ITEM}/index.{language}.md"
    plant(item, path, *changes[language])
    expected = f"{path}:{line_of(item, path, here[language])}: " + message.format(
        source=f"{SOURCE}:{line_of(item, SOURCE, there)}"
    )
    assert expected in parity_findings(item, capsys)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_drift_is_one_finding_of_its_kind_and_only_facts_block(item, capsys, language):
    path = f"{ITEM}/index.{language}.md"
    plant(item, path, *DRIFTS["a changed number"][0][language])
    code, out, _ = run(capsys, item, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["path"] == path]
    assert [(f["kind"], f["blocking"]) for f in found] == [("fact", True)] and code == 1
    plant(item, path, *DRIFTS["a missing link"][0][language])
    plant(item, path, *DRIFTS["a dropped heading"][0][language])
    plant(item, path, "12", "21")
    code, out, _ = run(capsys, item, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["path"] == path]
    assert sorted((f["kind"], f["blocking"]) for f in found) == [("reference", False), ("structure", False)]
    assert code == 0
    states = dict(zip(["kk", "ru", "en"], matrix_row(run(capsys, item)[1], ITEM), strict=True))
    assert states == {"kk": "source", "ru": "ok", "en": "ok", language: "reference"}


def test_a_change_in_the_source_is_found_in_every_translation(item, capsys):
    plant(item, SOURCE, "Қазақстаннан 21", "Қазақстаннан 22")
    source = f"{SOURCE}:{line_of(item, SOURCE, 'Қазақстаннан 22')}"
    found = parity_findings(item, capsys)
    for language, words in (("ru", "представитель Казахстана"), ("en", "representatives from")):
        path = f"{ITEM}/index.{language}.md"
        line = line_of(item, path, words)
        assert f"{path}:{line}: the Қазақша (kk) text says 22 ({source}), this one says 21: make them the same" in found
    assert len(found) == 2


def test_a_fact_in_the_front_matter_is_compared_with_the_same_key(item, capsys):
    path = f"{ITEM}/index.en.md"
    plant(item, path, "summary: From 13 to 17 November 2023, 21", "summary: From 13 to 17 November 2023, 12")
    assert parity_findings(item, capsys) == [
        f"{path}:5: the Қазақша (kk) text says 21 ({SOURCE}:5), this one says 12: make them the same"
    ]


def test_an_unfinished_translation_is_not_compared_yet(item, capsys):
    path = f"{ITEM}/index.en.md"
    plant(item, path, "From 13 to 17 November 2023, 21 representatives", "TODO: translate")
    assert parity_findings(item, capsys) == []


# The same facts written as each language writes them: no finding.
SAME = [
    ("2023 жылғы 11 қыркүйекте өтті.", "Состоялось 11 сентября 2023 года.", "It took place on September 11th, 2023."),
    ("2023 ж. 11 қыр. басталды.", "Начало: 11 сент. 2023 г.", "It started on 11 Sep 2023."),
    (
        "Сапар 13–17 қараша аралығында өтті.",
        "Визит прошёл с 13 по 17 ноября.",
        "The visit took place from 13 to 17 November.",
    ),
    (
        "2022 жылғы 26 маусым мен 6 шілде аралығында.",
        "С 26 июня 2022 года по 6 июля 2022 года.",
        "From 26 June to 6 July 2022.",
    ),
    ("5–7 мамырда.", "5–7 мая.", "On 5–7 May."),
    ("Отыз оқытушы қатысты.", "Участвовали 30 преподавателей.", "Thirty teachers took part."),
    ("Жиырма бір өкіл.", "21 представитель.", "Twenty-one representatives."),
    ("Жобаның 3-айында.", "На третьем месяце проекта.", "In month 3 of the project."),
    ("2022–2023 оқу жылында.", "В 2022–2023 учебном году.", "In the 2022–23 academic year."),
    ("1 500 студент.", "1 500 студентов.", "1,500 students."),
    ("1,5 млн еуро.", "1,5 млн евро.", "EUR 1.5 million."),
    ("Шамамен 70 адам.", "Около 70 человек.", "About 70 people."),
    ("70-тен астам адам.", "Более 70 человек.", "More than 70 people."),
    (
        "[Сайт](https://example.org/kk/about), [бет](about.md).",
        "[Сайт](https://example.org/ru/about), [страница](about.md).",
        "[Site](https://example.org/en/about), [page](about.md).",
    ),
    (
        "[Мақала](https://kk.wikipedia.org/wiki/X?lang=kk&id=5)",
        "[Статья](https://ru.wikipedia.org/wiki/X?lang=ru&id=5)",
        "[Article](https://en.wikipedia.org/wiki/X?lang=en&id=5)",
    ),
    (
        "Код: `6B01705` (WP5), https://example.org/2023/12.",
        "Код: `6B01705` (WP5), https://example.org/2024/7.",
        "Code: `6B01705` (WP5), https://example.org/2025/1.",
    ),
    ("KAZDUAL мен IQAA GitHub-та.", "KAZDUAL и IQAA на GitHub.", "KAZDUAL and IQAA on GitHub."),
]


@pytest.mark.parametrize("kk, ru, en", SAME)
def test_the_same_facts_written_in_each_language_s_way_give_no_finding(tmp_path, capsys, kk, ru, en):
    site = empty_site(tmp_path / "site")
    for code, body in {"kk": kk, "ru": ru, "en": en}.items():
        write(site, f"docs/about.{code}.md", f"---\ntitle: T {code}\n---\n\n{body}\n")
        write(site, f"docs/index.{code}.md", f"---\ntitle: I {code}\n---\n\nText {code}.\n")
    assert parity_findings(site, capsys) == []


def test_today_s_texts_give_no_parity_finding():
    content = load(site_config.load(ROOT))
    assert [str(f) for f in content.findings if f.kind in PARITY_KINDS] == []
