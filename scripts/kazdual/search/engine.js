// The search page's engine. Pagefind's interface (pagefind-ui.js) loads it in place of
// pagefind.js (search.js points its bundlePath here) and gets Pagefind's own API back,
// with the reader's query read the way the pages were indexed (bundle.py):
// - Kazakh: each word becomes the stems it may have (kazakh.js), and those the index
//   holds, written ǂstemǂ, are looked for; a Latin-alphabet query is read in Cyrillic
//   too; pages with the very forms typed come first; a query that matches nothing
//   shows nothing, never pages that merely share their first letters with it.
// - English: a US spelling also looks for the UK one.
// Above this text the build writes the import of pagefind.js, SETTINGS, and for
// Kazakh the function kazakh (kazakh.js).
const MARK = SETTINGS.mark;
const K = SETTINGS.kazakh && kazakh(SETTINGS.kazakh);
const MOST_READINGS = 8; // stem combinations looked for at most, for one query
const COMPLETED_FROM = 3; // letters a last word needs to be taken as the start of a longer word
const MOST_WORDS = 12; // words of a query looked for: a pasted paragraph stays quick

export const options = (o) => pagefind.options(o);
export const init = () => pagefind.init();
export const filters = () => pagefind.filters();
export const destroy = () => pagefind.destroy();
export const mergeIndex = (url, o) => pagefind.mergeIndex(url, o);
export const preload = (term, o) => pagefind.preload(K ? K.words(term).map((w) => MARK + K.fold(w)).join(" ") : term, o);

const pages = async (term, o) => (await pagefind.search(term, o)).results;
const merge = (into, results) => {
  for (const r of results) if (!(into.get(r.id)?.score >= r.score)) into.set(r.id, r);
};

export async function search(term, o) {
  const found = new Map();
  for (const query of readings(term)) merge(found, K ? await kazakhPages(query, o) : await pages(query, o));
  const results = Array.from(found.values());
  return { results, unfilteredResultCount: results.length, filters: {}, totalFilters: {}, timings: {} };
}

// The query as typed, and as it may have been meant: Cyrillic for Latin-alphabet
// Kazakh, UK spelling for US English.
function readings(term) {
  const all = [term];
  if (K) {
    const latin = SETTINGS.kazakh.latin.split(" "); // a Latin spelling, its Cyrillic, …
    all.push(term.replace(/[a-zäğıñŋöşūü]+/gi, (word) => {
      let out = "";
      for (let at = 0, w = word.toLowerCase(), i; at < w.length; at += i < 0 ? 1 : latin[i].length) {
        i = latin.findIndex((spelling, n) => n % 2 === 0 && w.startsWith(spelling, at));
        out += i < 0 ? w[at] : latin[i + 1];
      }
      return out;
    }));
  }
  if (SETTINGS.spelling) {
    all.push(term.toLowerCase().replace(/[a-z]+/g, (w) => {
      const rule = SETTINGS.spelling.find(([pattern]) => new RegExp(pattern).test(w));
      return rule ? w.replace(new RegExp(rule[0]), rule[1]) : w;
    }));
  }
  return new Set(all);
}

async function kazakhPages(query, o) {
  let words = K.words(query);
  const content = words.filter((w) => !SETTINGS.kazakh.conjunctions.includes(w));
  if (content.length) words = content;
  words = words.slice(0, MOST_WORDS);
  // For each word: each of its stems the index holds, or, for a last word with none,
  // the beginning of a longer stem (a word still being typed).
  const terms = [];
  for (const [at, word] of words.entries()) {
    const held = [];
    for (const stem of new Set(K.stems(word))) {
      if ((await pages(MARK + stem + MARK, o)).length) held.push(MARK + stem + MARK);
    }
    if (!held.length && at === words.length - 1 && word.length >= COMPLETED_FROM) held.push(MARK + K.fold(word));
    if (!held.length) return [];
    terms.push(held);
  }
  let combinations = [[]];
  for (const held of terms) combinations = combinations.flatMap((c) => held.map((t) => [...c, t])).slice(0, MOST_READINGS);
  const found = new Map();
  for (const chosen of combinations) merge(found, await pages(chosen.join(" "), o));
  // Pages with every word in the very form typed come first: a stem's term, then the word.
  let exact = null;
  for (const [at, word] of words.entries()) {
    const ids = new Set();
    for (const t of terms[at]) if (t.endsWith(MARK)) for (const r of await pages(`"${t}${word}"`, o)) ids.add(r.id);
    exact = exact ? new Set([...exact].filter((id) => ids.has(id))) : ids;
  }
  return Array.from(found.values()).sort((a, b) => (exact?.has(b.id) ?? 0) - (exact?.has(a.id) ?? 0) || b.score - a.score);
}
