"""The Technical Secretariat budget as a reader gets it: every amount Annex A of the XXI
Declaration prints appears on /budget/2017/ in the site's one money format, the shares shown add
up, the page links to its decisions and to the countries, country pages show their contribution,
the charts carry the table's numbers, the open data matches the page, and a new year is data only.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from decimal import Decimal

import pytest

from conftest import ROOT, SEEDS, copy_project
from pages import Tables, ids, lands, text_of
from rcmkb.links import passage_anchor

ANNEX = (SEEDS / "004_b74f3e636d36253e.txt").read_text("utf-8").split("ANNEX A", 1)[1]
BUDGET_PART, CONTRIBUTIONS_PART = ANNEX.split("Table of contributions", 1)
MEMBERS = ["united-states", "canada", "mexico", "belize", "costa-rica", "el-salvador", "guatemala",
           "honduras", "nicaragua", "panama", "dominican-republic"]


# ---------------------------------------------------------------------------------------------
# Helpers: amounts as the source prints them and in the site's format.

def printed_amounts(text: str) -> list[Decimal]:
    """Every $ amount in `text`, in either of the source's styles ($78.840,00 or $150,000.00)."""
    out = []
    for raw in re.findall(r"\$(\d[\d.,]*\d{2})\b", text):
        whole, cents = raw[:-3], raw[-2:]
        out.append(Decimal(re.sub(r"[.,]", "", whole) + "." + cents))
    return out


def site_format(amount: Decimal) -> str:
    return f"${int(amount):,}.{int(amount * 100) % 100:02d}"


def from_site(text: str) -> Decimal:
    return Decimal(text.removeprefix("$").replace(",", ""))


@pytest.fixture(scope="module")
def page(html):
    return html("budget/2017/")


@pytest.fixture(scope="module")
def tables(page):
    return Tables(page)


# ---------------------------------------------------------------------------------------------
# The budget page

def test_every_budget_amount_in_the_annex_is_in_the_table(tables):
    rows = tables.table("rcm-budget")
    shown = Counter(r["cells"][1] for r in rows if r["cells"] and r["cells"][1].startswith("$"))
    printed = Counter(site_format(a) for a in printed_amounts(BUDGET_PART))
    assert len(printed) >= 20 and printed == shown
    assert "$306,500.00" in shown and "$208,379.00" in shown and "$98,121.00" in shown


def test_every_contribution_in_the_annex_is_in_the_table(tables):
    rows = tables.table("rcm-contributions")
    shown = Counter(r["cells"][1] for r in rows if len(r["cells"]) > 1 and r["cells"][1].startswith("$"))
    assert shown == Counter(site_format(a) for a in printed_amounts(CONTRIBUTIONS_PART))


def test_the_money_format_is_one_and_the_same_everywhere(page):
    body = page.split('class="md-content"', 1)[1]
    amounts = re.findall(r"\$\d+(?:,\d{3})*(?:\.\d+)?", body)
    assert amounts and all(re.fullmatch(r"\$\d{1,3}(,\d{3})*\.\d{2}", a) for a in amounts), amounts
    # Annex A prints "$" and names no currency: the site shows the sign as printed and names none
    assert not re.search(r"US\$|USD|US dollars|U\.S\. dollars", body), "a currency the source does not name"


def test_subtotals_and_total_are_the_sums_shown(tables):
    rows = tables.table("rcm-budget")
    by_id = {r["attrs"]["id"]: r for r in rows if "id" in r["attrs"]}
    amount = lambda id_: from_site(by_id[id_]["cells"][1])
    lines = [r for r in rows if r["attrs"].get("data-kind") == "line"]
    assert sum(from_site(r["cells"][1]) for r in lines) == amount("line-total") == Decimal("306500.00")
    assert amount("line-staff-subtotal") + amount("line-operating-expenses-subtotal") == amount("line-total")
    assert amount("line-support-for-seminars-and-meetings") == sum(
        amount(f"line-{i}") for i in ("seminars-equipment", "written-translation", "interpretation",
                                      "seminars-miscellaneous-expenses"))
    assert amount("line-office-expenses") == sum(
        amount(f"line-{i}") for i in ("rental-and-security-services", "common-services",
                                      "consumo-de-suministros"))


def test_nesting_is_visible(tables):
    rows = {r["attrs"]["id"]: r["attrs"] for r in tables.table("rcm-budget") if "id" in r["attrs"]}
    assert rows["line-staff"]["data-level"] == "0"
    assert rows["line-coordinator"]["data-level"] == "1"
    assert rows["line-office-expenses"]["data-level"] == "1"
    assert rows["line-consumo-de-suministros"]["data-level"] == "2"


