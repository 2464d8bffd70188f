"""What an editor is told when a photo cannot be published: messages of the catalogs'
`photo` section (kazdual.content.messages)."""

from __future__ import annotations

from kazdual.content.messages import Message, say

TRUNCATED = "photo.truncated"
DAMAGED = "photo.damaged"
GARBLED = "photo.garbled"


class PhotoProblem(Exception):
    """A photo the build cannot publish; `.said` says why in an editor's words (the
    message's name and values), `.message` in English.

    The caller puts the photo's `path:line` in front of it.
    """

    def __init__(self, message: str, /, **values: object) -> None:
        self.said: Message = say(message, **values)
        self.message = self.said.text()
        super().__init__(self.message)

    @classmethod
    def of(cls, said: Message) -> PhotoProblem:
        """The problem a message already says (as a photo's kept verdict holds it)."""
        return cls(said.name, **dict(said.values))
