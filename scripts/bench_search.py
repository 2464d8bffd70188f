"""How well the built site's search finds what readers look for, per language, and what it costs.

    python3 scripts/bench_search.py [--site site] [--json figures.json] [--seed N] [--no-timing]

Queries are made from the built pages, and so is what each should find: the pages
that hold the word. For Kazakh, "the word" is every form of it: the pages' words are
grouped by this script's own Kazakh noun paradigm (it builds forms from a stem:
plural, possessive, case, with harmony and voicing), never by the site's
normaliser, which it measures. Kinds of query:

  kk  dictionary  a stem as a dictionary gives it (жоба, мектеп)
      inflected   a form that is on the site (жобаның, мектебінде)
      unseen      a form of a noun of the site that no page has (жобаларымызда)
      phrase      two words that stand together on a page, as there or as dictionary forms
      keyboard    any of the above typed on a Russian keyboard (багдарлама)
      latin       any of the above in the Latin alphabet of 2021 (bağdarlama)
      absent      a word no page has in any form: nothing should be found
  ru, en  word / phrase / absent; en also us: a US spelling of a UK word on the site

Searches run in Chromium through the site's own search code, as the search page runs
them: the bundle's pagefind.js, which holds the site's engine where the language has
one (or, in a site built before that, <language>/pagefind/engine/pagefind.js, to
compare). Recall is the share of a query's pages that the search returns, averaged
over the queries; "empty" counts queries that returned nothing although pages hold
the word (each is listed); "junk" counts absent words that returned pages.

Costs: each search page in gzip -9 bytes as loaded before the first query, and what the
engine adds to Pagefind's own pagefind.js; each index's bytes beside Pagefind's alone
on the same pages; and the time the site's search indexing (this checkout's code)
takes beside Pagefind's alone, in wall and CPU seconds. Not a test: the figures are
for people, to compare two builds (run it on each with the same --seed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_env  # noqa: E402

ROOT = local_env.ROOT
SEED = 20
PER_KIND = 300
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_WORD = re.compile(r"[^\W_]+")
# Pagefind reads no word of these (a chart's <svg> has its title and description: the table beside it has the words).
_SKIP = {"script", "style", "noscript", "svg"}
_BREAK = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "section",
    "article",
    "figcaption",
}

# ---------------------------------------------------------------- the pages


class _Text(HTMLParser):
    """The text of a page's elements marked data-pagefind-body, blocks apart."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BREAK:
            self.chunks.append(" ")
        if tag in self.VOID:
            return
        if self.depth or "data-pagefind-body" in dict(attrs):
            self.depth += 1
        self.skip += tag in _SKIP

    def handle_endtag(self, tag):
        if tag in _BREAK:
            self.chunks.append(" ")
        if self.depth and tag not in self.VOID:
            self.depth -= 1
        self.skip -= tag in _SKIP and self.skip > 0

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.chunks.append(data)


def page_words(site: Path, prefix: str, others: set[str]) -> dict[str, list[str]]:
    """Each page's words, in order, by its address ("/about/"), for one language."""
    root = site / prefix
    pages = {}
    hyphen_endings = _endings()
    for file in sorted(root.rglob("*.html")):
        relative = file.relative_to(site)
        if not prefix and relative.parts[0] in others | {"pagefind", "admin"}:
            continue
        parser = _Text()
        parser.feed(file.read_text("utf-8"))
        words = [
            word
            for chunk in " ".join(parser.chunks).lower().split()
            for at, word in enumerate(_WORD.findall(chunk))
            if not (at and word in hyphen_endings)
        ]
        if words:
            url = "/" + relative.as_posix().removesuffix("index.html")
            pages[url] = words
    return pages


# ---------------------------------------------------------------- Kazakh forms, made from a stem

BACK, FRONT = set("аоұыяё"), set("әөүіеэ")
VOWELS = BACK | FRONT | set("юи")
KAZAKH_ONLY = set("әғқңөұүһі")
FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
LATIN = dict(
    zip(
        "а ә б в г ғ д е ё ж з и й і к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы ь э ю я".split(),
        "a ä b v g ğ d e io j z i i ı k q l m n ñ o ö p r s t u ū ü f h h ts ch ş şş  y  e iu ia".split(" "),
        strict=True,
    )
)
DROPPED = {"орын", "ерін", "мұрын", "ауыз", "қарын", "мойын", "қойын", "халық", "ерік", "дауыс", "әріп"}


