"""The mark that flags text an editor still has to write.

The news scaffold writes it; the translation checker and the build refuse to
publish a file that still holds it.
"""

MARK = "TODO:"


def placeholder(what: str) -> str:
    """A placeholder for text still to write, e.g. `TODO: write the summary in Kazakh`."""
    return f"{MARK} {what}"
