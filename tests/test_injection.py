"""Stored script injection: payloads in every text field of every kind of data and in front
matter (tests/injection.py) must not give any built page a live script, an event-handler
attribute or a javascript: URL: not the content, the navigation, the <title>, the meta tags, the
abbreviations and tooltips, the search index (whose titles and texts Material renders as HTML),
the sitemap or the exports."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from injection import PAYLOADS, live_markup
from rcmkb.exports import FORMULA_START, neutralize_csv


def test_payloads_reach_many_fields_of_every_kind(injected):
    project, site, fields = injected
    assert fields >= 200, fields
    text = "\n".join(p.read_text("utf-8") for p in (project / "data").rglob("*.yaml"))
    for kind in ("declarations/", "entities/", "sources.yaml", "protocol.yaml", "proposals/",
                 "about.yaml", "activities.yaml", "chronology.yaml", "budget/"):
        files = [p for p in (project / "data").rglob("*") if kind in p.as_posix() and p.is_file()
                 and p.suffix in (".yaml", ".csv")]
        assert any("xss-" in p.read_text("utf-8") for p in files), f"no payload reached {kind}"
    # The payloads reach the pages as text a reader can see, escaped, not dropped.
    assert "alert(&quot;xss-1&quot;)" in (site / "declarations" / "xxi" / "index.html").read_text("utf-8") \
        or 'alert("xss-1")' in (site / "declarations" / "xxi" / "index.html").read_text("utf-8")
    assert text


def test_no_page_holds_a_live_script_handler_or_javascript_url(injected):
    _, site, _ = injected
    found = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text("utf-8")
        found += live_markup(html, page.relative_to(site).as_posix(), page=True)
        assert 'http-equiv="Content-Security-Policy"' in html, page
    assert not found, "\n".join(found[:40])


def test_titles_navigation_and_meta_are_text(injected):
    _, site, _ = injected
    notes = (site / "notes" / "index.html").read_text("utf-8")
    title = notes.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "&lt;/title&gt;&lt;script&gt;" in title, title
    description = notes.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    assert "<" not in description and "&#34;&gt;&lt;svg" in description or "&quot;&gt;&lt;svg" in description, description


def test_search_index_as_rendered_holds_no_live_markup(injected):
    _, site, _ = injected
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    found = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            found += live_markup(doc.get(key) or "", f"search {doc['location']} {key}")
    assert not found, "\n".join(found[:40])


def test_sitemap_is_plain_xml(injected):
    _, site, _ = injected
    tree = ET.parse(site / "sitemap.xml")
    for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert "<" not in loc.text and "javascript" not in loc.text.lower(), loc.text


def test_exports_are_data_and_safe_in_a_spreadsheet(injected):
    _, site, _ = injected
    exports = sorted((site / "data").glob("*.csv")) + sorted((site / "data").glob("*.json"))
    assert exports
    carried = False
    for path in exports:
        text = path.read_text("utf-8")
        carried |= "xss-" in text
        if path.suffix == ".json":
            json.loads(text)
            continue
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_START) or cell.lstrip("+-").replace(".", "").isdigit(), \
                    f"{path.name}: formula-like cell {cell[:60]!r}"
    assert carried, "the payloads should be in the exports, as data"


def test_feeds_calendar_and_akn_carry_payloads_as_inert_text(injected, site):
    """The Atom feeds, the Akoma Ntoso files and the calendar carry the payloads as text: well-formed
    XML with no script element, no event handler and no HTML-typed text (which feed readers would
    render), and a calendar with no property the real one lacks (no line break lets a payload start
    a property of its own)."""
    from icalendar import Calendar
    _, injected_site, _ = injected
    xml = sorted((injected_site / "data" / "feeds").glob("*.atom")) + \
        sorted((injected_site / "data" / "akn").glob("*.xml"))
    assert xml
    carried = set()
    for path in xml:
        text = path.read_text("utf-8")
        if "xss-" in text:
            carried.add(path.parent.name)
        for element in ET.fromstring(text).iter():
            assert element.tag.rsplit("}", 1)[-1].lower() not in ("script", "iframe"), path.name
            assert not any(a.lower().startswith("on") for a in element.attrib), path.name
            assert element.get("type") not in ("html", "xhtml"), f"{path.name}: HTML-typed text"
    assert carried == {"feeds", "akn"}, f"the payloads should reach every kind of file, as text: {carried}"

    def properties(ics: Path) -> set[str]:
        return {name for component in Calendar.from_ical(ics.read_bytes()).walk()
                for name in component}
    real, attacked = site / "data" / "commitments.ics", injected_site / "data" / "commitments.ics"
    # (A commitment's words must be its decision's, so the payloads reach the calendar only
    # where a decision's text reaches it; the calendar must still hold nothing new.)
    assert properties(attacked) <= properties(real)


def test_csv_neutralization_follows_owasp():
    rows = b"a,b\n=1+2,@SUM(A1)\n+x,-y\n-12.50,+3\n\tt,plain\n"
    out = neutralize_csv(rows).decode()
    assert out == "a,b\n'=1+2,'@SUM(A1)\n'+x,'-y\n-12.50,+3\n'\tt,plain\n"
    assert neutralize_csv(b"a,b\n1,2\n") == b"a,b\n1,2\n"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitizer_removes_each_payload(payload):
    from rcmkb.markup import sanitize
    import markdown
    html = markdown.markdown(payload, extensions=["attr_list", "md_in_html", "abbr"])
    assert not live_markup(sanitize(html), payload)
