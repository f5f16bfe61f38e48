"""What the browser tests share besides fixtures: where things are, and small page helpers."""
from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Quiet and offline: nothing but the pages under test may use the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def settle(p) -> None:
    """Wait for CSS transitions and animations to end, so colours are the final ones."""
    p.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
