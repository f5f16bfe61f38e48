"""The Contribute page's recipes, applied to a copy of the project as a maintainer would apply them,
each followed by a strict build. The files come from the page itself (each block marked with a
`<!-- recipe: ... -->` comment), so the page and what works cannot drift apart.

Done when (issue 15): a copy gains a new declaration with three decisions, a new organization, a new
source and a 2018 budget by the recipes; it builds strict, and the invariant tests pass on it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build, site_build
from pages import hrefs, ids, text_of

CONTRIBUTE = ROOT / "docs" / "contribute.md"
RECIPE = re.compile(r"<!-- recipe: (\w+) (\S+) -->\n(`{3,})\w*\n(.*?)\n\3\n", re.S)


def recipes() -> dict[tuple[str, str], str]:
    """{(action, path): content} for every marked block of the Contribute page."""
    found = {(action, path): body + "\n" for action, path, _, body in RECIPE.findall(CONTRIBUTE.read_text("utf-8"))}
    assert found, "the Contribute page has no marked recipe blocks"
    return found


def apply(project: Path, *wanted: tuple[str, str]) -> None:
    """Apply the page's blocks: create a file, append to one, or add a page to a nav section."""
    blocks = recipes()
    for action, path in wanted:
        body = blocks[(action, path)]
        if action == "create":
            target = project / path
            assert not target.exists(), f"the recipe would overwrite {path}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, "utf-8")
        elif action == "append":
            target = project / path
            target.write_text(target.read_text("utf-8").rstrip("\n") + "\n\n" + body, "utf-8")
        elif action == "nav":
            config = project / "mkdocs.yml"
            head, *entries = body.splitlines()
            text = config.read_text("utf-8")
            assert head + "\n" in text, f"mkdocs.yml has no nav section '{head.strip()}'"
            config.write_text(text.replace(head + "\n", head + "\n" + "\n".join(entries) + "\n", 1), "utf-8")
        else:
            raise AssertionError(f"unknown recipe action {action}")


def build(project: Path, out: Path) -> Path:
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


DECLARATION = [("append", "data/sources.yaml"), ("create", "data/declarations/xcix.yaml")]
ORGANIZATION = [("append", "data/entities/organizations.yaml")]
BUDGET = [("create", "data/budget/2018/budget.yaml"), ("create", "data/budget/2018/lines.csv"),
          ("create", "data/budget/2018/contributions.csv")]
PAGE = [("create", "docs/journalists.md"), ("nav", "Reference")]


def test_every_recipe_block_is_applied_by_a_test():
    applied = set(DECLARATION + ORGANIZATION + BUDGET + PAGE)
    marked = {key for key in recipes() if key[0] != "example"}
    assert marked == applied, marked ^ applied


def test_recipe_new_source_and_declaration(tmp_path):
    project = copy_project(tmp_path / "project")
    apply(project, *DECLARATION)
    site = build(project, tmp_path / "site")
    xxii = page(site, "declarations/xcix")
    declared = yaml.safe_load((project / "data/declarations/xcix.yaml").read_text("utf-8"))
    for decision in declared["decisions"]:
        assert f"decision-{decision['number']}" in ids(xxii)
    assert "declarations/xcix/" in hrefs(page(site, "declarations"), "declarations/")
    assert "declarations/xcix/#decision-1" in hrefs(page(site, "decisions"), "decisions/")
    assert "declarations/xcix/#decision-1" in hrefs(page(site, "organizations/iom"), "organizations/iom/")
    assert "example-source" in ids(page(site, "sources"))


def test_recipe_corrected_and_renumbered_decision_keeps_its_old_address(tmp_path):
    """The page's recipe: a decision given the wrong number takes the right one and keeps the old
    anchor as an alias. (On a copy only: XXI's numbering is right.)"""
    example = recipes()[("example", "data/declarations/xxi.yaml")]
    assert "aliases: [decision-38]" in example and "number: 39" in example
    project = copy_project(tmp_path / "project")
    path = project / "data" / "declarations" / "xxi.yaml"
    text = path.read_text("utf-8")
    assert "  - number: 38\n    short_title:" in text
    text = text.replace("  - number: 38\n    short_title:", "  - number: 39\n    aliases: [decision-38]\n    short_title:", 1)
    text = text.replace("Congratulate all RCM Member Countries", "Congratulate all the RCM Member Countries", 1)
    path.write_text(text, "utf-8")
    site = build(project, tmp_path / "site")
    xxi = page(site, "declarations/xxi")
    assert {"decision-39", "decision-38"} <= ids(xxi)
    assert re.search(r'id="decision-38" data-for="decision-39"', xxi)
    assert "Congratulate all the RCM Member Countries" in text_of(xxi)


