// Kazakh words and stems in the browser: kazakh.py's reading of kazakh.yml, step for
// step, on the table kazakh.py hands over (browser_rules). The build puts this file in
// the search page's engine; tests/test_search_keys.py runs it in Node against Python.
export function kazakh(R) {
  const pairs = (text) => {
    const map = new Map();
    for (let i = 0; i < text.length; i += 2) map.set(text[i], text[i + 1]);
    return map;
  };
  const folding = pairs(R.fold), lookAlikes = pairs(R.lookAlikes), kazakhLetters = new Set(R.kazakh);
  const fold = (text) => Array.from(text, (c) => folding.get(c) || c).join("");

  // The rules as they read one spelling: exactly (f = String) or folded (f = fold).
  function reading(f) {
    const classes = {}; // letter → bit mask of the sound classes it may be
    R.classes.forEach((letters, bit) => { for (const c of f(letters)) classes[c] |= 1 << bit; });
    const [back, front, glides] = R.harmony.map((letters) => new Set(f(letters)));
    const vowel = new Set(f(R.vowel)), vowels = new Set([...vowel, ...glides]), soft = new Set(f(R.soft));
    const voicing = pairs(f(R.voicing)), whole = new Set(f(R.whole + " " + R.dropped).split(" "));
    const dropped = new Map(f(R.dropped).split(" ").map((word) => {
      const at = Math.max(word.lastIndexOf("ы"), word.lastIndexOf("і"), word.lastIndexOf("и"));
      return [word.slice(0, at) + word.slice(at + 1), word];
    }));
    const poss3 = new Set(f(R.poss3));
    const layers = R.layers.map(([alone, endings, verb]) => [alone, endings
      .filter((ending) => f === String || !ending[5])
      .map(([form, after, then, harmony, min]) => ({ form: f(form), after, then, harmony, min }))
      .sort((a, b) => b.form.length - a.form.length), verb]);
    const dictionaryForm = (stem) => {
      if (voicing.has(stem.slice(-1))) stem = stem.slice(0, -1) + voicing.get(stem.slice(-1));
      return dropped.get(stem) || stem;
    };
    const harmony = (stem) => {
      if (stem.endsWith("ь")) return "f";
      for (let at = stem.length; at--;) {
        const c = stem[at];
        if (glides.has(c)) {
          if (at && vowels.has(stem[at - 1]) && !glides.has(stem[at - 1])) continue;
          return "";
        }
        if (back.has(c) || front.has(c)) return back.has(c) && front.has(c) ? "" : back.has(c) ? "b" : "f";
      }
      return "";
    };
    const allows = (ending, stem) => {
      const last = "ьъ".includes(stem.slice(-1)) && stem.length > 1 ? stem[stem.length - 2] : stem.slice(-1);
      const own = harmony(stem);
      return stem.length >= ending.min && Array.from(stem).some((c) => vowels.has(c))
        && classes[last] & ending.after && (!ending.harmony || !own || ending.harmony === own);
    };
    // Every stem the rules allow a word, itself first (kazakh.py's Reading.stems).
    return (word) => {
      const found = new Set();
      const strip = (stem, start, then) => {
        stem = dictionaryForm(stem);
        const each = ([, endings, verb], after, only) => {
          for (const ending of endings) {
            const rest = stem.slice(0, -ending.form.length);
            if ((!only || classes[ending.form.slice(-1)] & only) && stem.endsWith(ending.form) && allows(ending, rest)) {
              strip(rest, after, ending.then);
              if (soft.has(rest.slice(-1)) && vowel.has(ending.form[0])) strip(rest + "ь", after, ending.then);
              if (verb && poss3.has(rest.slice(-1)) && !vowels.has(rest[rest.length - 2]) && rest.length > 2) strip(rest.slice(0, -1), after, ending.then);
            }
          }
        };
        if (then) return each(layers[R.possessive], R.possessive + 1, then);
        found.add(stem);
        if (!whole.has(stem)) {
          for (let inner = start; inner < layers.length; inner++) each(layers[inner], layers[inner][0] ? layers.length : inner + 1);
        }
      };
      strip(word, 0, 0);
      return Array.from(found);
    };
  }

  const exact = reading(String), folded = reading(fold);
  const forms = R.layers.flatMap(([, endings]) => endings.map(([form]) => form))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b));
  // Whether a part written after a hyphen is endings only (KAZDUAL-дың): the word before owns it.
  const isEnding = (part) => {
    for (let form; part; part = part.slice(0, -form.length)) {
      form = forms.find((f) => part.endsWith(f));
      if (!form) return false;
    }
    return true;
  };
  return {
    fold,
    // The stems a query word may have: read exactly when typed with a Kazakh letter.
    stems: (word) => Array.from(word).some((c) => kazakhLetters.has(c)) ? exact(word).map(fold) : folded(fold(word)),
    // The words of a text as search sees them (kazakh.py's Rules.words).
    words: (text) => text.normalize("NFC").split(/[\s\x1c-\x1f\x85]+/).flatMap((chunk) =>
      (chunk.match(/[\p{L}\p{N}]+/gu) || []).map((word) => (/[\u0400-\u04ff]/.test(word)
        ? Array.from(word, (c) => lookAlikes.get(c) || c).join("") : word).toLowerCase())
        .filter((word, position) => !(position && isEnding(word)))),
  };
}
