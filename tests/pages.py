"""Reading built pages the way a reader's browser gets them: text, links, ids, tables, languages,
and where a link lands. The one HTML helper of the tests: test files use these instead of parsing
pages on their own."""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path


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


def article(page: str) -> str:
    """The page's main content, without the navigation around it."""
    return page[page.index("<article"):page.index("</article>")]


# ---------------------------------------------------------------------------------------------
# Links, ids and languages: one pass of one parser

class Parsed(HTMLParser):
    """A page's URLs (each (tag, attributes) with '_url', '_attr' and '_line' added), its ids and
    anchor names, and the language in force at each element with an id."""
    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "col", "base", "embed"}

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.repeated_ids: set[str] = set()     # an id given to more than one element
        self.lang_of: dict[str, str] = {}
        self.h1_lang: str | None = None
        self._stack: list[tuple[str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs, void=False):
        attrs = dict(attrs)
        if attrs.get("id"):
            if attrs["id"] in self.ids:
                self.repeated_ids.add(attrs["id"])
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.links.append((tag, {**attrs, "_url": attrs[key], "_attr": key, "_line": self.getpos()[0]}))
        lang = attrs.get("lang") or (self._stack[-1][1] if self._stack else "")
        if attrs.get("id"):
            self.lang_of[attrs["id"]] = lang
        if tag == "h1" and self.h1_lang is None:
            self.h1_lang = lang
        if tag not in self.VOID and not void:
            self._stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, void=True)

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break


def links(page: str) -> list[tuple[str, dict]]:
    return Parsed(page).links


def ids(page: str) -> set[str]:
    return Parsed(page).ids


def hrefs(page: str, path: str | None = None) -> set[str]:
    """The href of every <a> on the page; resolved to site paths when `path` (the page's) is given."""
    urls = {a["_url"] for tag, a in links(page) if tag == "a"}
    return urls if path is None else {resolve(path, u) for u in urls}


@lru_cache(maxsize=None)
def parsed_file(file: Path) -> Parsed:
    return Parsed(file.read_text("utf-8"))


# ---------------------------------------------------------------------------------------------
# Where links land

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


def lands(site: Path, page_path: str, href: str) -> tuple[str, str]:
    """(site path, anchor) that a link on the page at `page_path` leads to, after checking that the
    page exists and, when the link names an anchor, that the page has that id."""
    path, _, anchor = resolve(page_path, href).partition("#")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    assert file.exists(), f"{href} on /{page_path} leads to a missing page"
    assert not anchor or anchor in parsed_file(file).ids, f"{href} on /{page_path}: no #{anchor} there"
    return path, anchor


# ---------------------------------------------------------------------------------------------
# Tables

class Tables(HTMLParser):
    """Each <table>: its class and rows; each row: its attributes, cell texts, cell links and the
    tags inside its cells."""

    def __init__(self, page: str):
        super().__init__()
        self.tables, self.cell = [], None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append({"attrs": attrs, "cells": [], "links": [], "html": []})
        elif tag in ("td", "th") and self.tables and self.tables[-1]["rows"]:
            self.cell = []
            self.tables[-1]["rows"][-1]["cells"].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.tables[-1]["rows"][-1]["links"].append(attrs.get("href"))
        if self.cell is not None:
            self.tables[-1]["rows"][-1]["html"].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def table(self, css_class: str) -> list[dict]:
        """The rows of the one table of class `css_class`, each cell's text stripped."""
        found = [t for t in self.tables if css_class in t["class"].split()]
        assert len(found) == 1, f"expected one table of class {css_class}"
        return [{**r, "cells": ["".join(c).strip() for c in r["cells"]]} for r in found[0]["rows"]]


def meta_tags(page: str) -> list[tuple[str, str]]:
    """(name or property, content) of each <meta> in the page's head, in order, unescaped."""
    class Head(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags: list[tuple[str, str]] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "meta" and (a.get("name") or a.get("property")) and "content" in a:
                self.tags.append((a.get("name") or a.get("property"), a["content"]))
    head = Head()
    head.feed(page[:page.find("</head>")])
    return head.tags
