"""Renders pages from templates: Jinja2 templates in templates/, relative URLs so the site works
from any folder, and the data-text renderer. Knows nothing of YAML or of MkDocs."""
from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.filters import do_truncate
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from . import edtf, i18n
from .cache import TemplateCache
from .links import Index, backlink_key, passage_anchor
from .markup import (Phrase, Place, TextRenderer, block_html, md_inline, opening, plain, separate_blocks,
                     text as data_text)
from .model import WHOLE_DOCUMENT, KnowledgeBase

KIND_FOLDERS = {"country": "countries", "organization": "organizations", "body": "bodies",
                "document": "documents", "topic": "topics"}


@dataclass
class Page:
    """A generated page: its URL path, Markdown content and the data file it comes from."""
    path: str                 # URL path with trailing slash, '' for the home page
    title: str
    markdown: str
    edit: str | None = None   # data file, relative to the project root
    meta: dict = field(default_factory=dict)
    # The data files the page is built from (a folder ends in '/'): its "last changed" date is
    # the latest commit touching them, and a correction to the page goes into one of them.
    data: list[str] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        """The Markdown file name a static-site engine expects for this URL."""
        return self.path + "index.md"


@dataclass
class Dataset:
    """An open-data export, written as files under /data/."""
    name: str
    title: str
    description: str
    files: dict[str, bytes]   # file name -> content


@lru_cache(maxsize=None)   # called for every link, mostly with the same pairs
def relative(from_path: str, to_path: str) -> str:
    """The relative URL from the page at `from_path` to `to_path` (both directory-style)."""
    start = "/" + from_path
    target = "/" + to_path
    rel = posixpath.relpath(target, start if start.endswith("/") else posixpath.dirname(start))
    if to_path.endswith("/") or to_path == "":
        rel = rel.rstrip("/") + "/"
        if rel == "./":
            rel = "./"
    return rel


