"""The injection corpus: script payloads put into every text field of every kind of data and
into front matter, and the checks that no built page lets any of them run.

Payloads go at the end of every string in every data file and every label cell of the budget
CSV files. A field whose schema or cross-check refuses the payload (ids, references, dates,
acronyms, ...) is put back as it was, until the data loads: what remains is every field that
accepts free text, each carrying a payload into the built site.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from rcmkb import site, yamlio
from rcmkb.csp import THEME_SCRIPTS
from rcmkb.errors import DataError, Problems

# Each payload calls xss() or alert(); none may run, and none may stay live in a page.
PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '<img src=x onerror=alert("xss-2")>',
    '[click me](javascript:alert("xss-3"))',
    '"><svg onload=alert("xss-4")>',
    '</title><script>alert("xss-5")</script>',
    '&lt;script&gt;alert("xss-6")&lt;/script&gt;',
    "<a href=\"JaVaScRiPt:alert('xss-7')\">link</a>",
    "{: onclick=\"alert('xss-8')\" }",
    '<iframe src="javascript:alert(\'xss-9\')"></iframe>',
    '<<script>script>alert("xss-10")<</script>/script>',
    '<a href="data:text/html,<script>alert(1)</script>">xss-11</a>',
    '<form action="javascript:alert(\'xss-12\')"><button>go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-13")>',
    "' onmouseover='alert(\"xss-14\")' x='",
    '<details open ontoggle=alert("xss-15")>',
    '[x](&#106;avascript:alert("xss-16"))',
    "<svg><a xlink:href=\"javascript:alert('xss-17')\"><text>t</text></a></svg>",
    '\\*[XSS]: <script>alert("xss-18")</script>',
]

FRONT_MATTER_PAGE = """---
title: 'Notes {p0}'
description: 'About {p1}'
topics: [health]
---

# Notes {p2}

A page with <rcm:xxi/8> and a [link](javascript:alert("xss-doc")).

<div onclick="alert('xss-doc-2')">text</div>
"""


def nodes(value, path=()):
    """(path, value) for every node of a loaded document, the document itself first."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, path + (i,))


def _leaves(value):
    """(path, string) for every string in a loaded document."""
    return ((p, v) for p, v in nodes(value) if isinstance(v, str))


def _set(doc, path, value):
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


class _Yaml:
    """One YAML data file with payloads in its strings, written back as YAML."""

    def __init__(self, path: Path, rel: str, counter):
        text = path.read_text("utf-8")
        self.path, self.rel, self.first = path, rel, text.split("\n", 1)[0]
        self.doc, lines = yamlio.loads(text, rel, Problems())
        self.original = json.loads(json.dumps(self.doc))
        self.fields = {}                       # path -> line
        for leaf, value in _leaves(self.doc):
            _set(self.doc, leaf, value + " " + PAYLOADS[next(counter) % len(PAYLOADS)])
            self.fields[leaf] = yamlio.line_of(lines, leaf)

    def restore(self, line: int) -> bool:
        """Put back every field on `line` (or, with none there, the last one before it)."""
        hit = [p for p, ln in self.fields.items() if ln == line] or \
            [max((p for p, ln in self.fields.items() if ln < line), key=lambda p: self.fields[p], default=None)]
        hit = [p for p in hit if p is not None]
        for leaf in hit:
            original = self.original
            for key in leaf:
                original = original[key]
            _set(self.doc, leaf, original)
            del self.fields[leaf]
        return bool(hit)

    def write(self) -> None:
        body = yaml.safe_dump(self.doc, allow_unicode=True, sort_keys=False, width=10_000)
        self.path.write_text(self.first + "\n" + body, "utf-8")
        _, lines = yamlio.loads(self.first + "\n" + body, self.rel, Problems())
        self.fields = {p: yamlio.line_of(lines, p) for p in self.fields}


