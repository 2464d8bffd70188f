"""The archive of a built site that anyone can keep (scripts/archive.py).

- offline.py: a ZIP of the site that opens from the disk in a browser, its links
  rewritten to name `index.html` (a browser shows a folder, not its index, on
  file://); the search page says why it cannot search there.
- warc.py: a WARC of every published address with the headers a host sends, as
  web archives keep sites and replay them (pywb, the Wayback Machine).
- published.py: what both read: the files of the site, the address it was built
  for, and the one moment the archive is dated (SOURCE_DATE_EPOCH, else the last
  commit), so the same sources give the same bytes.
"""
