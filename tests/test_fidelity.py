"""Fidelity to the sources, as a reader and a re-user get it: no fact more precise or more certain
than its source, the knowledge base's own words marked as editorial, disagreements between
sources shown, every page ending with its sources, and exports that keep the structure and the
words of the texts."""
from __future__ import annotations

import csv
import io
import json
import re

import yaml

from conftest import ROOT
from pages import text_of

from rcmkb import edtf
from rcmkb.markup import blocks
from rcmkb.links import passage_anchor

SOURCES = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))


def article(page: str) -> str:
    return page.split('<article', 1)[1].split('</article>', 1)[0]


def every_page(site):
    """Every page of the site, generated from data or written by hand."""
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "search/")):
            yield rel, f.read_text("utf-8")


# ---------------------------------------------------------------------------------------------
# Exports keep the structure and the words of the texts

def test_decision_exports_keep_paragraphs_and_list_items(site):
    data = yaml.safe_load((ROOT / "data" / "declarations" / "xxi.yaml").read_text("utf-8"))
    texts = {d["number"]: d["text"]["en"] for d in data["decisions"]}
    structured = [n for n, text in texts.items() if len(blocks(text)) > 1]
    assert structured, "no decision with more than one paragraph or a list to check"
    rows = json.loads((site / "data" / "decisions.json").read_text("utf-8"))
    table = list(csv.DictReader(io.StringIO((site / "data" / "decisions.csv").read_text("utf-8"))))
    for n in structured:
        expected = blocks(texts[n])
        row = next(r for r in rows if r["declaration"] == "XXI" and r["number"] == n)
        got = [("p", [b["paragraph"]]) if "paragraph" in b else ("ul", b["list"]) for b in row["blocks"]]
        assert got == expected, n
        for text in (row["text"], next(r for r in table if r["declaration"] == "XXI"
                                       and r["number"] == str(n))["text"]):
            assert blocks(text) == expected, n
            assert "\n\n" in text, f"decision {n}'s paragraphs are merged into one in the export"


# ---------------------------------------------------------------------------------------------
# Nothing more precise or more certain than the sources

def test_source_dates_are_edtf_and_shown_in_words(site, html):
    exported = {s["id"]: s for s in json.loads((site / "data" / "sources.json").read_text("utf-8"))}
    page = html("sources/")
    for s in SOURCES:
        assert edtf.problem(s["date"]) is None, s["id"]
        assert exported[s["id"]]["date"] == s["date"], s["id"]
        shown = re.search(rf'data-edtf="{re.escape(s["date"])}">([^<:]+)', page)
        assert shown and shown.group(1).strip() == edtf.words(s["date"]), s["id"]
    # the undated slides keep their uncertainty: a span, approximate at both ends
    slides = next(s for s in SOURCES if s["file"] and s["file"].startswith("002_"))
    assert slides["date"] == "2015~/2016~" and "about 2015-2016" in text_of(page)


def test_edtf_words_keep_the_uncertainty():
    assert edtf.words("2013~") == "about 2013"
    assert edtf.words("2015~/2016~") == "about 2015-2016"
    assert edtf.words("2016-11-17/2016-11-18") == "17-18 November 2016"
    assert edtf.words("2013-02-21/..") == "after 21 February 2013"
    assert edtf.problem("2016-02-30") and edtf.problem("2017/2016") and edtf.problem("about 2015")


def test_no_currency_the_source_does_not_name(site):
    for f in site.rglob("*"):
        if f.suffix in (".html", ".json", ".csv", ".svg"):
            text = f.read_text("utf-8")
            assert not re.search(r"US\$|US dollars|\bUSD\b", text), f.relative_to(site)


def test_budget_pages_explain_the_sign_as_editorial(html):
    page = article(html("budget/2017/"))
    note = re.search(r'<p class="rcm-editorial-note">(.*?)</p>', page, re.S)
    assert note and 'class="rcm-editorial"' in note.group(1) and "$" in text_of(note.group(1))


def test_no_declaration_title_the_sources_do_not_give(site, html):
    for path in ("declarations/i/", "declarations/xv/"):
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html(path), re.S).group(1)
        assert "Declaration" not in text_of(h1), path
    for f in site.rglob("*.html"):
        text = f.read_text("utf-8")
        assert not re.search(r"\b(I|XV) Declaration\b", text), f.relative_to(site)


def test_xvii_facts_are_cited_to_the_protocol_that_gives_them(html):
    page = article(html("declarations/xvii/"))
    facts = page.split('class="rcm-facts"', 1)[1].split("</div>", 1)[0]
    assert 'href="../../sources/#action-protocol-2013--footnote-3"' in facts
    assert "#xvii-declaration-2012" not in facts, "the XVII declaration is not among the sources"
    assert "footnote 3" in text_of(page)


