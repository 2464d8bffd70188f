"""The MkDocs hook named in mkdocs.yml: every `on_*` event of kazdual.site.build.

Taken by name, so a new event there can never be silently left out here.
"""

from kazdual.site import build as _events

globals().update({name: getattr(_events, name) for name in dir(_events) if name.startswith("on_")})
