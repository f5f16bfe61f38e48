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
