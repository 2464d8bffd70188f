// Kazakh words and stems in the browser: kazakh.py's reading of kazakh.yml, step for
// step, on the table kazakh.py hands over (browser_rules). The build puts this file in
// the search page's engine; tests/test_search_keys.py runs it in Node against Python.
// The reader downloads every byte of it (the build drops comments and spaces), so what
// can be derived is, and names in small scopes are short: w a word, s a stem, c a
// letter, e an ending, f how a reading spells letters (String as written, or fold as
// on a Russian keyboard), b the bits of a letter's classes. The bits are written as
// numbers: those of R.classes, 1 vowel, 2 sonorant, 4 l, 8 nasal, 16 zh, 32 voiceless,
// 64 poss3, 128 my, 256 your (511 all of these: an ending's number says after which it
// goes), 512 back, 1024 front (1536 either), 2048 glide; and an ending's flags, 8192 a
// stem of 3 letters at least, 16384 for exact spelling only (kazakh.py's browser_rules).
// Latin letters, in a Latin word or a Cyrillic one (бiлiм), are latin.js's.
export function kazakh(R) {
  const split = (text) => text.split(" ");
  // "әа цтс ь" → {ә: "а", ц: "тс", ь: ""}
  const table = (pairs) => Object.fromEntries(split(pairs).map((p) => [p[0], p.slice(1)]));
  const change = (map) => (text) => text.replace(/./gsu, (c) => map[c] ?? c);
  const folding = table(R.fold), fold = change(folding), key = change(table(R.fold + " " + R.keys)), front = change(table(R.fronts));

  // The rules as one spelling reads them: every stem they allow a word, itself first.
  function reading(f) {
    const b = {}, irregular = {}, voicing = table(f(R.voicing)), whole = new Set(split(f(R.whole)));
    R.classes.forEach((letters, bit) => { for (const c of f(letters)) b[c] |= 1 << bit; });
    const vowel = (c) => b[c] & 2049;
    // A noun that drops a vowel (орын: орны), or a pronoun and its forms (ол: оның).
    for (const [w, ...forms] of R.irregular.split(",").map((group) => split(f(group)))) {
      whole.add(w);
      for (const form of forms.length ? forms : [w.replace(/[ыіи](?=[^ыіи]*$)/, "")]) irregular[form] = w;
    }
    // A layer: its flags, and its endings (a back form, then the front form it stands for too).
    const layers = R.layers.map((layer) => {
      const [flags, ...endings] = split(layer);
      return [+flags, endings.flatMap((e) => {
        const form = e.match(/\D+/)[0], bits = +e.match(/\d+/);
        return bits & 512 ? [[form, bits], [front(form), bits ^ 1536]] : [[form, bits]];
      }).filter((e) => f == String || e[1] < 16384).map(([form, bits]) => [f(form), bits])];
    });
    const harmony = (s) => {
      if (s.endsWith("ь")) return 1024;
      if (s.endsWith("л")) return 0; // a noun in -ль written without its ь (Тиролі): either
      for (let at = s.length; at--;) {
        const both = b[s[at]] & 1536;
        if (b[s[at]] & 2048) {
          if (!at || vowel(s[at - 1]) != 1) return 0; // а glide after a vowel (тау): that vowel decides
        } else if (both) return both == 1536 ? 0 : both;
      }
      return 0;
    };
    const allows = (bits, s) => {
      const own = harmony(s), wanted = bits & 1536;
      return s.length >= (bits & 8192 ? 3 : 2) && [...s].some(vowel)
        && b[s.length > 1 && /[ьъ]$/.test(s) ? s.at(-2) : s.at(-1)] & bits & 511 && !(wanted && own && wanted != own);
    };
    return (word) => {
      const found = new Set();
      // After a case ending that follows a possessive one (then), that one comes off, or nothing does.
      const strip = (s, start, then) => {
        s = s.replace(/.$/, (c) => voicing[c] || c);
        s = irregular[s] || s;
        if (!then) {
          found.add(s);
          if (whole.has(s)) return;
        }
        for (let inner = then ? R.possessive : start; inner < (then ? R.possessive + 1 : layers.length); inner++) {
          const [flags, endings] = layers[inner], next = flags & 1 ? layers.length : inner + 1;
          for (const [form, bits] of endings) {
            const rest = s.slice(0, -form.length);
            if (s.endsWith(form) && (!then || b[form.at(-1)] & then) && allows(bits, rest)) {
              strip(rest, next, bits & 448);
              // A verb stem in -ы/-і is written without it before -у (оқы-: оқу).
              if (flags & 2 && b[rest.at(-1)] & 64 && !vowel(rest.at(-2)) && rest.length > 2) strip(rest.slice(0, -1), next, 0);
            }
          }
        }
      };
      strip(word, 0, 0);
      return found;
    };
  }

  const exact = reading(String), folded = reading(fold);
  // A part written after a hyphen that is endings only (KAZDUAL-дың): the word before owns it.
  const forms = R.layers.join(" ").match(/[^\d ]+/g), endings = RegExp(`^(${[...forms, ...forms.map(front)].join("|")})+$`);
  return {
    key,
    conjunctions: new Set(split(R.conjunctions)),
    // The keys of the stems a query word may have: read exactly when typed with a Kazakh letter.
    stems: (w) => [...new Set([...([...w].some((c) => c in folding) ? exact(w) : folded(fold(w)))].map(key))],
    // The words of a text as search sees them (kazakh.py's Rules.words, but for Latin look-alikes).
    words: (text) => text.normalize("NFC").split(/[\s\x1c-\x1f\x85]+/).flatMap((chunk) =>
      (chunk.match(/[\p{L}\p{N}]+/gu) || []).map((w) => w.toLowerCase()).filter((w, at) => !(at && endings.test(w)))),
  };
}
