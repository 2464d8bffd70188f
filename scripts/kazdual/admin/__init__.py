"""The web editor at /admin/: Sveltia CMS, served from the site's own origin.

- editor_config.py makes config.<lang>.yml from the content model, one per language
  of the form: the collections, the fields of news and pages with their per-language
  settings and their labels from the strings files, the languages, the editorial
  workflow (a branch and a pull request per change).
- vendor.py takes the CMS from the pinned npm package in node_modules (checked
  against package-lock.json's integrity and a sha256 of each file used) and lays
  out /admin/ so that the CMS asks no other host for anything.
- start.js runs first: it picks the configuration whose form speaks the language
  of the CMS's interface.
- photos.js takes the location, camera and time out of a photo before it is
  uploaded, byte for byte as kazdual.photos.metadata does.
- kazdual.js records a translation's stamp when an editor turns on "the
  translation is up to date", by the same fingerprint as the model, and marks the
  news list's items whose translations are not in order.
- publishing.py and publishing.js: the page that shows what the site shows and
  the changes on their way, with their checks.
- offline.js answers the CMS's own requests to CDNs from /admin/.

The plain build needs only python3: without node_modules, the site has no /admin/.
"""
