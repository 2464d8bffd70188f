"""What an editor is told when a photo cannot be published."""

from __future__ import annotations

ACCEPTED = "JPEG, PNG, WebP or HEIC"
TRUNCATED = "the photo is cut short (truncated): copy or export it again"
DAMAGED = f"the photo is damaged and cannot be read: save or export it again as {ACCEPTED}"
GARBLED = "the photo's picture data is damaged (part of it would show grey or garbled): copy or export it again"


class PhotoProblem(Exception):
    """A photo the build cannot publish; `.message` says why in an editor's words.

    The caller puts the photo's `path:line` in front of it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