def _sound(stem: str) -> str:
    last = stem[-2] if stem.endswith("ь") and len(stem) > 1 else stem[-1]
    if last in "аәеоөұүыіэюяё":
        return "V"
    if last in "руйи":
        return "R"
    return {"л": "L", "м": "N", "н": "N", "ң": "N", "ж": "Z", "з": "Z"}.get(last, "T")


def _harmonies(stem: str) -> list[str]:
    """The harmonies a stem's endings may take: both when its last vowel is и or у."""
    if stem.endswith("ь"):
        return ["f"]
    for letter in reversed(stem):
        if letter in BACK:
            return ["b"]
        if letter in FRONT:
            return ["f"]
        if letter in "иу":
            return ["b", "f"]
    return ["b", "f"]


def _pick(harmony: str, back: str, front: str) -> str:
    return back if harmony == "b" else front


def _cases(stem: str, harmony: str, after_third: bool) -> list[str]:
    h = harmony
    if after_third:  # жобасы-ның, -н, -на, -нда, -нан, -мен
        return [
            stem + e
            for e in (
                "ның" if h == "b" else "нің",
                "н",
                _pick(h, "на", "не"),
                _pick(h, "нда", "нде"),
                _pick(h, "нан", "нен"),
                "мен",
            )
        ]
    s = _sound(stem)
    genitive = {"V": "ның", "N": "ның", "T": "тың"}.get(s, "дың")
    accusative = {"V": "ны", "T": "ты"}.get(s, "ды")
    dative = "қа" if s == "T" else "ға"
    locative = "та" if s == "T" else "да"
    ablative = {"N": "нан", "T": "тан"}.get(s, "дан")
    instrumental = {"Z": "бен", "T": "пен"}.get(s, "мен")
    forms = [genitive, accusative, dative, locative, ablative]
    if h == "f":
        forms = [f.replace("ы", "і").replace("ға", "ге").replace("қа", "ке").replace("а", "е") for f in forms]
    return [stem + e for e in [*forms, instrumental]]


def _before_vowel(stem: str) -> str:
    """The stem before an ending that starts with a vowel: мектеп → мектеб, орын → орн, модель → модел."""
    if stem in DROPPED:
        at = max(stem.rfind("ы"), stem.rfind("і"))
        return stem[:at] + stem[at + 1 :]
    if stem.endswith("ль"):
        return stem[:-1]
    if len(stem) > 2 and stem[-2] in VOWELS and stem[-1] in "пкқ":
        return stem[:-1] + {"п": "б", "к": "г", "қ": "ғ"}[stem[-1]]
    return stem


def paradigm(stem: str) -> set[str]:
    """Forms of a noun: plural, possessive (third person, first plural), case, the relative -ғы."""
    forms = {stem}
    for h in _harmonies(stem):
        plural = stem + {"V": "лар", "R": "лар", "T": "тар"}.get(_sound(stem), "дар")
        if h == "f":
            plural = plural[:-2] + "ер"
        for base in (stem, plural):
            third = (base + _pick(h, "сы", "сі")) if _sound(base) == "V" else _before_vowel(base) + _pick(h, "ы", "і")
            our = (
                (base + _pick(h, "мыз", "міз"))
                if _sound(base) == "V"
                else _before_vowel(base) + _pick(h, "ымыз", "іміз")
            )
            forms |= {base, third, our}
            for word, after_third in ((base, False), (third, True), (our, False)):
                cases = _cases(word, h, after_third)
                forms.update(cases)
                forms.add(cases[3] + _pick(h, "ғы", "гі"))  # Қазақстандағы, саласындағы
    return forms


def _endings() -> set[str]:
    """The endings this script's paradigm puts after a stem, of stems of every sound and
    harmony: written after a hyphen (KAZDUAL-дың, ЖОО-ларға), they belong to the word before."""
    stems = ("жоба", "түйе", "тау", "қол", "тіл", "нан", "ен", "қаз", "кез", "бас", "ет")
    return {form[len(stem) :] for stem in stems for form in paradigm(stem) if form.startswith(stem) and form != stem}


