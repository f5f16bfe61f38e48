"""The engine's shape, as ARCHITECTURE.md describes it: its modules import one way (no cycle),
every kind of content is a domain with the same steps, a domain imports no other domain and not
site.py, and pandas is loaded only when a budget is read."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build

HOOKS = ROOT / "hooks"
PACKAGE = HOOKS / "rcmkb"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(HOOKS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The rcmkb modules that module `name` imports, anywhere in it (lazy imports included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "rcmkb")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "rcmkb":
                continue
            # `from . import x` imports the module x when there is one.
            subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES]
            out.update(subs or [module])
    return {m for m in out if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    assert len(GRAPH) > 20 and any(GRAPH.values()), "the import graph was not read"
    cycle = find_cycle(GRAPH)
    assert cycle is None, "modules import each other: " + " -> ".join(cycle)


def test_the_cycle_check_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_relative_imports_are_read():
    assert "rcmkb.domains.common" in GRAPH["rcmkb.domains.protocol"]
    assert "rcmkb.context" in GRAPH["rcmkb.domains.story.about"]
    assert "rcmkb.domains.entities" in GRAPH["rcmkb.domains"]


# ---------------------------------------------------------------------------------------------
# Domains

sys.path.insert(0, str(HOOKS))
from rcmkb.domains import DOMAINS, STEPS  # noqa: E402


@pytest.mark.parametrize("domain", DOMAINS, ids=[d.__name__ for d in DOMAINS])
def test_every_domain_takes_every_step(domain):
    missing = [step for step in STEPS if not callable(getattr(domain, step, None))]
    assert not missing, f"{domain.__name__} lacks {missing}"


def test_a_domain_imports_neither_site_nor_another_domain():
    """A domain may use domains/common.py and the modules of its own package (budget/, story/'s
    diagram), never site.py or another registered domain."""
    registered = {d.__name__ for d in DOMAINS}
    for name, deps in GRAPH.items():
        if not name.startswith("rcmkb.domains."):
            continue
        package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
        for dep in deps:
            assert dep != "rcmkb.site", f"{name} imports site.py"
            if not dep.startswith("rcmkb.domains") or dep == "rcmkb.domains.common":
                continue
            assert package != "rcmkb.domains" and dep.startswith(package + ".") and \
                dep not in registered - {name}, f"{name} imports {dep}, another domain"


def test_the_lower_layers_import_no_domain():
    for name, deps in GRAPH.items():
        if name.startswith("rcmkb.domains") or name in ("rcmkb.site", "rcmkb.__main__"):
            continue
        assert not [d for d in deps if d.startswith("rcmkb.domains") or d == "rcmkb.site"], name


def test_pandas_is_loaded_only_when_a_budget_is_read():
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = [a.name for n in top for a in n.names] + [n.module for n in top
                                                          if isinstance(n, ast.ImportFrom)]
        assert "pandas" not in names, f"{name} imports pandas when it is imported"
        if "import pandas" in path.read_text("utf-8"):
            assert name.startswith("rcmkb.domains.budget."), f"{name} uses pandas"
    code = "import sys, rcmkb.site, rcmkb.render; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=HOOKS, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# The worked example of ARCHITECTURE.md: a new kind of content is one module, its template, its
# schema and one line of registration.

def examples() -> dict[str, str]:
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    found = re.findall(r"<!-- example: (\S+) -->\n```\w*\n(.*?)```", text, re.S)
    return dict(found)


READING = """# yaml-language-server: $schema=schemas/reading.schema.json
title:
  en: Reading list
entries:
  - id: the-brochure
    source: brochure-2010
    note:
      en: A note written for this test only.
    topics: [civil-society]
"""


def add_the_example(project: Path) -> None:
    files = examples()
    assert set(files) == {"hooks/rcmkb/domains/reading.py", "hooks/rcmkb/templates/reading.md.j2",
                          "data/schemas/reading.schema.json", "registration"}, list(files)
    for name, content in files.items():
        if name != "registration":
            (project / name).write_text(content, "utf-8")
    registry = project / "hooks/rcmkb/domains/__init__.py"
    text = registry.read_text("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("DOMAINS = ["))
    text = text.replace(line, files["registration"].strip()).replace(
        "from .story import", "from . import reading\nfrom .story import")
    registry.write_text(text, "utf-8")
    (project / "data/reading.yaml").write_text(READING, "utf-8")


def test_the_worked_example_adds_a_kind_of_content(tmp_path):
    project = copy_project(tmp_path / "project")
    add_the_example(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site/reading/index.html").read_text("utf-8")
    assert 'id="the-brochure"' in page and "A note written for this test only." in page
    assert "Reading list" in (tmp_path / "site/topics/civil-society/index.html").read_text("utf-8")
    rows = json.loads((tmp_path / "site/data/reading.json").read_text("utf-8"))
    assert rows[0]["url"] == "/reading/#the-brochure"

    (project / "data/reading.yaml").write_text(READING.replace("brochure-2010", "brochure-2011"), "utf-8")
    result = mkdocs_build(project, tmp_path / "again")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/reading.yaml:6: the source 'brochure-2011' is not in data/sources.yaml" in result.stderr
