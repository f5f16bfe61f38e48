"""Tables on a phone (375 px): a table too wide for the screen is shown as stacked rows, each cell
under its column's name, so no table is squeezed and none pushes the page sideways. It stays a
table for assistive technology: Chromium's accessibility tree still holds the table, every row
and every cell, as on a desktop."""
from __future__ import annotations

from collections import Counter

import pytest

from .browsing import settle

pytestmark = pytest.mark.browser

# Pages with wide tables: the decisions index, a budget year (budget lines and contributions),
# the commitments, the list of budget years, entities, the glossary and the open data.
PAGES = ["decisions/", "budget/2017/", "budget/", "commitments/", "countries/", "organizations/",
         "glossary/", "data/", "declarations/", "es/decisions/", "es/budget/2017/"]

# What the page's HTML holds: tables, rows and cells inside the content.
DOM_COUNTS = """() => {
  const tables = Array.from(document.querySelectorAll('article.md-content__inner table'));
  return {tables: tables.length,
          rows: tables.reduce((n, t) => n + t.rows.length, 0),
          cells: tables.reduce((n, t) => n + t.querySelectorAll('td, th').length, 0),
          stacked: tables.filter(t => t.classList.contains('rcm-stacked')).length,
          unscoped: tables.reduce((n, t) => n + t.querySelectorAll('thead th:not([scope])').length, 0)};
}"""
CELL_ROLES = {"cell", "gridcell", "columnheader", "rowheader"}


def accessibility_roles(page) -> Counter:
    """The roles in Chromium's own accessibility tree (what a screen reader is given)."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return Counter(n.get("role", {}).get("value") for n in nodes if not n.get("ignored"))


@pytest.mark.parametrize("path", PAGES)
def test_wide_tables_stack_on_a_phone_and_stay_tables(phone, base_url, screenshot, path):
    response = phone.goto(base_url + path)
    assert response.status == 200, f"/{path} answers {response.status}"
    settle(phone)
    screenshot(phone, "tables-phone-" + (path.strip("/").replace("/", "-")))
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"/{path} scrolls sideways at 375px: {widths[0]}px of content"
    # No table is wider than its box: it fits, or it is stacked and then fits.
    wider = phone.evaluate("""() => Array.from(document.querySelectorAll('.rcm-table-wrap'))
        .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.scrollWidth)""")
    assert not wider, f"/{path}: tables wider than the screen: {wider}"
    dom = phone.evaluate(DOM_COUNTS)
    assert dom["tables"] and not dom["unscoped"], dom
    roles = accessibility_roles(phone)
    assert roles["table"] == dom["tables"], f"/{path}: {roles['table']} tables exposed of {dom['tables']}"
    assert roles["row"] == dom["rows"], f"/{path}: {roles['row']} rows exposed of {dom['rows']}"
    cells = sum(roles[r] for r in CELL_ROLES)
    assert cells == dom["cells"], f"/{path}: {cells} cells exposed of {dom['cells']}"


def test_the_decisions_index_is_stacked_rows_with_its_column_names(phone, base_url):
    phone.goto(base_url + "decisions/")
    settle(phone)
    table = phone.locator("article table.rcm-table").first
    assert "rcm-stacked" in table.get_attribute("class").split()
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr").first
    labels = [c.get_attribute("data-label") for c in row.locator("td, th").all()]
    assert labels and all(label for label in labels)
    assert all(any(label.startswith(h.split()[0]) for h in headers) for label in labels)
    # Each cell shows its column's name beside its value, and is no taller than a few lines.
    first = row.locator("td, th").first
    assert first.evaluate("c => getComputedStyle(c, '::before').content") == f'"{labels[0]}"'
    # On a desktop the same table is a plain table again.
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.wait_for_function("() => !document.querySelector('table.rcm-stacked')")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
