"""The engine on its own, without MkDocs: strict YAML reading, the error wording, and the engine on a small fixture dataset."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from rcmkb import site, yamlio
from rcmkb.errors import DataError, Problems


def load(tmp_path, text):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    problems = Problems()
    return yamlio.load(path, "data/x.yaml", problems), problems


def test_no_and_on_stay_text_and_dates_stay_text(tmp_path):
    (doc, lines), problems = load(tmp_path, "country: NO\nswitch: on\nwhen: 2016-11-17\nflag: true\nn: 3\n")
    assert not problems
    assert doc == {"country": "NO", "switch": "on", "when": "2016-11-17", "flag": True, "n": 3}
    assert lines[("when",)] == 3


def test_lines_of_nested_values(tmp_path):
    (doc, lines), _ = load(tmp_path, "decisions:\n  - number: 1\n    text: a\n  - number: 2\n    text: b\n")
    assert lines[("decisions", 1, "text")] == 5
    assert yamlio.line_of(lines, ("decisions", 1, "missing")) == 4


# ---------------------------------------------------------------------------------------------
# The engine on the small fixture dataset (tests/fixtures/minimal/): every kind of content once,
# made-up words and numbers, so that unit tests do not depend on the real record.

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


def fixture_project(tmp_path) -> Path:
    """A copy of the fixture dataset with the project's schemas, ready for the engine."""
    project = tmp_path / "fixture"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(ROOT / "data" / "schemas", project / "data" / "schemas")
    for table_schema in (ROOT / "data" / "budget").glob("*.schema.json"):
        shutil.copy(table_schema, project / "data" / "budget" / table_schema.name)
    return project


def test_the_fixture_builds_with_a_page_and_anchor_for_everything(tmp_path):
    project = fixture_project(tmp_path)
    build = site.build(project)
    pages = {p.path for p in build.pages}
    anchors = build.index.anchors()
    for path in (project / "data" / "declarations").glob("*.yaml"):
        declaration = yaml.safe_load(path.read_text("utf-8"))
        assert f"declarations/{declaration['id']}/" in pages
        for kind in ("decision", "preamble"):
            for item in declaration.get(kind + "s" if kind == "decision" else kind, []):
                assert f"/declarations/{declaration['id']}/#{kind}-{item['number']}" in anchors
    for name, folder in (("countries", "countries"), ("organizations", "organizations"),
                         ("bodies", "bodies"), ("documents", "documents"), ("topics", "topics")):
        for entity in yaml.safe_load((project / "data" / "entities" / f"{name}.yaml").read_text("utf-8")):
            assert f"{folder}/{entity['id']}/" in pages


def test_the_fixture_entity_pages_list_their_backlinks(tmp_path):
    pages = {p.path: p.markdown for p in site.build(fixture_project(tmp_path)).pages}
    assert "declarations/x/#decision-1" in pages["organizations/tom/"]
    assert "protocol/#objective" in pages["organizations/tom/"]
    assert "declarations/x/#preamble-1" in pages["countries/northland/"]


def test_a_line_outside_any_group_counts_towards_the_total(tmp_path):
    """The fixture's 'office' line has no group; it used to crash the reconciliation (NaN parent)."""
    kb, _ = site.load(fixture_project(tmp_path))
    year = kb.parts["budget"][0]
    assert year.total == 100000
    assert year.row("staff").value == 75050 and year.row("office").value == 24950


def test_a_new_budget_year_is_data_only_and_the_index_gives_the_change(tmp_path):
    project = fixture_project(tmp_path)
    budget = project / "data" / "budget"
    shutil.copytree(budget / "2020", budget / "2021")
    lines = (budget / "2021" / "lines.csv").read_text("utf-8")
    (budget / "2021" / "lines.csv").write_text(
        lines.replace("Coordinator,600.00", "Coordinator,2600.00").replace("Subtotal,750.50", "Subtotal,2750.50")
             .replace("Total,1000.00", "Total,3000.00"), "utf-8")
    contributions = (budget / "2021" / "contributions.csv").read_text("utf-8")
    (budget / "2021" / "contributions.csv").write_text(
        contributions.replace("northland,700.00", "northland,2700.00").replace("total,,1000.00", "total,,3000.00"), "utf-8")
    pages = {p.path: p.markdown for p in site.build(project).pages}
    assert "budget/2021/" in pages
    row = re.search(r'<tr id="line-coordinator".*?</tr>', pages["budget/"], re.S).group(0)
    assert "$600.00" in row and "$2,600.00" in row and "+$2,000.00" in row
    assert "budget/2021/#contribution-northland" in pages["countries/northland/"]


def test_a_placeholder_stops_the_build_at_its_line_before_anything_else(tmp_path):
    project = fixture_project(tmp_path)
    path = project / "data" / "entities" / "topics.yaml"
    path.write_text(path.read_text("utf-8").replace('en: "Cooperation"', 'en: "FILL-IN: the name"'), "utf-8")
    with pytest.raises(DataError) as caught:
        site.build(project)
    assert [str(p) for p in caught.value.problems] == [
        "data/entities/topics.yaml:5: this placeholder from `make new` is not filled in yet (the name). "
        "Replace it with the value from the source and delete the FILL-IN mark."]
