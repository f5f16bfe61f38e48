"""The budget's pages: the list of years (comparing them line by line once there are two), a page
per year with its tables and charts, the navigation, and a section on each contributing
country's page."""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from ... import provenance
from ...formats import money, percent
from ...i18n import t
from ..common import by_decade
from ...model import KnowledgeBase
from ...render import Renderer, relative
from .charts import country_chart, group_chart
from .targets import contribution_target, row_target, year_target
from .model import DATA_FILES, FOLDER, Budget, Row, budgets, label


def _sections(b: Budget) -> list[list[Row]]:
    """The rows under each top-level heading, for the table's row groups; the total comes apart."""
    sections: list[list[Row]] = []
    for row in b.rows:
        if row.kind == "total":
            continue
        if row.level == 0 or not sections:
            sections.append([])
        sections[-1].append(row)
    return sections


def _adds_up(shares) -> bool:
    """Whether the shares as shown, rounded, still add up to 100%."""
    return sum(Decimal(percent(s)[:-1]) for s in shares) == 100


def pages(kb: KnowledgeBase, r: Renderer):
    years = budgets(kb)
    common = dict(money=money, percent=percent, label=label)
    for b in years:
        leaves = [row.share for row in b.rows if row.kind == "line"]
        yield r.page(
            "budget_year.md.j2", b.path, t("budget.year_title", year=b.year), edit=b.lines_file,
            sources=[b.source], data=[b.lines_file.rsplit("/", 1)[0] + "/"],
            b=b, source=kb.sources[b.source], sections=_sections(b),
            cited_as=[t.ref for t in [year_target(b), *(row_target(b, row) for row in b.rows),
                                      *(contribution_target(kb, b, c) for c in b.contributions)]],
            total=next(row for row in b.rows if row.kind == "total"),
            decisions=[r.index.targets[ref] for ref in ([b.approved_by] if b.approved_by else []) + b.decisions],
            group_chart=group_chart(b),
            country_chart=country_chart(kb, b) if b.contributions else None,
            contributions_total=(b.contributions_printed.amount if b.contributions_printed
                                 else sum(c.amount for c in b.contributions)),
            hundred=Decimal(100), lines_add_up=_adds_up(leaves),
            contributions_add_up=_adds_up(c.share for c in b.contributions),
            files=DATA_FILES, **common)
    # The introduction's words on who funds the Technical Secretariat come from the 2010 brochure.
    yield r.page("budget_index.md.j2", f"{FOLDER}/", t("budget.index_title"), edit=f"data/{FOLDER}/",
                 sources=provenance.ordered(kb, [b.source for b in years] + ["brochure-2010"]),
                 years=list(reversed(years)), comparison=_comparison(years),
                 contribution_comparison=_contribution_comparison(kb, years), **common)


def _comparison(years: list[Budget]) -> list[dict] | None:
    """With two or more years: one row per line id (in the order of the latest year that has it),
    with its amount in each year and its change from the year before the latest."""
    if len(years) < 2:
        return None
    order: list[str] = []
    for b in reversed(years):
        order += [row.id for row in b.rows if row.id not in order and row.kind != "subtotal"]
    out = []
    for id_ in order:
        rows = [b.row(id_) for b in years]
        latest = next(row for row in reversed(rows) if row)
        amounts = [row.value if row else None for row in rows]
        change = amounts[-1] - amounts[-2] if None not in amounts[-2:] else None
        out.append({"id": id_, "kind": latest.kind, "level": latest.level, "label": latest.label,
                    "amounts": amounts, "change": change})
    return out


def _contribution_comparison(kb: KnowledgeBase, years: list[Budget]) -> list[dict] | None:
    if len(years) < 2:
        return None
    order: list[str] = []
    for b in reversed(years):
        order += [c.country for c in b.contributions if c.country not in order]
    out = []
    for country in order:
        amounts = [next((c.amount for c in b.contributions if c.country == country), None) for b in years]
        change = amounts[-1] - amounts[-2] if None not in amounts[-2:] else None
        out.append({"country": country, "amounts": amounts, "change": change})
    return out


def nav(kb: KnowledgeBase) -> dict:
    """The Budget section of the navigation, for a `Budget: budget/index.md` entry: the list of
    years, then each year, newest first."""
    items = [(t("budget.nav_all"), f"{FOLDER}/index.md")]
    items += by_decade([(b.year, f"{b.path}index.md", int(b.year)) for b in reversed(budgets(kb))])
    return {f"{FOLDER}/index.md": items}


# ---------------------------------------------------------------------------------------------
# Country pages: what the country contributes, year by year.

def entity_sections(kb: KnowledgeBase, r: Renderer):
    template = r.env.get_template("budget_country.md.j2")

    by_country: dict = {}
    for b in reversed(budgets(kb)):
        for c in b.contributions:
            by_country.setdefault(c.country, []).append((b, c))

    def section(entity, page_path: str) -> Markup | None:
        rows = by_country.get(entity.id, [])
        if not rows:
            return None
        href = lambda to, anchor=None: relative(page_path, to) + (f"#{anchor}" if anchor else "")
        return Markup(template.render(entity=entity, rows=rows, href=href, money=money, percent=percent))
    return [section]
