"""The site stage: MkDocs events that turn the content model into the published site
(pages, listings, feeds, sitemap, search index, link previews, publishing)."""
