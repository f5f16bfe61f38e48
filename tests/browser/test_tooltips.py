"""Acronyms and previews beyond what axe checks (WCAG 2.1.1 and 1.4.13): an acronym is explained
without a tab stop of its own, so a declaration's tab order does not grow with its acronyms, and
every tooltip the site shows closes on Esc."""
from __future__ import annotations

import pytest

from .browsing import settle

pytestmark = pytest.mark.browser

# The elements a reader reaches with Tab inside the page's content (visible, not disabled).
TAB_STOPS = """root => Array.from(root.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], abbr'))
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
               && !e.closest('[hidden], details:not([open]) > :not(summary)'))
  .length"""


def tooltip(locator) -> str:
    """What the CSS tooltip of an element shows now ('none' when it shows nothing)."""
    return locator.evaluate("e => getComputedStyle(e, '::after').content")


def test_acronyms_add_no_tab_stops(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    content = page.locator("article.md-content__inner")
    abbrs = content.locator("abbr[title]")
    assert abbrs.count() > 1, "the declaration should hold acronyms to test with"
    assert content.locator("abbr[tabindex]").count() == 0
    stops = content.evaluate(TAB_STOPS)
    # The same page with every acronym turned back into plain words has as many stops.
    content.evaluate("root => root.querySelectorAll('abbr').forEach(a => a.replaceWith(...a.childNodes))")
    assert content.evaluate(TAB_STOPS) == stops


def test_tab_never_stops_on_an_acronym(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    first = page.locator("article.md-content__inner abbr[title]").first
    first.scroll_into_view_if_needed()
    # Start from the content's top and walk forward past the first acronyms.
    page.locator("article.md-content__inner h1").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.tagName"))
    assert "ABBR" not in seen and "A" in seen


def test_an_acronym_is_explained_on_hover_and_at_its_focused_first_mention(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    plain = page.locator("article.md-content__inner :not(a) > abbr[title]").first
    plain.hover()
    settle(page)
    assert tooltip(plain) == f'"{plain.get_attribute("title")}"'
    mention = page.locator("article.md-content__inner a.rcm-mention:has(> abbr[title])").first
    page.keyboard.press("Shift")          # a keyboard user: focus shows as :focus-visible
    mention.focus()
    abbr = mention.locator("abbr")
    assert tooltip(abbr) == f'"{abbr.get_attribute("title")}"'


def test_esc_closes_a_shown_acronym_tooltip(page, base_url):
    page.goto(base_url + "declarations/xxi/")
    plain = page.locator("article.md-content__inner :not(a) > abbr[title]").first
    plain.hover()
    assert tooltip(plain) != "none"
    page.keyboard.press("Escape")
    assert tooltip(plain) == "none", "Esc did not close the tooltip"
    # Still hovering, it stays closed; moving on to another element brings tooltips back.
    assert tooltip(plain) == "none"
    page.locator("article.md-content__inner h1").hover()
    plain.hover()
    assert tooltip(plain) != "none"


def test_esc_closes_a_shown_reference_preview(page, base_url):
    page.goto(base_url + "protocol/")
    ref = page.locator('article.md-content__inner a.rcm-ref[data-preview]:not([data-preview=""])').first
    ref.focus()
    assert tooltip(ref) == f'"{ref.get_attribute("data-preview")}"'
    page.keyboard.press("Escape")
    assert tooltip(ref) == "none", "Esc did not close the preview"
    # The tooltip can be hovered: the pointer moves from the link onto it and it stays.
    page.locator("article.md-content__inner h1").hover()
    ref.hover()
    box = ref.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] + 6)
    assert tooltip(ref) != "none", "the preview vanished when the pointer moved onto it"
