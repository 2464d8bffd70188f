"""Everything a page is made from, watched: texts, photos, templates, interface
text and the configuration. Bursts of changes (an editor saving several files,
a folder moved in) give one rebuild."""

from __future__ import annotations

import threading
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

WATCHED = ("docs", "news", "overrides", "data", "scripts/kazdual/strings")
_INSIDE = tuple(folder + "/" for folder in WATCHED)
CONFIG = "mkdocs.yml"
QUIET_SECONDS = 0.05  # changes closer together than this are one edit
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")
# What a change is; not a file opened or read, which every build does to hundreds of the
# watched files and folders (each such event would be handled while the build runs).
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    DirDeletedEvent,
]


class _Changes(FileSystemEventHandler):
    def __init__(self, root: Path, wake: threading.Event, watch_new) -> None:
        self.root, self.wake, self.watch_new = root, wake, watch_new

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in filter(None, (event.src_path, getattr(event, "dest_path", ""))):
            name = Path(path).name
            try:
                relative = Path(path).relative_to(self.root).as_posix()
            except ValueError:
                continue
            if relative == CONFIG or (relative in WATCHED and event.is_directory):
                self.watch_new()
                self.wake.set()
            elif relative.startswith(_INSIDE) and not name.endswith(_EDITOR_LEFTOVERS):
                self.wake.set()


class Watcher:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.wake = threading.Event()
        self._observer = Observer()
        self._watched: dict[str, tuple[int, ObservedWatch]] = {}  # folder -> (its inode, its watch)
        self._lock = threading.Lock()
        self._handler = _Changes(root, self.wake, self._watch_folders)

    def _watch_folders(self) -> None:
        """Watch each folder, and watch it anew when it was replaced: a folder moved away and
        copied back (a branch switched, a backup restored) is another folder, which the old
        watch, following the one moved away, never sees."""
        with self._lock:
            for folder in WATCHED:
                path = self.root / folder
                try:
                    inode = path.stat().st_ino if path.is_dir() and not path.is_symlink() else None
                except OSError:
                    inode = None
                known = self._watched.get(folder)
                if known is not None and known[0] == inode:
                    continue
                if known is not None:
                    del self._watched[folder]
                    try:
                        self._observer.unschedule(known[1])
                    except (KeyError, OSError):  # its watch ended with the folder
                        pass
                if inode is not None:
                    self._watched[folder] = (
                        inode,
                        self._observer.schedule(self._handler, str(path), recursive=True, event_filter=CHANGES),
                    )

    def start(self) -> None:
        # The root itself, not below it: mkdocs.yml, and folders made anew.
        self._observer.schedule(self._handler, str(self.root), recursive=False, event_filter=CHANGES)
        self._watch_folders()
        self._observer.daemon = True
        self._observer.start()

    def next_change(self, stop: threading.Event) -> bool:
        """Wait for an edit and for the burst it starts to end; False when stopping."""
        while not self.wake.wait(0.5):
            if stop.is_set():
                return False
        while True:
            self.wake.clear()
            if not self.wake.wait(QUIET_SECONDS):
                return not stop.is_set()

    def stop(self) -> None:
        self._observer.stop()
