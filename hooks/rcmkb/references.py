"""References from hand-written Markdown pages: `[label](rcm:xxi/18)` or `<rcm:xxi/18>`, checked
at build time, rewritten into links with a preview, and counted as backlinks. Front matter
`topics:` puts a page on topic pages."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from . import safefs, yamlio
from .errors import Problems
from .i18n import LANGUAGES, t
from .links import Index, Reference, Target
from .markup import md_inline
from .model import Origin

REF = re.compile(r"\[(?P<label>[^\]\n]*)\]\(rcm:(?P<ref>[^)\s]+)\)|<rcm:(?P<auto>[^>\s]+)>")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE = re.compile(r"`[^`\n]*`")
PREVIEW_CHARS = 280


@dataclass
class Occurrence:
    line: int
    ref: str
    anchor: str          # id of the link in the page, so backlinks land on the exact place


@dataclass
class DocPage:
    src: str             # path relative to docs/, e.g. notes/health.md
    path: str            # URL path, e.g. notes/health/
    title: str
    occurrences: list[Occurrence] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


@dataclass
class DocReferences:
    pages: dict[str, DocPage] = field(default_factory=dict)   # src -> page


def url_path(src: str) -> str:
    stem = src[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


# The front-matter fields a page may have. Material prints others (status, subtitle, icon) raw
# into the navigation of every page, or uses them as template paths: they are not allowed.
FRONT_MATTER_KEYS = {"title": str, "description": str, "topics": list, "hide": list, "search": dict}


def _front_matter(text: str, rel: str = "", problems: Problems | None = None) -> tuple[dict, int]:
    """The page's front matter and the number of lines it takes; problems are reported with the
    line of the page they are on."""
    problems = problems if problems is not None else Problems()
    if not re.match(r"---[ \t]*\r?\n", text):
        return {}, 0
    close = re.search(r"^(---|\.\.\.)[ \t]*\r?$", text[4:], re.M)
    if not close:
        problems.add(rel, 1, "the front matter that starts here is never closed: add a line '---' "
                             "after its last field.")
        return {}, 0
    block = text[4:4 + close.start()]
    length = block.count("\n") + 2
    if not block.strip():
        return {}, length
    found = Problems()
    loaded = yamlio.loads(block, rel, found)
    for p in found.items:                  # lines of the block -> lines of the page
        message = p.message.replace("this is not valid YAML", "the front matter is not valid YAML")
        problems.add(p.file, p.line + 1 if p.line else 1, message.replace("this file is empty",
                                                                          "the front matter is empty"))
    if loaded is None:
        return {}, length
    meta, lines = loaded
    if not isinstance(meta, dict):
        problems.add(rel, 2, "the front matter must be a set of fields such as 'title: ...', one "
                             "per line.")
        return {}, length
    for key, value in list(meta.items()):
        line = lines.get((key,), 0) + 1
        want = FRONT_MATTER_KEYS.get(key)
        if want is None:
            problems.add(rel, line, f"unknown front matter field '{key}'. Use only: "
                         + ", ".join(sorted(FRONT_MATTER_KEYS)) + ".")
            del meta[key]
        elif not isinstance(value, want):
            shown = {str: "text", list: "a list", dict: "a set of fields"}[want]
            problems.add(rel, line, f"the front matter field '{key}' must be {shown}.")
            del meta[key]
    return meta, length


def _matches(text: str, start_line: int):
    """(line, match) for each reference outside code."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if number <= start_line:
            continue
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        masked = CODE.sub(lambda m: " " * len(m.group()), line)
        for m in REF.finditer(masked):
            yield number, m