def lemmas(vocabulary: set[str]) -> dict[str, str]:
    """Each Kazakh word of the site and the stem whose forms it is: of the stems whose
    paradigm holds it, the one whose paradigm holds most of the site's words."""
    candidates: dict[str, list[str]] = {}
    support: dict[str, int] = defaultdict(int)
    cache: dict[str, set[str]] = {}
    for word in vocabulary:
        found = []
        for end in range(2 if not _VERB.search(word) else len(word), len(word) + 1):
            prefix = word[:end]
            for stem in {
                prefix,
                prefix[:-1] + {"б": "п", "г": "к", "ғ": "қ"}.get(prefix[-1], prefix[-1]),
                prefix + "ь",
            } | ({full for full in DROPPED if _before_vowel(full) == prefix}):
                if not any(letter in VOWELS for letter in stem):
                    continue
                # No Kazakh stem ends in a doubled consonant (өтті is өт+ті, автоматты автомат+ты),
                # except a borrowed word that the site writes so (прогресс).
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS and stem not in vocabulary:
                    continue
                forms = cache.setdefault(stem, paradigm(stem))
                if word in forms:
                    found.append(stem)
        candidates[word] = found or [word]
    for stem in {stem for found in candidates.values() for stem in found}:
        support[stem] = len(cache.get(stem, {stem}) & vocabulary)
    # On a tie, the shorter stem: a word that is a form of a shorter one is that form (тілдегі is
    # тіл+де+гі), though not down to two letters (саны is сан+ы, not са+ны).
    chosen = {
        word: max(found, key=lambda stem: (support[stem], len(stem) >= 3, -len(stem)))
        for word, found in candidates.items()
    }
    return chosen | {word: NOT_NOUN_FORMS[word] for word in vocabulary if word in NOT_NOUN_FORMS}


# Words that look like a noun's forms and are none: a pronoun's forms (оның is ол's, not он's,
# "ten"), and postpositions and adverbs (дейін, "until", is no дей+і+н), each its own word.
_PRONOUNS = {
    "ол": "оның оны оған онда одан онымен",
    "бұл": "бұның мұның бұны мұны бұған мұған бұнда мұнда бұдан мұнан бұнымен мұнымен",
    "сол": "соның соны соған сонда содан сонымен",
}
_UNINFLECTED = (
    "дейін кейін шейін бойынша арқылы туралы үшін бірге қарай сияқты бұрын енді мүмкін алдын алдымен астында астындағы"
)
NOT_NOUN_FORMS = {form: pronoun for pronoun, forms in _PRONOUNS.items() for form in forms.split()} | {
    word: word for word in _UNINFLECTED.split()
}


# A verb form, or an adjective in -ғы: its own stem here, never a noun's form (болады is no болад+ы).
_VERB = re.compile(
    r"(ады|еді|йды|йді|иды|иді|ған|ген|қан|кен|атын|етін|йтын|йтін|итын|итін|ып|іп|[аеыі]ды|[аеыі]ді|[^аәеоөұүыіэюяиу](ғы|гі|қы|кі))$"
)

# Words a noun paradigm would mangle: verb forms (өтті, алады, өткен, отырып), and
# adjectives of -ды/-ғы (дуалды, жылғы). They are searched as they are, never inflected.
# So are words that already end in a second person's ending (болсаңыз, басыңыз, пайдаланыңыздар:
# verbs, or a noun already possessed) or in a case after a possessive (тарапынан, of тарап).
_NOT_A_NOUN = re.compile(
    r"(ды|ді|ты|ті|ған|ген|қан|кен|ып|іп|п|са|се|ғы|гі|қы|кі|атын|етін|йтын|йтін|итын|итін"
    r"|ңыз|ңіз|ңыздар|ңіздер|[ыі]нан|[ыі]нен|[ыі]нда|[ыі]нде)$"
)


def to_latin(word: str) -> str:
    return "".join(LATIN.get(letter, letter) for letter in word)


# ---------------------------------------------------------------- queries


def _pages_with(pages: dict[str, list[str]], key) -> dict[str, set[str]]:
    holding: dict[str, set[str]] = defaultdict(set)
    for url, words in pages.items():
        for word in words:
            holding[key(word)].add(url)
    return holding


def _sample(items, size: int, rng: random.Random) -> list:
    items = sorted(items)
    return items if len(items) <= size else rng.sample(items, size)


