"""Releases of the data: `python -m rcmkb release` (make release) tags the current commit
`data-YYYY.MM.DD` and writes what changed in the record since the last release into CHANGELOG.md:
new declarations, corrected texts and new permanent addresses. Everything in it comes from git
and the anchor manifest (data/published-anchors.txt), so no one writes it by hand; CITATION.cff
gets the release as its version, so that a citation can name it."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from . import anchors
from .buildinfo import CITATION, RELEASE_PREFIX

CHANGELOG = "CHANGELOG.md"
TAG = re.compile(r"^data-\d{4}\.\d{2}\.\d{2}(\.\d+)?$")
HEADER = ("# Changelog of the data\n\n"
          "What changed in the record at each data release (`data-YYYY.MM.DD` tags). Written by\n"
          "`make release` from git and `data/published-anchors.txt`: do not edit it by hand.\n")
# Files whose texts are official texts, verbatim: a change to one of their texts is a correction.
TEXT_FILES = ("data/declarations/*.yaml", "data/protocol.yaml", "data/proposals/*.yaml")
TEXT_KEYS = {"text", "items", "heading", "after", "header"}
DECLARATION = re.compile(r"^/declarations/([^/#]+)/$")


class ReleaseError(Exception):
    """A release cannot be made; the message says why and what to do."""


@dataclass
class Changes:
    tag: str
    date: str
    previous: str | None
    new_declarations: list[str] = field(default_factory=list)   # "XXII (/declarations/xxii/)"
    corrected: list[str] = field(default_factory=list)          # "data/declarations/xxi.yaml: decisions 18"
    new_anchors: list[str] = field(default_factory=list)
    commits: list[str] = field(default_factory=list)            # "abc1234 subject" touching data/


def _git(root: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout if result.returncode == 0 else ""


def _show(root: Path, rev: str | None, path: str) -> str | None:
    """The file at `path` as of `rev` (the working tree when rev is None); None when absent."""
    if rev is None:
        file = root / path
        return file.read_text("utf-8") if file.is_file() else None
    result = subprocess.run(["git", "-C", str(root), "show", f"{rev}:{path}"], capture_output=True)
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def _manifest(text: str | None) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip() and not ln.startswith("#")]


def _texts(value, path=()) -> dict[tuple, str]:
    """Every official-text string in a data file, keyed by where it is (items by their id/number)."""
    found = {}
    if isinstance(value, dict):
        for key, sub in value.items():
            if key in TEXT_KEYS:
                found.update({(*path, key, *k): v for k, v in _strings(sub).items()})
            else:
                found.update(_texts(sub, (*path, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            name = item.get("id", item.get("number", i)) if isinstance(item, dict) else i
            found.update(_texts(item, (*path, name)))
    return found


def _strings(value) -> dict[tuple, str]:
    if isinstance(value, str):
        return {(): value}
    if isinstance(value, dict):
        return {(k, *rest): v for k, sub in value.items() for rest, v in _strings(sub).items()}
    if isinstance(value, list):
        return {(i, *rest): v for i, sub in enumerate(value) for rest, v in _strings(sub).items()}
    return {}


def _load(text: str | None):
    try:
        return yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None


def _where(key: tuple) -> str:
    """('decisions', 18, 'text', 'en') -> 'decisions 18'; ('sections', 'background', ...) likewise."""
    parts = []
    for part in key:
        if part in TEXT_KEYS:
            break
        parts.append(str(part))
    return " ".join(parts) or "text"


def changes(root: Path, tag: str, date: str) -> Changes:
    """What changed in the record between the last data release and the working tree."""
    root = Path(root)
    previous = _git(root, "describe", "--tags", "--abbrev=0", "--match", f"{RELEASE_PREFIX}*", "HEAD",
                    check=False).strip() or None
    result = Changes(tag, date, previous)

    before = _manifest(_show(root, previous, anchors.MANIFEST)) if previous else []
    known = set(before)
    result.new_anchors = [a for a in _manifest(_show(root, None, anchors.MANIFEST)) if a not in known]
    for anchor in result.new_anchors:
        match = DECLARATION.match(anchor)
        if match:
            doc = _load(_show(root, None, f"data/declarations/{match.group(1)}.yaml")) or {}
            result.new_declarations.append(f"{doc.get('ordinal', match.group(1))} ({anchor})")

    if previous:
        for pattern in TEXT_FILES:
            for path in sorted(root.glob(pattern)):
                rel = path.relative_to(root).as_posix()
                old = _texts(_load(_show(root, previous, rel)) or {})
                if not old:
                    continue   # a new file: its texts are new, not corrected
                new = _texts(_load(_show(root, None, rel)) or {})
                changed = sorted({_where(k) for k in old if k in new and old[k] != new[k]})
                if changed:
                    result.corrected.append(f"{rel}: {', '.join(changed)}")

    span = f"{previous}..HEAD" if previous else "HEAD"
    log = _git(root, "log", "--format=%h %s", span, "--", "data/", check=False)
    result.commits = [ln for ln in log.splitlines() if ln.strip()]
    return result


def section(c: Changes) -> str:
    """The changelog section of one release, in Markdown."""
    lines = [f"## {c.tag} ({c.date})", ""]
    lines.append(f"Changes since {c.previous}." if c.previous else "The first release of the data.")
    lines.append("")
    for title, items in (("New declarations", c.new_declarations),
                         ("Corrected texts", c.corrected),
                         ("New permanent addresses", c.new_anchors),
                         ("Commits that changed the data", c.commits)):
        lines.append(f"### {title}")
        lines.append("")
        if items:
            lines.extend(f"- {item}" for item in items)
        else:
            lines.append("None.")
        lines.append("")
    return "\n".join(lines)


def _set_citation(text: str, tag: str, date: str) -> str:
    for key, value in (("version", tag), ("date-released", date)):
        line = f'{key}: "{value}"'
        text, n = re.subn(rf"(?m)^{key}:.*$", line, text)
        if not n:
            text = text.rstrip("\n") + "\n" + line + "\n"
    return text


def release(root: Path, tag: str | None = None, today: str | None = None) -> Changes:
    """Write the changelog and CITATION.cff for `tag`, commit them and tag the commit."""
    root = Path(root)
    if not _git(root, "rev-parse", "--is-inside-work-tree", check=False).strip():
        raise ReleaseError(f"{root} is not a git repository: releases are made from a git checkout.")
    if _git(root, "status", "--porcelain").strip():
        raise ReleaseError("the working tree has uncommitted changes: commit them (or stash them) "
                           "first, so that the release is exactly a commit.")
    if tag and not TAG.match(tag):
        raise ReleaseError(f"'{tag}' is not a data release tag: use data-YYYY.MM.DD "
                           "(data-YYYY.MM.DD.2 for a second release on one day).")
    # The release's date is the one its tag names; without a tag, today's (UTC).
    today = today or (tag[len(RELEASE_PREFIX):][:10].replace(".", "-") if tag
                      else datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    tag = tag or RELEASE_PREFIX + today.replace("-", ".")
    if _git(root, "tag", "--list", tag).strip():
        raise ReleaseError(f"the tag {tag} exists already: a release is never made twice. For a "
                           f"second release today, use --tag {tag}.2.")
    c = changes(root, tag, today)

    log = root / CHANGELOG
    old = log.read_text("utf-8") if log.exists() else HEADER
    body = old[len(HEADER):] if old.startswith(HEADER) else old
    log.write_text(HEADER + "\n" + section(c) + ("\n" + body.lstrip("\n") if body.strip() else ""),
                   "utf-8")
    cff = root / CITATION
    if cff.exists():
        cff.write_text(_set_citation(cff.read_text("utf-8"), tag, today), "utf-8")
    _git(root, "add", CHANGELOG, *([CITATION] if cff.exists() else []))
    _git(root, "commit", "-q", "-m", f"Release {tag}: changelog and citation")
    _git(root, "tag", "-a", tag, "-m", section(c))
    return c
