"""The Spanish site in a real browser: accessible (axe, WCAG 2.1 AA) at 1280 and 375 px, the
language switch keeps the page and the decision, and Spanish searches find the right page."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browsing import settle
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "declaration": "declarations/xxi/",
    "decision": "declarations/xxi/#decision-21",
    "decisions": "decisions/",
    "entity": "organizations/iom/",
    "entities": "countries/",
    "topic": "topics/trafficking-smuggling/",
    "glossary": "glossary/",
    "budget": "budget/2017/",
    "protocol": "protocol/",
    "proposal": "proposals/rrocm-2010/",
    "about": "about/",
    "open-data": "data/",
    "contribute": "contribute/",
}
PHONE_PAGES = ["home", "declaration", "decisions", "entity", "budget", "about"]


@pytest.mark.parametrize("name", PAGES)
def test_spanish_page_meets_wcag_21_aa(page, base_url, screenshot, name):
    path = "es/" + PAGES[name]
    response = page.goto(base_url + path)
    assert response.status == 200, f"/{path} answers {response.status}"
    settle(page)
    if name != "decisions":      # one very long table: too slow to photograph whole
        screenshot(page, f"es-{name}")
    violations = axe_violations(page)
    assert not violations, f"/{path}:\n{describe(violations)}"


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_spanish_page_meets_wcag_21_aa_on_a_phone(phone, base_url, screenshot, name):
    path = "es/" + PAGES[name]
    phone.goto(base_url + path)
    settle(phone)
    screenshot(phone, f"es-{name}-phone")
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"/{path} scrolls sideways at 375px: {widths[0]}px of content"
    violations = axe_violations(phone)
    assert not violations, f"/{path}:\n{describe(violations)}"


def _switch(page, language: str) -> None:
    page.locator(".md-header .md-select button").hover()
    page.locator(f".md-select__link[hreflang='{language}']").click()


def test_switching_language_keeps_the_decision(page, base_url):
    page.goto(base_url + "declarations/xxi/#decision-21")
    _switch(page, "es")
    page.wait_for_url(re.compile(r"/es/declarations/xxi/#decision-21$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h3#decision-21")).to_be_in_viewport()
    expect(page.locator("h3#decision-21")).to_contain_text("Decisión 21")
    _switch(page, "en")
    page.wait_for_url(re.compile(r"/declarations/xxi/#decision-21$"))
    assert urlsplit(page.url).path == "/declarations/xxi/"
    expect(page.locator("h3#decision-21")).to_be_in_viewport()


def test_switching_language_follows_a_permalink_clicked_on_the_page(page, base_url):
    page.goto(base_url + "es/declarations/xxi/")
    page.locator("h3#decision-18 a.headerlink").click()
    _switch(page, "en")
    page.wait_for_url(re.compile(r"/declarations/xxi/#decision-18$"))
    assert urlsplit(page.url).path == "/declarations/xxi/"


@pytest.mark.parametrize("query, lands_on", [
    ("Belice", "es/countries/belize/"),                       # a country, by its CLDR name
    ("OIM", "es/organizations/iom/"),                         # an organization, by its Spanish acronym
    ("RROCM", "es/organizations/rncom/"),                     # a body's Spanish acronym, given by a source
    ("trata", "es/topics/trafficking-smuggling/"),            # a topic, in Spanish
    ("niñez", "es/topics/children-adolescents/"),
])
def test_spanish_search_lands_on_the_right_page(page, base_url, search, query, lands_on):
    page.goto(base_url + "es/")
    results = search(page, query)
    # Material adds ?h=<query> (the highlight) to each result's address.
    hit = results.locator(f'a[href*="/{lands_on}?"]').first
    expect(hit).to_have_count(1)
    hit.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + lands_on


def test_english_search_finds_spanish_names_too(page, base_url, search):
    page.goto(base_url)
    results = search(page, "OIM")
    expect(results.locator('a[href*="/organizations/iom/?"]').first).to_have_count(1)
