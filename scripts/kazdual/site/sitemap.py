"""One sitemap for all languages, each URL with its alternates (absolute) and x-default."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from kazdual.addresses import absolute
from kazdual.languages import Language


def sitemap(paths: list[tuple[str, str | None]], languages: list[Language], base: str) -> bytes:
    """`paths`: (path below a language root, last modified YYYY-MM-DD or None)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path, lastmod in paths:
        links = [(lang.code, absolute(base, lang, path)) for lang in languages]
        links.append(("x-default", absolute(base, languages[0], path)))
        for language in languages:
            lines.append("<url>")
            lines.append(f"  <loc>{escape(absolute(base, language, path))}</loc>")
            if lastmod:
                lines.append(f"  <lastmod>{lastmod}</lastmod>")
            for code, href in links:
                lines.append(f'  <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(href)}/>')
            lines.append("</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
