"""What may be in data/ and docs/: every file in data/ is one that a loader reads, and nothing in
either folder is a symbolic link. A stray file (a `.yml` beside the `.yaml` files, a sixth file
in data/entities/) would otherwise be ignored in silence, and a link would publish whatever it
points at.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import safefs
from .errors import Problems

# Each file in data/ matches one of these (paths relative to data/), with what to tell an editor.
EXPECTED: list[tuple[str, str]] = [
    (r"(sources|about|activities|chronology|protocol)\.yaml",
     "data/ holds sources.yaml, about.yaml, activities.yaml, chronology.yaml, protocol.yaml and "
     "published-anchors.txt"),
    (r"published-anchors\.txt", ""),
    (r"declarations/[a-z]+\.yaml",
     "data/declarations/ holds one <id>.yaml file per declaration, named by its lower-case "
     "roman numeral, e.g. xxi.yaml"),
    (r"entities/(countries|organizations|bodies|documents|topics)\.yaml",
     "data/entities/ holds exactly countries.yaml, organizations.yaml, bodies.yaml, documents.yaml "
     "and topics.yaml"),
    (r"proposals/[a-z0-9]+(-[a-z0-9]+)*\.yaml",
     "data/proposals/ holds one <id>.yaml file per proposal, e.g. rrocm-2010.yaml"),
    (r"schemas/[a-z-]+\.schema\.json",
     "data/schemas/ holds the <name>.schema.json files"),
    (r"budget/(lines|contributions)\.schema\.json",
     "data/budget/ holds lines.schema.json, contributions.schema.json and one folder per year"),
    (r"budget/\d{4}/(budget\.yaml|lines\.csv|contributions\.csv)",
     "a budget year folder such as data/budget/2017/ holds budget.yaml, lines.csv and "
     "contributions.csv"),
]


def _hint(rel: str) -> str:
    """What the folder that holds `rel` (relative to data/) may contain."""
    folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
    hints = {"": EXPECTED[0][1], "declarations": EXPECTED[2][1], "entities": EXPECTED[3][1],
             "proposals": EXPECTED[4][1], "schemas": EXPECTED[5][1], "budget": EXPECTED[6][1]}
    if folder in hints:
        return hints[folder]
    if re.fullmatch(r"budget/\d{4}", folder):
        return EXPECTED[7][1]
    return "data/ has no folder " + folder + "; see the Contribute page for the files data/ holds"


def check(root: Path, docs: Path, problems: Problems) -> None:
    """Report every link under data/ and docs/, and every file in data/ no loader reads."""
    root, docs = Path(os.path.abspath(root)), Path(os.path.abspath(docs))
    data = root / "data"
    for path in safefs.scan(data, root, problems):
        rel = path.relative_to(data).as_posix()
        if any(re.fullmatch(pattern, rel) for pattern, _ in EXPECTED):
            continue
        near = _near(rel)
        problems.add(f"data/{rel}", 0, f"no part of the build reads this file, so it would be ignored. "
                     f"{_hint(rel)}." + (f" Did you mean {near}?" if near else " Move or delete it."))
    if docs.exists():
        safefs.scan(docs, root if docs.is_relative_to(root) else docs.parent, problems)


def _near(rel: str) -> str:
    """A likely intended name: xxi.yml -> xxi.yaml."""
    for old, new in ((".yml", ".yaml"), (".YAML", ".yaml"), (".json", ".schema.json")):
        if rel.endswith(old):
            fixed = rel[: -len(old)] + new
            if any(re.fullmatch(pattern, fixed) for pattern, _ in EXPECTED):
                return "data/" + fixed
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
