// Runs before the CMS: chooses the configuration whose form speaks the language the CMS
// interface will show (config.<code>.yml, from the site's strings files).
//
// The CMS shows the language stored in its settings, else the first of the browser's
// languages that it knows; of those, only the ones served here (settings.served) can be
// loaded, and any other falls back to its English. It has no Kazakh, so a browser that
// asks for Kazakh is answered in Russian, before any language it names after Kazakh.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("kazdual-settings").textContent);
  var cms = settings.cmsLocales;
  var served = settings.served;

  function primary(tag) { return String(tag || "").toLowerCase().split("-")[0]; }

  function known(tag) {
    if (cms.indexOf(tag) >= 0) { return tag; }
    var language = primary(tag);
    if (cms.indexOf(language) >= 0) { return language; }
    if (language === "en") { return "en-US"; }
    for (var i = 0; i < cms.length; i += 1) { if (primary(cms[i]) === language) { return cms[i]; } }
    return null;
  }

  var asked = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]).slice();
  if (!served.some(function (tag) { return primary(tag) === "kk"; })) {
    var answered = [];
    asked.forEach(function (tag, n) {
      answered.push(tag);
      if (primary(tag) === "kk" && primary(asked[n + 1]) !== "kk" && answered.indexOf("ru") < 0) { answered.push("ru"); }
    });
    if (answered.length !== asked.length) {
      try {
        Object.defineProperty(navigator, "languages", { configurable: true, get: function () { return answered.slice(); } });
      } catch (error) { /* fixed by the browser: the CMS then answers a Kazakh-only browser in English */ }
      asked = navigator.languages.slice();
    }
  }

  var interfaceLocale = null;
  try {
    var stored = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}").locale;
    if (cms.indexOf(stored) >= 0) { interfaceLocale = stored; }
  } catch (error) { /* no stored preference: the browser's languages decide */ }
  for (var n = 0; !interfaceLocale && n < asked.length; n += 1) { interfaceLocale = known(asked[n]); }
  if (!interfaceLocale || served.indexOf(interfaceLocale) < 0) { interfaceLocale = "en-US"; }
  var form = primary(interfaceLocale);
  if (settings.forms.indexOf(form) < 0) { form = settings.fallbackForm; }

  document.documentElement.lang = form;
  if (settings.titles && settings.titles[form]) { document.title = settings.titles[form]; }
  var link = document.createElement("link");
  link.rel = "cms-config-url";
  link.type = "application/yaml";
  link.href = "config." + form + ".yml";
  document.head.appendChild(link);
  window.KAZDUAL_FORM = form;
})();
