// English queries in US spelling, read in the UK spelling of the pages too: the rules
// of english.yml, the first that matches a word. The build puts this file in the
// English search page's engine.
function british(rules) {
  return (term) => term.toLowerCase().replace(/[a-z]+/g, (word) => {
    const rule = rules.find(([pattern]) => RegExp(pattern).test(word));
    return rule ? word.replace(RegExp(rule[0]), rule[1]) : word;
  });
}
