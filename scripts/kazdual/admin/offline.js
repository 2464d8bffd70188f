// The web editor's own requests to other hosts, answered from /admin/ (vendor.py):
// its interface language and update notice (unpkg.com) and GitHub's status page.
// First of all: the editor never runs inside a frame. A page elsewhere could frame it and
// trick a signed-in editor into clicking; a <meta> policy cannot forbid framing, and GitHub
// Pages sends no header that would, so the page stops loading before the editor starts.
if (window.top !== window.self) {
  window.stop();
  // Before the form's language is known: the message in every language of the site.
  document.documentElement.textContent =
    "Сайт редакторы тек өз терезесінде ашылады. · Редактор сайта открывается только в отдельном окне. · " +
    "The web editor opens only in a window of its own.";
  throw new Error("the web editor does not run inside a frame");
}
(function () {
  "use strict";
  var VERSION = "@VERSION@";
  var here = new URL(".", document.currentScript.src);
  var original = window.fetch.bind(window);
  var json = function (data) {
    return Promise.resolve(new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } }));
  };
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    var locale = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+\.json)$/.exec(url);
    if (locale) { return original(new URL("locales/" + locale[1], here), init); }
    if (url === "https://unpkg.com/@sveltia/cms/package.json") { return json({ version: VERSION }); }
    if (url.indexOf("https://www.githubstatus.com/") === 0) { return json({ status: { indicator: "none" } }); }
    return original(input, init);
  };
})();
