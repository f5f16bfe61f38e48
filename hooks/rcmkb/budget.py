"""Technical Secretariat budgets and country contributions (placeholder: replaced by the budget module)."""
from __future__ import annotations

from .links import Target
from .model import KnowledgeBase


def load(ctx, kb: KnowledgeBase) -> None:
    pass


def targets(kb: KnowledgeBase):
    yield Target("budget", "budget/", None, "Budget", "page"), None
    yield Target("budget/2017", "budget/2017/", None, "TS budget for 2017", "budget"), None


def references(kb):
    return []


def pages(kb, r):
    yield r.page("budget_stub.md.j2", "budget/", "Budget")
    yield r.page("budget_stub.md.j2", "budget/2017/", "Budget 2017")


def datasets(kb, r):
    return []