def test_presidencies_are_recorded_not_given_and_have_no_invented_year(html):
    honduras = text_of(article(html("countries/honduras/")))
    assert "given by" not in honduras
    assert not re.search(r"Presidency Pro Tempore for \d{4}", honduras)
    assert "recorded in" in honduras


def test_documents_index_does_not_claim_every_document_was_acted_on(html):
    intro = text_of(article(html("documents/")).split("<h2", 1)[0])
    assert "adopt, approve or consider" not in intro
    assert "the others have no status" in intro


def test_no_invented_parent_or_creation(html):
    assert "Part of" not in text_of(article(html("organizations/mesoamerica-program/")))
    ts = text_of(article(html("bodies/technical-secretariat/")))
    assert "decided to create" in ts and "Created by" not in ts


def test_joint_protocol_is_not_filed_as_an_rcm_document(html):
    page = article(html("documents/"))
    rcm_group = page.split("RCM documents", 1)[1].split("<h2", 1)[0] if "RCM documents" in page else ""
    assert "documents/action-protocol/" not in rcm_group.replace("../", "")


# ---------------------------------------------------------------------------------------------
# Editorial words are marked, disagreements are shown

def test_editorial_records_carry_the_mark_on_their_page(html):
    for name in ("bodies", "topics", "organizations", "documents", "countries"):
        for e in yaml.safe_load((ROOT / "data" / "entities" / f"{name}.yaml").read_text("utf-8")):
            page = article(html(f"{name}/{e['id']}/"))
            marked = re.search(r'<p class="rcm-editorial-note"><a class="rcm-editorial" href="[^"]*sources/#editorial"', page)
            assert bool(marked) == ("editorial" in e), e["id"]


def test_the_mark_is_explained_where_it_links(html):
    page = html("sources/")
    assert 'id="editorial"' in page
    assert "knowledge base's own words" in text_of(page)


def test_disagreements_show_every_account_with_its_source(html):
    checked = 0
    for name in ("bodies", "organizations", "documents", "countries", "topics"):
        for e in yaml.safe_load((ROOT / "data" / "entities" / f"{name}.yaml").read_text("utf-8")):
            if "sources_differ" not in e:
                continue
            box = re.search(r'<div class="admonition note rcm-differ">(.*?)</div>', html(f"{name}/{e['id']}/"), re.S)
            assert box, e["id"]
            for account in e["sources_differ"]["accounts"]:
                anchor = passage_anchor(account["source"], account["locator"])
                assert f'sources/#{anchor}"' in box.group(1), (e["id"], account["source"])
                assert " ".join(account["quote"]["en"].split()) in text_of(box.group(1)), e["id"]
            checked += 1
    assert checked, "no disagreement recorded: the RNCOM's start (1998, or the RCM's inception) is one"


# ---------------------------------------------------------------------------------------------
# Every page ends with its sources

def test_every_page_ends_with_its_sources(site):
    """Generated pages list the sources of their records; hand-written pages those of what their
    rcm: references point at. The Sources page is the list itself."""
    for rel, page in every_page(site):
        if rel in ("sources/index.html", "es/sources/index.html"):
            continue
        body = article(page)
        assert 'id="page-sources"' in body, rel
        tail = body.split('id="page-sources"', 1)[1]
        assert re.search(r'href="[^"]*sources/#[a-z0-9-]+"', tail), rel
        assert "<h2" not in tail, f"{rel}: the sources are not at the end of the page"


def test_contribute_example_is_visibly_fictional(html):
    page = article(html("contribute/"))
    assert "A fictional example" in text_of(page)
    declared = {p.stem for p in (ROOT / "data" / "declarations").glob("*.yaml")}
    assert "xcix" not in declared


def test_dated_events_and_statuses_say_where_in_their_source(html):
    """A chronology event and a status taken from a source (not given by a decision) say where
    in the source: the reader can find the passage."""
    events = yaml.safe_load((ROOT / "data" / "chronology.yaml").read_text("utf-8"))["events"]
    page = html("chronology/")
    for e in events:
        assert e.get("locator"), e["id"]
        block = page.split(f'id="{e["id"]}"', 1)[1].split('class="rcm-event-links"', 1)[0]
        anchor = passage_anchor(e["source"], e["locator"])
        assert f'sources/#{anchor}"' in block and e["locator"] in text_of(block), e["id"]
    for name in ("countries", "organizations", "bodies"):
        for ent in yaml.safe_load((ROOT / "data" / "entities" / f"{name}.yaml").read_text("utf-8")):
            for s in ent.get("statuses", []):
                if s.get("source") and s["role"] in ("member", "observer"):
                    assert s.get("locator"), (ent["id"], s["role"])
