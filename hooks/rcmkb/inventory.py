"""What may be in data/ and docs/: every file in data/ is one that a loader reads, and nothing in
either folder is a symbolic link. A stray file (a `.yml` beside the `.yaml` files, a sixth file
in data/entities/) would otherwise be ignored in silence, and a link would publish whatever it
points at.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import safefs
from .errors import Problems


def check(root: Path, docs: Path, problems: Problems) -> None:
    """Report every symbolic link (and anything else that is not a plain file or folder) under
    data/ and docs/, before anything in them is read."""
    root, docs = Path(os.path.abspath(root)), Path(os.path.abspath(docs))
    safefs.scan(root / "data", root, problems)
    if docs.exists():
        safefs.scan(docs, root if docs.is_relative_to(root) else docs.parent, problems)


def unread(root: Path, read: set[str], own: list[str], problems: Problems) -> None:
    """Report every file in data/ that no domain read while loading (`read`: absolute paths),
    except the engine's own files (`own`, relative to the project). Each message says which
    files the build reads in that folder."""
    root = Path(os.path.abspath(root))
    expected = {os.path.abspath(root / name) for name in own} | set(read)
    by_folder: dict[str, list[str]] = {}
    for path in expected:
        p = Path(path)
        # Files only: a folder is noted as read when its files come from the cache, and not when
        # they are read one by one; the hint is the same either way.
        if p.is_relative_to(root / "data") and not p.is_dir():
            by_folder.setdefault(p.parent.relative_to(root).as_posix(), []).append(p.name)
    for path in safefs.scan(root / "data", root, Problems()):
        if os.path.abspath(path) in expected:
            continue
        rel = path.relative_to(root).as_posix()
        folder = path.parent.relative_to(root).as_posix()
        names = sorted(by_folder.get(folder, []))
        hint = (f"{folder}/ holds " + ", ".join(names) if names
                else f"the build reads no file in {folder}/")
        near = _near(path, root, expected)
        problems.add(rel, 0, f"no part of the build reads this file, so it would be ignored. {hint}."
                     + (f" Did you mean {near}?" if near else " Move or delete it."))


def _near(path: Path, root: Path, expected: set[str]) -> str:
    """A likely intended name: xxi.yml -> data/declarations/xxi.yaml, Topics.yaml -> topics.yaml."""
    if path.suffix in (".yml", ".YAML", ".Yaml"):
        return path.with_suffix(".yaml").relative_to(root).as_posix()
    lower = path.with_name(path.name.lower())
    if lower != path and os.path.abspath(lower) in expected:
        return lower.relative_to(root).as_posix()
    return ""


def clashes(docs: Path, root: Path, generated: list[str], problems: Problems) -> None:
    """A hand-written page at the address of a page generated from data would be dropped in
    silence: report it instead. `generated` holds the generated pages' source names
    (declarations/xxi/index.md)."""
    docs, root = Path(os.path.abspath(docs)), Path(os.path.abspath(root))
    for src in sorted(set(generated)):
        stem = src[: -len("index.md")].rstrip("/")
        candidates = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
        for name in candidates:
            path = Path(docs) / name
            if os.path.lexists(path):
                rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                problems.add(rel, 0, f"this page is at the address /{stem + '/' if stem else ''} of a "
                             "page the build makes from data/, which would replace it without a word. "
                             "Move it to another address, or change the data instead.")
