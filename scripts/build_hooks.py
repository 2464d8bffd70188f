"""The MkDocs hook named in mkdocs.yml: the events live in kazdual.build."""

from kazdual.build import (  # noqa: F401  (MkDocs looks the events up by name)
    on_config,
    on_files,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_startup,
)
