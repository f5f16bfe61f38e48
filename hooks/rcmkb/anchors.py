"""The published-anchors manifest (data/published-anchors.txt): every citable path#anchor the
site has ever published. An anchor may gain aliases, but never disappear."""
from __future__ import annotations

from pathlib import Path

from .errors import Problems

MANIFEST = "data/published-anchors.txt"
HEADER = ("# Every citable address this site has published, one per line. A build fails if any\n"
          "# of them disappears. Add new ones with: make anchors\n")


def read(root: Path) -> list[tuple[int, str]]:
    path = root / MANIFEST
    if not path.exists():
        return []
    return [(n, line.strip()) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def check(root: Path, published: set[str], problems: Problems) -> None:
    for number, anchor in read(root):
        if anchor not in published:
            problems.add(MANIFEST, number,
                         f"the published address {anchor} no longer exists, so links people have "
                         "shared would break. Restore the item it belonged to, or add its old anchor "
                         "to the 'aliases:' list of the item that replaces it.")


def update(root: Path, published: set[str]) -> list[str]:
    """Append the anchors that are new; never remove one. Returns what was added."""
    known = {a for _, a in read(root)}
    new = sorted(published - known)
    path = root / MANIFEST
    text = path.read_text("utf-8") if path.exists() else HEADER
    if new:
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(new) + "\n", "utf-8")
    return new