class _Csv:
    """A budget CSV file with payloads in its label cells."""

    def __init__(self, path: Path, rel: str, counter):
        self.path, self.rel = path, rel
        self.rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
        header = self.rows[0]
        self.original = [list(r) for r in self.rows]
        for row in self.rows[1:]:
            for i, name in enumerate(header):
                if name.startswith("label") and i < len(row):
                    row[i] = row[i] + " " + PAYLOADS[next(counter) % len(PAYLOADS)]
                    # a formula-looking cell too, for the exports
                    if name == "label_en":
                        row[i] = "=HYPERLINK(\"http://evil.example/\")" + row[i]

    def restore(self, line: int) -> bool:
        if 1 <= line <= len(self.rows) and self.rows[line - 1] != self.original[line - 1]:
            self.rows[line - 1] = list(self.original[line - 1])
            return True
        return False

    def write(self) -> None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(self.rows)
        self.path.write_text(out.getvalue(), "utf-8")


def inject(project: Path) -> int:
    """Put payloads into every free-text field of the project's data and a page with payloads in
    its front matter; returns how many fields carry one. The project must still build."""
    import itertools
    counter = itertools.count()
    files = {}
    for path in sorted((project / "data").rglob("*.yaml")):
        rel = path.relative_to(project).as_posix()
        files[rel] = _Yaml(path, rel, counter)
    for path in sorted((project / "data" / "budget").rglob("*.csv")):
        rel = path.relative_to(project).as_posix()
        files[rel] = _Csv(path, rel, counter)
    (project / "docs" / "notes.md").write_text(FRONT_MATTER_PAGE.format(
        p0=PAYLOADS[4].replace("'", "''"), p1=PAYLOADS[3].replace("'", "''"), p2=PAYLOADS[1]), "utf-8")
    for _ in range(60):
        for f in files.values():
            f.write()
        try:
            site.build(project, project / "docs", site_url="https://example.org/")
            break
        except DataError as error:
            restored = False
            for p in error.problems:
                if p.file in files:
                    restored |= files[p.file].restore(p.line)
            assert restored, "the injected data does not load, and no field can be put back:\n" + error.report()
    else:
        raise AssertionError("the injected data never loaded")
    return sum(len(f.fields) if isinstance(f, _Yaml) else sum(r != o for r, o in zip(f.rows, f.original))
               for f in files.values())


# ---------------------------------------------------------------------------------------------
# What counts as live

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "cite", "srcset", "ping"}
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "base", "applet", "math", "style", "link"}


def _dangerous_url(value: str) -> bool:
    squashed = re.sub(r"[\x00-\x20]", "", value).lower()
    return squashed.startswith(("javascript:", "vbscript:", "data:text", "data:application"))


class _Scanner(HTMLParser):
    def __init__(self, where: str, page: bool):
        super().__init__(convert_charrefs=True)
        self.where, self.page = where, page
        self.found: list[str] = []
        self.script: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{self.where}: <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value and _dangerous_url(value):
                self.found.append(f"{self.where}: <{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS and not (self.page and self.in_head and tag in ("link", "style")):
            self.found.append(f"{self.where}: <{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.found.append(f"{self.where}: <meta http-equiv=refresh>")
        if tag == "script":
            attrs = dict(attrs)
            if "src" in attrs:
                if re.match(r"^([a-z][a-z0-9+.-]*:|//)", attrs["src"] or "", re.I):
                    self.found.append(f"{self.where}: script from {attrs['src']}")
                self.script = None
            elif (attrs.get("type") or "").lower() in ("application/json",):
                self.script = None
            else:
                self.script = []

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self.script is not None:
            body = "".join(self.script)
            if not any(p.fullmatch(body) for p in THEME_SCRIPTS):
                self.found.append(f"{self.where}: inline script {body[:80]!r}")
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)


def live_markup(html: str, where: str, page: bool = False) -> list[str]:
    """Every script, event handler, dangerous URL or forbidden element in `html`."""
    scanner = _Scanner(where, page)
    scanner.feed(html)
    scanner.close()
    return scanner.found
