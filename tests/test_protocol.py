"""The Action Protocol (2013) and the civil-society proposals (2010), as a reader gets them: every
section at its permanent anchor, the words verbatim from the source, the link to point seven of
the XVII Declaration, the footnotes as sources, and the Spanish original marked as Spanish."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, SEEDS
from pages import Parsed, article, hrefs as all_hrefs, ids, lands, links
from rcmkb.links import passage_anchor

PROTOCOL = yaml.safe_load((ROOT / "data" / "protocol.yaml").read_text("utf-8"))
PROPOSAL = yaml.safe_load((ROOT / "data" / "proposals" / "rrocm-2010.yaml").read_text("utf-8"))


def words(text: str) -> str:
    """Text reduced to its words, as the seeds and the data must share them: no extraction noise
    (footnote marks, bookmarks, bullets, list markers, Markdown links), one space between words."""
    text = text.replace("\ufffd", " ")
    text = re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", text)    # a compound broken across lines
    text = re.sub(r"\[bookmark:[^\]]*\]", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*-\s+", " ", text)
    text = re.sub(r"[◆•·]", " ", text)
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def seed(name: str) -> str:
    files = list(SEEDS.glob(f"{name}_*.txt"))
    if not files:
        pytest.fail(f"no seed {name}_*.txt in {SEEDS}")
    return words(files[0].read_text("utf-8"))


# ---------------------------------------------------------------------------------------------
# The protocol page

def test_every_protocol_section_has_its_anchor(html):
    page_ids = ids(html("protocol/"))
    for section in PROTOCOL["sections"]:
        assert section["id"] in page_ids, section["id"]
    for required in ("background", "objective", "scope", "representations", "proceedings",
                     "regional-level", "binational-level", "national-level",
                     "regional-trafficking-focal-points", "national-trafficking-focal-points",
                     "communication", "basis", "notes"):
        assert required in page_ids, required


def test_protocol_links_to_point_seven_of_the_xvii_declaration(html, site):
    hrefs = all_hrefs(html("protocol/"))
    assert "../declarations/xvii/#decision-7" in hrefs
    lands(site, "protocol/", "../declarations/xvii/#decision-7")


def test_every_link_in_the_protocol_lands(html, site):
    for tag, a in links(article(html("protocol/"))):
        if tag == "a" and not re.match(r"^[a-z]+:", a["_url"]):
            lands(site, "protocol/", a["_url"])


def test_footnotes_are_marked_and_name_their_sources(html):
    page = html("protocol/")
    page_ids = ids(page)
    hrefs = all_hrefs(page)
    for note in PROTOCOL["footnotes"]:
        n = note["number"]
        assert f"footnote-{n}" in page_ids and f"footnote-ref-{n}" in page_ids, n
        assert f"../sources/#{passage_anchor(note['source'], note['locator'])}" in hrefs, note["source"]
    assert {"xv-years-magazine-2011", "xvii-declaration-2012"} <= {n["source"] for n in PROTOCOL["footnotes"]}
    # The mark stands right after its words.
    assert re.search(r"Since 1998<sup[^>]*id=\"footnote-ref-2\"", page)
    assert re.search(r"coordinating mechanisms \"<sup[^>]*id=\"footnote-ref-3\"", page)


def test_protocol_texts_are_verbatim():
    source = seed("000")
    for section in PROTOCOL["sections"]:
        if section.get("heading_in_source", True):
            assert words(section["heading"]["en"]) in source, section["id"]
        if "text" in section:
            assert words(section["text"]["en"]) in source, section["id"]
    for note in PROTOCOL["footnotes"]:
        assert words(note["text"]["en"]) in source, note["number"]
    assert words(PROTOCOL["header"]["text"]["es"]) in source


def test_sections_give_backlinks_to_the_bodies_they_name(html):
    hrefs = all_hrefs(html("organizations/rncom/"))
    assert "../../protocol/#background" in hrefs
    hrefs = all_hrefs(html("bodies/regional-coalition-trafficking/"))
    assert "../../protocol/#regional-trafficking-focal-points" in hrefs


def test_protocol_open_data(site):
    data = json.loads((site / "data" / "protocol.json").read_text("utf-8"))
    assert [s["id"] for s in data["sections"]] == [s["id"] for s in PROTOCOL["sections"]]
    assert all(s["url"] == f"/protocol/#{s['id']}" for s in data["sections"])
    background = next(s for s in data["sections"] if s["id"] == "background")
    assert background["links"] == [{"at": "point seven of the document", "ref": "xvii/7",
                                    "url": "/declarations/xvii/#decision-7"}]
    assert [f["source"]["id"] for f in data["footnotes"]] == [
        "action-protocol-2013", "xv-years-magazine-2011", "xvii-declaration-2012"]


# ---------------------------------------------------------------------------------------------
# The RROCM proposals of 16 November 2010

def test_proposals_are_in_spanish_with_an_english_frame(html):
    page = html("proposals/rrocm-2010/")
    langs = Parsed(page)
    for part in PROPOSAL["sections"]:
        assert langs.lang_of.get(part["id"]) == "es", part["id"]
    for anchor in ("activity-1", "activity-2", "objectives", "phase-1", "phase-2", "phase-3",
                   "target-population"):
        assert langs.lang_of.get(anchor) == "es", anchor
    assert langs.h1_lang == "en"
    assert re.search(r'<div class="rcm-original" lang="es">', page)
    assert "16 November 2010" in page and "Santiago de Querétaro" in page


def test_proposals_are_verbatim():
    source = seed("003")
    for part in PROPOSAL["sections"]:
        for key in ("heading", "text", "after"):
            if key in part:
                assert words(part[key]["es"]) in source, (part["id"], key)
        for item in part.get("items", []):
            assert words(item["es"]) in source, part["id"]
    assert words(PROPOSAL["full_title"]["es"]) in source


def test_proposals_name_the_bodies_involved(html, site):
    page = html("proposals/rrocm-2010/")
    hrefs = all_hrefs(page)
    for path in ("organizations/rncom/", "bodies/rcgm/", "organizations/iom/", "organizations/unhcr/",
                 "bodies/technical-secretariat/", "countries/honduras/", "countries/mexico/"):
        assert f"../../{path}" in hrefs, path
        lands(site, "proposals/rrocm-2010/", f"../../{path}")
    back = all_hrefs(html("organizations/unhcr/"))
    assert "../../proposals/rrocm-2010/#activity-1" in back
