"""The content model of the website: what its texts are and every rule that judges them.

    config = kazdual.content.config.load(root)      # or from_mkdocs(config, root) in the build
    content = kazdual.content.load(config)
    content.items, content.findings, content.blocking

See model.py for how it reads, findings.py for the kinds of finding, schema.py
for the front matter of pages and news items.
"""

from kazdual.content.findings import KINDS, Finding  # noqa: F401
from kazdual.content.model import Content, Item, load  # noqa: F401

__all__ = ["KINDS", "Content", "Finding", "Item", "load"]
