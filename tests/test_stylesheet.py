"""The site's own stylesheet is well-formed: an unclosed rule makes browsers read every later rule
as nested inside it, and silently drops them (a merge did that three times)."""
from __future__ import annotations

import re

from conftest import ROOT

STYLESHEETS = sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))


def test_every_block_is_closed_where_it_should_be():
    assert STYLESHEETS
    for sheet in STYLESHEETS:
        text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group()), sheet.read_text("utf-8"),
                      flags=re.S)
        depth = 0
        for number, line in enumerate(text.splitlines(), 1):
            # A rule at the top level starts in the first column; only @media and friends nest.
            if depth and re.match(r"[.#a-z\[:*]", line) and not opened_by_at_rule(text, number):
                raise AssertionError(f"{sheet.name}:{number}: a top-level rule inside an unclosed block")
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{number}: a '}}' closes nothing"
        assert depth == 0, f"{sheet.name}: {depth} block(s) never closed"


def opened_by_at_rule(text: str, number: int) -> bool:
    """Whether the innermost open block before line `number` is an at-rule (@media, @supports)."""
    stack = []
    for line in text.splitlines()[: number - 1]:
        for m in re.finditer(r"([^{}]*)([{}])", line):
            if m.group(2) == "{":
                stack.append(m.group(1).strip() or "")
            elif stack:
                stack.pop()
    return bool(stack) and all(s.startswith("@") or not s for s in stack[:1])
