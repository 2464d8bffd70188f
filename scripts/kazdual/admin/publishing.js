// The publishing page (publishing.py): which version of the texts the site shows, and the
// web editor's pull requests on their way, each with its status and the state of its checks,
// linked to the checks' page on GitHub. GitHub is asked with the token the editor signed in
// with, which the CMS keeps in this browser; nothing else is sent anywhere.
(function () {
  "use strict";
  var told = JSON.parse(document.getElementById("kazdual-publishing").textContent);
  var waiting = document.getElementById("kd-waiting");
  var list = document.getElementById("kd-changes");
  var STATUSES = ["draft", "pending_review", "pending_publish"];
  var PREFIXES = ["sveltia-cms/", "decap-cms/", "netlify-cms/"];

  function say(element, text) { element.textContent = text; }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function statusOf(pull) {
    var found = null;
    pull.labels.forEach(function (label) {
      PREFIXES.forEach(function (prefix) {
        var name = label.name.indexOf(prefix) === 0 ? label.name.slice(prefix.length) : null;
        if (STATUSES.indexOf(name) >= 0) { found = name; }
      });
    });
    return found;
  }

  function checksOf(runs) {
    if (!runs.length) { return "checks_none"; }
    if (runs.some(function (run) { return run.status !== "completed"; })) { return "checks_running"; }
    var good = ["success", "neutral", "skipped"];
    return runs.every(function (run) { return good.indexOf(run.conclusion) >= 0; }) ? "checks_passed" : "checks_failed";
  }

  // The version the site shows, from publishing.json: newer than this page when the page was cached.
  function published(site) {
    var line = document.getElementById("kd-published");
    if (!site.published) { return; }
    var day = site.published.date.slice(0, 10).split("-").reverse().join(".");
    var parts = told.version.replace("{date}", day).split("{commit}");
    line.textContent = parts[0];
    line.appendChild(link("https://github.com/" + site.repository + "/commit/" + site.published.commit,
      site.published.commit.slice(0, 7)));
    line.appendChild(document.createTextNode(parts[1] || ""));
  }

  function show(site) {
    published(site);
    var user = null;
    try { user = JSON.parse(localStorage.getItem("sveltia-cms.user") || "null"); } catch (error) { user = null; }
    if (!user || !user.token) { return; }
    var headers = { Accept: "application/vnd.github+json", Authorization: "Bearer " + user.token };
    var repo = site.api + "/repos/" + site.repository;
    function ask(path) {
      return fetch(repo + path, { headers: headers, cache: "no-store" }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
    }
    say(waiting, told.asking);
    var pulls = ask("/pulls?state=open&per_page=100").then(function (found) {
      return Promise.all(found.filter(statusOf).map(function (pull) {
        return ask("/commits/" + pull.head.sha + "/check-runs?per_page=100").then(function (checks) {
          return { pull: pull, checks: checksOf(checks.check_runs || []) };
        });
      }));
    });
    var head = ask("/commits/main").then(function (commit) { return commit.sha; });
    Promise.all([pulls, head]).then(function (answers) {
      var changes = answers[0];
      say(waiting, changes.length ? "" : told.none);
      changes.forEach(function (change) {
        var item = document.createElement("li");
        item.appendChild(link(change.pull.html_url, change.pull.title));
        item.appendChild(document.createTextNode(" · " + told[statusOf(change.pull)] + " · "));
        item.appendChild(link(change.pull.html_url + "/checks", told[change.checks]));
        item.dataset.checks = change.checks;
        list.appendChild(item);
      });
      if (site.published && answers[1] !== site.published.commit) {
        var note = document.createElement("p");
        note.id = "kd-deploying";
        var parts = told.deploying.split("{link}");
        note.appendChild(document.createTextNode(parts[0]));
        note.appendChild(link("https://github.com/" + site.repository + "/actions/workflows/publish.yml", told.deploying_link));
        note.appendChild(document.createTextNode(parts[1] || ""));
        list.parentNode.insertBefore(note, list.nextSibling);
      }
    }).catch(function (error) {
      say(waiting, told.failed.replace("{error}", error.message));
    });
  }

  fetch("publishing.json", { cache: "no-cache" }).then(function (response) { return response.json(); }).then(show)
    .catch(function (error) { say(waiting, told.failed.replace("{error}", error.message)); });
})();
