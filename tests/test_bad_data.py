"""Malformed data, as a careless editor or an attacker would write it: each case in
tests/bad_data/ must stop the build with its message at the line of the field at fault, with the
fix, never with a traceback, and leave the last good site untouched.

A case is a folder holding:
  expected.txt   the first line names file:line (line 0: the whole file); each further line is
                 words that the message AT THAT file:line must contain (the problem and its fix);
                 another file:line line starts another problem (its words may follow on the same
                 line); a line 'report: WORDS' names words of the whole report;
  edits.yaml     optional edits to a copy of the project, applied in order:
                   {file, find, replace}       replace the first `find` (which must occur);
                   {file, delete: true}        remove the file (or folder);
                   {file, write: TEXT}         write the file (TEXT may hold YAML escapes);
                   {file, symlink: TARGET}     make the file a symbolic link to TARGET;
                   {file, append: TEXT, times: N}   append TEXT N times (default 1);
  files/         optional: files copied over the project, by their path in the project;
  absent.txt     optional: words that must NOT appear in the output (leaked secrets, say).

The cases run in process against the engine (the same load and checks `mkdocs build` runs
before it touches the site folder); test_end_to_end runs a few of them through `mkdocs build
--strict` to check the last good site is left as it was.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build
from rcmkb import site
from rcmkb.errors import DataError

CASES = sorted(p for p in (Path(__file__).parent / "bad_data").iterdir() if p.is_dir())
END_TO_END = ["yaml-billion-laughs", "symlink-csv-to-environ", "symlink-docs-page",
              "budget-total-mismatch", "front-matter-malformed", "unknown-reference-in-a-page"]


def tree_digest(folder: Path) -> str:
    """The files under `folder`, less the engine's own cache (.cache/, which a check may fill)."""
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file() and ".cache" not in f.relative_to(folder).parts:
            h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def apply(case: Path, project: Path) -> None:
    edits = case / "edits.yaml"
    for edit in yaml.safe_load(edits.read_text("utf-8")) if edits.exists() else []:
        target = project / edit["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if edit.get("delete"):
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        elif "symlink" in edit:
            if target.exists():
                target.unlink()
            os.symlink(edit["symlink"], target)
        elif "write" in edit:
            target.write_bytes(edit["write"].encode("utf-8", "surrogatepass"))
        elif "append" in edit:
            with target.open("ab") as f:
                f.write(edit["append"].encode("utf-8") * edit.get("times", 1))
        else:
            text = target.read_bytes().decode("utf-8")
            assert edit["find"] in text, f"{case.name}: '{edit['find']}' not found in {edit['file']}"
            replaced = text.replace(edit["find"], edit.get("replace") or "", 1)
            target.write_bytes(replaced.encode("utf-8", "surrogatepass"))
    files = case / "files"
    if files.is_dir():
        for f in files.rglob("*"):
            if f.is_file():
                dest = project / f.relative_to(files)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)


_AT = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<rest>.*)$")


def expectation(case: Path) -> list[tuple[str, int, list[str]]]:
    """[(file, line, words)]: each file:line line starts a problem; the lines after it are words
    that the message at that file and line must contain (or, with words on the same line, the
    beginning of that message)."""
    groups: list[tuple[str, int, list[str]]] = []
    for text in (case / "expected.txt").read_text("utf-8").splitlines():
        if not text.strip():
            continue
        if text.startswith("report: "):       # words of the whole report, e.g. how many problems
            groups.append(("report", 0, [text.removeprefix("report: ")]))
            continue
        m = _AT.match(text)
        if m:
            groups.append((m["file"], int(m["line"]), [m["rest"].strip()] if m["rest"].strip() else []))
        else:
            assert groups, "the first expected line must be file:line:"
            groups[-1][2].append(text)
    assert groups and all(words for _, _, words in groups), "each file:line needs the words of its message"
    return groups


def data_copy(tmp_path: Path) -> Path:
    """A copy of what the engine reads: data/ and docs/."""
    project = tmp_path / "project"
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, project / name)
    return project


def test_there_are_at_least_60_distinct_cases():
    assert len(CASES) >= 60, [c.name for c in CASES]
    contents = {(c / "expected.txt").read_text("utf-8") for c in CASES}
    assert len(contents) == len(CASES), "two cases expect the same message: make each distinct"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_data_is_reported_at_its_line_with_the_fix(case, tmp_path):
    project = data_copy(tmp_path)
    apply(case, project)
    before = tree_digest(project)
    groups = expectation(case)

    with pytest.raises(DataError) as raised:     # any other exception fails with its traceback
        site.build(project, project / "docs", site_url="https://example.org/")
    report = raised.value.report()
    for file, line, words in groups:
        at_line = report if file == "report" else \
            " ".join(p.message for p in raised.value.problems if (p.file, p.line) == (file, line))
        assert at_line, f"no problem reported at {file}:{line}:\n{report}"
        for expected in words:
            assert expected in at_line, f"expected {expected!r} at {file}:{line} in:\n{report}"
    absent = case / "absent.txt"
    for word in absent.read_text("utf-8").splitlines() if absent.exists() else []:
        assert word.strip() not in report, f"{word!r} leaked into the message:\n{report}"
    assert "Traceback" not in report
    assert report.splitlines() == [report.splitlines()[0]] + sorted(report.splitlines()[1:], key=lambda s: (
        s.strip().split(":")[0], int(s.strip().split(":")[1]) if s.strip().split(":")[1].isdigit() else 0)), \
        "problems are listed by file and line"
    assert tree_digest(project) == before, "checking the data changed it"


@pytest.mark.parametrize("name", END_TO_END)
def test_end_to_end_mkdocs_stops_and_keeps_the_last_good_site(name, site, tmp_path):
    case = Path(__file__).parent / "bad_data" / name
    project = copy_project(tmp_path / "project")
    last_good = tmp_path / "project" / "published"
    shutil.copytree(site, last_good)
    before = tree_digest(last_good)
    apply(case, project)
    groups = expectation(case)

    result = mkdocs_build(project, last_good)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for file, line, words in groups:
        assert file == "report" or f"{file}:{line}: " in output or (line == 0 and f"{file}: " in output), output
        for expected in words:
            assert expected in output, f"expected {expected!r} in:\n{output}"
    assert tree_digest(last_good) == before, "the last good site was changed"
