"""Builds the whole knowledge base: load every domain, cross-check, then render pages and open
data. The one entry point an adapter (MkDocs hook, CLI, tests) calls."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import anchors, datapackage, feeds, i18n, opendata, references
from .context import LoadContext
from .domains import DOMAINS, entities
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
    lang: str = "en"   # the language the pages are in


def load(root: Path, docs_dir: Path | None = None, skip_manifest: bool = False) -> tuple[KnowledgeBase, Index]:
    """Load and cross-check everything; raise DataError listing every problem found, in one
    round: a problem in one file does not hide those in others."""
    ctx = LoadContext(Path(root))
    kb = KnowledgeBase(Path(root))
    for domain in DOMAINS:
        domain.load(ctx, kb)
    for domain in DOMAINS:
        domain.validate(ctx, kb)

    # What a file that could not be read holds is missing from the index: references to it and
    # published addresses in it are checked once that file is fixed, not reported as missing now.
    quiet = bool(ctx.unread)
    index = Index()
    for domain in DOMAINS:
        for target, origin in domain.targets(kb):
            index.add_target(target, ctx.problems, origin)
    index.add_aliases(ctx.problems)
    refs = [r for domain in DOMAINS for r in domain.references(kb)]
    index.resolve(refs, ctx.problems, quiet)
    references.scan(Path(docs_dir or Path(root) / "docs"), Path(root), index, ctx.problems, quiet,
                    i18n.current())
    if not skip_manifest and not quiet:
        anchors.check(Path(root), index.anchors(), ctx.problems)
    ctx.problems.raise_if_any()
    return kb, index


def build(root: Path, docs_dir: Path | None = None, site_url: str = "/", lang: str = "en") -> Build:
    """Everything a site in `lang` needs. Every string, name and date comes out in that language;
    the open data is the same in both (the Spanish site links to the English build's /data/)."""
    with i18n.language(lang):
        return _build(root, docs_dir, site_url, lang)


def _build(root: Path, docs_dir: Path | None, site_url: str, lang: str) -> Build:
    kb, index = load(root, docs_dir)
    renderer = Renderer(kb, index, lang=lang, site_url=site_url)
    renderer.entity_sections = [s for domain in DOMAINS for s in domain.entity_sections(kb, renderer)]
    pages = [page for domain in DOMAINS for page in domain.pages(kb, renderer)]
    datasets = [ds for domain in DOMAINS for ds in domain.datasets(kb, renderer)]
    # Described last: the data package describes every CSV and JSON file the domains publish.
    datasets.append(datapackage.dataset(datasets))
    pages.append(opendata.page(renderer, datasets))
    nav = {}
    for domain in DOMAINS:
        nav.update(domain.nav(kb))
    return Build(index, pages, datasets, nav, entities.abbreviations(kb),
                 [(title, f"data/{name}") for name, title in feeds.titles()], lang)
