"""Driving the web editor offline in a test.

Sveltia CMS edits a local repository through the File System Access API
(`showDirectoryPicker`), whose dialog headless Chromium cannot answer. So the test
copies the repository's texts into the page's origin private file system (OPFS) and
makes `showDirectoryPicker()` return that folder; after saving it copies the folder
back to disk, where the files are compared."""

from __future__ import annotations

import base64
from pathlib import Path

PICKER = """
window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('repo');
"""

_SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', { recursive: true }); } catch (e) {}
  const repo = await root.getDirectoryHandle('repo', { create: true });
  await repo.getDirectoryHandle('.git', { create: true });
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = repo;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const writer = await (await folder.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writer.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    await writer.close();
  }
  return Object.keys(files).length;
}"""

_EXPORT = """async () => {
  const out = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      const path = prefix ? prefix + '/' + name : name;
      if (handle.kind === 'directory') { if (name !== '.git') await walk(handle, path); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out[path] = btoa(text);
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""

CONTENT = ("docs", "news")


def seed(page, project: Path) -> int:
    """Copy the project's texts into the page origin's private file system."""
    files = {
        path.relative_to(project).as_posix(): base64.b64encode(path.read_bytes()).decode()
        for top in CONTENT
        for path in sorted((project / top).rglob("*"))
        if path.is_file()
    }
    return page.evaluate(_SEED, files)


def export(page, project: Path) -> dict[str, bytes]:
    """What the editor left in the private file system, by path; written back to the project."""
    files = {path: base64.b64decode(data) for path, data in page.evaluate(_EXPORT).items()}
    for path, data in files.items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return files
