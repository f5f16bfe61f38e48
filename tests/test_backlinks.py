"""Every kind of reference target lists what refers to it ("Referred to by"): decisions and
preamble paragraphs, protocol sections, budgets, sources, About statements, events and
proposal parts, as entity pages do."""
from __future__ import annotations

import re
import sys
from html import unescape

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb import site as engine  # noqa: E402

LISTED = ("decision", "preamble", "protocol", "budget", "source", "about", "event", "proposal")


def test_each_target_with_backlinks_lists_them_on_its_page(html):
    build = engine.build(ROOT)
    seen_kinds = set()
    for ref, backs in build.index.backlinks.items():
        target = build.index.targets[ref]
        if target.kind not in LISTED or not backs:
            continue
        seen_kinds.add(target.kind)
        page = html(target.path)
        start = page.index(f'id="{target.anchor}"') if target.anchor else 0
        if target.kind == "source":     # listed by the passage each rests on, or as a whole
            end = page.find("<h2", start + 1)
            shown = unescape(re.sub(r"<[^>]+>", "", page[start:end if end > 0 else None]))
        else:
            listing = page.find('class="rcm-backlinks-inline"', start)
            assert listing > 0, f"{ref}: no 'Referred to by' after its anchor"
            shown = unescape(re.sub(r"<[^>]+>", "", page[listing:page.index("</p>", listing)]))
        for back in backs:
            assert back.label in shown, f"{ref}: '{back.label}' is not listed"
    # The real data has backlinks to each of these kinds; a kind that loses them all is a bug.
    # (Preamble paragraphs are cited only by the Contribute page, which, written for maintainers,
    # is not listed among backlinks.)
    assert {"decision", "source", "budget"} <= seen_kinds, seen_kinds
