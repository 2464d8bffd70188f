// The search page: Pagefind's interface in the page's language, with the settings
// the page carries as JSON; a query in the address (?q=…) is searched at once.
(function () {
  var settings = JSON.parse(document.getElementById("kd-search-settings").textContent);
  var ui = new PagefindUI({
    element: "#kd-search-results",
    baseUrl: settings.baseUrl,
    showImages: false,
    resetStyles: false,
    translations: settings.translations
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
