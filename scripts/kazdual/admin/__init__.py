"""The web editor at /admin/: Sveltia CMS, served from the site's own origin.

- editor_config.py makes config.yml from the content model: the collections, the
  fields of news and pages with their per-language settings, the languages.
- vendor.py takes the CMS from the pinned npm package in node_modules (checked
  against package-lock.json's integrity and a sha256 of each file used) and lays
  out /admin/ so that the CMS asks no other host for anything.
- kazdual.js runs in the editor: it records a translation's stamp when an editor
  ticks "this translation is up to date", by the same fingerprint as the model.
- offline.js answers the CMS's own requests to CDNs from /admin/.

The plain build needs only python3: without node_modules, /admin/ is left out.
"""
