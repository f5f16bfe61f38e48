"""Commitments as a reader gets them: verbatim clauses of real decisions, who is asked, dates only
where the text gives one, statuses with their sources (or "not recorded", in words), on the
Commitments page, under each decision and on each entity page."""
from __future__ import annotations

import json
import re
import shutil

import yaml

from conftest import ROOT, SEEDS, copy_project, mkdocs_build
from pages import decision_text, ids, links, resolve, text_of

DATA = ROOT / "data" / "commitments"
# Verbs of the XXI decisions' `action` field that ask someone to act: such a decision must have a
# commitment record.
ASKING = {"request", "instruct", "urge", "integrate", "endorse"}


def normal(text: str) -> str:
    return " ".join(re.sub(r"(?m)^\s*[-*]\s+", "", text).split())


def records() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(DATA.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        out += [(doc["declaration"], c) for c in doc["commitments"]]
    return out


def decisions(declaration: str) -> dict[int, dict]:
    doc = yaml.safe_load((ROOT / "data" / "declarations" / f"{declaration}.yaml").read_text("utf-8"))
    return {d["number"]: d for d in doc.get("decisions", [])}


def entity_ids() -> set[str]:
    return {e["id"] for p in (ROOT / "data" / "entities").glob("*.yaml")
            for e in yaml.safe_load(p.read_text("utf-8"))}


# ---------------------------------------------------------------------------------------------
# The data

def test_every_clause_is_word_for_word_in_its_decision():
    found = records()
    assert found
    for declaration, c in found:
        text = decisions(declaration)[c["decision"]]["text"]
        words = next(iter(text.values()))
        assert normal(c["clause"]) in normal(words), c["id"]


def test_clauses_are_in_the_source_document_too():
    seed = " ".join(SEEDS.joinpath("004_b74f3e636d36253e.txt").read_text("utf-8")
                    .replace("[bookmark: _GoBack]", "").replace("·", " ").split())
    for declaration, c in records():
        if declaration == "xxi":
            assert normal(c["clause"]) in seed, c["id"]


def test_who_is_asked_exists_and_the_words_come_from_the_clause():
    known = entity_ids()
    for _, c in records():
        assert set(c["asked"]) <= known, c["id"]
        assert c["asked"] or c.get("asked_as"), c["id"]
        for key in ("asked_as", "due_text"):
            if c.get(key):
                assert normal(c[key]) in normal(c["clause"]), (c["id"], key)


def test_dates_only_where_the_text_gives_one():
    for _, c in records():
        if c.get("due"):
            # the year of the due date is printed in the clause's own words for it
            assert c["due"][:4] in c["due_text"], c["id"]
        else:
            assert not re.search(r"\b(19|20)\d\d\b", c.get("due_text", "")), c["id"]


def test_every_xxi_decision_that_asks_someone_to_act_has_a_commitment():
    asked = {c["decision"] for d, c in records() if d == "xxi"}
    for number, decision in decisions("xxi").items():
        if ASKING & set(decision["action"]):
            assert number in asked, f"XXI decision {number} ({decision['action']}) has no commitment"


def test_xvii_decision_7_is_recorded_with_its_sourced_status():
    (c,) = [c for d, c in records() if d == "xvii"]
    (status,) = c["follow_up"]
    assert status["status"] == "done" and status["as_of"] and status["source"]
    protocol = " ".join(SEEDS.joinpath("000_e89daa4381ad55ca.txt").read_text("utf-8").split())
    assert status["quote"] in protocol


def test_statuses_other_than_the_default_have_a_date_and_a_source():
    for _, c in records():
        for s in c.get("follow_up", []):
            assert s["status"] != "not recorded"
            assert s.get("as_of") and (s.get("source") or s.get("decision")), c["id"]


# ---------------------------------------------------------------------------------------------
# The pages

def test_commitments_page_lists_every_commitment_as_a_plain_table(html):
    page = html("commitments/")
    rows = re.findall(r'<tr id="([a-z]+-\d+[a-z]?)" data-body="([^"]*)" data-year="(\d+)" '
                      r'data-status="([a-z-]+)" data-due="([^"]+)">', page)
    assert sorted(r[0] for r in rows) == sorted(c["id"] for _, c in records())
    # Without JavaScript the filters are hidden and every row is visible.
    assert re.search(r'<form class="rcm-commitment-filter" hidden', page)
    assert ' hidden' not in "".join(re.findall(r"<tr [^>]*>", page))
    for _, c in records():
        row = re.search(rf'<tr id="{c["id"]}".*?</tr>', page, re.S).group(0)
        assert normal(c["clause"]) in text_of(row)
        if not c.get("follow_up"):
            assert "Not recorded: no source in the knowledge base says what became of it." in text_of(row)


def test_commitment_links_go_to_the_clause_anchor(html):
    page = html("commitments/")
    target = html("declarations/xxi/")
    anchors = ids(target)
    for tag, attrs in links(page):
        url = resolve("commitments/", attrs["_url"])
        if url.startswith("declarations/xxi/#"):
            assert url.split("#")[1] in anchors


def test_each_decision_shows_its_commitments_under_its_unchanged_text(html):
    page = html("declarations/xxi/")
    texts = decisions("xxi")
    for _, c in [r for r in records() if r[0] == "xxi"]:
        anchor = f"decision-{c['decision']}"
        section = page.split(f'id="{anchor}"', 1)[1].split('class="rcm-anchor"', 1)[0]
        assert f'id="commitment-{c["id"]}"' in section
        # the text block comes first and is the decision's text, word for word
        assert section.index('class="rcm-text"') < section.index('class="rcm-commitments-block"')
        assert decision_text(page, anchor) == normal(texts[c["decision"]]["text"]["en"])


def test_a_clause_keeps_the_paragraphs_and_list_of_its_decision(html):
    """A clause that takes in a decision's list shows it as a list, item by item, word for word,
    under the decision and on the Commitments page, not run together into one paragraph."""
    listed = [(d, c) for d, c in records() if re.search(r"(?m)^\s*- ", c["clause"])]
    assert listed, "no clause holds a list: this test has nothing to check"
    for declaration, c in listed:
        items = [normal(line.split("- ", 1)[1]) for line in c["clause"].splitlines()
                 if line.strip().startswith("- ")]
        on_decision = html(f"declarations/{declaration}/").split(f'id="commitment-{c["id"]}"', 1)[1]
        on_decision = on_decision.split("</dl>", 1)[0]
        on_table = re.search(rf'<tr id="{c["id"]}".*?</tr>', html("commitments/"), re.S).group(0)
        for where in (on_decision, on_table):
            clause = re.search(r'<blockquote class="rcm-clause">(.*?)</blockquote>', where, re.S).group(1)
            shown = [normal(text_of(li)) for li in re.findall(r"<li>(.*?)</li>", clause, re.S)]
            assert shown == items, c["id"]


def test_status_not_recorded_is_said_in_words_under_decisions(html):
    block = html("declarations/xxi/").split('id="commitment-xxi-4"', 1)[1].split("</dl>", 1)[0]
    assert "Not recorded: no source in the knowledge base says what became of it." in text_of(block)
    done = html("declarations/xvii/").split('id="commitment-xvii-7"', 1)[1].split("</dl>", 1)[0]
    assert "Done, as of 2013-02-21" in text_of(done) and "sources/#action-protocol-2013" in done


def test_entity_pages_list_what_the_body_was_asked_and_where(html):
    folders = {"country": "countries", "organization": "organizations", "body": "bodies",
               "document": "documents", "topic": "topics"}
    kinds = {e["id"]: e["kind"] for p in (ROOT / "data" / "entities").glob("*.yaml")
             for e in yaml.safe_load(p.read_text("utf-8"))}
    asked = {}
    for d, c in records():
        for e in c["asked"]:
            asked.setdefault(e, []).append((d, c))
    assert asked
    for entity, items in asked.items():
        path = f"{folders[kinds[entity]]}/{entity}/"
        page = html(path)
        assert 'id="asked-to-act"' in page, entity
        section = page.split('id="asked-to-act"', 1)[1]
        targets = {resolve(path, a["_url"]) for _, a in links(section)}
        for d, c in items:
            assert f"commitments/#{c['id']}" in targets, (entity, c["id"])
            assert f"declarations/{d}/#decision-{c['decision']}" in targets, (entity, c["id"])


def test_an_entity_asked_nothing_has_no_such_section(html):
    assert 'id="asked-to-act"' not in html("organizations/undp/")


# ---------------------------------------------------------------------------------------------
# Open data

def test_commitments_open_data_matches_the_records(site):
    rows = json.loads((site / "data" / "commitments.json").read_text("utf-8"))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {c["id"] for _, c in records()}
    for d, c in records():
        row = by_id[c["id"]]
        assert row["clause"] == normal(c["clause"])
        assert row["asked"] == c["asked"] and row["due"] == c.get("due")
        assert row["status"] == (c["follow_up"][-1]["status"] if c.get("follow_up") else "not recorded")
        assert row["clause_url"] == f"/declarations/{d}/#decision-{c['decision']}"
    csv_ids = [ln.split(",", 1)[0] for ln in
               (site / "data" / "commitments.csv").read_text("utf-8").splitlines()[1:]]
    assert sorted(csv_ids) == sorted(by_id)


def test_open_data_page_links_every_export(site, html):
    page = html("data/")
    targets = {resolve("data/", a["_url"]) for _, a in links(page)}
    exported = {p.relative_to(site).as_posix() for p in (site / "data").rglob("*")
                if p.is_file() and p.name != "index.html"}
    assert {"data/commitments.ics", "data/datapackage.json", "data/akn/xxi.xml",
            "data/feeds/commitments.atom"} <= exported
    assert exported <= targets, exported - targets


# ---------------------------------------------------------------------------------------------
# Supersession: a later commitment that replaces an earlier one links both ways

def test_supersession_links_both_ways(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "commitments" / "xxi.yaml"
    text = path.read_text("utf-8")
    # A made-up status, only in this throw-away copy: xxi-7a superseded by xxi-7b.
    text = text.replace('    due_text: "no later than the first week of December 2016"\n',
                        '    due_text: "no later than the first week of December 2016"\n'
                        '    follow_up:\n      - status: superseded\n        as_of: "2016-11-18"\n'
                        '        source: xxi-declaration-2016\n        superseded_by: xxi-7b\n', 1)
    path.write_text(text, "utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "commitments" / "index.html").read_text("utf-8")
    earlier = re.search(r'<tr id="xxi-7a".*?</tr>', page, re.S).group(0)
    later = re.search(r'<tr id="xxi-7b".*?</tr>', page, re.S).group(0)
    assert 'data-status="superseded"' in earlier and re.search(r'href="(\./)?#xxi-7b"', earlier)
    assert "Supersedes" in text_of(later) and re.search(r'href="(\./)?#xxi-7a"', later)
    rows = {r["id"]: r for r in json.loads((out / "data" / "commitments.json").read_text("utf-8"))}
    assert rows["xxi-7a"]["superseded_by"] == "xxi-7b" and rows["xxi-7b"]["supersedes"] == ["xxi-7a"]
    feed = (out / "data" / "feeds" / "commitments.atom").read_text("utf-8")
    assert "xxi-7a" in feed
    shutil.rmtree(out)
