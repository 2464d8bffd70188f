// Hosts with one 404 page for the whole site (GitHub Pages) serve the default
// language's: a reader who asked for /ru/… or /en/… gets that language's 404 page.
(function () {
  var script = document.currentScript;
  var base = script.getAttribute("data-base");
  var others = script.getAttribute("data-languages").split(" ");
  var language = location.pathname.slice(base.length).split("/")[0];
  if (others.indexOf(language) >= 0) location.replace(base + language + "/404.html");
})();
