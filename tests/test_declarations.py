"""Declarations and decisions as a reader and a citer get them: verbatim texts, permanent anchors,
citations, the decisions index, search and open data."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, SEEDS, copy_project, declarations, mkdocs_build
from pages import decision_text, ids, links, resolve, text_of

XXI_SEED = SEEDS / "004_b74f3e636d36253e.txt"


def seed_decisions() -> dict[int, str]:
    """Decision texts of the XXI declaration as the source prints them, noise removed."""
    text = XXI_SEED.read_text("utf-8").replace("[bookmark: _GoBack]", "")
    body = text.split("\nDECISIONS\n", 1)[1].split("ANNEX A")[0]
    parts = re.split(r"(?m)^\s*(\d+)\.\s+", body)
    return {int(parts[i]): " ".join(parts[i + 1].replace("·", " ").split())
            for i in range(1, len(parts), 2)}


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_all_38_xxi_decisions_are_verbatim(html):
    page = html("declarations/xxi/")
    seeds = seed_decisions()
    assert sorted(seeds) == list(range(1, 39))
    for number, words in seeds.items():
        assert decision_text(page, f"decision-{number}") == words, f"decision {number} differs"


def test_decision_21_keeps_its_list_and_the_paragraph_after_it(html):
    page = html("declarations/xxi/")
    block = re.search(r'id="decision-21".*?<div class="rcm-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert block.count("<li>") == 3
    assert text_of(block.split("</ul>")[1]).startswith("In this regard, to thank")


def test_every_xxi_preamble_paragraph_is_in_the_source(html):
    page = html("declarations/xxi/")
    seed = normalised(XXI_SEED.read_text("utf-8"))
    numbers = sorted(int(a.split("-")[1]) for a in ids(page) if re.fullmatch(r"preamble-\d+", a))
    xxi = next(d for d in declarations() if d["id"] == "xxi")
    assert numbers == sorted(p["number"] for p in xxi["preamble"]) and numbers
    for n in numbers:
        assert decision_text(page, f"preamble-{n}") in seed, f"preamble {n} is not verbatim"


def test_the_citation_reads_as_the_issue_asks(html):
    page = html("declarations/xxi/")
    block = page.split('id="decision-21"', 1)[1].split('class="rcm-anchor"', 1)[0]
    assert re.search(r'rcm-cite-address">[^<]*<a href="#decision-21">https?://[^<]+/declarations/xxi/'
                     r'#decision-21</a>', block)
    cite_as = text_of(page.split('class="rcm-cite-as">', 1)[1].split("</dd>", 1)[0])
    assert cite_as.startswith("Regional Conference on Migration, Declaration of the XXI Regional Conference "
                              "on Migration, XXI Vice-Ministerial Meeting (Omoa and San Pedro Sula, "
                              "Honduras, 17-18 November 2016), http")


def test_every_decision_and_preamble_paragraph_has_its_anchor_and_permalink(html):
    for declaration in declarations():
        page = html(f"declarations/{declaration['id']}/")
        for kind, items in (("decision", declaration.get("decisions", [])),
                            ("preamble", declaration.get("preamble", []))):
            for item in items:
                anchor = f"{kind}-{item['number']}"
                assert anchor in ids(page), (declaration["id"], anchor)
                assert f'<a class="headerlink" href="#{anchor}"' in page, (declaration["id"], anchor)


def test_xvii_holds_decision_7_and_says_the_rest_is_missing(html):
    page = html("declarations/xvii/")
    text = text_of(page)
    assert "decision-7" in ids(page)
    assert "Approve the RNCOM proposal to hold a meeting of the Ad Hoc RCM-RNCOM coordination " \
           "working group" in decision_text(page, "decision-7")
    assert "not yet in the knowledge base" in text
    assert "Action Protocol" in text          # where the quote comes from
    assert "Panama" in text and "21-22 June 2012" in text


def test_declarations_index_lists_every_declaration_newest_first(html):
    page = html("declarations/")
    order = [resolve("declarations/", l["_url"]) for t, l in links(page)
             if t == "a" and re.fullmatch(r"declarations/[ivxlc]+/", resolve("declarations/", l["_url"]))]
    listed = [o.split("/")[1] for o in dict.fromkeys(order)]
    assert listed == [d["id"] for d in sorted(declarations(), key=lambda d: -d["number"])]
    row = re.search(r"<tr><td><a[^>]*>XXI</a></td>(.*?)</tr>", page, re.S).group(1)
    assert "2016" in row and "Omoa and San Pedro Sula, Honduras" in row and "38" in row
    assert "Migration, a Shared Responsibility" in row


def test_decisions_index_has_a_row_per_decision_linking_to_its_anchor(html):
    page = html("decisions/")
    held = [f"declarations/{d['id']}/#decision-{x['number']}" for d in declarations() for x in d.get("decisions", [])]
    assert len(re.findall(r"<tr><td data-sort", page)) == len(held)
    targets = {resolve("decisions/", l["_url"]) for t, l in links(page) if t == "a"}
    assert set(held) <= targets
    assert {f"declarations/xxi/#decision-{n}" for n in range(1, 39)} | {"declarations/xvii/#decision-7"} <= targets
    # short titles, actions and topics are the knowledge base's: each column carries the mark
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert head.count('class="rcm-editorial"') == 3
    assert 'class="rcm-editorial-note"' in page, "the marks in the head are explained above the table"


def test_search_finds_a_decision_by_its_words_and_lands_on_its_anchor(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    hits = [d["location"] for d in index["docs"] if "observer status" in d["text"].lower()]
    assert "declarations/xxi/#decision-18" in hits


def test_open_data_decisions(site):
    rows = json.loads((site / "data" / "decisions.json").read_text("utf-8"))
    held = sorted(f"/declarations/{d['id']}/#decision-{x['number']}" for d in declarations()
                  for x in d.get("decisions", []))
    assert sorted(r["url"] for r in rows) == held
    row18 = next(r for r in rows if r["declaration"] == "XXI" and r["number"] == 18)
    assert row18["url"] == "/declarations/xxi/#decision-18"
    assert row18["text"].startswith("Grant the International Labour Organisation (ILO)")
    assert "ilo" in row18["actors"] + row18["refers_to"]
    assert row18["source"].startswith("Declaration of the XXI")
    csv = (site / "data" / "decisions.csv").read_text("utf-8")
    assert csv.splitlines()[0].startswith("declaration,year,number,url")
    listed = json.loads((site / "data" / "declarations.json").read_text("utf-8"))
    assert sorted(d["id"] for d in listed) == sorted(d["id"] for d in declarations())


def test_every_published_anchor_exists_in_both_languages(site):
    manifest = [ln.strip() for ln in (ROOT / "data" / "published-anchors.txt").read_text("utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")]
    assert "/declarations/xxi/#decision-18" in manifest
    missing = []
    for entry in manifest:
        path, _, anchor = entry.lstrip("/").partition("#")
        for lang_root in (site, site / "es"):
            page = lang_root / path / "index.html"
            if not page.exists() or (anchor and anchor not in ids(page.read_text("utf-8"))):
                missing.append(f"{page.relative_to(site).parent}/#{anchor}")
    assert not missing, missing


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A copy of the project whose decision 1 holds HTML and script, and an aliased decision 2."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    path = project / "data" / "declarations" / "xxi.yaml"
    text = path.read_text("utf-8")
    hostile = "Adopt <script>alert('x')</script> and <img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold**"
    text = text.replace("Adopt the Compilation of RCM Current Practices", hostile + " the Compilation", 1)
    text = text.replace("  - number: 2\n    short_title:", "  - number: 2\n    aliases: [old-decision-two]\n    short_title:", 1)
    path.write_text(text, "utf-8")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_html_in_a_decision_text_is_shown_as_text(hostile_build):
    page = (hostile_build / "declarations" / "xxi" / "index.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "javascript:alert" not in \
        "".join(l["_url"] for _, l in links(page))
    assert "Adopt &lt;script&gt;alert(" in page        # escaped, so a reader sees the characters
    assert "Adopt <script>alert('x')</script> and <img src=x onerror=alert(1)> [link](javascript:alert(1)) " \
           "**bold**" in decision_text(page, "decision-1")


def test_an_alias_keeps_an_old_anchor_landing_on_its_decision(hostile_build):
    page = (hostile_build / "declarations" / "xxi" / "index.html").read_text("utf-8")
    assert re.search(r'<span class="rcm-alias" id="old-decision-two" data-for="decision-2"></span>', page)


def test_html_in_a_decision_text_is_text_in_the_table_of_contents(hostile_build):
    """The table of contents names decision 1 by its opening words: shown as characters, never markup."""
    page = (hostile_build / "declarations" / "xxi" / "index.html").read_text("utf-8")
    entry = re.search(r'<a href="#decision-1" class="md-nav__link">\s*<span class="md-ellipsis"[^>]*>(.*?)</span>',
                      page, re.S).group(1)
    assert "<" not in entry and "1. Adopt &lt;script&gt;alert(" in entry, entry
