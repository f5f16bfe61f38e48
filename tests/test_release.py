"""Data releases, on a temporary git repository holding a copy of the project: `python -m rcmkb
release` (make release) tags data-YYYY.MM.DD, writes the changelog from git and the anchor
manifest, names the release in CITATION.cff, and the next build names it too."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, build_env, copy_project, mkdocs_build

ANCHORS = "data/published-anchors.txt"


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def release(repo, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rcmkb", "release", "--root", str(repo), *args],
                          capture_output=True, text=True, env=build_env(), timeout=300)


@pytest.fixture
def repo(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "CITATION.cff", project / "CITATION.cff")
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")   # the engine's .cache/ is not the record
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.name", "Test")
    git(project, "config", "user.email", "test@example.org")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The project")
    return project


def test_releases_write_the_changelog_from_git_and_the_anchor_manifest(repo, tmp_path):
    first = release(repo, "--tag", "data-2026.01.15")
    assert first.returncode == 0, first.stderr
    assert "data-2026.01.15" in git(repo, "tag", "--list")
    log = (repo / "CHANGELOG.md").read_text("utf-8")
    assert "## data-2026.01.15" in log and "The first release of the data." in log
    assert "/declarations/xxi/#decision-21" in log               # every anchor is new at first
    cff = (repo / "CITATION.cff").read_text("utf-8")
    assert 'version: "data-2026.01.15"' in cff and 'date-released: "2026-01-15"' in cff
    assert not git(repo, "status", "--porcelain").strip()      # committed, nothing left over

    # Between releases: a corrected decision text, and a new published address.
    xxi = repo / "data" / "declarations" / "xxi.yaml"
    text = xxi.read_text("utf-8")
    assert "regardless of whether it is a country of origin" in text
    xxi.write_text(text.replace("regardless of whether it is a country of origin",
                                "regardless of whether it is a country of  origin", 1), "utf-8")
    git(repo, "commit", "-q", "-am", "Correct preamble 2 of XXI")
    manifest = repo / ANCHORS
    manifest.write_text(manifest.read_text("utf-8") + "/declarations/xxi/#preamble-99\n", "utf-8")
    git(repo, "commit", "-q", "-am", "A new anchor")
    # (the build would reject an anchor that does not exist: the changelog itself does not build)
    second = subprocess.run([sys.executable, "-c", "import sys; from rcmkb import release; "
                             "release.release(sys.argv[1], 'data-2026.02.01', '2026-02-01')", str(repo)],
                            capture_output=True, text=True, env=build_env())
    assert second.returncode == 0, second.stderr
    log = (repo / "CHANGELOG.md").read_text("utf-8")
    section = log[log.index("## data-2026.02.01"):log.index("## data-2026.01.15")]
    assert "Changes since data-2026.01.15." in section
    assert "- data/declarations/xxi.yaml: preamble 2" in section           # corrected texts
    assert "- /declarations/xxi/#preamble-99" in section                   # new anchors
    assert "#decision-21" not in section                                   # old ones are not new
    assert "Correct preamble 2 of XXI" in section and "A new anchor" in section
    assert log.count("## data-2026.01.15") == 1                            # older sections kept once


def test_a_release_is_never_made_twice_nor_from_uncommitted_work(repo):
    assert release(repo, "--tag", "data-2026.01.15").returncode == 0
    again = release(repo, "--tag", "data-2026.01.15")
    assert again.returncode == 1 and "exists already" in again.stderr and "Traceback" not in again.stderr
    sources = repo / "data" / "sources.yaml"
    sources.write_text(sources.read_text("utf-8") + "# an edit not yet committed\n", "utf-8")
    dirty = release(repo, "--tag", "data-2026.01.16")
    assert dirty.returncode == 1 and "uncommitted changes" in dirty.stderr
    assert release(repo, "--tag", "2026-01-16").returncode == 1


def test_a_build_of_a_release_names_it(repo, tmp_path):
    assert release(repo, "--tag", "data-2026.01.15").returncode == 0
    out = tmp_path / "site"
    result = mkdocs_build(repo, out)
    assert result.returncode == 0, result.stderr
    build = json.loads((out / "data" / "build.json").read_bytes())
    assert build["release"] == "data-2026.01.15" and build["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert "data-2026.01.15" in build["citation"]["text"]
    assert build["date_released"] == "2026-01-15"
    assert build["citation"]["csl"]["issued"] == {"date-parts": [[2026, 1, 15]]}
    assert "Data release data-2026.01.15" in (out / "index.html").read_text("utf-8")
