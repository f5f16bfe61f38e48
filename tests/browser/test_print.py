"""Printing: Chromium prints a declaration and a budget year to PDF (Playwright's page.pdf, print
media), and the PDF's text (read back with pypdf) is checked. The page's public address and its
build date head the first page; no button, control or permalink sign is printed; the address of
each link to a source or in an annex is written out; and each Total row is printed as often as
the screen shows it (Chromium would repeat a <tfoot> on every printed page)."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PAGES = ["declarations/xxi/", "budget/2017/", "es/declarations/xxi/"]

# What a reader can press or operate on the screen, and the name it goes by (not the sort
# buttons of a table's headers: their words are the column names, which print as headers).
CONTROL_NAMES = """() => Array.from(document.querySelectorAll(
    'button:not(.rcm-sort), [role=button], summary, a.md-content__button, label.md-header__button, '
    + '.rcm-correct a'))
  .map(e => (e.getAttribute('aria-label') || e.getAttribute('title') || e.innerText || '').trim())
  .filter(name => name.length > 3)"""


def pdf_text(page) -> tuple[list[str], str]:
    """The text of each printed page, and all of it on one line."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    pages = [p.extract_text() for p in reader.pages]
    return pages, " ".join(" ".join(pages).split())


def squeezed(text: str) -> str:
    """Text without white space: a long address may break across printed lines."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(params=PAGES)
def printed(request, page, base_url):
    """(path, page on screen, text of each printed page, all printed text)."""
    path = request.param
    response = page.goto(base_url + path)
    assert response.status == 200, f"/{path} answers {response.status}"
    page.wait_for_load_state("load")
    pages, text = pdf_text(page)
    assert len(pages) >= 1 and text
    return path, page, pages, text


def test_the_address_and_date_head_the_printed_page(printed):
    path, page, pages, text = printed
    url = page.locator('link[rel="canonical"]').get_attribute("href")
    assert url.endswith("/" + path)
    first = squeezed(pages[0])
    title = squeezed(page.locator("article h1").first.inner_text()).rstrip("¶")
    assert squeezed(url) in first, f"/{path}: the page's address is not in the printed header"
    assert first.index(squeezed(url)) < first.index(title), "the address is not above the title"
    built = page.locator(".rcm-print-build").inner_text()
    date = re.search(r"\d{4}-\d{2}-\d{2}", built).group()
    assert date in first[: first.index(title)], f"/{path}: no build date above the title"
    # On screen the header is not shown.
    assert not page.locator(".rcm-print-header").is_visible()


def test_no_buttons_or_controls_are_printed(printed):
    path, page, pages, text = printed
    names = set(page.evaluate(CONTROL_NAMES))
    assert names, f"/{path}: the page should have controls to leave out"
    # As whole words: a button named "Close" is not printed in "the Closed Door meeting".
    printed_names = sorted(n for n in names
                           if re.search(r"(?<!\w)" + re.escape(" ".join(n.split())) + r"(?!\w)", text))
    assert not printed_names, f"/{path}: controls printed: {printed_names}"
    assert "¶" not in text, f"/{path}: permalink signs printed"


def test_source_and_annex_link_targets_are_printed(printed):
    path, page, pages, text = printed
    marked = page.evaluate("""() => Array.from(document.querySelectorAll('a[data-print-href]'))
        .filter(a => a.getClientRects().length).map(a => [a.getAttribute('data-print-href'), a.href])""")
    sources = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content a[href]'))
        .filter(a => /\\/sources\\/$/.test(new URL(a.href).pathname) && !a.matches('.rcm-editorial, .headerlink'))
        .length""")
    assert sources and len(marked) >= sources, f"/{path}: links to sources without their address in print"
    flat = squeezed(text)
    for printed_href, href in marked:
        assert printed_href == href
        assert squeezed(f"<{href}>") in flat, f"/{path}: the target of a link, {href}, is not printed"
    if page.locator(".rcm-annex").count():
        assert page.locator(".rcm-annex a[data-print-href]").count() == page.locator(".rcm-annex a[href]").count()
    # Only those links: the others print as their words alone.
    others = page.locator(".md-content a[href]:not([data-print-href])").count()
    assert text.count("<http") == len(marked) and others


def test_each_total_row_is_printed_as_often_as_on_screen(printed):
    path, page, pages, text = printed
    on_screen = len(re.findall(r"\bTotal\b", page.locator("article").inner_text()))
    assert len(re.findall(r"\bTotal\b", text)) == on_screen
    if path.startswith("budget/"):
        assert page.locator("article table tfoot").count(), "the budget has Total rows to test with"
