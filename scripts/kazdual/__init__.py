"""The KAZDUAL website's code: content/ reads and judges every text, site/ turns the
result into the site as MkDocs builds it, photos/, preview/ and admin/ serve both.
CONTRIBUTING.md at the repository's root maps every module."""
