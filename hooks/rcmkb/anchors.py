"""The published-anchors manifest (data/published-anchors.txt): every citable path#anchor the
site has ever published. An anchor may gain aliases, but never disappear."""
from __future__ import annotations

import os
from pathlib import Path

from . import safefs
from .errors import Problems

MANIFEST = "data/published-anchors.txt"
HEADER = ("# Every citable address this site has published, one per line. A build fails if any\n"
          "# of them disappears. Add new ones with: make anchors\n")


def read(root: Path, problems: Problems | None = None) -> list[tuple[int, str]] | None:
    """(line, anchor) for each published anchor; None (after reporting why) when the manifest
    cannot be read. Without `problems`, a missing manifest reads as empty (for `make anchors`)."""
    path = root / MANIFEST
    if problems is None and not path.exists():
        return []
    text = safefs.read_text(path, MANIFEST, problems if problems is not None else Problems())
    if text is None:
        return None
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def check(root: Path, published: set[str], problems: Problems, unsure=lambda anchor: False) -> None:
    """Every address in the manifest still exists, except those `unsure` says cannot be known
    (their data file could not be read)."""
    if not os.path.lexists(root / MANIFEST):
        problems.add(MANIFEST, 0, "this file is missing, so the build cannot check that no published "
                     "address has disappeared. Restore it from version control (git checkout -- "
                     f"{MANIFEST}); only a new project creates it, with: make anchors")
        return
    for number, anchor in read(root, problems) or []:
        if anchor not in published and not unsure(anchor):
            problems.add(MANIFEST, number,
                         f"the published address {anchor} no longer exists, so links people have "
                         "shared would break. Restore the item it belonged to, or add its old anchor "
                         "to the 'aliases:' list of the item that replaces it.")


def update(root: Path, published: set[str]) -> list[str]:
    """Append the anchors that are new; never remove one. Returns what was added."""
    problems = Problems()
    known = {a for _, a in read(root, problems if (root / MANIFEST).exists() else None) or []}
    problems.raise_if_any()
    new = sorted(published - known)
    path = root / MANIFEST
    text = safefs.read_text(path, MANIFEST, problems) if path.exists() else HEADER
    problems.raise_if_any()
    if new:
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(new) + "\n", "utf-8")
    return new
