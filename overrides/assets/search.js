// The search page: Pagefind's interface in the page's language, with the settings
// the page carries as JSON; a query in the address (?q=…) is searched at once. The
// interface searches through the language's engine (its bundlePath), which reads the
// query as the pages were indexed. A query that finds nothing offers the same query
// on the search pages of the other languages.
(function () {
  var settings = JSON.parse(document.getElementById("kd-search-settings").textContent);
  var box = document.getElementById("kd-search-results");
  var elsewhere = document.getElementById("kd-search-elsewhere");
  var ui = new PagefindUI({
    element: box,
    bundlePath: new URL(settings.engine, document.baseURI).pathname,
    baseUrl: settings.baseUrl,
    showImages: false,
    resetStyles: false,
    translations: settings.translations
  });
  var links = Array.prototype.map.call(elsewhere.querySelectorAll("a"), function (link) {
    return { link: link, page: link.getAttribute("href") };
  });
  new MutationObserver(function () {
    var input = box.querySelector("input");
    var message = box.querySelector(".pagefind-ui__message");
    var term = input ? input.value : "";
    var none = settings.translations.zero_results.replace("[SEARCH_TERM]", term);
    elsewhere.hidden = !(term.trim() && message && message.textContent.trim() === none.trim());
    links.forEach(function (entry) {
      entry.link.href = entry.page + "?q=" + encodeURIComponent(term.trim());
    });
  }).observe(box, { childList: true, subtree: true, characterData: true });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
