"""Every verbatim text, checked against the source documents in ../shared/seeds/ (white space and
extraction noise normalized), and found word for word on its page AND in the open data: the
decisions and the preamble, the Action Protocol, the civil-society proposals, the quotations of
the story pages (About, chronology, seminars) and the accounts of sources that disagree. Every
budget figure, on the page and in the exports, is the one Annex A prints."""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS
from pages import text_of
from test_protocol import words

from rcmkb.markup import blocks

DATA = ROOT / "data"
SOURCES = {s["id"]: s for s in yaml.safe_load((DATA / "sources.yaml").read_text("utf-8"))}


def load(rel: str):
    return yaml.safe_load((DATA / rel).read_text("utf-8"))


def seed_words(source_id: str) -> str:
    file = SOURCES[source_id].get("file")
    assert file, f"{source_id} is not held: nothing can be quoted from it verbatim"
    return words((SEEDS / file).read_text("utf-8"))


def pieces(text: str) -> list[str]:
    """Each paragraph and list item of a data text: the units a source prints in one run."""
    return [part for _, parts in blocks(text) for part in parts]


def verbatim_texts():
    """(what, source id, text, page path, export file) for every verbatim text in data/."""
    for path in sorted((DATA / "declarations").glob("*.yaml")):
        d = load(f"declarations/{path.name}")
        for p in d.get("preamble", []):
            yield (f"{d['id']} preamble {p['number']}", d["source"], p["text"]["en"],
                   f"declarations/{d['id']}/", "declarations.json")
        for dec in d.get("decisions", []):
            yield (f"{d['id']}/{dec['number']}", dec.get("source", d["source"]), dec["text"]["en"],
                   f"declarations/{d['id']}/", "decisions.json")
    protocol = load("protocol.yaml")
    for s in protocol["sections"]:
        if "text" in s:
            yield f"protocol/{s['id']}", protocol["source"], s["text"]["en"], "protocol/", "protocol.json"
        if s.get("heading_in_source", True):
            yield f"protocol/{s['id']} heading", protocol["source"], s["heading"]["en"], "protocol/", "protocol.json"
    for note in protocol["footnotes"]:
        yield f"protocol footnote {note['number']}", protocol["source"], note["text"]["en"], "protocol/", "protocol.json"
    for path in sorted((DATA / "proposals").glob("*.yaml")):
        p = load(f"proposals/{path.name}")
        page = f"proposals/{p['id']}/"
        yield f"{p['id']} title", p["source"], p["full_title"]["es"], page, "proposals.json"
        for part in p["sections"]:
            for key in ("heading", "text", "after"):
                if key in part:
                    yield f"{p['id']}/{part['id']} {key}", p["source"], part[key]["es"], page, "proposals.json"
            for i, item in enumerate(part.get("items", [])):
                yield f"{p['id']}/{part['id']} item {i + 1}", p["source"], item["es"], page, "proposals.json"
    for section in load("about.yaml")["sections"]:
        for st in section.get("statements", []):
            yield f"about/{st['id']}", st["source"], st["text"]["en"], "about/", "about.json"
    for e in load("chronology.yaml")["events"]:
        quote = e["quote"].get("en") or e["quote"].get("es")
        yield f"chronology/{e['id']}", e["source"], quote, "chronology/", "chronology.json"
        for a in (e.get("sources_differ") or {}).get("accounts", []):
            yield f"chronology/{e['id']} ({a['source']})", a["source"], a["quote"]["en"], "chronology/", "chronology.json"
    acts = load("activities.yaml")
    for a in acts["activities"]:
        yield f"activities/{a['id']}", acts["source"], a["title"]["en"], "activities/", "activities.json"
    for name in ("countries", "organizations", "bodies", "documents", "topics"):
        for e in load(f"entities/{name}.yaml"):
            for a in (e.get("sources_differ") or {}).get("accounts", []):
                yield (f"{e['id']} ({a['source']})", a["source"], a["quote"]["en"], f"{name}/{e['id']}/",
                       "entities.json")


TEXTS = list(verbatim_texts())


def test_there_are_texts_of_every_kind():
    exports = {t[4] for t in TEXTS}
    assert {"decisions.json", "declarations.json", "protocol.json", "proposals.json", "about.json",
            "chronology.json", "activities.json", "entities.json"} <= exports
    assert len(TEXTS) > 150


