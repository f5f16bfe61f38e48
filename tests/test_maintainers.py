"""The maintainer's commands on a copy of the project: `make check` validates the data without a
built site and says what it checked; `make new` starts each kind of content."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHECKOUT, copy_project, mkdocs_build
from test_schemas import check_jsonschema


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


# ---------------------------------------------------------------------------------------------
# make new: a file that passes its schema, with placeholders the build refuses until filled

NEW = [("declaration", "xxii", ["data/declarations/xxii.yaml"]),
       ("source", "xxii-declaration-2017", ["data/sources.yaml"]),
       ("country", "brazil", ["data/entities/countries.yaml"]),
       ("organization", "new-org", ["data/entities/organizations.yaml"]),
       ("body", "new-body", ["data/entities/bodies.yaml"]),
       ("document", "new-document", ["data/entities/documents.yaml"]),
       ("topic", "new-topic", ["data/entities/topics.yaml"]),
       ("budget", "2031", ["data/budget/2031/budget.yaml", "data/budget/2031/lines.csv",
                           "data/budget/2031/contributions.csv"]),
       ("page", "journalists", ["docs/journalists.md"])]


@pytest.mark.parametrize("kind,id_,files", NEW, ids=[k for k, _, _ in NEW])
def test_make_new_writes_a_valid_file_that_the_build_refuses_until_filled(tmp_path, kind, id_, files):
    project = project_copy(tmp_path)
    before = {f: (project / f).read_text("utf-8") if (project / f).exists() else "" for f in files}
    result = make(project, "new", f"KIND={kind}", f"ID={id_}")
    assert result.returncode == 0, result.stdout + result.stderr
    for f in files:
        assert (project / f).exists(), f
        if f.endswith(".yaml") and not before[f]:
            assert (project / f).read_text("utf-8").startswith("# yaml-language-server: $schema="), f
    # It passes its schema as it is, for the editor and for check-jsonschema ...
    schema_check = check_jsonschema(project, [project / f for f in files if f.endswith(".yaml")]) \
        if any(f.endswith(".yaml") for f in files) else None
    assert schema_check is None or schema_check.returncode == 0, schema_check.stdout
    # ... but the build names every placeholder, at its own line, and nothing else.
    placeholders = [(f, n) for f in files for n, line in
                    enumerate((project / f).read_text("utf-8").splitlines(), 1)
                    if "FILL-IN" in line or re.search(r"\bfill-in\b", line)]
    new_placeholders = [(f, n) for f, n in placeholders if n > len(before[f].splitlines())]
    assert new_placeholders
    check = make(project, "check")
    output = check.stdout + check.stderr
    assert check.returncode != 0 and "Traceback" not in output
    reported = re.findall(r"^  (\S+?):(\d+): this placeholder from `make new` is not filled in yet", output, re.M)
    assert sorted((f, int(n)) for f, n in reported) == sorted(new_placeholders), output
    if kind in ("declaration", "page"):            # the MkDocs build runs the same check
        build = mkdocs_build(project, tmp_path / "site")
        assert build.returncode != 0 and f"{files[0]}:{new_placeholders[0][1]}: this placeholder" in \
            build.stdout + build.stderr


def test_make_new_refuses_what_exists_and_explains_its_arguments(tmp_path):
    project = project_copy(tmp_path)
    for args, words in ((["KIND=declaration", "ID=xxi"], "data/declarations/xxi.yaml already exists"),
                        (["KIND=country", "ID=costa-rica"], "already has an entry with id 'costa-rica'"),
                        (["KIND=budget", "ID=2017"], "data/budget/2017 already exists"),
                        (["KIND=declaration", "ID=xxxxx"], "not a Roman numeral in lower case and in its standard form"),
                        (["KIND=planet", "ID=mars"], "KIND must be one of: declaration, source"),
                        (["KIND=declaration"], "give the new content's id")):
        result = make(project, "new", *args)
        output = result.stdout + result.stderr
        assert result.returncode != 0 and words in output and "Traceback" not in output, (args, output)


# ---------------------------------------------------------------------------------------------
# A fresh clone: make new works, and pre-commit stops a commit of invalid data

def fresh_clone(tmp_path: Path) -> tuple[Path, dict]:
    """A fresh clone of this checkout's commit, using the installed venv; and the environment to
    run its commands in (its own engine, its own pre-commit cache, a committer)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(CHECKOUT), str(clone)], check=True, timeout=120)
    (clone / ".venv").symlink_to(Path(sys.executable).parent.parent)
    # The installed venv is up to date: make must not reinstall it from the clone (it would point
    # the shared editable install at a folder about to be deleted).
    for name in ("pyproject.toml", "constraints.txt", "package.json", "package-lock.json"):
        os.utime(clone / name, (0, 0))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(clone / "hooks"),
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="Test",
               GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.org")
    return clone, env


def run(clone: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=clone, env=env, capture_output=True, text=True, timeout=600)


def test_make_new_and_pre_commit_work_on_a_fresh_clone(tmp_path):
    clone, env = fresh_clone(tmp_path)
    assert (clone / ".pre-commit-config.yaml").exists()
    made = run(clone, env, "make", "--no-print-directory", "-o", ".venv/.site", "new", "KIND=declaration", "ID=xxii")
    assert made.returncode == 0 and (clone / "data/declarations/xxii.yaml").exists(), made.stdout + made.stderr

    installed = run(clone, env, ".venv/bin/pre-commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # A half-filled file from make new: the schema check passes, make check names the placeholders.
    run(clone, env, "git", "add", "data/declarations/xxii.yaml")
    refused = run(clone, env, "git", "commit", "-m", "XXII, not filled in yet")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "data/declarations/xxii.yaml:8: this placeholder from `make new` is not filled in yet" in output, output
    run(clone, env, "git", "rm", "-q", "--cached", "data/declarations/xxii.yaml")
    (clone / "data/declarations/xxii.yaml").unlink()

    # A file that breaks its schema: check-jsonschema names it.
    path = clone / "data/declarations/xxi.yaml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("\nordinal: XXI\n", "\nordinal: xxi\n", 1), "utf-8")
    run(clone, env, "git", "add", "data/declarations/xxi.yaml")
    refused = run(clone, env, "git", "commit", "-m", "a typo")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "data files match their schemas" in output and "Failed" in output, output
    assert "data/declarations/xxi.yaml" in output and "'xxi' does not match" in output, output

    # A valid change goes through, both hooks passing.
    path.write_text(good.replace("Congratulate all RCM Member Countries", "Congratulate all the RCM Member Countries", 1), "utf-8")
    run(clone, env, "git", "add", "data/declarations/xxi.yaml")
    accepted = run(clone, env, "git", "commit", "-m", "a correction")
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "pip install" not in output, "the hooks must use the installed venv, not install one"
    assert re.search(r"data files match their schemas.*Passed", output) and re.search(r"make check\).*Passed", output), output
