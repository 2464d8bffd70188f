// The search page's script (overrides/search.html says what it does).
(function () {
  var box = document.getElementById("kd-search-results"), texts = box.dataset;
  var offer = document.getElementById("kd-search-elsewhere");
  var ui = new PagefindUI({element: box, baseUrl: texts.baseUrl, showImages: false, resetStyles: false,
    translations: texts});
  // Nothing found (an empty list of results): the same query on the other languages' pages.
  new MutationObserver(function () {
    var term = box.querySelector("input").value.trim();
    offer.hidden = !box.querySelector(".pagefind-ui__results:empty");
    offer.querySelectorAll("a").forEach(function (a) { a.search = "?q=" + encodeURIComponent(term); });
  }).observe(box, {childList: true, subtree: true});
  var query = new URLSearchParams(location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