def kazakh_queries(pages: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str, set[str]]]:
    vocabulary = {word for words in pages.values() for word in words if not word.isdigit() and not word.isascii()}
    lemma = lemmas(vocabulary)
    holding = _pages_with(pages, lambda word: lemma.get(word, word))
    shared: defaultdict[str, int] = defaultdict(int)
    for stem in lemma.values():
        shared[stem] += 1
    # Dictionary forms: stems on the site, or that two of its words share.
    stems = sorted(stem for stem in shared if len(stem) >= 3 and (stem in vocabulary or shared[stem] >= 2))
    queries = [("dictionary", stem, holding[stem]) for stem in _sample(stems, PER_KIND, rng)]
    inflected = [word for word in vocabulary if lemma[word] != word and len(word) >= 4]
    queries += [("inflected", word, holding[lemma[word]]) for word in _sample(inflected, PER_KIND, rng)]
    unseen = []
    for stem in stems:
        noun = stem not in NOT_NOUN_FORMS and not _NOT_A_NOUN.search(stem)
        if stem in vocabulary and len(stem) >= 4 and noun and len(_harmonies(stem)) == 1:
            new = sorted(paradigm(stem) - vocabulary)
            unseen += [(form, stem) for form in rng.sample(new, min(2, len(new)))]
    queries += [("unseen", form, holding[stem]) for form, stem in _sample(unseen, PER_KIND, rng)]
    pairs = set()
    for words in pages.values():
        for first, second in zip(words, words[1:], strict=False):
            if first in vocabulary and second in vocabulary and len(first) >= 3 and len(second) >= 3:
                pairs.add((first, second))
    phrases = []
    for first, second in _sample(pairs, PER_KIND, rng):
        shown = f"{first} {second}" if rng.random() < 0.5 else f"{lemma[first]} {lemma[second]}"
        phrases.append(("phrase", shown, holding[lemma[first]] & holding[lemma[second]]))
    queries += phrases
    typed = [q for q in queries if set(q[1]) & KAZAKH_ONLY]
    queries += [("keyboard", text.translate(FOLD), want) for _, text, want in _sample(typed, PER_KIND, rng)]
    queries += [("latin", to_latin(text), want) for _, text, want in _sample(typed, PER_KIND // 3, rng)]
    absent: list[tuple[str, str, set[str]]] = []
    for stem in stems:
        if len(stem) >= 5:
            other = ("ш" if stem[0] != "ш" else "ж") + stem[1:]
            if not any(word.startswith(other[:4]) for word in vocabulary):
                absent.append(("absent", other + rng.choice(["", "ның", "дағы", "лары"]), set()))
    queries += _sample(absent, PER_KIND // 3, rng)
    return queries


_UK_TO_US = [
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"^(cent|theat|fib|lit|met)re(s?)$"), r"\1er\2"),
    (re.compile(r"^programme(s?)$"), r"program\1"),
    (re.compile(r"^(colo|favo|hono|labo|neighbo|behavio)ur(s|ed|ing)?$"), r"\1r\2"),
]


def other_queries(code: str, pages: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str, set[str]]]:
    holding = _pages_with(pages, lambda word: word)
    vocabulary = {word for words in pages.values() for word in words if not word.isdigit() and len(word) >= 3}
    queries = [("word", word, holding[word]) for word in _sample(vocabulary, PER_KIND, rng)]
    pairs = {
        (a, b)
        for words in pages.values()
        for a, b in zip(words, words[1:], strict=False)
        if len(a) >= 3 and len(b) >= 3
    }
    queries += [("phrase", f"{a} {b}", holding[a] & holding[b]) for a, b in _sample(pairs, PER_KIND, rng)]
    if code == "en":
        for word in sorted(vocabulary):
            for pattern, us in _UK_TO_US:
                if pattern.match(word):
                    queries.append(("us", pattern.sub(us, word), holding[word]))
                    break
    absent: list[tuple[str, str, set[str]]] = [
        ("absent", "zq" + word[2:], set()) for word in sorted(vocabulary) if len(word) >= 6
    ]
    absent = [q for q in absent if not any(w.startswith(q[1][:4]) for w in vocabulary)]
    return queries + _sample(absent, PER_KIND // 3, rng)


# ---------------------------------------------------------------- costs: bytes and build time


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _folder_bytes(folder: Path) -> int:
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())


def _index_bytes(bundle: Path) -> int:
    """What a language's index weighs on the host: its word index, its records, its metadata."""
    parts = [bundle / "index", bundle / "fragment"]
    return sum(_folder_bytes(part) for part in parts if part.is_dir()) + sum(
        file.stat().st_size for file in bundle.glob("*.pf_meta")
    )


