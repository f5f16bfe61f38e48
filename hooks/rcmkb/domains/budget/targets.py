"""Cross-references: each year, each row and each contribution is citable; a contribution refers
to its country, so the country's page lists it."""
from __future__ import annotations

from ...formats import money, percent
from ...i18n import t
from ...links import Reference, Target, cites
from ...model import WHOLE_DOCUMENT, KnowledgeBase
from .model import FOLDER, Budget, Contribution, Row, budgets, label


def year_target(b: Budget) -> Target:
    return Target(b.ref, b.path, None, t("budget.year_title", year=b.year), "budget", t("budget.backlink_group"),
                  f"{label(b.title)}: {money(b.total)}")


def row_target(b: Budget, row: Row) -> Target:
    name = t("budget.row_label", year=b.year, label=label(row.label))
    preview = f"{label(row.label)}: {money(row.value)} ({percent(row.share)})"
    return Target(f"{b.ref}/{row.anchor}", b.path, row.anchor, name, "budget-line", t("budget.backlink_group"), preview)


def contribution_target(kb: KnowledgeBase, b: Budget, c: Contribution) -> Target:
    name = kb.entities[c.country].name.get()
    label_ = t("budget.contribution_label", year=b.year, country=name)
    return Target(f"{b.ref}/{c.anchor}", b.path, c.anchor, label_, "budget-contribution", t("budget.backlink_group"),
                  f"{name}: {money(c.amount)} ({percent(c.share)})")


def targets(kb: KnowledgeBase):
    yield Target(FOLDER, f"{FOLDER}/", None, t("budget.index_title"), "page"), None
    for b in budgets(kb):
        yield year_target(b), b.origin
        for row in b.rows:
            yield row_target(b, row), row.origin
        for c in b.contributions:
            yield contribution_target(kb, b, c), c.origin


def references(kb: KnowledgeBase):
    for b in budgets(kb):
        whole = year_target(b)
        yield cites(whole, b.source, b.origin.at("source"),
                    locator=b.located.get("en") if b.located else WHOLE_DOCUMENT)
        if b.approved_by:
            yield Reference(whole, b.approved_by, b.origin.at("approved_by"), "'approved_by'")
        for i, ref in enumerate(b.decisions):
            yield Reference(whole, ref, b.origin.at("decisions", i), "'decisions'")
        for c in b.contributions:
            yield Reference(contribution_target(kb, b, c), c.country, c.origin,
                            "the contribution on this row")
