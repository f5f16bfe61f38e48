"""Entities and their cross-links: every entity has a page with its statuses and backlinks to the
exact anchors that name it; decisions link back to the entities they name."""
from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT
from pages import hrefs, text_of


def test_ilo_page_links_to_decision_18_and_decision_18_links_back(html):
    ilo = html("organizations/ilo/")
    assert "declarations/xxi/#decision-18" in hrefs(ilo, "organizations/ilo/")
    assert "Observer" in text_of(ilo) and "XXI, decision 18" in text_of(ilo)
    xxi = html("declarations/xxi/")
    block = xxi.split('id="decision-18"', 1)[1].split('id="decision-19"', 1)[0]
    assert "organizations/ilo/" in hrefs(block, "declarations/xxi/")
    # the first mention in the words of the decision is the link; the words stay the same
    assert re.search(r'<a class="rcm-mention" href="../../organizations/ilo/">International Labour Organisation</a>', block)


def test_costa_rica_lists_decisions_17_and_20_and_its_contribution(html):
    page = html("countries/costa-rica/")
    targets = hrefs(page, "countries/costa-rica/")
    assert "declarations/xxi/#decision-17" in targets
    assert "declarations/xxi/#decision-20" in targets
    text = text_of(page)
    assert "$5,500.00" in text
    assert "1.8%" in text and "1.79%" not in text     # shares are shown to one decimal


def test_statuses_name_the_decision_that_gave_them(html):
    el_salvador = text_of(html("countries/el-salvador/"))
    assert "Presidency Pro Tempore for 2017" in el_salvador and "XXI, decision 33" in el_salvador
    panama = text_of(html("countries/panama/"))
    assert "Presidency Pro Tempore for 2018" in panama and "XXI, decision 36" in panama
    network = html("bodies/liaison-officer-network-children/")
    assert "declarations/xxi/#decision-8" in hrefs(network, "bodies/liaison-officer-network-children/")


def test_backlinks_are_grouped_by_declaration(html):
    page = html("organizations/iom/")
    groups = re.findall(r'<h3 class="rcm-backlink-group">([^<]+)</h3>', page)
    assert "XXI Declaration (2016)" in groups


def test_country_index_has_members_and_observers(html):
    page = html("countries/")
    members = page.split('id="members"')[1].split('id="observers"')[0]
    observers = page.split('id="observers"')[1]
    countries = yaml.safe_load((ROOT / "data" / "entities" / "countries.yaml").read_text("utf-8"))
    member_count = sum(any(st["role"] == "member" for st in c.get("statuses", [])) for c in countries)
    assert text_of(members).count("Member country") == member_count
    for name in ("Belize", "Canada", "Costa Rica", "Dominican Republic", "El Salvador", "Guatemala",
                 "Honduras", "Mexico", "Nicaragua", "Panama", "United States"):
        assert name in text_of(members)
    for name in ("Argentina", "Colombia", "Ecuador", "Jamaica", "Peru"):
        assert name in text_of(observers)
    assert "Presidency Pro Tempore 2017" in text_of(members)


def test_glossary_has_acronyms_in_both_languages(html):
    text = text_of(html("glossary/"))
    for acronym in ("RCM", "CRM", "RNCOM", "RROCM", "RCGM", "TS", "ST", "PPT", "SACM"):
        assert re.search(rf"\b{acronym}\b", text), acronym


def test_acronyms_show_their_expansion_to_mouse_and_keyboard(html):
    page = html("declarations/xxi/")
    assert re.search(r'<abbr title="Regional Consultation Group on Migration">RCGM</abbr>', page)


def test_entities_open_data_has_backlinks(site):
    rows = json.loads((site / "data" / "entities.json").read_text("utf-8"))
    ilo = next(r for r in rows if r["id"] == "ilo")
    assert any(b["url"] == "/declarations/xxi/#decision-18" for b in ilo["backlinks"])
    kinds = {r["kind"] for r in rows}
    assert kinds == {"country", "organization", "body", "document", "topic"}
    for name, kind in (("countries", "country"), ("organizations", "organization"), ("bodies", "body"),
                       ("documents", "document"), ("topics", "topic")):
        held = yaml.safe_load((ROOT / "data" / "entities" / f"{name}.yaml").read_text("utf-8"))
        assert sorted(r["id"] for r in rows if r["kind"] == kind) == sorted(e["id"] for e in held), name


def test_every_entity_page_lists_its_backlinks(site):
    """Whatever the data holds: each entity's page links to every place that refers to it (to a
    hand-written page once, however often it refers)."""
    rows = json.loads((site / "data" / "entities.json").read_text("utf-8"))
    for row in rows:
        path = row["url"].strip("/") + "/"
        page = (site / path / "index.html").read_text("utf-8")
        targets = {"/" + t for t in hrefs(page, path)}
        pages = {t.split("#")[0] for t in targets}
        missing = [b["url"] for b in row["backlinks"]
                   if b["url"] not in targets and not (b["kind"] == "page" and b["url"].split("#")[0] in pages)]
        assert not missing, (row["id"], missing)
