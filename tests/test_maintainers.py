"""The maintainer's commands on a fresh copy of the project: `make check` validates the data
without a built site and says what it checked."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make ARGS` in a copy of the project, using this checkout's installed venv and the copy's engine."""
    venv = project / ".venv"
    if not venv.exists():
        venv.symlink_to(Path(sys.executable).parent.parent)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"))
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.site", "-o", ".venv/.test", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def project_copy(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        (project / name).write_bytes((Path(__file__).parent.parent / name).read_bytes())
    return project


def test_make_check_validates_the_data_without_a_built_site(tmp_path):
    project = project_copy(tmp_path)
    assert not (project / "site").exists()
    result = make(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The data is valid." in result.stdout
    assert not (project / "site").exists(), "make check must not build the site"


def test_make_check_reports_a_problem_without_talking_of_a_build(tmp_path):
    project = project_copy(tmp_path)
    path = project / "data" / "declarations" / "xxi.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\nsource: xxi-declaration-2016\n", "\nsource: no-such-source\n", 1), "utf-8")
    result = make(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/declarations/xxi.yaml:" in output and "no-such-source" in output, output
    assert "site was not built" not in output and "Traceback" not in output, output
