"""What a build was made from: the commit, the date and the data release, so that a citation can
name the exact state of the record. Deterministic for one commit: the date is SOURCE_DATE_EPOCH
(or the commit's own time), never the clock; without git, the commit is simply not known."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

CITATION = "CITATION.cff"
RELEASE_PREFIX = "data-"


@dataclass(frozen=True)
class Provenance:
    commit: str | None    # full commit id, None when the project is not a git checkout
    date: str | None      # YYYY-MM-DD of SOURCE_DATE_EPOCH or of the commit, None when neither is known
    version: str | None   # CITATION.cff's version: the last data release this commit includes
    released: str | None  # CITATION.cff's date-released

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None

    @property
    def release(self) -> str | None:
        """The data release (data-YYYY.MM.DD) this build includes, if any has been made."""
        return self.version if self.version and self.version.startswith(RELEASE_PREFIX) else None

    def as_dict(self) -> dict:
        return {"commit": self.commit, "date": self.date, "version": self.version,
                "release": self.release, "date_released": self.released}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def _day(epoch: str | None) -> str | None:
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def citation_file(root: Path) -> dict:
    """CITATION.cff as a dict ({} when it is absent or unreadable)."""
    try:
        data = yaml.safe_load((Path(root) / CITATION).read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def of(root: Path) -> Provenance:
    """The provenance of a build of the project at `root`."""
    root = Path(root)
    commit = _git(root, "rev-parse", "--verify", "HEAD")
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or (commit and _git(root, "log", "-1", "--format=%ct"))
    cff = citation_file(root)
    version = cff.get("version")
    released = cff.get("date-released")
    return Provenance(commit, _day(epoch), str(version) if version is not None else None,
                      str(released) if released is not None else None)


# ---------------------------------------------------------------------------------------------
# When each file last changed, from git history: a page shows the day its content last changed.
# Deterministic for one commit (commit dates, never the clock or the working tree); without a
# full history (no git, a tarball, a shallow clone) nothing is known, and pages say nothing.

HISTORY_PATHS = ("data", "docs")   # what pages are made from


@dataclass(frozen=True)
class History:
    """The day (YYYY-MM-DD, UTC) of the last commit that touched each file under data/ and docs/;
    `missing` says why nothing is known ('' when the history is complete)."""
    changed: dict          # path relative to the project root -> YYYY-MM-DD
    missing: str = ""

    def last_changed(self, paths) -> str | None:
        """The latest day any of `paths` changed (a path ending in '/' is a folder); None when
        the history is not available or no commit touched them (a file not yet committed)."""
        days = [day for p in paths if p for path, day in self.changed.items()
                if path == p or (p.endswith("/") and path.startswith(p))]
        return max(days) if days else None


def history(root: Path) -> History:
    """The history of the project at `root`, read with one `git log`."""
    root = Path(root)
    if _git(root, "rev-parse", "--verify", "HEAD") is None:
        return History({}, "not a git checkout (or git is not installed)")
    if _git(root, "rev-parse", "--is-shallow-repository") == "true":
        return History({}, "a shallow clone: its history is cut short, so dates would be wrong")
    # The project may be a subfolder of the repository: paths are made relative to it.
    prefix = _git(root, "rev-parse", "--show-prefix") or ""
    log = _git(root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "-z", "HEAD",
               "--", *HISTORY_PATHS)
    if log is None:
        return History({}, "git log failed")
    changed: dict[str, str] = {}
    day = None
    for field in log.split("\0"):
        field = field.strip("\n")
        if not field:
            continue
        if field.isdigit():                 # a commit's time; its files follow, newest first
            day = _day(field)
            continue
        if day and field.startswith(prefix):
            changed.setdefault(field[len(prefix):], day)
    return History(changed)
