"""Rules for the website's Python code, read with `ast`: where state may live.

A module keeps no state of its own between calls: no `global` rebinding, no
module-level list, dict, set or object (a constant is named in capitals, and no
function may change it), no attribute set on another module. What a build keeps lives in the one build object
(kazdual.site.build.PROCESS). Each rule returns "path:line: what" lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

MUTATING_METHODS = {
    "append", "extend", "insert", "pop", "popitem", "clear", "update", "setdefault",
    "add", "discard", "remove", "sort", "reverse",
}  # fmt: skip
CONTAINERS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# Calls whose results do not change: compiled patterns, loggers, paths, frozen values.
IMMUTABLE_CALLS = {
    "re.compile",
    "logging.getLogger",
    "Path",
    "frozenset",
    "tuple",
    "str",
    "os.path.realpath",
    "TypeVar",
}
# The one object allowed to hold a process's state.
BUILD_OBJECT = ("kazdual/site/build.py", "PROCESS")


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def _held_at_module_level(path: str, tree: ast.Module) -> list[str]:
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in [t for t in targets if isinstance(t, ast.Name) and not t.id.startswith("__")]:
            value = node.value
            if (path, target.id) == BUILD_OBJECT:
                continue
            if isinstance(value, CONTAINERS) and not target.id.isupper():
                found.append(f"{path}:{node.lineno}: {target.id} is a module-level container")
            elif isinstance(value, ast.Call) and ast.unparse(value.func) not in IMMUTABLE_CALLS:
                if isinstance(value.func, ast.Name) and value.func.id in {"dict", "list", "set", "defaultdict"}:
                    if not target.id.isupper():  # a constant by its name: changing it is found below
                        found.append(f"{path}:{node.lineno}: {target.id} is a module-level container")
                elif not target.id.isupper() or value.func.__class__ is ast.Name and value.func.id[:1].isupper():
                    found.append(f"{path}:{node.lineno}: {target.id} is a module-level object")
    return found


def _changed_from_functions(path: str, tree: ast.Module) -> list[str]:
    names, found = _module_names(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"{path}:{node.lineno}: global {', '.join(node.names)}")
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and isinstance(inner.func.value, ast.Name)
                and inner.func.value.id in names
                and inner.func.attr in MUTATING_METHODS
            ):
                found.append(f"{path}:{inner.lineno}: changes the module's {inner.func.value.id}")
            if isinstance(inner, (ast.Assign, ast.AugAssign)):
                targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
                for target in targets:
                    if (
                        isinstance(target, (ast.Subscript, ast.Attribute))
                        and isinstance(target.value, ast.Name)
                        and target.value.id in names
                    ):
                        found.append(f"{path}:{inner.lineno}: changes the module's {target.value.id}")
    return found


def module_state(path: str, source: str) -> list[str]:
    """Where the module at `path` (relative to scripts/) keeps state between calls."""
    tree = ast.parse(source)
    return _held_at_module_level(path, tree) + _changed_from_functions(path, tree)


def state_in(scripts: Path) -> list[str]:
    return [
        problem
        for file in sorted(scripts.rglob("*.py"))
        for problem in module_state(file.relative_to(scripts).as_posix(), file.read_text("utf-8"))
    ]
