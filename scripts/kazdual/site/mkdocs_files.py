"""MkDocs files for what exists only in the build: generated pages (listings, search,
404), generated assets (feeds, sitemap) and copied ones (photos' web versions)."""

from __future__ import annotations

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

# libyaml's writer where PyYAML has it: the same text as PyYAML's own, in a fourth of the
# time (a preview makes a hundred listing pages per language at every edit).
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter_of(meta: dict) -> str:
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=True) + "---\n"


def generated_page(config: MkDocsConfig, src_uri: str, dest_uri: str, meta: dict) -> File:
    """A page made from front matter alone (template, title, …), written to `dest_uri`."""
    content = _front_matter_of(meta)
    file = File.generated(config, src_uri, content=content)
    file.dest_uri = dest_uri
    return file


def generated_asset(config: MkDocsConfig, dest_uri: str, content: bytes) -> File:
    """A file (feed, sitemap) written as it is to `dest_uri`."""
    file = File.generated(config, dest_uri, content=content)
    file.dest_uri = dest_uri
    return file


def copied_asset(config: MkDocsConfig, dest_uri: str, path: str) -> File:
    """A file made elsewhere (a photo's web version in the cache), copied to `dest_uri`."""
    file = File.generated(config, dest_uri, abs_src_path=path)
    file.dest_uri = dest_uri
    return file


class UnpublishedFile(File):
    """An editor's original photo: known to MkDocs so that Markdown may link to it
    (the build then shows its web versions instead), never copied to the site."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def is_static_page(self) -> bool:
        return False
