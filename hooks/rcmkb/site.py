"""Builds the whole knowledge base: load every domain, cross-check, then render pages and open
data. The one entry point an adapter (MkDocs hook, CLI, tests) calls."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import anchors, buildinfo, citation, datapackage, exports, feeds, i18n, inventory, opendata, references, reuse, safefs, scaffold
from .cache import Cache
from .context import LoadContext
from .domains import DOMAINS, entities
from .errors import Problems
from .links import Index
from .model import KnowledgeBase
from .render import Dataset, Page, Renderer


@dataclass
class Build:
    """What an adapter publishes: the pages and open data, the navigation sections the data
    fills, and what hand-written pages need (the index for rcm: references, the acronyms)."""
    index: Index
    pages: list[Page]
    datasets: list[Dataset]
    nav: dict          # a nav entry's page -> the pages listed under it, [(title, page)]
    abbreviations: str # Markdown abbreviation definitions for hand-written pages
    feeds: list        # (title, site path) of each Atom feed, for <link rel="alternate">
    provenance: buildinfo.Provenance | None = None   # the commit and date this build is made from
    # (page path, repo_url, edit_uri, the Markdown file of a hand-written page) -> footer HTML; a
    # generated page's footer links to its data
    footer: Callable[..., str] | None = None
    cite_dataset: Callable[[str], str] | None = None  # page path -> "Cite the knowledge base" Markdown
    print_header: Callable[[str], str] | None = None  # page path -> the header of the printed page
    # (page path, title, description, site name) -> the page's citation and OpenGraph <meta> tags
    head: Callable[[str, str, str, str], str] | None = None


def load(root: Path, docs_dir: Path | None = None, skip_manifest: bool = False) -> tuple[KnowledgeBase, Index]:
    """Load and cross-check everything; raise DataError listing every problem found, in one
    round: a problem in one file does not hide those in others."""
    ctx = LoadContext(Path(root), cache=Cache(Path(root)))
    # Placeholders left by `make new` come first: the rest of a half-filled file would only echo them.
    scaffold.check(Path(root), ctx.problems, docs_dir)
    ctx.problems.raise_if_any()
    kb = KnowledgeBase(Path(root))
    # Before anything is read: no links in data/ or docs/.
    inventory.check(Path(root), Path(docs_dir or Path(root) / "docs"), ctx.problems)
    with safefs.recording() as read:
        for domain in DOMAINS:
            domain.load(ctx, kb)
        for domain in DOMAINS:
            domain.validate(ctx, kb)
    # Nothing in data/ is ignored in silence: a file no domain read is an error.
    inventory.unread(Path(root), read, [anchors.MANIFEST, reuse.DATA.file], ctx.problems)

    # What a file that could not be read holds is missing from the index: references into it and
    # published addresses in it are checked once that file is fixed, not reported as missing now.
    quiet = _unsure(ctx.unread)
    index = Index()
    for domain in DOMAINS:
        for target, origin in domain.targets(kb):
            index.add_target(target, ctx.problems, origin)
    index.check_anchors(ctx.problems)
    index.add_aliases(ctx.problems)
    refs = [r for domain in DOMAINS for r in domain.references(kb)]
    index.resolve(refs, ctx.problems, quiet)
    references.scan(Path(docs_dir or Path(root) / "docs"), Path(root), index, ctx.problems, quiet,
                    i18n.current())
    if not skip_manifest:
        anchors.check(Path(root), index.anchors(), ctx.problems,
                      lambda url: any(quiet(word) for word in re.split(r"[/#-]", url) if word))
    reuse.check(Path(root), ctx.problems)
    ctx.problems.raise_if_any()
    return kb, index


def _unsure(unread: set[str]):
    """Whether a ref may name something in a file that could not be read: its first part names
    that file or its folder (xxi/18: data/declarations/xxi.yaml; sources/x: data/sources.yaml;
    budget/2017: data/budget/2017/; countries: data/entities/countries.yaml), or it is a bare id
    (an entity's) and an entity file could not be read."""
    names = [set(Path(rel).with_suffix("").parts[1:]) for rel in unread]

    def unsure(ref: str) -> bool:
        head = ref.split("/", 1)[0]
        return any(head in n or ("/" not in ref and "entities" in n) for n in names)
    return unsure


def _last_changed(history: buildinfo.History, data_of: dict[str, list[str]], path: str, doc: str | None):
    """(day, 'page' or 'data') the content of the page at `path` last changed: for a hand-written
    page, its Markdown file `doc`; for a generated page, the data files it is built from. None
    when the history is not available."""
    if doc:
        day, kind = history.last_changed([doc]), "page"
    else:
        day, kind = history.last_changed(data_of.get(path, [])), "data"
    return (day, kind) if day else None


def build(root: Path, docs_dir: Path | None = None, site_url: str = "/", lang: str = "en") -> Build:
    """Everything a site in `lang` needs. Every string, name and date comes out in that language;
    the open data is the same in both (the Spanish site links to the English build's /data/)."""
    with i18n.language(lang):
        return _build(root, docs_dir, site_url, lang)


def _build(root: Path, docs_dir: Path | None, site_url: str, lang: str) -> Build:
    kb, index = load(root, docs_dir)
    renderer = Renderer(kb, index, lang=lang, site_url=site_url)
    renderer.entity_sections = [s for domain in DOMAINS for s in domain.entity_sections(kb, renderer)]
    reuse.install(renderer, kb)
    made_from = buildinfo.of(root)
    history = buildinfo.history(root)
    # The pages and open data are made from the data, the hand-written pages (their rcm: references
    # are backlinks), CITATION.cff, the engine, the language, the address, the commit and
    # SOURCE_DATE_EPOCH: when none
    # of them changed (a second `make build`, each language of a build run again), they come from
    # the cache.
    cache = Cache(Path(root))
    key = cache.key("pages", [Path(root) / "data", Path(docs_dir or Path(root) / "docs"),
                              Path(root) / buildinfo.CITATION],
                    # SOURCE_DATE_EPOCH itself: the Akoma Ntoso exports name it (akn._generated)
                    repr((lang, renderer.site_url, made_from, os.environ.get("SOURCE_DATE_EPOCH"))).encode())
    slot = cache.slot("pages", lang, renderer.site_url)
    made = cache.get(key, slot)
    if made is None:
        made = _pages_and_data(kb, renderer, made_from)
        cache.put(key, made, slot)
    pages, datasets = made
    nav = {}
    for domain in DOMAINS:
        nav.update(domain.nav(kb))
    problems = Problems()
    inventory.clashes(Path(docs_dir or Path(root) / "docs"), Path(root), [p.src_uri for p in pages], problems)
    problems.raise_if_any()
    # The data each generated page is built from (a file, or a folder ending in '/'), by URL path.
    sources = {page.path: page.edit for page in pages if page.edit}
    data_of = {page.path: page.data for page in pages}     # the data files each page is built from
    return Build(index, pages, datasets, nav, entities.abbreviations(kb),
                 [(title, f"data/{name}") for name, title in feeds.titles()], made_from,
                 footer=lambda path, repo_url, edit_uri=None, doc=None: str(reuse.footer(
                     renderer, path, made_from, repo_url, data=sources.get(path), edit_uri=edit_uri,
                     changed=_last_changed(history, data_of, path, doc))),
                 cite_dataset=lambda path: reuse.citation_markdown(renderer, path, made_from,
                                                                   renderer.site_url),
                 print_header=lambda path: str(reuse.print_header(renderer, path, made_from)),
                 head=lambda *page: _head(renderer, kb, lang, *page))


def _pages_and_data(kb: KnowledgeBase, renderer: Renderer, made_from: buildinfo.Provenance
                    ) -> tuple[list[Page], list[Dataset]]:
    pages = [page for domain in DOMAINS for page in domain.pages(kb, renderer)]
    datasets = [ds for domain in DOMAINS for ds in domain.datasets(kb, renderer)]
    exports.neutralize(datasets)        # no spreadsheet formula in a CSV cell
    datasets.append(reuse.build_dataset(made_from, renderer.site_url, renderer.lang))
    # Described last: the data package describes every CSV and JSON file the domains publish.
    datasets.append(datapackage.dataset(datasets))
    # Every export carries its licence: a metadata file beside each (the package has its own).
    datasets = reuse.with_metadata(datasets, made_from, renderer.lang)
    pages.append(opendata.page(renderer, datasets))
    return pages, datasets


def _head(renderer: Renderer, kb: KnowledgeBase, lang: str, path: str, title: str, description: str,
          site_name: str) -> str:
    """A page's citation and OpenGraph <meta> tags, in the build's language (the adapter asks for
    them page by page, after the build)."""
    with i18n.language(lang):
        tags = citation.head_tags(kb, renderer.site_url, path, title, description, site_name, lang)
        return renderer.env.get_template("_head.html.j2").render(tags=tags)
