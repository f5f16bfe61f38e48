"""The Commitments page in a browser: filter by who is asked, the filter kept in the address and
restored from it, Back undoes a filter, and without JavaScript it is a plain table of everything."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROWS = "table.rcm-commitments tbody tr"


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(ROWS, "rows => rows.filter(r => !r.hidden).map(r => r.id)")


def all_rows(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(ROWS, "rows => rows.map(r => [r.id, r.dataset.body])")


def test_filter_by_body_is_kept_in_the_address_and_restored(page, base_url):
    page.goto(base_url + "commitments/")
    rows = all_rows(page)
    total = len(rows)
    assert total > 5
    form = page.locator("form.rcm-commitment-filter")
    expect(form).to_be_visible()
    body = page.get_by_label("Who is asked")
    body.select_option("iom")
    expected = [rid for rid, asked in rows if "iom" in asked.split()]
    assert 0 < len(expected) < total
    assert visible_ids(page) == expected
    assert parse_qs(urlsplit(page.url).query) == {"body": ["iom"]}
    expect(page.locator(".rcm-commitment-count")).to_have_text(f"{len(expected)} of {total} commitments shown")

    # The address alone restores the filter, in a fresh page.
    other = page.context.new_page()
    other.goto(page.url)
    expect(other.get_by_label("Who is asked")).to_have_value("iom")
    assert visible_ids(other) == expected
    other.close()

    # Combined with a status; then Back returns to the body filter alone.
    page.get_by_label("Status").select_option("not-recorded")
    assert parse_qs(urlsplit(page.url).query) == {"body": ["iom"], "status": ["not-recorded"]}
    page.go_back()
    expect(page.get_by_label("Status")).to_have_value("")
    assert visible_ids(page) == expected

    page.get_by_role("button", name="Show all").click()
    expect(page.locator(ROWS + ":visible")).to_have_count(total)
    assert urlsplit(page.url).query == ""


def test_an_unknown_filter_in_the_address_shows_everything(page, base_url):
    page.goto(base_url + "commitments/?body=nobody")
    expect(page.get_by_label("Who is asked")).to_have_value("")
    expect(page.locator(ROWS + ":visible")).to_have_count(len(all_rows(page)))


def test_without_javascript_it_is_a_plain_table(browser, base_url):
    ctx = browser.new_context(base_url=base_url, java_script_enabled=False)
    p = ctx.new_page()
    p.goto(base_url + "commitments/?body=iom")
    expect(p.locator("form.rcm-commitment-filter")).to_be_hidden()
    rows = p.locator(ROWS)
    assert rows.count() > 5
    expect(p.locator(ROWS + ":visible")).to_have_count(rows.count())
    ctx.close()