def search_page_bytes(site: Path, prefix: str) -> dict[str, int]:
    """The search page as a reader downloads it before the first query (gzip -9, file by file):
    the page, the scripts and style sheets it loads, and the pagefind.js they load; "engine":
    what the site's engine adds to Pagefind's pagefind.js (the Russian bundle's is Pagefind's own)."""
    page = site / prefix / "search" / "index.html"
    html = page.read_text("utf-8")
    files = [page]
    for address in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html):
        if "://" not in address:
            files.append((page.parent / address).resolve())
    bundle = site / prefix / "pagefind"
    api = bundle / ("engine/pagefind.js" if (bundle / "engine" / "pagefind.js").is_file() else "pagefind.js")
    stock = site / "ru" / "pagefind" / "pagefind.js"
    engine = _gzipped(api) - (0 if api.parent.name == "engine" else _gzipped(stock))
    files.append(api)
    if api.parent.name == "engine":
        files.append(bundle / "pagefind.js")
    return {"total": sum(_gzipped(file) for file in files if file.is_file()), "engine": engine}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    work()
    return time.perf_counter() - wall, _cpu() - cpu


def build_costs(site: Path, languages, rounds: int = 3) -> dict:
    """The site's search indexing (kazdual/site/search_index.py), timed against Pagefind alone
    on the same pages (one process per language, all at once, as the site had it before its
    own search): the fastest of `rounds` each, in wall and in CPU seconds; and each
    language's index bytes, the site's and Pagefind's alone."""
    from pagefind.service import get_executable

    from kazdual.site.search_index import _pages, build_search_index

    command = str(get_executable())
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        copy = Path(work) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        alone = Path(work) / "alone"
        for lang in languages:
            for page in _pages(copy, lang, languages):
                target = alone / lang.code / "pages" / page.relative_to(copy)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)

        def pagefind_alone() -> None:
            started = [
                subprocess.Popen(
                    [
                        command,
                        "--site",
                        str(alone / lang.code / "pages"),
                        "--output-path",
                        str(alone / lang.code / "bundle"),
                        "--force-language",
                        lang.code,
                        "--silent",
                    ]
                )
                for lang in languages
            ]
            if any(process.wait() for process in started):
                raise RuntimeError("pagefind failed")

        site_runs = [_timed(lambda: build_search_index(copy, languages, languages)) for _ in range(rounds)]
        alone_runs = [_timed(pagefind_alone) for _ in range(rounds)]
        index = {
            lang.code: {
                "site": _index_bytes(copy / lang.prefix / "pagefind"),
                "pagefind_alone": _index_bytes(alone / lang.code / "bundle"),
            }
            for lang in languages
        }
    wall, cpu = min(run[0] for run in site_runs), min(run[1] for run in site_runs)
    wall_alone, cpu_alone = min(run[0] for run in alone_runs), min(run[1] for run in alone_runs)
    return {
        "index_seconds": {"wall": round(wall, 2), "cpu": round(cpu, 2)},
        "pagefind_alone_seconds": {"wall": round(wall_alone, 2), "cpu": round(cpu_alone, 2)},
        "added_seconds": {"wall": round(wall - wall_alone, 2), "cpu": round(cpu - cpu_alone, 2)},
        "index_bytes": index,
    }


