// The preview's helper on every page: reload when the site was rebuilt, and show
// what keeps it from being published. It is served by the preview only.
(function () {
  "use strict";
  var shown = new URL(document.currentScript.src).searchParams.get("generation");
  var events = new EventSource("/__preview__/events");
  events.onmessage = function (event) {
    if (event.data !== shown) { window.location.reload(); }
  };

  function bar(findings) {
    var blocking = findings.filter(function (f) { return f.blocking; });
    var box = document.createElement("details");
    box.className = "kd-preview-bar" + (blocking.length ? " kd-preview-bar--blocking" : "");
    var summary = document.createElement("summary");
    summary.textContent = "Preview: " + (blocking.length
      ? blocking.length + " finding(s) keep the site from being published"
      : (findings.length + " advisory finding(s); the site can be published"));
    box.appendChild(summary);
    var list = document.createElement("ul");
    findings.forEach(function (finding) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = finding.text + (finding.blocking ? "" : "  (advisory)");
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.classList.contains("kd-preview-page")) { return; }
    fetch("/__preview__/status").then(function (answer) { return answer.json(); }).then(function (status) {
      if (String(status.generation) === shown && status.findings.length) { bar(status.findings); }
    });
  });
})();
