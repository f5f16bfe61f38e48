"""The budget's two charts, drawn by rcmkb.charts: the budget by group, and the contributions by
country."""
from __future__ import annotations

from ... import charts
from ...formats import money, percent
from ...i18n import t
from ...model import KnowledgeBase
from .model import Budget


def _group_bars(b: Budget) -> list[charts.Bar]:
    """Each top-level group, then what it directly contains (lines, or groups with their sums)."""
    bars = []
    for row in b.rows:
        if row.kind in ("group", "line") and (row.level == 0 or b.row(row.parent).level == 0):
            bars.append(charts.Bar(row.label.en or row.label.es, row.value,
                                   f"{money(row.value)} ({percent(row.share)})", min(row.level, 1),
                                   None if row.label.en else "es"))
    return bars


def _country_bars(kb: KnowledgeBase, b: Budget) -> list[charts.Bar]:
    return [charts.Bar(kb.entities[c.country].name.get(), c.amount,
                       f"{money(c.amount)} ({percent(c.share)})") for c in b.contributions]


def group_chart(b: Budget):
    return charts.bar_chart("budget-by-group-chart", t("budget.chart_groups_title", year=b.year),
                            t("budget.chart_groups_desc", total=money(b.total)), _group_bars(b))


def country_chart(kb: KnowledgeBase, b: Budget):
    return charts.bar_chart(
        "contributions-by-country-chart", t("budget.chart_countries_title", year=b.year),
        t("budget.chart_countries_desc", total=money(sum(c.amount for c in b.contributions))),
        _country_bars(kb, b))
