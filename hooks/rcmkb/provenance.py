"""Provenance: which sources a record rests on, so that every page can end with its sources and
each source can list what rests on it."""
from __future__ import annotations

from markupsafe import Markup

from .i18n import t
from .links import SOURCES
from .model import Declaration, Entity, KnowledgeBase
from .references import _matches


def ordered(kb: KnowledgeBase, ids) -> list[str]:
    """Source ids without repeats, in the order of data/sources.yaml."""
    wanted = set(ids)
    return [s for s in kb.sources if s in wanted]


def of_declaration(kb: KnowledgeBase, d: Declaration) -> list[str]:
    return ordered(kb, [d.source] + [dec.source for dec in d.decisions if dec.source])


def of_status(kb: KnowledgeBase, entity: Entity, status) -> str:
    """The source of a status: its own, or that of the declaration whose decision gives it."""
    if status.source:
        return status.source
    declaration = kb.declaration(status.by.split("/")[0]) if status.by else None
    return declaration.source if declaration else entity.source


def of_entity(kb: KnowledgeBase, e: Entity) -> list[str]:
    differ = [a.source for a in e.sources_differ.accounts] if e.sources_differ else []
    return ordered(kb, [e.source] + [of_status(kb, e, s) for s in e.statuses] + differ)


def of_entities(kb: KnowledgeBase, entities) -> list[str]:
    return ordered(kb, [s for e in entities for s in of_entity(kb, e)])


# ---------------------------------------------------------------------------------------------
# Hand-written pages: their sources are those of what their rcm: references point at.

def cited_by(index, ref: str) -> list[str]:
    """The source ids that the target `ref` cites: its own, or else its container's (a decision
    rests on its declaration's source, xxi/18 on xxi)."""
    if ref.startswith(SOURCES):
        return [ref.removeprefix(SOURCES)]
    while ref:
        found = [r.to.removeprefix(SOURCES) for r in index.references
                 if r.expects == "source" and r.source.ref == ref]
        if found:
            return found
        ref = ref.rpartition("/")[0]
    return []


def of_doc(index, markdown: str) -> list[str]:
    """Source ids of a hand-written page, in the order its references first reach them."""
    out: list[str] = []
    for _, m in _matches(markdown, 0):     # references in code are examples, not citations
        for source in cited_by(index, m.group("ref") or m.group("auto")):
            if source not in out and SOURCES + source in index.targets:
                out.append(source)
    return out


def doc_sources_markdown(index, ids: list[str], page_path: str, relative) -> str:
    """The closing 'Sources of this page' section of a hand-written page."""
    if not ids:
        return ""
    items = Markup("").join(
        Markup('<li><a class="rcm-source" href="{}#{}">{}</a></li>').format(
            relative(page_path, "sources/"), id_, index.targets[SOURCES + id_].label) for id_ in ids)
    return (f"## {t('label.page_sources')} {{#page-sources data-search-exclude}}\n\n"
            + str(Markup('<ul class="rcm-page-sources">{}</ul>').format(items)) + "\n")
