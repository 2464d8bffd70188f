// The search page: Pagefind's interface in the page's language (settings: the page's
// JSON), searching through the language's engine where it has one; ?q=… is searched
// at once. A query that finds nothing offers the other languages' search pages.
(function () {
  var settings = JSON.parse(document.getElementById("kd-search-settings").textContent);
  var box = document.getElementById("kd-search-results");
  var offer = document.getElementById("kd-search-elsewhere");
  var options = {element: box, baseUrl: settings.baseUrl, showImages: false, resetStyles: false,
    translations: settings.translations};
  if (settings.engine) { options.bundlePath = new URL(settings.engine, document.baseURI).pathname; }
  var ui = new PagefindUI(options);
  var links = [].map.call(offer.querySelectorAll("a"), function (a) { return [a, a.getAttribute("href")]; });
  new MutationObserver(function () {
    var term = (box.querySelector("input") || {}).value || "";
    var message = box.querySelector(".pagefind-ui__message");
    offer.hidden = !(term.trim() && message &&
      message.textContent.trim() === settings.translations.zero_results.replace("[SEARCH_TERM]", term).trim());
    links.forEach(function (link) { link[0].href = link[1] + "?q=" + encodeURIComponent(term.trim()); });
  }).observe(box, {childList: true, subtree: true, characterData: true});
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