def scan(docs: Path, root: Path, index: Index, problems: Problems, quiet=lambda ref: False,
         lang: str = "en") -> DocReferences:
    """The references of every hand-written page, checked in both languages; those of the pages
    in `lang` (docs/es/ holds the Spanish twins, at the same paths) also become backlinks."""
    out = DocReferences()
    if not docs.is_dir():
        return out
    docs, root = Path(os.path.abspath(docs)), Path(os.path.abspath(root))
    base = root if docs.is_relative_to(root) else docs.parent
    twins = tuple(f"{other}/" for other in LANGUAGES if other != "en")
    for file in (f for f in safefs.scan(docs, base, problems) if f.suffix == ".md"):
        src = file.relative_to(docs).as_posix()
        in_lang = src.split("/", 1)[0] if src.startswith(twins) else "en"
        if in_lang != "en":
            src = src[len(in_lang) + 1:]
        rel = file.relative_to(base).as_posix()
        text = safefs.read_text(file, rel, problems)
        if text is None:
            continue
        meta, body_start = _front_matter(text, rel, problems)
        # A page kept out of the search (`search: {exclude: true}`) is for maintainers: its
        # references are checked like any other, but readers are not sent to it from backlinks.
        listed = not (meta.get("search") or {}).get("exclude")
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        page = DocPage(src, url_path(src), str(meta.get("title") or (heading.group(1) if heading else src)))
        refs: list[Reference] = []
        for n, (line, m) in enumerate(_matches(text, body_start), 1):
            ref = m.group("ref") or m.group("auto")
            occ = Occurrence(line, ref, f"ref-{n}")
            page.occurrences.append(occ)
            source = Target(f"page:{src}#{occ.anchor}", page.path, occ.anchor, page.title, "page",
                            group=t("backlinks.pages"), published=False)
            refs.append(Reference(source, ref, Origin(rel, line), f"the reference rcm:{ref}"))
        topics = meta.get("topics") or []
        line = next((n for n, ln in enumerate(text.splitlines()[:body_start], 1)
                     if ln.startswith("topics:")), 1)
        if not isinstance(topics, list):
            problems.add(rel, line, "'topics' in the front matter must be a list of topic ids, e.g. [health].")
            topics = []
        for topic in topics:
            page.topics.append(str(topic))
            source = Target(f"page:{src}", page.path, None, page.title, "page",
                            group=t("backlinks.pages"), published=False)
            refs.append(Reference(source, str(topic), Origin(rel, line), "the front matter", "topic"))
        if in_lang != lang:          # the other language's twin: checked, not linked back
            index.check(refs, problems, quiet)
            continue
        index.resolve(refs, problems, quiet, backlinks=listed)
        if listed:
            _propagate(index, refs)
        out.pages[src] = page
    return out


def _propagate(index: Index, refs: list[Reference]) -> None:
    """A page citing a decision also concerns what the decision names: list it there too."""
    names = {}
    for r in index.references:
        names.setdefault(r.source.ref, []).append(r.to)
    for ref in refs:
        target = index.targets.get(ref.to)
        if target is None or target.kind not in ("decision", "preamble", "protocol"):
            continue
        for to in names.get(target.ref, []):
            index.add_backlink(to, ref.source)


def rewrite(markdown: str, page_path: str, index: Index, relative) -> str:
    """Replace each reference in a page's Markdown with a link to its target, with a preview."""
    lines = markdown.split("\n")     # MkDocs hands pages over without their front matter
    counter = 0
    fenced = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or "rcm:" not in line:
            continue
        masked = CODE.sub(lambda m: " " * len(m.group()), line)
        pieces, last = [], 0
        for m in REF.finditer(masked):
            counter += 1
            ref = m.group("ref") or m.group("auto")
            target = index.targets.get(ref)
            pieces.append(line[last:m.start()])
            if target is None:       # scan() already stopped the build; keep the text as it was
                pieces.append(line[m.start():m.end()])
            else:
                # A label from the data is text: Markdown-escaped too, since the link stands in a
                # Markdown paragraph ([x](...) in a title must not become a link)
                label = m.group("label") if m.group("ref") and m.group("label") else md_inline(target.label)
                href = relative(page_path, target.path) + (f"#{target.anchor}" if target.anchor else "")
                pieces.append(str(Markup(
                    '<a class="rcm-ref" id="ref-{}" href="{}" data-preview="{}">{}</a>').format(
                    counter, href, target.preview[:PREVIEW_CHARS] + ("…" if len(target.preview) > PREVIEW_CHARS else ""),
                    label)))
            last = m.end()
        pieces.append(line[last:])
        lines[i] = "".join(pieces)
    return "\n".join(lines)
