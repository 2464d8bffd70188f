// The search page's engine: the build (bundle.py) writes it into the language's own
// pagefind.js, after Pagefind's code, and exports its search and preload in place of
// Pagefind's (find and load here), so that Pagefind's interface reads the query the
// way the pages were indexed, with no file more to download:
// - Kazakh: each word becomes the stems it may have (kazakh.js), and those the index
//   holds, written ǂstemǂ, are looked for; a query with Latin letters is read in
//   Cyrillic too (latin.js, a file of its own that only such a query loads); pages
//   with the very forms typed come first; a query that matches nothing shows nothing,
//   never pages that merely share their first letters with it.
// - English: a US spelling also looks for the UK one.
// SETTINGS: the mark around stems, and kazakh.py's browser_rules (for kazakh.js) or
// english.yml's rules (for english.js), the file the build puts before this one.
function kazdualEngine(find, load, SETTINGS) {
  const MARK = SETTINGS.mark, K = SETTINGS.kazakh && kazakh(SETTINGS.kazakh);
  // The query as it may have been meant: Cyrillic for Latin letters, UK spelling for US English.
  const meant = K ? async (term) => /[a-z\u00c0-\u024f]/i.test(term) ? (await import(SETTINGS.latin)).cyrillic(term) : term
    : british(SETTINGS.spelling);
  const pages = async (term, o) => (await find(term, o)).results;
  const merge = (into, results) => {
    for (const r of results) if (!(into.get(r.id)?.score >= r.score)) into.set(r.id, r);
  };
  async function kazakhPages(query, o) {
    let words = K.words(query);
    const content = words.filter((w) => !K.conjunctions.has(w));
    // At most 12 words: a pasted paragraph stays quick.
    words = (content.length ? content : words).slice(0, 12);
    // For each word: each of its stems the index holds, or, for a last word of 3 letters
    // or more with none, the beginning of a longer stem (a word still being typed).
    const terms = [];
    for (const [at, word] of words.entries()) {
      const held = [];
      for (const stem of K.stems(word)) if ((await pages(MARK + stem + MARK, o)).length) held.push(MARK + stem + MARK);
      if (!held.length && at === words.length - 1 && word.length > 2) held.push(MARK + K.key(word));
      if (!held.length) return [];
      terms.push(held);
    }
    // Each combination of the words' stems, 8 at most.
    let combinations = [[]];
    for (const held of terms) combinations = combinations.flatMap((c) => held.map((t) => [...c, t])).slice(0, 8);
    const found = new Map();
    for (const chosen of combinations) merge(found, await pages(chosen.join(" "), o));
    // Pages with every word in the very form typed come first: a stem's term, then the word.
    const exact = [];
    for (const [at, word] of words.entries()) {
      const ids = new Set();
      for (const t of terms[at]) if (t.endsWith(MARK)) for (const r of await pages(`"${t}${word}"`, o)) ids.add(r.id);
      exact.push(ids);
    }
    const first = (r) => exact.every((ids) => ids.has(r.id));
    return [...found.values()].sort((a, b) => first(b) - first(a) || b.score - a.score);
  }

  return {
    preload: (term, o) => load(K ? K.words(term).map((w) => MARK + K.key(w)).join(" ") : term, o),
    async search(term, o) {
      const found = new Map();
      for (const query of new Set([term, await meant(term)])) {
        merge(found, K ? await kazakhPages(query, o) : await pages(query, o));
      }
      // Pagefind's interface reads the results alone.
      return { results: [...found.values()] };
    },
  };
}