def to_json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def environment(lang: str = "en", root: Path | None = None) -> Environment:
    """The Jinja environment of every template: autoescaped, strict, with the interface strings;
    with `root`, compiled templates are kept in the project's cache."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      bytecode_cache=TemplateCache(root) if root else None,
                      # every {{ value }} from data: escaped for HTML and for Markdown
                      finalize=lambda v: v if isinstance(v, Markup) or not isinstance(v, str) else data_text(v),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      # {#id} is Markdown attribute syntax here, so comments are {## ##}
                      comment_start_string="{##", comment_end_string="##}")
    # slug: the id Markdown would give an English heading, so that both languages share it.
    env.filters.update(md=md_inline, plain=plain, blocks=block_html, json=lambda v: Markup(json.dumps(v)),
                       slug=lambda v: slugify(str(v), "-"), locator=lambda v: locator_words(v, lang))
    env.globals.update(t=lambda key, **kw: i18n.t(key, lang, **kw), lang=lang, KIND_FOLDERS=KIND_FOLDERS,
                       opening_words=lambda value: opening_words(value, lang))
    return env


def opening_words(text: str, lang: str = "en") -> str:
    """The first words of a verbatim text, visibly cut ("Instruct the Technical Secretariat to …"):
    what tells one decision from another where the sources give it no title."""
    words, cut = opening(text)
    return i18n.t("text.cut", lang, words=words) if cut else words


# Locators the engine writes itself (a decision's or paragraph's place in its declaration, a
# footnote, the whole document), shown in the page's language; others are the source's own
# headings and stay as written. The anchor of a passage is always made from the English form.
_LOCATOR_WORDS = [(re.compile(r"^decision (\d+)$"), "locator.decision"),
                  (re.compile(r"^preamble, paragraph (\d+)$"), "locator.preamble"),
                  (re.compile(r"^footnote (\d+)$"), "locator.footnote"),
                  (re.compile(r"^whole document$"), "locator.whole")]


def locator_words(locator: str | None, lang: str = "en") -> str:
    """A locator in words of `lang`: 'decision 18' -> 'decisión 18'; parts joined by '; ' each."""
    def one(part: str) -> str:
        for pattern, key in _LOCATOR_WORDS:
            m = pattern.match(part)
            if m:
                return i18n.t(key, lang, **{f"n{i}": g for i, g in enumerate(m.groups(), 1)})
        return part
    return "; ".join(one(part) for part in locator.split("; ")) if locator else ""


def serve_banner(problems: list, lang: str = "en") -> str:
    """The banner `mkdocs serve` shows on every page while the last edit does not build."""
    return environment(lang).get_template("serve_error.html.j2").render(problems=[str(p) for p in problems])


class Renderer:
    def __init__(self, kb: KnowledgeBase, index: Index, lang: str = "en", site_url: str = "/"):
        self.kb, self.index, self.lang = kb, index, lang
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        # Where this language's pages sit in the published site: '' for English, 'es/' for Spanish.
        self.root = i18n.root(lang)
        self.env = environment(lang, kb.root)
        self.env.globals.update(kb=kb, index=index, site_url=self.site_url, WHOLE_DOCUMENT=WHOLE_DOCUMENT,
                                edtf_words=lambda value: edtf.words(value, self.lang))
        self.env.globals["backlinks_of"] = self.backlinks_of
        self.env.tests["member_country"] = lambda e: any(s.role == "member" for s in e.statuses)
        self.text = TextRenderer(self._phrases())
        # Sections domains add to entity pages (a country's contributions, ...): functions
        # (entity, page path) -> Markup or None, filled by site.build from each domain.
        self.entity_sections: list = []

    def backlinks_of(self, *refs: str) -> list:
        """What refers to any of `refs`, each once, in the order found."""
        out, seen = [], set()
        for ref in refs:
            for b in self.index.backlinks.get(ref, []):
                if backlink_key(b) not in seen:
                    seen.add(backlink_key(b))
                    out.append(b)
        return out

    def _phrases(self) -> list[Phrase]:
        phrases: dict[str, Phrase] = {}
        for e in self.kb.entities.values():
            full = e.name.get(self.lang)
            for lang in ("en", "es"):
                for acronym in e.acronyms.get(lang, []):
                    phrases.setdefault(acronym, Phrase(acronym, e.id, e.name.get(lang), True))
            for name in [e.name.en, e.name.es, *e.also_written.get("en", []), *e.also_written.get("es", [])]:
                if name:
                    phrases.setdefault(name, Phrase(name, e.id, full, False))
        return list(phrases.values())

    def page(self, template: str, path: str, title: str, edit: str | None = None,
             meta: dict | None = None, sources: list[str] | None = None, data: list[str] | None = None,
             **context) -> Page:
        """Render a page from its template. `sources`: the ids of the sources its facts rest on,
        listed at the end of the page (every page ends with its sources). `data`: the data files
        it is built from, when more than `edit`."""
        # Addresses are built from checked ids: HTML-escaped, never Markdown-escaped.
        href = lambda to, anchor=None: Markup(escape(relative(path, to) + (f"#{anchor}" if anchor else "")))
        # The open data is published once, under the English site's /data/.
        export = lambda name: Markup(escape(relative(self.root + path, "data/" + name)))

        def link(ref: str) -> str:
            target = self.index.targets[ref]
            return href(target.path, target.anchor)

        def passage(source_id: str, locator: str | None = None) -> str:
            """The address of the cited passage of a source on the Sources page (its anchor lists
            what rests on it); without a locator, the source's own entry."""
            return href("sources/", passage_anchor(source_id, locator))

        helpers = dict(page_path=path, title=title, href=href, link=link, export=export, passage=passage,
                       text=self.render_text(path))
        markdown = self.env.get_template(template).render(**helpers, **context)
        if sources:
            markdown = markdown.rstrip("\n") + "\n\n" + self.env.get_template(
                "_page_sources.md.j2").render(**helpers, page_sources=sources)
        # Words of adjacent cells stay apart in the search index (see markup.separate_blocks).
        return Page(path, title, separate_blocks(markdown), edit, meta or {},
                    list(dict.fromkeys([*([edit] if edit else []), *(data or [])])))

    def render_text(self, path: str):
        """A template function: render(text, refers_to, inline_links, notes, mark) -> HTML with
        the first mention of each entity it refers to linked, its inline links on their words,
        and the mark of each note (mark(note) -> Markup) after its words."""
        def render(text, refers_to=(), inline_links=(), notes=(), mark=None) -> Markup:
            links = {}
            for ref in refers_to:
                target = self.index.targets.get(ref)
                if target and target.kind == "entity":
                    links[ref] = relative(path, target.path)
            places = [Place(link.at, self._link(path, link.ref), True) for link in inline_links]
            places += [Place(note.at, lambda words, note=note: words + mark(note), False) for note in notes]
            return self.text.html(text, links, places)
        return render

    def _link(self, path: str, ref: str):
        target = self.index.targets[ref]
        href = relative(path, target.path) + (f"#{target.anchor}" if target.anchor else "")
        preview = Markup(' data-preview="{}"').format(do_truncate(self.env, target.preview, 280)) \
            if target.preview else ""
        return lambda words: Markup('<a class="rcm-ref" href="{}"{}>{}</a>').format(href, preview, words)
