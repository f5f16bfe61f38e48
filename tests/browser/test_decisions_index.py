"""The decisions index as a reader uses it: its filter and sort live in the address, so a view can
be shared and comes back on reload; its table takes the page's width on a desktop and stays
readable on a phone."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _view(p) -> dict:
    """What the reader sees: the filter's words, the sorted column and the rows shown, in order."""
    return p.evaluate("""() => {
        const table = document.querySelector('table.rcm-sortable');
        const sorted = [...table.tHead.rows[0].cells].find(th => th.hasAttribute('aria-sort'));
        return {
            filter: document.querySelector('.rcm-filter input').value,
            sorted: sorted ? [sorted.dataset.key, sorted.getAttribute('aria-sort')] : null,
            rows: [...table.tBodies[0].rows].filter(r => !r.hidden)
                      .map(r => r.querySelector('a').getAttribute('href')),
        };
    }""")


def test_filter_and_sort_are_kept_in_the_address_and_restored(page, base_url, browser, screenshot):
    page.goto(base_url + "decisions/")
    everything = _view(page)
    # A word of the first row that some other row lacks, so the filter hides some rows.
    texts = page.evaluate("() => [...document.querySelectorAll('table.rcm-sortable tbody tr')]"
                          ".map(r => r.textContent.toLowerCase())")
    word = next(w for w in re.findall(r"[a-z]{4,}", texts[0]) if not all(w in t for t in texts))
    page.locator(".rcm-filter input").fill(word)
    header = page.locator("table.rcm-sortable thead th[data-key=decision]")
    header.get_by_role("button").click()
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    view = _view(page)
    assert 0 < len(view["rows"]) < len(everything["rows"])
    assert view["rows"] != everything["rows"], "the sort changed nothing"
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"filter": [word], "sort": ["decision"], "order": ["desc"]}, page.url
    # The switch to the other language's page keeps the view (the Spanish index names columns alike).
    switch = page.eval_on_selector_all("a.rcm-language:not([aria-current])", "as => as.map(a => a.href)")
    assert switch and all(parse_qs(urlsplit(href).query) == query for href in switch), switch
    # The same view after a reload, and for a reader who opens the shared address elsewhere.
    shared = page.url
    page.reload()
    assert _view(page) == view
    other = browser.new_context(base_url=base_url)
    try:
        p = other.new_page()
        p.goto(shared)
        assert _view(p) == view
        screenshot(p, "decisions-shared-view")
    finally:
        other.close()
    # Clearing the filter takes it out of the address; the sort stays.
    page.locator(".rcm-filter input").fill("")
    assert "filter" not in parse_qs(urlsplit(page.url).query)
    assert len(_view(page)["rows"]) == len(everything["rows"])


def test_an_address_naming_no_column_shows_the_table_as_it_is(page, base_url):
    page.goto(base_url + "decisions/?sort=no-such-column&order=desc")
    plain = _view(page)
    assert plain["sorted"] is None and plain["filter"] == ""
    page.goto(base_url + "decisions/")
    assert _view(page) == plain


def test_the_table_takes_the_width_and_stays_readable_on_a_phone(page, phone, base_url, screenshot):
    page.goto(base_url + "decisions/")
    widths = page.evaluate("""() => ({
        table: document.querySelector('table.rcm-decisions').getBoundingClientRect().width,
        content: document.querySelector('.md-content__inner').getBoundingClientRect().width })""")
    assert widths["table"] >= 0.95 * widths["content"], widths
    screenshot(page, "decisions-desktop")
    phone.goto(base_url + "decisions/")
    # On a phone, each decision's opening words wrap inside their column, in sight beside the
    # declaration, instead of running off the screen.
    cell = phone.locator("td.rcm-opening").first
    box = cell.bounding_box()
    assert box["x"] + box["width"] <= 375, box
    assert cell.evaluate("c => getComputedStyle(c).whiteSpace") == "normal"
    screenshot(phone, "decisions-phone")
