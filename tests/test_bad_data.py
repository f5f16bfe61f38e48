"""Malformed data, as a maintainer would type it: each case in tests/bad_data/ must stop the
build with its message, name the file and line, show no traceback, and leave the last good
site untouched.

A case is a folder holding:
  expected.txt   the lines the error output must contain (the first names file:line);
  edits.yaml     optional: [{file, find, replace}] edits to copies of the project's files
                 (find must occur in the file; replace may be empty), or [{file, delete: true}];
  files/         optional: files copied over the project, by their path in the project.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build

CASES = sorted(p for p in (Path(__file__).parent / "bad_data").iterdir() if p.is_dir())


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def apply(case: Path, project: Path) -> None:
    edits = case / "edits.yaml"
    for edit in yaml.safe_load(edits.read_text("utf-8")) if edits.exists() else []:
        target = project / edit["file"]
        if edit.get("delete"):
            target.unlink()
            continue
        text = target.read_bytes().decode("utf-8")
        assert edit["find"] in text, f"{case.name}: '{edit['find']}' not found in {edit['file']}"
        target.write_bytes(text.replace(edit["find"], edit.get("replace") or "", 1).encode("utf-8"))
    files = case / "files"
    if files.is_dir():
        for f in files.rglob("*"):
            if f.is_file():
                dest = project / f.relative_to(files)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25, [c.name for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_data_stops_the_build_with_a_clear_message(case, site, tmp_path):
    project = copy_project(tmp_path / "project")
    last_good = tmp_path / "project" / "published"
    shutil.copytree(site, last_good)
    before = tree_digest(last_good)
    apply(case, project)

    result = mkdocs_build(project, last_good)
    output = result.stdout + result.stderr
    expected = [ln for ln in (case / "expected.txt").read_text("utf-8").splitlines() if ln.strip()]

    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for line in expected:
        assert line in output, f"expected {line!r} in:\n{output}"
    assert ":" in expected[0] and expected[0].split(":")[1].strip().isdigit(), \
        "the first expected line must name file:line"
    assert tree_digest(last_good) == before, "the last good site was changed"
