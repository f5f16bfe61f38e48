"""Each page shows when its content last changed, from git history at build time: a hand-written
page by its Markdown file, a generated page by the data files it is built from. Commit dates only,
so one commit always gives the same dates; without a full history (no git, a tarball, a shallow
clone) the line is left out, never guessed."""
from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from conftest import ROOT, copy_project, mkdocs_build
from pages import text_of

from rcmkb import buildinfo

CHANGED = re.compile(r'<p class="rcm-changed">(.*?)</p>', re.S)


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **env}).stdout.strip()


def day_of(files: list[str], repo: Path = ROOT) -> str | None:
    """The UTC day of the last commit touching any of `files`, as git itself gives it."""
    stamps = [git(repo, "log", "-1", "--format=%ct", "--", f) for f in files]
    stamps = [int(s) for s in stamps if s]
    return datetime.fromtimestamp(max(stamps), timezone.utc).strftime("%Y-%m-%d") if stamps else None


def make_repo(path: Path) -> Path:
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.org")
    (path / "data").mkdir()
    (path / "docs").mkdir()
    (path / "data" / "a.yaml").write_text("a: 1\n")
    (path / "docs" / "x.md").write_text("# X\n")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "first", date="2020-01-02T23:30:00+00:00")
    (path / "data" / "a.yaml").write_text("a: 2\n")
    git(path, "commit", "-q", "-am", "second", date="2021-03-04T01:00:00+02:00")   # 3 March, UTC
    return path


def test_history_gives_the_day_of_the_last_commit_touching_each_file(tmp_path):
    repo = make_repo(tmp_path / "repo")
    (repo / "data" / "new.yaml").write_text("b: 1\n")                # not committed: no date
    (repo / "docs" / "x.md").write_text("# Changed, not committed\n")
    history = buildinfo.history(repo)
    assert history.missing == ""
    assert history.last_changed(["data/a.yaml"]) == "2021-03-03"
    assert history.last_changed(["docs/x.md"]) == "2020-01-02"
    assert history.last_changed(["docs/x.md", "data/a.yaml"]) == "2021-03-03"
    assert history.last_changed(["data/"]) == "2021-03-03"            # a folder: its latest file
    assert history.last_changed(["data/new.yaml"]) is None
    assert history.last_changed([]) is None


def test_no_history_no_date(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "repo")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    history = buildinfo.history(shallow)
    assert "shallow" in history.missing and history.last_changed(["data/a.yaml"]) is None

    plain = tmp_path / "plain"                                         # a tarball: no .git
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    history = buildinfo.history(plain)
    assert history.missing and history.last_changed(["data/"]) is None

    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))             # git is not installed
    history = buildinfo.history(repo)
    assert history.missing and history.last_changed(["data/a.yaml"]) is None


def test_every_page_says_when_its_content_last_changed(site, html):
    probe = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
                           capture_output=True, text=True)
    shallow = probe.returncode != 0 or probe.stdout.strip() == "true"   # or no git at all
    head = None if shallow else datetime.fromtimestamp(
        int(git(ROOT, "log", "-1", "--format=%ct")), timezone.utc).strftime("%Y-%m-%d")
    pages = [p for p in sorted(site.rglob("index.html"))
             if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))]
    for page in pages:
        found = CHANGED.findall(page.read_text("utf-8"))
        if shallow:            # a shallow checkout (or a tarball) cannot know: the line is left out
            assert not found, page
            continue
        assert len(found) == 1, page
        day = re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">', found[0]).group(1)
        assert day <= head, page
    if shallow:
        return
    # A hand-written page: its Markdown file's last commit, in words (babel: "1 December 2026").
    for doc, path in (("docs/index.md", "index.html"), ("docs/reuse.md", "reuse/")):
        part = CHANGED.search(html(path)).group(1)
        expected = day_of([doc])
        assert f'datetime="{expected}"' in part and "This page last changed on" in text_of(part), doc
        assert datetime.strptime(expected, "%Y-%m-%d").strftime("%B %Y") in text_of(part)
    # A generated page: the latest commit touching the data it is built from.
    part = CHANGED.search(html("declarations/xxi/")).group(1)
    expected = day_of(["data/declarations/xxi.yaml", "data/commitments/xxi.yaml"])
    assert f'datetime="{expected}"' in part and "The data this page is built from" in text_of(part)
    part = CHANGED.search(html("budget/2017/")).group(1)
    assert f'datetime="{day_of(["data/budget/2017"])}"' in part


def test_a_build_without_history_leaves_the_date_out(tmp_path):
    project = copy_project(tmp_path / "project")   # a plain folder, as from a tarball
    result = mkdocs_build(project, tmp_path / "out", GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "declarations/xxi/index.html", "sources/index.html"):
        text = (tmp_path / "out" / page).read_text("utf-8")
        assert "rcm-changed" not in text and "last changed" not in text, page