def test_shares_shown_add_up_to_100_percent(tables):
    share = lambda r: Decimal(r["cells"][2].removesuffix("%"))
    lines = [r for r in tables.table("rcm-budget") if r["attrs"].get("data-kind") == "line"]
    assert sum(share(r) for r in lines) == 100
    contributions = [r for r in tables.table("rcm-contributions")
                     if r["attrs"].get("data-kind") == "contribution"]
    assert len(contributions) == 11 and sum(share(r) for r in contributions) == 100


def test_each_share_is_the_amount_over_the_total(tables):
    for name in ("rcm-budget", "rcm-contributions"):
        for r in tables.table(name):
            if len(r["cells"]) == 3 and r["cells"][2].endswith("%"):
                exact = from_site(r["cells"][1]) * 100 / Decimal("306500.00")
                assert abs(Decimal(r["cells"][2][:-1]) - exact) <= Decimal("0.05"), r["cells"]


def test_labels_are_both_languages_as_printed(page, tables):
    assert '<span lang="es">Coordinador(a)</span> / Coordinator' in page
    row = next(r for r in tables.table("rcm-budget") if r["attrs"].get("id") == "line-consumo-de-suministros")
    assert row["cells"][0] == "Consumo de Suministros" and ("span", {"lang": "es"}) in row["html"]
    assert page.count("Miscelaneous expenses") >= 2 and "Miscellaneous" not in page


def test_the_page_links_to_decisions_3_5_and_6_and_names_its_source(site, page):
    hrefs = re.findall(r'href="([^"]+)"', page)
    for n in (3, 5, 6):
        assert any(lands(site, "budget/2017/", h) == ("declarations/xxi/", f"decision-{n}")
                   for h in hrefs if h.endswith(f"#decision-{n}")), n
    assert any(h.endswith("sources/#" + passage_anchor("xxi-declaration-2016", "Annex A")) for h in hrefs)
    assert "Annex A" in page


def test_each_country_links_to_its_page(site, tables):
    rows = [r for r in tables.table("rcm-contributions") if r["attrs"].get("data-kind") == "contribution"]
    linked = [lands(site, "budget/2017/", r["links"][0])[0] for r in rows]
    assert linked == [f"countries/{c}/" for c in MEMBERS]
    assert [r["attrs"]["id"] for r in rows] == [f"contribution-{c}" for c in MEMBERS]


def test_stable_anchors(page):
    for anchor in ("budget-lines", "budget-by-group", "contributions", "contributions-by-country",
                   "line-coordinator", "line-staff-subtotal", "line-total", "contribution-costa-rica"):
        assert f'id="{anchor}"' in page, anchor


