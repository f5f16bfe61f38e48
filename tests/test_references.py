"""rcm: references in hand-written Markdown: resolved to the right anchor, shown with a preview,
counted as backlinks, and working when the site lives in a subfolder."""
from __future__ import annotations

import pytest

from conftest import copy_project, mkdocs_build
from pages import links, resolve, text_of

NOTE = """---
topics: [health]
---
# A note for journalists

The ILO became an observer through <rcm:xxi/18>; Costa Rica [hosts a workshop](rcm:costa-rica).

Code is left alone: `<rcm:xxi/99>`.
"""


@pytest.fixture(scope="module")
def note_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("refs"))
    (project / "docs" / "journalists.md").write_text(NOTE, "utf-8")
    out = project / "site"
    result = mkdocs_build(project, out, RCM_SITE_URL="https://example.org/a/sub/folder/")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read(site, path):
    return (site / path / "index.html").read_text("utf-8")


def test_a_decision_reference_links_to_its_anchor_with_a_preview(note_site):
    page = read(note_site, "journalists")
    refs = [l for t, l in links(page) if t == "a" and "rcm-ref" in l.get("class", "")]
    assert resolve("journalists/", refs[0]["_url"]) == "declarations/xxi/#decision-18"
    assert refs[0]["id"] == "ref-1"
    assert refs[0]["data-preview"].startswith("Grant the International Labour Organisation (ILO)")
    assert "XXI, decision 18" in text_of(page)
    assert resolve("journalists/", refs[1]["_url"]) == "countries/costa-rica/"
    assert "hosts a workshop" in text_of(page)
    assert "<code>&lt;rcm:xxi/99&gt;</code>" in page


def test_the_page_shows_up_among_backlinks_at_the_exact_place(note_site):
    for path in ("organizations/ilo", "topics/health", "countries/costa-rica"):
        page = read(note_site, path)
        targets = {resolve(path + "/", l["_url"]) for t, l in links(page) if t == "a"}
        assert any(t.startswith("journalists/") for t in targets), path
    ilo = read(note_site, "organizations/ilo")
    assert "journalists/#ref-1" in {resolve("organizations/ilo/", l["_url"]) for t, l in links(ilo) if t == "a"}
    xxi = read(note_site, "declarations/xxi")
    block = xxi.split('id="decision-18"', 1)[1].split('id="decision-19"', 1)[0]
    assert "journalists/#ref-1" in {resolve("declarations/xxi/", l["_url"]) for t, l in links(block) if t == "a"}


def test_references_work_when_the_site_is_in_a_subfolder(note_site):
    page = read(note_site, "journalists")
    hrefs = [l["_url"] for t, l in links(page) if t == "a" and "rcm-ref" in l.get("class", "")]
    assert all(not h.startswith("/") for h in hrefs)
    assert hrefs[0] == "../declarations/xxi/#decision-18"