def print_costs(site: Path, languages, costs: dict | None) -> dict:
    pages = {lang.code: search_page_bytes(site, lang.prefix) for lang in languages}
    print()
    print("| language | search page, gzip bytes | of which the engine | index bytes | Pagefind alone | growth |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang in languages:
        index = costs["index_bytes"][lang.code] if costs else None
        growth = f"{index['site'] / index['pagefind_alone'] - 1:+.0%}" if index else "–"
        print(
            f"| {lang.code} | {pages[lang.code]['total']} | {pages[lang.code]['engine']} | "
            f"{index['site'] if index else '–'} | {index['pagefind_alone'] if index else '–'} | {growth} |"
        )
    if costs:
        site_time, alone, added = costs["index_seconds"], costs["pagefind_alone_seconds"], costs["added_seconds"]
        print(
            f"build: search index {site_time['wall']} s ({site_time['cpu']} s CPU), Pagefind alone "
            f"{alone['wall']} s ({alone['cpu']} s CPU): added {added['wall']} s ({added['cpu']} s CPU)"
        )
    return {"search_page_gzip": pages, **(costs or {})}


# ---------------------------------------------------------------- searching in Chromium

SEARCH_JS = """async ([bundle, queries]) => {
  const engine = await import(bundle);
  await engine.options({ baseUrl: "/" });
  const urls = new Map();
  const out = [];
  for (const q of queries) {
    const found = (await engine.search(q)).results;
    const shown = [];
    for (const r of found) {
      if (!urls.has(r.id)) urls.set(r.id, (await r.data()).url);
      shown.push(urls.get(r.id));
    }
    out.push(shown);
  }
  return out;
}"""


def run_searches(site: Path, plan: dict[str, tuple[str, list[str]]]) -> dict[str, list[list[str]]]:
    from playwright.sync_api import sync_playwright

    import static_server

    results = {}
    with static_server.serve(site, "/") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        for code, (prefix, queries) in plan.items():
            page.goto(f"{url}{prefix}search/")
            engine = site / prefix / "pagefind" / "engine" / "pagefind.js"
            bundle = f"/{prefix}pagefind/" + ("engine/pagefind.js" if engine.is_file() else "pagefind.js")
            results[code] = page.evaluate(SEARCH_JS, [bundle, queries]) if queries else []
        browser.close()
    return results


def exact_first(query: str, shown: list[str], pages: dict[str, list[str]]) -> bool:
    """Whether every shown page that has the query's words as typed comes before every one that does not."""
    words = query.split()
    has = [all(word in pages.get(url, []) for word in words) for url in shown]
    return has == sorted(has, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=SEED, help=f"another draw of queries (default {SEED})")
    parser.add_argument(
        "--no-timing", action="store_true", help="leave out the build's timing and the index sizes (a few seconds)"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    from kazdual.content import config as site_config

    languages = site_config.load(ROOT).languages
    others = {lang.prefix.rstrip("/") for lang in languages if lang.prefix}
    rng = random.Random(args.seed)
    plan, made, texts = {}, {}, {}
    for lang in languages:
        pages = page_words(args.site, lang.prefix, others)
        texts[lang.code] = pages
        made[lang.code] = kazakh_queries(pages, rng) if lang.code == "kk" else other_queries(lang.code, pages, rng)
        plan[lang.code] = (lang.prefix, [query for _, query, _ in made[lang.code]])
    shown = run_searches(args.site, plan)
    figures: dict[str, dict[str, dict]] = {}
    misses: list[str] = []
    for code, queries in made.items():
        rows: dict[str, dict] = defaultdict(
            lambda: {"queries": 0, "recall": 0.0, "with_pages": 0, "empty": 0, "junk": 0}
        )
        ordered = 0
        for (kind, query, want), got in zip(queries, shown[code], strict=True):
            row = rows[kind]
            row["queries"] += 1
            if want:
                row["with_pages"] += 1
                row["recall"] += len(want & set(got)) / len(want)
                row["empty"] += not got
                if not got:
                    misses.append(f"{code} {kind}: {query!r} ({len(want)} pages, e.g. {sorted(want)[0]})")
            else:
                row["junk"] += bool(got)
            if code == "kk" and kind == "inflected":
                ordered += exact_first(query, got, texts[code])
        for row in rows.values():
            row["recall"] = round(row["recall"] / row["with_pages"], 3) if row["with_pages"] else None
        if code == "kk":
            inflected = rows["inflected"]["queries"]
            rows["inflected"]["exact_first"] = round(ordered / inflected, 3) if inflected else None
        figures[code] = dict(rows)
    print("| language | kind | queries | recall | empty with pages | junk |")
    print("|---|---|---:|---:|---:|---:|")
    for code, rows in figures.items():
        for kind, row in rows.items():
            recall = "–" if row["recall"] is None else f"{row['recall']:.3f}"
            print(f"| {code} | {kind} | {row['queries']} | {recall} | {row['empty']} | {row['junk']} |")
    for code, rows in figures.items():
        kinds = ["dictionary", "inflected", "unseen", "phrase"] if code == "kk" else ["word", "phrase"]
        total = sum(
            rows[k]["recall"] * rows[k]["with_pages"] for k in kinds if rows.get(k) and rows[k]["recall"] is not None
        )
        count = sum(rows[k]["with_pages"] for k in kinds if rows.get(k))
        print(f"{code}: recall {total / count:.3f} over {count} queries", end="")
        if code == "kk":
            print(
                f"; on a Russian keyboard {rows['keyboard']['recall']:.3f}; exact forms first "
                f"{rows['inflected'].get('exact_first')}",
                end="",
            )
        print()
    if misses:
        print("\n".join(["", "Found nothing, though pages hold the word:", *misses]))
    costs = print_costs(args.site, languages, None if args.no_timing else build_costs(args.site, languages))
    if args.json:
        figures_and_costs = {"recall": figures, "costs": costs}
        args.json.write_text(json.dumps(figures_and_costs, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    local_env.ensure("requirements-test.txt")
    local_env.run(main)
