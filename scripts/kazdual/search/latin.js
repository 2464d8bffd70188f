// A Kazakh query's Latin letters, read in Cyrillic: a Latin word in the alphabet of
// 2021 (bağdarlama: бағдарлама; i after a vowel is й: ısteitın: істейтін), and Latin
// look-alike letters in a Cyrillic word (бiлiм: білім). The search page's engine loads
// this file only for a query with a Latin letter; the build writes the table from
// kazakh.yml (kazakh.py's latin_rules) after it. tests/test_search_keys.py runs it in Node.
function latinReader(L) {
  const pairs = (text) => text.split(" ").map((p) => [p.slice(0, -1), p.at(-1)]);
  const latin = Object.fromEntries(pairs(L.latin)), alike = Object.fromEntries(pairs(L.alike));
  const spelling = RegExp(Object.keys(latin).join("|"), "g"), glide = RegExp(`(?<=[${L.vowels}])и`, "g");
  return (text) => text.replace(/[\p{L}\p{N}]+/gu, (w) => /[\u0400-\u04ff]/.test(w)
    ? w.replace(/./gsu, (c) => alike[c] ?? c)
    : w.toLowerCase().replace(spelling, (s) => latin[s]).replace(glide, "й"));
}
