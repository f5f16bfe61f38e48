"""Reading built pages the way a reader's browser gets them: text, links and ids."""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from html.parser import HTMLParser


def text_of(fragment: str) -> str:
    """The visible words of an HTML fragment, white space collapsed."""
    inline = re.sub(r"</?(?:a|abbr|span|em|strong|code|kbd|b|i|q)\b[^>]*>", "", fragment)
    no_tags = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(htmllib.unescape(no_tags).split())


def decision_text(page: str, anchor: str) -> str:
    """The text block of the item whose heading has id=anchor."""
    m = re.search(rf'id="{re.escape(anchor)}".*?<div class="rcm-text"[^>]*>(.*?)</div>', page, re.S)
    assert m, f"no text block after #{anchor}"
    return text_of(m.group(1))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, dict]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.links.append((tag, {**attrs, "_url": attrs[key]}))


def links(page: str) -> list[tuple[str, dict]]:
    p = _Links()
    p.feed(page)
    return p.links


def ids(page: str) -> set[str]:
    p = _Links()
    p.feed(page)
    return p.ids


def resolve(page_path: str, href: str) -> str:
    """The site path that `href` on the page at `page_path` (e.g. 'declarations/xxi/') points to."""
    path, _, fragment = href.partition("#")
    if not path:
        target = page_path
    else:
        target = posixpath.normpath(posixpath.join("/" + page_path, path)).lstrip("/")
        if path.endswith("/") and target:
            target += "/"
        if target == ".":
            target = ""
    return target + (f"#{fragment}" if fragment else "")
