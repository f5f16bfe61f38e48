"""Every fact's source link leads to the passage that supports it: the Sources page has one
anchor per cited passage (the source's id, '--' and its locator), which names the locator and
lists what on the site rests on it; every fact record in the data gives its locator."""
from __future__ import annotations

import html as html_lib
import json
import posixpath
import re

import yaml

from conftest import ROOT
from rcmkb.links import passage_anchor

SOURCES_PAGE = "sources/index.html"
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.S)


def pages(site):
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "search/")):
            yield rel, f.read_text("utf-8")


def article(page: str) -> str:
    return page.split("<article", 1)[1].split("</article>", 1)[0]


def resolve(page: str, href: str) -> tuple[str, str]:
    """(site path of the target page's index.html, fragment) of a relative link on `page`."""
    href = html_lib.unescape(href)
    path, _, fragment = href.partition("#")
    base = posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, path)) if path else posixpath.dirname(page)
    target = "" if target == "." else target
    return (target + "/index.html").lstrip("/"), fragment


def passages(site, sources_page: str = SOURCES_PAGE) -> dict[str, str]:
    """Each passage anchor on a Sources page -> the HTML of its list item."""
    text = (site / sources_page).read_text("utf-8")
    return {m.group(1): m.group(2) for m in
            re.finditer(r'<li id="([a-z0-9-]+--[a-z0-9-]+)">(.*?)</li>', text, re.S)}


def test_every_source_link_leads_to_a_passage_that_lists_the_page(site):
    """On every page of each language's site: a link to the Sources page lands on an id there,
    and a link to a passage lands on a passage that lists the linking page."""
    sources_pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("sources/index.html"))
    assert SOURCES_PAGE in sources_pages
    found = {page: passages(site, page) for page in sources_pages}
    ids = {page: set(re.findall(r'\bid="([^"]+)"', (site / page).read_text("utf-8"))) for page in sources_pages}
    assert all(found.values()), "a Sources page lists no cited passage"
    checked = {page: 0 for page in sources_pages}
    for rel, page in pages(site):
        body = article(page)
        for href in HREF.findall(body):
            if "://" in href or "sources/" not in href or "#" not in href:
                continue
            target, fragment = resolve(rel, href)
            if target not in found:
                continue
            assert fragment in ids[target], f"{rel}: {href} names no anchor of {target}"
            if "--" in fragment and rel != target:
                checked[target] += 1
                here = (posixpath.dirname(rel) + "/index.html").lstrip("/")
                listed = {resolve(target, h)[0] for h in HREF.findall(found[target][fragment])}
                assert here in listed, f"{rel} links to the passage {fragment}, which does not list the page"
    assert all(checked.values()), f"no page links to a cited passage on {checked}"
    # Both languages have the same passages, at the same anchors.
    assert len({frozenset(f) for f in found.values()}) == 1


def test_facts_link_to_passages_not_only_to_documents(site):
    """A fact with a locator on an entity page links to its passage."""
    entities = [e for f in sorted((ROOT / "data" / "entities").glob("*.yaml"))
                for e in yaml.safe_load(f.read_text("utf-8")) if e.get("locator")]
    assert entities
    folders = {"country": "countries", "organization": "organizations", "body": "bodies",
               "document": "documents", "topic": "topics"}
    for e in entities:
        page = (site / folders[e["kind"]] / e["id"] / "index.html").read_text("utf-8")
        assert f'sources/#{passage_anchor(e["source"], e["locator"])}"' in page, e["id"]


def test_passage_anchors_are_stable_slugs():
    assert passage_anchor("brochure-2010", "The Process, paragraph 3") == "brochure-2010--the-process-paragraph-3"
    assert passage_anchor("slides-2016", "slide “Ad hoc Commission on Civil Society”") == \
        "slides-2016--slide-ad-hoc-commission-on-civil-society"
    assert passage_anchor("x", None) == "x"


def test_sources_export_lists_passages(site):
    sources = json.loads((site / "data" / "sources.json").read_text("utf-8"))
    found = passages(site)
    exported = {p["anchor"] for s in sources for p in s["passages"]}
    assert exported == set(found)
    for s in sources:
        for p in s["passages"]:
            assert p["rests_on_it"], (s["id"], p["locator"])


def test_every_fact_record_names_its_locator():
    """Every record that names a source also says where in it (editorial records excepted: they
    are the knowledge base's own)."""
    data = ROOT / "data"
    missing, seen = [], 0
    for f in sorted((data / "entities").glob("*.yaml")):
        for e in yaml.safe_load(f.read_text("utf-8")):
            for record in [e, *e.get("statuses", [])]:
                if record.get("source") and not e.get("editorial"):
                    seen += 1
                    if not record.get("locator"):
                        missing.append((f.name, e["id"]))
    about = yaml.safe_load((data / "about.yaml").read_text("utf-8"))
    story = ([st for s in about["sections"] for st in s.get("statements", [])]
             + [about["structure"], about["contact"]]
             + yaml.safe_load((data / "chronology.yaml").read_text("utf-8"))["events"]
             + [yaml.safe_load((data / "activities.yaml").read_text("utf-8"))]
             + [yaml.safe_load(f.read_text("utf-8")) for f in sorted((data / "declarations").glob("*.yaml"))]
             + yaml.safe_load((data / "protocol.yaml").read_text("utf-8"))["footnotes"])
    for record in story:
        seen += 1
        if not record.get("locator"):
            missing.append(record.get("id") or record.get("number") or record["source"])
    assert seen and not missing, missing


# ---------------------------------------------------------------------------------------------
# Each source names its original document and where the official version is published

def test_each_source_names_its_document_and_where_it_is_published(site):
    from conftest import SEEDS
    from pages import text_of
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))
    page = (site / SOURCES_PAGE).read_text("utf-8")
    exported = {s["id"]: s for s in json.loads((site / "data" / "sources.json").read_text("utf-8"))}
    by_id = {s["id"]: s for s in sources}
    for s in sources:
        entry = page.split(f'id="{s["id"]}"', 1)[1].split("<h2", 1)[0]
        facts = text_of(entry.split("</dl>", 1)[0])
        title = next(iter(s["title"].values()))
        assert title in facts and s["language"] in facts, s["id"]
        assert f'data-edtf="{s["date"]}"' in entry, s["id"]
        links = [h for h in HREF.findall(entry.split("</dl>", 1)[0]) if "://" in h]
        published = s.get("published")
        if not published:
            assert "No source records where the official version is published" in facts, s["id"]
            assert not links, s["id"]
            assert exported[s["id"]]["published"] is None
            continue
        # Where it is published is itself sourced, and an address is never guessed: the portal's
        # address is printed in the source that names it, the document's own only where recorded.
        said_by = by_id[published["source"]]
        text = (SEEDS / said_by["file"]).read_text("utf-8")
        if published.get("portal"):
            bare = published["portal"].split("://", 1)[1]
            assert bare in text, (s["id"], published["portal"])
        assert set(links) <= {published.get("portal"), published.get("url")}, (s["id"], links)
        if not published.get("url"):
            assert "No record holds the address of this document itself" in facts, s["id"]
        anchor = passage_anchor(published["source"], published["locator"])
        assert any(resolve(SOURCES_PAGE, h) == (SOURCES_PAGE, anchor) for h in HREF.findall(entry)), s["id"]
        assert exported[s["id"]]["published"]["portal"] == published.get("portal")
