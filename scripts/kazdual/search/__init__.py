"""Search: the pages as Pagefind indexes them, and Kazakh words reduced to their stems.

kazakh.yml holds the Kazakh rules; kazakh.py and kazakh.js apply them at build time
and in the browser; pages.py and bundle.py make each language's bundle; engine.js
is the search page's side of it.
"""
