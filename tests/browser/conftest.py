"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every test module here sets `pytestmark = pytest.mark.browser`, so `pytest -m "not browser"` runs
the other tests without Chromium."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, SCREENSHOTS, settle


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site served over HTTP, as a reader's browser would fetch it: http://127.0.0.1:PORT/."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)   # port 0: any free port
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (not a Playwright download). Playwright gives each launch a fresh,
    temporary user-data-dir and deletes it on close."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/ensure-chromium` (or `make test`).")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, base_url):
    """A fresh browser context (no cookies, storage or cache), allowed to use the clipboard."""
    ctx = browser.new_context(viewport=DESKTOP, base_url=base_url, reduced_motion="reduce")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


def _watched(ctx):
    """A new page, and the list its uncaught JavaScript errors go to."""
    errors: list[str] = []
    p = ctx.new_page()
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    return p, errors


@pytest.fixture
def page(context):
    """A desktop page that fails the test on any uncaught JavaScript error."""
    p, errors = _watched(context)
    yield p
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def screenshot():
    """screenshot(page, name): save a full-page PNG into tests/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(p, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        p.screenshot(path=str(path), full_page=True)
        return path
    return take


@pytest.fixture
def phone(browser, base_url):
    """A page 375 CSS pixels wide, as on a small phone."""
    ctx = browser.new_context(viewport=PHONE, base_url=base_url, reduced_motion="reduce",
                              is_mobile=True, has_touch=True)
    p, errors = _watched(ctx)
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def search():
    """search(page, query): open Material's search dialog as a reader does ("/" key), type the
    query, and wait for the search worker's results."""
    def run(p, query: str):
        p.locator("body").press("/")
        box = p.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.press_sequentially(query, delay=20)
        p.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
        settle(p)
        return p.locator(".md-search-result")
    return run
