"""WCAG 2.1 A and AA, checked by axe-core (node_modules/axe-core, pinned in package.json) on every
kind of page, in the light and the dark palette, and on the search dialog. A failure is fixed in the site (docs/overrides/,
docs/assets/stylesheets/rcm.css), never by switching a rule off."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browsing import AXE, settle

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "",                          # home
    "declarations/",
    "declarations/xxi/",
    "declarations/xxi/#decision-21",   # a targeted (highlighted) decision
    "decisions/",
    "commitments/",
    "commitments/?body=iom",     # filtered: the form is shown
    "organizations/ilo/",
    "budget/2017/",
    "protocol/",
    "about/",                    # the structure diagram: links inside an SVG
]


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (or `make test`).")
    # Evaluated by the test driver, not added as a <script>: the page's Content-Security-Policy
    # (rightly) refuses inline scripts it does not know.
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# The palette follows the reader's system setting: (prefers-color-scheme, Material's scheme).
PALETTES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: "/" + p)
def test_page_meets_wcag_21_aa(page, base_url, path, palette):
    page.emulate_media(color_scheme=palette)
    response = page.goto(base_url + path)
    assert response.status == 200, f"/{path} answers {response.status}: the page does not exist (yet)"
    settle(page)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == PALETTES[palette], f"the {palette} system setting gave the '{scheme}' palette"
    violations = axe_violations(page)
    assert not violations, f"/{path} ({palette}):\n{describe(violations)}"


def test_palette_toggle_switches_and_is_named(page, base_url):
    """The toggle in the header names the palette it switches to, and switching sticks."""
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "declarations/xxi/")
    toggle = page.locator("form[data-md-component=palette] label:visible")
    expect(toggle).to_have_count(1)
    name = toggle.get_attribute("title")
    assert name and name.strip()
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    other = page.locator("form[data-md-component=palette] label:visible")
    assert other.get_attribute("title") not in ("", name)
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    settle(page)
    violations = axe_violations(page)
    assert not violations, describe(violations)


# On a phone: a declaration, and wide tables shown as stacked rows (tests/browser/test_phone_tables.py).
@pytest.mark.parametrize("path", ["declarations/xxi/", "decisions/", "budget/2017/"])
def test_page_meets_wcag_21_aa_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    settle(phone)
    violations = axe_violations(phone)
    assert not violations, describe(violations)


def test_search_dialog_meets_wcag_21_aa(page, base_url, search):
    page.goto(base_url)
    search(page, "ILO")
    violations = axe_violations(page)
    assert not violations, describe(violations)
