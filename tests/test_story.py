"""The RCM's own story as a reader gets it: About (sourced statements, members and observers from
the entity data, the structure drawn inline, the contact), the seminars and workshops of
2000-2009, and the chronology, whose every link lands."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT
from pages import article, hrefs as all_hrefs, ids, lands
from test_protocol import seed, words

from rcmkb.markup import blocks
from rcmkb.formats import when
from rcmkb.markup import safe_url
from rcmkb.links import passage_anchor

ABOUT = yaml.safe_load((ROOT / "data" / "about.yaml").read_text("utf-8"))
ACTIVITIES = yaml.safe_load((ROOT / "data" / "activities.yaml").read_text("utf-8"))
CHRONOLOGY = yaml.safe_load((ROOT / "data" / "chronology.yaml").read_text("utf-8"))
STATEMENTS = [st for s in ABOUT["sections"] for st in s.get("statements", [])]


def hrefs(page: str) -> set[str]:
    return all_hrefs(article(page))


# ---------------------------------------------------------------------------------------------
# About

def test_every_statement_is_anchored_and_sourced(html):
    page = html("about/")
    page_ids = ids(page)
    for section in ABOUT["sections"]:
        assert section["id"] in page_ids, section["id"]
    for st in STATEMENTS:
        assert st["id"] in page_ids, st["id"]
        block = re.search(rf'id="{st["id"]}".*?</div>\s*<p class="rcm-quoted">(.*?)</p>', page, re.S)
        anchor = passage_anchor(st["source"], st["locator"])
        assert block and f'href="../sources/#{anchor}"' in block.group(1), st["id"]


def test_statements_are_verbatim():
    """Each paragraph and each list item, word for word (slides break lists with photo captions)."""
    sources = {"brochure-2010": seed("001"), "slides-2016": seed("002")}
    for st in STATEMENTS:
        for _, parts in blocks(st["text"]["en"]):
            for part in parts:
                assert words(part) in sources[st["source"]], (st["id"], part)


def test_background_links_to_the_first_meeting(html, site):
    assert "../declarations/i/" in hrefs(html("about/"))
    lands(site, "about/", "../declarations/i/")


def test_members_and_observers_come_from_the_entity_data_one_list_per_source(html, site):
    entities = json.loads((site / "data" / "entities.json").read_text("utf-8"))
    by_url = {e["url"]: e for e in entities}
    page = html("about/")
    for anchor, kind, role in (("member-countries", "country", "member"),
                               ("observer-countries", "country", "observer"),
                               ("observer-organizations", "organization", "observer")):
        expected = {e["url"] for e in entities
                    if e["kind"] == kind and any(s["role"] == role for s in e["statuses"])}
        section = page.split(f'id="{anchor}"', 1)[1].split("<h", 1)[0]
        lists = re.findall(r'<p class="rcm-quoted">(.*?)</p>\s*<ul class="rcm-members">(.*?)</ul>', section, re.S)
        assert lists, anchor
        listed = set()
        for head, items in lists:
            source = re.search(r'href="\.\./sources/#([^"]+)"', head).group(1).split("--")[0]
            urls = {"/" + h.removeprefix("../") for h in re.findall(r'href="(\.\./(?:countries|organizations)/[^"]+)"', items)}
            # a list names one source, and holds only what that source records: lists of
            # different dates are never merged into one
            for url in urls:
                statuses = [s for s in by_url[url]["statuses"] if s["role"] == role]
                assert any(s["source"] in (source, None) for s in statuses), (anchor, source, url)
                if source == "brochure-2010":
                    assert any(s["source"] == "brochure-2010" for s in statuses), (anchor, url)
            listed |= urls
        assert listed == expected, anchor
    observers = page.split('id="observer-organizations"', 1)[1].split("<h2", 1)[0]
    assert observers.count('class="rcm-members"') >= 2, "the 2010 and 2016 observer lists are merged"
    # the list is generated: the data file does not retype it
    assert "Belize" not in (ROOT / "data" / "about.yaml").read_text("utf-8")


def test_structure_is_drawn_inline_without_scripts(html, site):
    page = article(html("about/"))
    svg = re.search(r"<svg[^>]*role=\"group\".*?</svg>", page, re.S)   # its boxes are links
    assert svg, "no inline structure diagram"
    assert "<script" not in svg.group(0)
    drawn = set(re.findall(r'<a href="([^"]+)"><rect', svg.group(0)))
    bodies = {b for t in ABOUT["structure"]["tiers"] for b in t["bodies"]} | set(ABOUT["structure"]["beside"])
    assert len(drawn) == len(bodies)
    for href in drawn:
        lands(site, "about/", href)


def test_contact_is_institutional_and_dated(html, site):
    page = html("about/")
    contact = re.search(r'id="contact".*?</address>', page, re.S).group(0)
    assert 'href="mailto:crm@iom.int"' in contact
    assert 'href="http://www.rcmvs.org"' in contact
    for words_ in ("San José, Costa Rica", "Central Avenue, St. 27-29", "122-2050", "(506) 8851-1009", "2010"):
        assert words_ in contact, words_
    # Staff names and personal e-mail addresses printed in the brochure are published nowhere.
    for f in site.rglob("*"):
        if f.is_file() and f.suffix in (".html", ".json", ".csv", ".xml", ".txt", ".js"):
            text = f.read_text("utf-8", errors="replace").lower()
            for private in ("jperaza", "rrodas", "mmunozc", "peraza", "renán rodas", "maribel"):
                assert private not in text, (f, private)


def test_only_safe_urls_become_links():
    assert safe_url("http://www.rcmvs.org") and safe_url("https://example.org/a?b=1")
    assert safe_url("mailto:crm@iom.int")
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "www.rcmvs.org",
                "http://", "http://a b", 'http://x"onmouseover="y', "vbscript:x", "mailto:nobody"):
        assert not safe_url(bad), bad


# ---------------------------------------------------------------------------------------------
# Activities

def brochure_activities() -> list[str]:
    text = seed("001")
    listing = re.search(r"The carrying out of numerous activities.*?\((?:\d{4})\)\.", text)
    assert listing, "the brochure's list of activities was not found"
    return re.findall(r"\((\d{4}|annually)\)", listing.group(0))


def test_activities_count_matches_the_brochure(html, site):
    counted = brochure_activities()
    assert len(counted) == 24
    assert len(ACTIVITIES["activities"]) == len(counted)
    data = json.loads((site / "data" / "activities.json").read_text("utf-8"))
    assert len(data) == len(counted)
    page_ids = ids(html("activities/"))
    assert all(a["id"] in page_ids for a in ACTIVITIES["activities"])
    years = sorted(str(a["year"]) if a.get("year") else "annually" for a in ACTIVITIES["activities"])
    assert years == sorted(counted)


def test_activity_titles_are_verbatim():
    source = seed("001")
    for a in ACTIVITIES["activities"]:
        year = f"({a['year']})" if a.get("year") else "(annually)"
        assert words(a["title"]["en"]) + " " + year in source, a["id"]


def test_the_annual_activity_has_no_invented_year(site, html):
    data = json.loads((site / "data" / "activities.json").read_text("utf-8"))
    annual = [a for a in data if a["annual"]]
    assert [a["title"] for a in annual] == ["Security Control of Travel Documents (including training)"]
    assert annual[0]["year"] is None
    assert "annual" in ids(html("activities/"))


def test_activities_by_year_and_by_topic(html, site):
    page = html("activities/")
    page_ids = ids(page)
    for a in ACTIVITIES["activities"]:
        if a.get("year"):
            assert f"year-{a['year']}" in page_ids
        for topic in a.get("topics", []):
            assert f"topic-{topic}" in page_ids
    for href in hrefs(page):
        if not re.match(r"^[a-z]+:", href):
            lands(site, "activities/", href)
    # topics list the activities back on their own pages
    assert "../../activities/#migration-health-2004" in hrefs(html("topics/health/"))


# ---------------------------------------------------------------------------------------------
# Chronology

EXPECTED = {
    "first-meeting-puebla-1996": "../declarations/i/",
    "rcgm-queretaro-2010": "../proposals/rrocm-2010/",
    "xvii-panama-2012": "../declarations/xvii/",
    "ad-hoc-group-san-salvador-2013": "../protocol/",
    "health-workshop-costa-rica-2016": "../declarations/xxi/#decision-21",
    "civil-society-meeting-honduras-2016": "../declarations/xxi/#decision-22",
    "xxi-honduras-2016": "../declarations/xxi/",
    "technical-secretariat-2001": "../bodies/technical-secretariat/",
}


def test_every_chronology_link_lands(html, site):
    page = html("chronology/")
    found = hrefs(page)
    assert found
    for href in found:
        if not re.match(r"^[a-z]+:", href):
            lands(site, "chronology/", href)


def test_events_link_to_what_they_produced(html):
    page = html("chronology/")
    for event, href in EXPECTED.items():
        block = re.search(rf'id="{event}".*?<p class="rcm-event-links">(.*?)</p>', page, re.S)
        assert block and f'href="{href}"' in block.group(1), event


def test_events_are_in_date_order_and_quote_their_sources(html):
    page = html("chronology/")
    positions = [page.index(f'id="{e["id"]}"') for e in CHRONOLOGY["events"]]
    dated = sorted(CHRONOLOGY["events"], key=lambda e: (e["date"][:4], len(e["date"]) == 4, e["date"]))
    assert [e["id"] for _, e in sorted(zip(positions, CHRONOLOGY["events"]), key=lambda x: x[0])] == \
        [e["id"] for e in dated]
    seeds = {"brochure-2010": seed("001"), "slides-2016": seed("002"), "rrocm-proposals-2010": seed("003"),
             "action-protocol-2013": seed("000"), "xxi-declaration-2016": seed("004")}
    for e in CHRONOLOGY["events"]:
        quote = e["quote"].get("en") or e["quote"]["es"]
        assert words(quote) in seeds[e["source"]], e["id"]


def test_dates_keep_the_precision_of_the_source():
    assert when("1996") == "1996"
    assert when("1996-03") == "March 1996"
    assert when("2016-11-17", "2016-11-18") == "17-18 November 2016"
    assert when("2000", "2009") == "2000-2009"
    assert when("2010-11-16") == "16 November 2010"


@pytest.mark.parametrize("name", ["about", "activities", "chronology", "protocol", "proposals"])
def test_open_data_is_listed(site, html, name):
    assert (site / "data" / f"{name}.json").exists()
    assert f'href="{name}.json"' in html("data/")
