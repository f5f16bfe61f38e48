"""An alias keeps an old address working: the old anchor stays on the page, an old rcm: reference
such as rcm:xxi/99 leads to the decision that holds it now, and the open data lists it."""
from __future__ import annotations

import json
import sys

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb import references, site  # noqa: E402
from rcmkb.errors import DataError  # noqa: E402
from rcmkb.render import relative  # noqa: E402


def with_alias(tmp_path, alias: str):
    project = copy_project(tmp_path / "project")
    path = project / "data/declarations/xxi.yaml"
    text = path.read_text("utf-8")
    assert "  - number: 18\n" in text
    path.write_text(text.replace("  - number: 18\n", f"  - number: 18\n    aliases: [{alias}]\n", 1), "utf-8")
    (project / "docs/old.md").write_text("# Old\n\nAs decided in [the old decision](rcm:xxi/99).\n", "utf-8")
    return project


def test_an_old_reference_follows_the_alias_to_the_decision(tmp_path):
    build = site.build(with_alias(tmp_path, "decision-99"))
    assert build.index.targets["xxi/99"].ref == "xxi/18"
    html = references.rewrite("See [it](rcm:xxi/99).", "old/", build.index, relative)
    assert 'href="../declarations/xxi/#decision-18"' in html
    assert any(b.path == "old/" for b in build.index.backlinks["xxi/18"]), "the page is a backlink"
    assert "/declarations/xxi/#decision-99" in build.index.anchors()
    decisions = json.loads(next(d for d in build.datasets if d.name == "decisions").files["decisions.json"])
    row = next(r for r in decisions if r["declaration"] == "XXI" and r["number"] == 18)
    assert row["aliases"] == ["/declarations/xxi/#decision-99"]


def test_an_alias_cannot_take_over_another_decision(tmp_path):
    try:
        site.build(with_alias(tmp_path, "decision-3"))
    except DataError as error:
        report = error.report()
    else:
        raise AssertionError("the build accepted an alias that is another decision's address")
    assert "data/declarations/xxi.yaml:254: the alias of 'xxi/18' is the address of 'xxi/3'" in report
