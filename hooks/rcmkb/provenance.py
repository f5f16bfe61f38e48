"""Provenance: which sources a record rests on, so that every page can end with its sources and
each source can list what rests on it."""
from __future__ import annotations

from .model import Declaration, Entity, KnowledgeBase


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
