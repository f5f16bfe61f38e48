"""What a reader does in a real browser: follow a link to a decision, copy its permanent link, search,
read on a phone, move with the keyboard alone, and filter and sort the decisions index. Also: no
page fetches anything from another host."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browsing import settle

pytestmark = pytest.mark.browser

# One page of each kind the site has.
PAGE_TYPES = {
    "home": "",
    "declarations": "declarations/",
    "declaration": "declarations/xxi/",
    "decisions": "decisions/",
    "commitments": "commitments/",
    "entity": "organizations/ilo/",
    "entities": "organizations/",
    "topic": "topics/health/",
    "glossary": "glossary/",
    "sources": "sources/",
    "open-data": "data/",
    "budget": "budget/2017/",
    "budgets": "budget/",
    "protocol": "protocol/",
    "proposals": "proposals/",
    "chronology": "chronology/",
    "activities": "activities/",
    "hand-written": "about/",
    "not-found": "404.html",
}
PHONE_PAGES = ["home", "declaration", "decisions", "entity", "budget"]


def background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


# ---------------------------------------------------------------------------------------------
# A link to a decision lands on it, in sight and highlighted.

def test_link_to_a_decision_shows_it_highlighted(page, base_url, screenshot):
    page.goto(base_url + "declarations/xxi/#decision-21")
    heading = page.locator("h3#decision-21")
    expect(heading).to_be_in_viewport()
    settle(page)
    box = heading.bounding_box()
    assert box["y"] >= header_bottom(page) - 1, "the decision's heading is hidden under the header"
    item = page.locator("#decision-21 + .rcm-item")
    expect(item).to_be_in_viewport()
    other_heading, other_item = page.locator("h3#decision-20"), page.locator("#decision-20 + .rcm-item")
    assert background(heading) != background(other_heading)
    assert background(item) != background(other_item)
    screenshot(page, "declaration-targeted-desktop")


def test_old_anchor_highlights_the_decision_it_stands_for(page, base_url):
    """An alias (<span class="rcm-alias" id="old" data-for="decision-N">) keeps an old link working.
    The data has none yet, so the page is served with one added inside decision 9."""
    alias = '<span class="rcm-alias" id="old-anchor-9" data-for="decision-9"></span>'

    def add_alias(route):
        body = route.fetch().text()
        heading = body.index('id="decision-9"')
        item = body.index('<div class="rcm-item', heading)
        item = body.index(">", item) + 1
        route.fulfill(body=body[:item] + alias + body[item:], content_type="text/html; charset=utf-8")

    page.route(base_url + "declarations/xxi/", add_alias)
    page.goto(base_url + "declarations/xxi/#old-anchor-9")
    page.wait_for_load_state("load")
    heading = page.locator("h3#decision-9")
    expect(heading).to_have_class(re.compile(r"\brcm-target\b"))
    expect(heading).to_be_in_viewport()
    settle(page)
    assert heading.bounding_box()["y"] >= header_bottom(page) - 1, "the heading is under the header"
    item = page.locator("#decision-9 + .rcm-item")
    assert background(item) != background(page.locator("#decision-10 + .rcm-item"))
    # Following another link moves the highlight.
    page.evaluate("location.hash = 'decision-10'")
    expect(heading).not_to_have_class(re.compile(r"\brcm-target\b"))
    page.evaluate("location.hash = 'old-anchor-9'")
    expect(heading).to_have_class(re.compile(r"\brcm-target\b"))


# ---------------------------------------------------------------------------------------------
# Permanent links: the ¶ is a real link, and clicking it copies the absolute URL.

def test_permalink_is_the_url_and_copies_it(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    url = base_url + "declarations/xxi/#decision-21"
    link = page.locator('#decision-21 > a.headerlink')
    assert link.get_attribute("href") == "#decision-21"
    assert link.evaluate("a => a.href") == url
    link.hover()
    link.click()
    expect(page).to_have_url(url)
    toast = page.locator(".rcm-toast[role=status]")
    expect(toast).to_contain_text("Link copied")
    expect(toast).to_have_attribute("aria-live", "polite")
    assert page.evaluate("navigator.clipboard.readText()") == url


def test_copy_link_button_copies_the_decision_url(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    page.get_by_role("button", name="Copy the link to decision 18", exact=True).click()
    expect(page.locator(".rcm-toast")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "declarations/xxi/#decision-18"


# ---------------------------------------------------------------------------------------------
# Search finds a decision by an acronym and opens it at its anchor.

def test_search_finds_the_decision_and_opens_it(page, base_url, search):
    page.goto(base_url)
    results = search(page, "ILO")
    hit = results.locator('a[href*="declarations/xxi/"][href$="#decision-18"]').first
    expect(hit).to_have_count(1)
    if not hit.is_visible():      # Material folds a page's further sections away
        hit.locator("xpath=ancestor::details[1]/summary").click()
    hit.click()
    page.wait_for_url(re.compile(r"#decision-18$"))
    parts = urlsplit(page.url)
    assert parts.path == "/declarations/xxi/" and parts.fragment == "decision-18"
    expect(page.locator("h3#decision-18")).to_be_in_viewport()


# ---------------------------------------------------------------------------------------------
# Phones: nothing wider than the screen; wide tables scroll inside their own box.

@pytest.mark.parametrize("name", PHONE_PAGES)
def test_no_horizontal_scroll_on_a_phone(phone, base_url, screenshot, name):
    path = PAGE_TYPES[name]
    response = phone.goto(base_url + path)
    assert response.status == 200, f"/{path} answers {response.status}: the page does not exist (yet)"
    settle(phone)
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    screenshot(phone, f"{name}-phone")
    assert widths[0] <= widths[1], f"/{path} scrolls sideways at 375px: {widths[0]}px of content"


def test_the_decisions_table_scrolls_inside_its_box_on_a_phone(phone, base_url):
    phone.goto(base_url + "decisions/")
    wrap = phone.locator(".rcm-table-wrap").first
    sizes = wrap.evaluate("e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]")
    assert sizes[2] == "auto"
    if sizes[0] > sizes[1]:        # wider than the phone: it must be reachable by keyboard
        expect(wrap).to_have_attribute("tabindex", "0")


# ---------------------------------------------------------------------------------------------
# Keyboard: Tab alone reaches a decision's permanent link, and it shows when focused.

def test_keyboard_reaches_a_decision_permalink(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    target = 'a.headerlink[href="#decision-1"]'
    for presses in range(1, 401):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", target):
            break
    else:
        pytest.fail("400 presses of Tab did not reach the permanent link of decision 1")
    link = page.locator(target)
    expect(link).to_be_focused()
    expect(link).to_have_css("opacity", "1")
    expect(link).to_be_in_viewport()
    assert link.evaluate("a => getComputedStyle(a).outlineStyle") != "none", "no focus ring"


# ---------------------------------------------------------------------------------------------
# Offline by design: every page type loads only from the site itself.

@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_loads_nothing_from_other_hosts(context, base_url, screenshot, name):
    path = PAGE_TYPES[name]
    elsewhere: list[str] = []
    context.on("request", lambda r: elsewhere.append(r.url)
               if urlsplit(r.url).hostname != "127.0.0.1" and not r.url.startswith("data:") else None)
    p = context.new_page()
    response = p.goto(base_url + path, wait_until="networkidle")
    assert response.status == 200, f"/{path} answers {response.status}: the page does not exist (yet)"
    settle(p)
    screenshot(p, f"{name}-desktop")
    assert elsewhere == [], f"/{path} fetched from other hosts: {elsewhere}"


def test_search_loads_nothing_from_other_hosts(context, base_url, search):
    elsewhere: list[str] = []
    context.on("request", lambda r: elsewhere.append(r.url)
               if urlsplit(r.url).hostname != "127.0.0.1" and not r.url.startswith("data:") else None)
    p = context.new_page()
    p.goto(base_url)
    search(p, "health")
    p.wait_for_load_state("networkidle")
    assert elsewhere == [], f"search fetched from other hosts: {elsewhere}"


# ---------------------------------------------------------------------------------------------
# The decisions index: a filter box and sortable columns, added by JavaScript.

def _rows(page):
    return page.locator("table.rcm-sortable tbody tr")


def _column(page, index: int) -> list[str]:
    return page.evaluate("""i => [...document.querySelectorAll('table.rcm-sortable tbody tr')]
        .filter(r => !r.hidden).map(r => { const c = r.cells[i];
            return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent.trim(); })""", index)


def test_decisions_filter(page, base_url):
    page.goto(base_url + "decisions/")
    total = _rows(page).count()
    assert total > 5
    box = page.locator(".rcm-filter input")
    expect(box).to_have_accessible_name(re.compile(r"\w"))
    box.fill("ILO")
    visible = page.locator("table.rcm-sortable tbody tr:visible")
    expect(visible).not_to_have_count(total)
    shown = visible.all_inner_texts()
    assert shown, "filtering on ILO hid every decision"
    assert all("ilo" in text.lower() for text in shown)
    expect(page.locator(".rcm-filter [role=status]")).to_contain_text(f"{len(shown)} of {total}")
    box.fill("")
    expect(visible).to_have_count(total)


def test_decisions_sort(page, base_url):
    page.goto(base_url + "decisions/")
    header = page.locator("table.rcm-sortable thead th").nth(1)
    button = header.get_by_role("button")
    button.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    numbers = _column(page, 1)
    assert numbers == sorted(numbers) and numbers != list(reversed(numbers))
    button.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert _column(page, 1) == sorted(numbers, reverse=True)
    # Sorting one column leaves no other column marked as sorted.
    title = page.locator("table.rcm-sortable thead th").nth(2)
    title.get_by_role("button").click()
    expect(title).to_have_attribute("aria-sort", "ascending")
    expect(header).not_to_have_attribute("aria-sort", re.compile(".*"))


def test_decisions_table_without_javascript_is_a_plain_table(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        p = ctx.new_page()
        p.goto(base_url + "decisions/")
        assert p.locator("table.rcm-sortable tbody tr").count() > 5
        assert p.locator(".rcm-filter, .rcm-sort").count() == 0
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------------
# Tooltips: acronyms and references explain themselves on hover and on keyboard focus. An acronym
# is no tab stop of its own: its first mention is a link, whose focus shows the expansion.

def _tooltip(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e, '::after').content")


def test_acronym_expands_on_focus_and_hover(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    link = page.locator("a.rcm-mention:has(> abbr[title])").first
    abbr = link.locator("abbr")
    expansion = abbr.get_attribute("title")
    page.keyboard.press("Shift")         # a keyboard user: focus shows as :focus-visible
    link.focus()
    assert expansion in _tooltip(abbr)
    page.locator("h1").first.hover()
    link.blur()
    assert _tooltip(abbr) in ("none", "normal")
    abbr.hover()
    assert expansion in _tooltip(abbr)


def test_reference_preview_on_focus(page, base_url):
    page.goto(base_url)
    ref = page.locator('a.rcm-ref[data-preview]:not([data-preview=""])').first
    expect(ref).to_have_count(1)
    ref.focus()
    preview = ref.get_attribute("data-preview")
    assert preview[:40] in _tooltip(ref)
