// The website's additions to the web editor, loaded after the CMS.
//
// "Translation is up to date": when an editor ticks it in a translation and saves,
// the translation records the fingerprint of its source text as
//   translated_from: kk:<12 hex digits>
// exactly as `check_translations.py --stamp` does (kazdual.content.translation):
// SHA-256 of the source's translated values (text trimmed, blanks collapsed, NFC,
// empty values left out, keys sorted, compact JSON), a line break, and its body
// (line ends unified, spaces and tabs cut from line ends, blank lines cut at both
// ends). The CMS's own keys on list items (__sc_item_id, a random id, and the like)
// are no part of the text: they never reach the file, nor the fingerprint. The tick
// box itself never reaches a file, and a translation whose box is not ticked keeps
// its stamp as it was. `draft: false` and the like are left out, as the site reads a
// missing flag as false.
//
// The news list shows, beside each item, its translations that are not in order
// (missing, unfinished, outdated), as the published site's content model judged them.
(function () {
  "use strict";
  var FLAG = "translation_up_to_date";
  var STAMP = "translated_from";
  var INTERNAL = /^__sc_/;
  var settings = JSON.parse(document.getElementById("kazdual-settings").textContent);

  function isEmpty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  }

  function meaning(value) {
    if (typeof value === "string") { return value.replace(/[ \t\n\r]+/g, " ").replace(/^ +| +$/g, "").normalize("NFC"); }
    if (Array.isArray(value)) { return value.map(meaning); }
    if (value !== null && typeof value === "object") {
      var kept = {};
      Object.keys(value).forEach(function (key) {
        if (INTERNAL.test(key)) { return; }
        var meant = meaning(value[key]);
        if (!isEmpty(meant)) { kept[key] = meant; }
      });
      return kept;
    }
    return value;
  }

  function canonical(value) {
    if (Array.isArray(value)) { return "[" + value.map(canonical).join(",") + "]"; }
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) { return JSON.stringify(key) + ":" + canonical(value[key]); }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function body(text) {
    return String(text || "").replace(/\r\n?/g, "\n").split("\n").map(function (line) { return line.replace(/[ \t]+$/, ""); })
      .join("\n").replace(/^\n+|\n+$/g, "");
  }

  async function fingerprint(collection, data) {
    var translated = {};
    (settings.translated[collection] || []).forEach(function (key) { if (key in data) { translated[key] = data[key]; } });
    var text = canonical(meaning(translated)) + "\n" + body(data.body);
    var digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("").slice(0, 12);
  }

  function withoutFalse(entry, path) {
    return settings.leftOutWhenFalse.reduce(function (current, key) {
      return current.getIn(path.concat([key])) === false ? current.deleteIn(path.concat([key])) : current;
    }, entry);
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: async function (event) {
      var entry = event.entry;
      var collection = entry.get("collection");
      var updated = withoutFalse(entry.deleteIn(["data", FLAG]), ["data"]);
      var translations = entry.get("i18n");
      if (!translations) { return updated; }
      var stamp = settings.source + ":" + await fingerprint(collection, updated.get("data").toJS());
      translations.keySeq().forEach(function (locale) {
        var path = ["i18n", locale, "data"];
        if (!entry.getIn(path)) { return; }
        if (locale !== settings.source && entry.getIn(path.concat([FLAG])) === true) {
          updated = updated.setIn(path.concat([STAMP]), stamp);
        }
        updated = withoutFalse(updated.deleteIn(path.concat([FLAG])), path);
      });
      return updated;
    }
  });

  // ------------------------------------------------------------ translation state in the list

  var states = settings.states;
  var labels = states.labels[window.KAZDUAL_FORM] || states.labels[settings.source];
  var MARK = "kazdual-translations";

  function described(missing) {
    return Object.keys(missing).map(function (code) {
      var state = missing[code];
      return code + ": " + (labels[state] || labels.other);
    }).join(" · ");
  }

  function markRows() {
    document.querySelectorAll('[role="row"] [role="gridcell"].title').forEach(function (cell) {
      var shown = cell.querySelector("bdi");
      var missing = shown && states.rows[shown.textContent.trim()];
      var mark = cell.querySelector("." + MARK);
      var wanted = missing && Object.keys(missing).length ? described(missing) : "";
      if (mark && mark.textContent === wanted) { return; }
      if (mark) { mark.remove(); }
      if (!wanted) { return; }
      mark = document.createElement("span");
      mark.className = MARK;
      mark.textContent = wanted;
      if (labels.title) { mark.title = labels.title; }
      shown.parentNode.appendChild(mark);
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markRows(); });
  }).observe(document.body, { childList: true, subtree: true });

  window.KAZDUAL = { fingerprint: fingerprint };
})();
