"""The Content-Security-Policy every page carries: the site works under it (search, copy buttons,
sortable tables, charts, abbreviations) with no violation in the console, a script slipped into
a page does not run, and the site built with script payloads in every field runs none of them."""
from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from .conftest import _QuietHandler

pytestmark = pytest.mark.browser

PAGES = ["", "declarations/xxi/", "decisions/", "organizations/ilo/", "glossary/", "budget/2017/",
         "protocol/", "proposals/", "about/", "chronology/", "data/"]


def _violations(p) -> list[str]:
    found: list[str] = []
    p.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    p.on("dialog", lambda d: (found.append("dialog: " + d.message), d.dismiss()))
    return found


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_its_scripts_with_no_violation(page, base_url, path):
    found = _violations(page)
    page.goto(base_url + path)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert not re.search(r"https?:", policy), policy
    # Material's bundle ran (it replaces no-js) and so did the site's own script (the toast region).
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bno-js\b"))
    expect(page.locator(".rcm-toast")).to_have_count(1)
    page.wait_for_timeout(300)
    assert not found, found


def test_search_copy_sort_and_charts_work_under_the_policy(page, base_url, search):
    found = _violations(page)
    page.goto(base_url)
    results = search(page, "ILO")
    expect(results.locator(".md-search-result__item").first).to_be_visible()
    page.goto(base_url + "declarations/xxi/")
    page.get_by_role("button", name="Copy the link to decision 18", exact=True).click()
    expect(page.locator(".rcm-toast")).to_contain_text("Link copied")
    page.get_by_role("button", name="Cite decision 18", exact=True).click()
    dialog = page.get_by_role("dialog", name="Cite decision 18", exact=True)
    dialog.get_by_role("button", name="Copy the citation of decision 18 as BibTeX", exact=True).click()
    expect(dialog.get_by_role("status")).not_to_be_empty()
    page.keyboard.press("Escape")
    page.goto(base_url + "decisions/")
    expect(page.locator(".rcm-filter input")).to_be_visible()
    page.locator("button.rcm-sort").first.click()
    page.goto(base_url + "budget/2017/")
    chart = page.locator("svg").filter(has=page.locator("rect")).first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 50
    assert not found, found


def test_a_script_slipped_into_a_page_does_not_run(context, base_url):
    """The second wall: even if a script reached a page's HTML, the policy stops it."""
    def tamper(route):
        response = route.fetch()
        body = response.text().replace("</article>", '<script>window.__slipped = 1</script>'
                                       '<img src="x" onerror="window.__handler = 1"></article>', 1)
        route.fulfill(response=response, body=body)
    context.route(re.compile(r".*/declarations/xxi/$"), tamper)
    p = context.new_page()
    found = _violations(p)
    p.goto(base_url + "declarations/xxi/")
    p.wait_for_timeout(500)
    assert p.evaluate("window.__slipped") is None and p.evaluate("window.__handler") is None
    assert any("Content Security Policy" in f for f in found), found
    p.close()


@pytest.fixture(scope="module")
def injected_url(injected):
    _, site, _ = injected
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_no_payload_runs_in_the_browser(browser, injected_url):
    """The site built with a payload in every field: reading its pages, hovering its acronyms and
    references and searching for the payloads runs none of them (no dialog, no violation)."""
    ctx = browser.new_context(base_url=injected_url)
    ctx.set_default_timeout(15_000)
    p = ctx.new_page()
    found = _violations(p)
    for path in ["", "notes/", "declarations/xxi/", "organizations/iom/", "glossary/", "budget/2017/",
                 "protocol/", "proposals/", "about/", "chronology/", "activities/", "sources/", "data/"]:
        p.goto(injected_url + path)
        for el in p.locator("abbr, a.rcm-ref").all()[:5]:
            el.hover()
    p.goto(injected_url)
    p.locator("body").press("/")
    box = p.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially("alert", delay=20)
    p.locator(".md-search-result__item").first.wait_for(state="visible")
    p.wait_for_timeout(500)
    assert not found, found
    assert p.evaluate("document.querySelectorAll('.md-search-result script, .md-search-result [onerror]').length") == 0
    ctx.close()