def test_recipe_renumbering_without_an_alias_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "declarations" / "xxi.yaml"
    path.write_text(path.read_text("utf-8").replace("  - number: 38\n", "  - number: 39\n", 1), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "/declarations/xxi/#decision-38 no longer exists" in output, output


def test_recipe_new_entity_of_each_kind(tmp_path):
    """The organization recipe, once per kind of entity, each in its own file."""
    block = recipes()[("append", "data/entities/organizations.yaml")]
    project = copy_project(tmp_path / "project")
    apply(project, *DECLARATION)                       # the example names the new declaration
    folders = {"country": "countries", "organization": "organizations", "body": "bodies",
               "document": "documents", "topic": "topics"}
    for kind, folder in folders.items():
        entry = block.replace("example-organization", f"example-{kind}").replace("kind: organization", f"kind: {kind}")
        entry = entry.replace("[EOM]", f"[EX{kind[:3].upper()}]")
        target = project / "data" / "entities" / f"{folder}.yaml"
        target.write_text(target.read_text("utf-8").rstrip("\n") + "\n\n" + entry, "utf-8")
    site = build(project, tmp_path / "site")
    for kind, folder in folders.items():
        entity = page(site, f"{folder}/example-{kind}")
        assert "Example Organization for Migration" in text_of(entity)
        assert "declarations/xcix/#decision-1" in hrefs(entity, f"{folder}/example-{kind}/")
        assert f"{folder}/example-{kind}/" in hrefs(page(site, folder), f"{folder}/")


def test_recipe_new_budget_year(tmp_path):
    project = copy_project(tmp_path / "project")
    apply(project, *DECLARATION, *BUDGET)
    site = build(project, tmp_path / "site")
    year = page(site, "budget/2018")
    assert {"line-coordinator", "line-total", "contribution-mexico"} <= ids(year)
    assert "budget/2018/" in hrefs(page(site, "budget"), "budget/")
    assert "budget/2018/#contribution-mexico" in hrefs(page(site, "countries/mexico"), "countries/mexico/")


def test_recipe_new_page_in_the_navigation(tmp_path):
    project = copy_project(tmp_path / "project")
    apply(project, *PAGE)
    site = build(project, tmp_path / "site")
    new = page(site, "journalists")
    assert "declarations/xxi/#decision-18" in hrefs(new, "journalists/")
    # It is in the navigation of every page, under its section.
    assert "journalists/" in hrefs(page(site, "cite"), "cite/")
    assert "journalists/" in hrefs(page(site, "organizations/ilo"), "organizations/ilo/")  # a backlink


def test_recipe_spanish_text(tmp_path):
    """An official Spanish text sits beside the English one, its source named once for the
    declaration: the English site keeps showing the English words, the Spanish site the Spanish."""
    example = recipes()[("example", "data/declarations/xcix.yaml")]
    project = copy_project(tmp_path / "project")
    apply(project, *DECLARATION)
    path = project / "data" / "declarations" / "xcix.yaml"
    text = path.read_text("utf-8")
    english = "      en: The words of decision 3, exactly as in the source.\n"
    assert english in text
    lines = example.splitlines()
    sources = "\n".join(lines[lines.index("text_sources:"):][:2]) + "\n"
    spanish = next(line for line in lines if line.startswith("      es:"))
    first, rest = text.split("\n", 1)          # the schema line stays first
    path.write_text(first + "\n" + sources + rest.replace(english, english + spanish + "\n", 1), "utf-8")
    site = tmp_path / "site"
    result = site_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    words = spanish.split("es:", 1)[1].strip()
    shown = text_of(page(site, "declarations/xcix"))
    assert "The words of decision 3" in shown and words not in shown
    assert words in text_of(page(site, "es/declarations/xcix"))


# ---------------------------------------------------------------------------------------------
# Done when: all of it at once, then the invariant tests on the grown copy.

INVARIANT_TESTS = ["test_declarations.py", "test_entities.py", "test_budget.py", "test_links.py",
                   "test_schemas.py", "test_references.py"]


def test_done_when_the_record_grows_by_the_recipes_the_site_builds_and_the_invariants_hold(tmp_path):
    project = copy_project(tmp_path / "project")
    apply(project, *DECLARATION, *ORGANIZATION, *BUDGET)
    build(project, tmp_path / "site")
    env = dict(os.environ, RCM_PROJECT=str(project), PYTHONPATH=str(project / "hooks"))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-m", "not browser", *[str(ROOT / "tests" / t) for t in INVARIANT_TESTS]],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]