@pytest.fixture(scope="module")
def page_words(site):
    cache = {}

    def read(path: str) -> str:
        if path not in cache:
            page = (site / path / "index.html").read_text("utf-8")
            article = page[page.index("<article"):page.index("</article>")]
            # footnote marks are the page's links to the notes, not words of the text
            article = re.sub(r'<sup class="rcm-footnote-mark".*?</sup>', "", article, flags=re.S)
            cache[path] = words(text_of(article))
        return cache[path]
    return read


@pytest.fixture(scope="module")
def export_words(site):
    cache = {}

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    def read(name: str) -> str:
        if name not in cache:
            data = json.loads((site / "data" / name).read_text("utf-8"))
            cache[name] = " \u2029 ".join(words(s) for s in strings(data))
        return cache[name]
    return read


@pytest.mark.parametrize("what,source,text,page,export", TEXTS, ids=[t[0] for t in TEXTS])
def test_verbatim_in_the_source_on_the_page_and_in_the_open_data(what, source, text, page, export,
                                                                   page_words, export_words):
    seed = seed_words(source)
    for part in pieces(text):
        w = words(part)
        assert w in seed, f"{what}: not in {SOURCES[source]['file']}: {w[:120]}"
        assert w in page_words(page), f"{what}: not word for word on /{page}: {w[:120]}"
        assert w in export_words(export), f"{what}: not word for word in /data/{export}: {w[:120]}"


# ---------------------------------------------------------------------------------------------
# The budget: every figure as Annex A prints it

def annex_a() -> tuple[list[Decimal], list[tuple[str, Decimal]]]:
    """Annex A's budget amounts in printed order, and its contributions (country, amount)."""
    text = (SEEDS / SOURCES["xxi-declaration-2016"]["file"]).read_text("utf-8").split("ANNEX A", 1)[1]
    budget, contributions = text.split("Table of contributions", 1)

    def amount(raw: str) -> Decimal:
        if re.search(r",\d{2}$", raw):            # $78.840,00: decimal comma
            raw = raw.replace(".", "").replace(",", ".")
        return Decimal(raw.replace(",", ""))
    amounts = [amount(m) for m in re.findall(r"\$([\d.,]+\d)", budget)]
    rows = re.findall(r"^\t([A-Z][^\t\n$]+?)\s*\n\t\$([\d.,]+\d)", contributions, re.M)
    return amounts, [(name.strip(), amount(raw)) for name, raw in rows]


def test_every_budget_figure_in_the_exports_is_annex_a(site):
    printed, contributions = annex_a()
    assert len(printed) >= 20 and len(contributions) >= 12
    lines = json.loads((site / "data" / "budget-lines.json").read_text("utf-8"))
    exported = [Decimal(str(r["amount"])).quantize(Decimal("0.01")) for r in lines
                if r["year"] == 2017 and r["amount"] is not None]
    assert exported == printed
    table = list(csv.DictReader(io.StringIO((site / "data" / "budget-lines.csv").read_text("utf-8"))))
    assert [Decimal(r["amount"]) for r in table if r["year"] == "2017" and r["amount"]] == printed
    for r in lines:
        assert r["source_id"] == "xxi-declaration-2016" and r["locator"] == "Annex A" and r["printed_sign"] == "$"
    exported = json.loads((site / "data" / "contributions.json").read_text("utf-8"))
    names = {e["id"]: e["name"]["en"] for e in json.loads((site / "data" / "entities.json").read_text("utf-8"))}
    got = [(names[c["country"]], Decimal(str(c["amount"])).quantize(Decimal("0.01"))) for c in exported
           if c["year"] == 2017]
    assert got == [c for c in contributions if c[0] != "Total"]
    assert sum(a for _, a in got) == next(a for n, a in contributions if n == "Total")


def test_every_budget_figure_on_the_page_is_annex_a(html):
    printed, contributions = annex_a()
    page = html("budget/2017/")
    table = page.split('class="rcm-table rcm-budget"', 1)[1].split("</table>", 1)[0]
    shown = [Decimal(a.replace(",", "")) for a in re.findall(r"\$([\d,]+\.\d{2})", text_of(table))]
    assert shown == printed
    ctable = page.split("rcm-contributions", 1)[1].split("</table>", 1)[0]
    shown = [Decimal(a.replace(",", "")) for a in re.findall(r"\$([\d,]+\.\d{2})", text_of(ctable))]
    assert shown == [a for _, a in contributions]
