"""Shared fixtures: the real site, built once per test session from the real data."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parent.parent
# The project under test: this checkout, or the copy RCM_PROJECT names (the recipe tests grow a
# copy by the Contribute page's recipes, then run the invariant tests on it).
ROOT = Path(os.environ.get("RCM_PROJECT") or CHECKOUT)
# The source documents the site is checked against: shared/seeds beside the project (as in CI),
# or wherever RCM_SEEDS points.
SEEDS = Path(os.environ.get("RCM_SEEDS", CHECKOUT.parent / "shared" / "seeds"))
MKDOCS = [sys.executable, "-m", "mkdocs"]
EPOCH = "1700000000"


def pytest_sessionstart(session):
    """Without the sources, the verbatim checks cannot run: stop with one clear message, not skips."""
    if not (SEEDS / "README.md").exists():
        raise pytest.UsageError(f"the source documents are not at {SEEDS}: put shared/seeds beside the "
                                "project, or set RCM_SEEDS to their folder, and run the tests again.")


def declarations() -> list[dict]:
    """The declarations in the data under test, as their files hold them."""
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "data" / "declarations").glob("*.yaml"))]


def build_env(**extra) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.update(extra)
    return env


def mkdocs_build(project: Path, site_dir: Path, **env) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a maintainer would, capturing what they would see."""
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)], cwd=project,
                          env=build_env(**env), capture_output=True, text=True, timeout=600)


def site_build(project: Path, site_dir: Path, *options: str, **env) -> subprocess.CompletedProcess:
    """Build both languages as `make build` does: English into site_dir, Spanish into site_dir/es
    (side by side; options: `--one-at-a-time`)."""
    return subprocess.run([sys.executable, str(CHECKOUT / "scripts" / "build_site.py"), *options, str(site_dir)],
                          cwd=project, env=build_env(**env), capture_output=True, text=True, timeout=900)


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources (not its venv or builds) to break on purpose."""
    for name in ("data", "docs", "hooks", "mkdocs.yml", "mkdocs.es.yml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the real data, as `make build` would publish it: English, and the
    Spanish site in its es/ folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = site_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def html(site):
    """html('declarations/xxi/') -> the page's HTML as a reader's browser receives it."""
    def read(path: str) -> str:
        return (site / path / "index.html").read_text("utf-8") if not path.endswith(".html") \
            else (site / path).read_text("utf-8")
    return read


@pytest.fixture(scope="session")
def injected(tmp_path_factory):
    """(project, site, fields): the real project with script payloads in every free-text field
    of its data and in a page's front matter (tests/injection.py), built with mkdocs."""
    from injection import inject
    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    fields = inject(project)
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out, fields


@pytest.fixture(scope="session")
def html_es(site):
    """html_es('declarations/xxi/') -> the Spanish page's HTML, from /es/declarations/xxi/."""
    def read(path: str) -> str:
        return (site / "es" / path / "index.html").read_text("utf-8") if not path.endswith(".html") \
            else (site / "es" / path).read_text("utf-8")
    return read