def test_charts_are_inline_svg_with_the_tables_numbers(page):
    svgs = re.findall(r'<svg\b[^>]*class="rcm-chart".*?</svg>', page, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        label = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        assert 'role="img"' in svg and f'<title id="{label}">' in svg and "<desc" in svg
    by_group, by_country = svgs
    for amount in ("$208,379.00 (68.0%)", "$98,121.00 (32.0%)", "$41,000.00 (13.4%)"):
        assert amount in by_group
    for amount in printed_amounts(CONTRIBUTIONS_PART)[:-1]:
        assert site_format(amount) in by_country
    assert "<script" not in "".join(svgs)


# ---------------------------------------------------------------------------------------------
# Country pages, the index and open data

def test_costa_rica_shows_its_contribution_and_share(site, html):
    page = html("countries/costa-rica/")
    section = page.split('id="ts-budget-contribution"', 1)[1].split("</table>", 1)[0]
    assert "$5,500.00" in section and "1.8%" in section
    href = re.search(r'href="([^"]*budget/2017/[^"]*)"', section).group(1)
    assert lands(site, "countries/costa-rica/", href) == ("budget/2017/", "contribution-costa-rica")
    assert "TS budget for 2017: contribution of Costa Rica" in page     # its backlinks list it


def test_a_country_that_does_not_contribute_has_no_section(html):
    assert 'id="ts-budget-contribution"' not in html("countries/argentina/")


def test_the_index_lists_the_years(site, html):
    page = html("budget/")
    assert 'id="year-2017"' in page and "$306,500.00" in page
    assert lands(site, "budget/", re.search(r'href="(2017/)"', page).group(1)) == ("budget/2017/", "")


def test_open_data_matches_the_page(site):
    lines = list(csv.DictReader(io.StringIO((site / "data" / "budget-lines.csv").read_text("utf-8"))))
    rows = [r for r in lines if r["year"] == "2017"]
    total = next(Decimal(r["amount"]) for r in rows if r["kind"] == "total")
    assert total == sum(Decimal(r["amount"]) for r in rows if r["kind"] == "line") == Decimal("306500.00")
    consumo = next(r for r in rows if r["id"] == "consumo-de-suministros")
    assert consumo["label_en"] == "" and consumo["label_es"] == "Consumo de Suministros"
    contributions = [c for c in json.loads((site / "data" / "contributions.json").read_text("utf-8"))
                     if c["year"] == 2017]
    assert [c["country"] for c in contributions] == MEMBERS
    assert sum(Decimal(str(c["amount"])) for c in contributions) == total
    assert abs(sum(c["share_percent"] for c in contributions) - 100) < 0.001
    listing = (site / "data" / "index.html").read_text("utf-8")
    for name in ("budget-lines.csv", "budget-lines.json", "contributions.csv", "contributions.json"):
        assert f'href="{name}"' in listing


def test_editorial_notes_travel_with_the_exports_marked_editorial(site, html):
    """The notes the year's page marks as editorial (the currency sign as printed, the number
    styles) are in every row of the budget exports, in a field the row names as editorial."""
    noted = 0
    for year in sorted(p.name for p in (ROOT / "data" / "budget").iterdir() if p.is_dir()):
        page = html(f"budget/{year}/")
        shown = [text_of(n) for n in re.findall(r'<p class="rcm-editorial-note">(.*?)</p>', page, re.S)]
        notes = [n.removeprefix("Editorial").strip() for n in shown]
        noted += bool(notes)
        for name in ("budget-lines", "contributions"):
            rows = [r for r in json.loads((site / "data" / f"{name}.json").read_text("utf-8"))
                    if r["year"] == int(year)]
            table = [r for r in csv.DictReader(io.StringIO((site / "data" / f"{name}.csv").read_text("utf-8")))
                     if r["year"] == year]
            assert rows and len(rows) == len(table), (year, name)
            for row in rows:
                assert (row["editorial_notes"] or []) == notes, (year, name)
                assert ("editorial_notes" in (row["editorial"] or [])) == bool(notes), (year, name)
            for row in table:
                assert row["editorial_notes"] == " ".join(notes), (year, name)
                assert ("editorial_notes" in row["editorial"].split(";")) == bool(notes), (year, name)
    assert noted, "no budget year has an editorial note to check"


def test_every_year_reconciles_and_has_its_page(site):
    """For every year in the data, whatever years there are: the lines add up to the printed total,
    the contributions to the same total, and the year's page lists each contribution."""
    years = sorted(p.name for p in (ROOT / "data" / "budget").iterdir() if p.is_dir())
    lines = list(csv.DictReader(io.StringIO((site / "data" / "budget-lines.csv").read_text("utf-8"))))
    contributions = json.loads((site / "data" / "contributions.json").read_text("utf-8"))
    assert years and sorted({r["year"] for r in lines}) == years
    for year in years:
        rows = [r for r in lines if r["year"] == year]
        total = next(Decimal(r["amount"]) for r in rows if r["kind"] == "total")
        assert sum(Decimal(r["amount"]) for r in rows if r["kind"] == "line") == total, year
        given = [c for c in contributions if str(c["year"]) == year]
        page_ids = ids((site / "budget" / year / "index.html").read_text("utf-8"))
        if given:
            assert sum(Decimal(str(c["amount"])) for c in given) == total, year
        assert {f"contribution-{c['country']}" for c in given} <= page_ids, year


# ---------------------------------------------------------------------------------------------
# A new year is a new data folder: its page appears and the index compares the years by line id.
# The figures below are made up for this test only; they are never published. The new year is the
# one after the last in the data, so the test holds however many years the data has.

def test_a_new_year_is_data_only_and_the_index_compares_years(tmp_path):
    from rcmkb import site as engine

    project = copy_project(tmp_path / "project")
    budget = project / "data" / "budget"
    new = str(max(int(p.name) for p in budget.iterdir() if p.is_dir() and p.name.isdigit()) + 1)
    year = budget / new
    shutil.copytree(budget / "2017", year)
    lines = (year / "lines.csv").read_text("utf-8")
    lines = (lines.replace("Coordinator,78840.00", "Coordinator,80840.00")
                  .replace("Subtotal,208379.00", "Subtotal,210379.00")
                  .replace("Total,306500.00", "Total,308500.00"))
    (year / "lines.csv").write_text(lines, "utf-8")
    contributions = (year / "contributions.csv").read_text("utf-8")
    contributions = (contributions.replace("mexico,37500.00", "mexico,39500.00")
                     .replace("total,,306500.00", "total,,308500.00"))
    (year / "contributions.csv").write_text(contributions, "utf-8")

    build = engine.build(project)
    pages = {p.path: p for p in build.pages}
    assert f"budget/{new}/" in pages and "budget/2017/" in pages
    index = pages["budget/"].markdown
    row = re.search(r'<tr id="line-coordinator".*?</tr>', index).group(0)
    assert "$78,840.00" in row and "$80,840.00" in row
    row = re.search(r'<tr id="contribution-mexico".*?</tr>', index).group(0)
    assert "$37,500.00" in row and "$39,500.00" in row
    assert 'data-kind="total"' in index
    costa_rica = pages["countries/costa-rica/"].markdown
    assert f"budget/{new}/#contribution-costa-rica" in costa_rica and "budget/2017/#contribution-costa-rica" in costa_rica
