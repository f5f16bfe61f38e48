"""Loading every data/budget/<year>/ folder, and reconciling each year to the cent with pandas
(imported only here and in tables.py, when a budget is read: a year whose files have not changed
comes from the engine's cache, without pandas). A year with a problem is reported and left out."""
from __future__ import annotations

import difflib
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ...context import LoadContext
from ...formats import money
from ...model import KnowledgeBase, Origin, Text
from .model import CONTRIBUTIONS, FOLDER, LINES, META, Budget, Contribution, PrintedTotal, Row, label, share_of
from .tables import read_table

if TYPE_CHECKING:
    import pandas as pd


def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    found = []
    folder = ctx.data / FOLDER
    for year_dir in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        if not re.fullmatch(r"\d{4}", year_dir.name):
            ctx.problems.add(ctx.rel(year_dir), 0, "a budget folder is named by its year, for "
                             f"example data/{FOLDER}/2018. Rename this folder.")
            continue
        # A year's model depends on its files, the schemas, and the sources and countries it names.
        inputs = [year_dir, *sorted(folder.glob("*.json")), ctx.schemas, ctx.data / "sources.yaml",
                  ctx.data / "entities"]
        budget = ctx.cached("budget-year", inputs, lambda: _load_year(ctx, kb, year_dir))
        if budget:
            found.append(budget)
        else:
            ctx.unread.add(ctx.rel(year_dir))
    kb.parts[FOLDER] = found


def _load_year(ctx: LoadContext, kb: KnowledgeBase, folder: Path) -> Budget | None:
    problems = ctx.problems
    for name in (META, LINES):
        if not (folder / name).exists():
            problems.add(ctx.rel(folder / name), 0, f"this file is missing: every budget year needs "
                         f"{META} and {LINES} (copy them from data/{FOLDER}/2017/ and change them).")
            return None
    meta_path = folder / META
    loaded = ctx.yaml(meta_path, "budget.schema.json")
    if loaded is None:
        return None
    doc, lines = loaded
    _check_decisions(ctx, doc, lambda *p: ctx.origin(meta_path, lines, p))
    budget = Budget(
        year=folder.name, title=Text.of(doc["title"]), source=doc["source"],
        origin=ctx.origin(meta_path, lines, ()), lines_file=ctx.rel(folder / LINES),
        located=Text.of(doc.get("located")), approved_by=doc.get("approved_by"),
        decisions=doc.get("decisions", []), contributions_title=Text.of(doc.get("contributions_title")),
        editorial_notes=[Text.of(n) for n in doc.get("editorial_notes", [])])
    schemas = ctx.data / FOLDER
    frame = read_table(ctx, folder / LINES, schemas / "lines.schema.json")
    if frame is None or not _budget_rows(ctx, budget, frame):
        return None
    if (folder / CONTRIBUTIONS).exists():
        budget.contributions_file = ctx.rel(folder / CONTRIBUTIONS)
        frame = read_table(ctx, folder / CONTRIBUTIONS, schemas / "contributions.schema.json")
        if frame is None or not _contributions(ctx, kb, budget, frame):
            return None
    return budget


def _check_decisions(ctx: LoadContext, doc: dict, at) -> None:
    """A decision is named once: in 'approved_by', or once in 'decisions'."""
    first = {doc["approved_by"]: ("approved_by", at("approved_by").line)} if doc.get("approved_by") else {}
    for i, ref in enumerate(doc.get("decisions", [])):
        where = at("decisions", i)
        if ref in first:
            field, line = first[ref]
            ctx.problems.add(where.file, where.line, f"the decision '{ref}' is listed twice (first in "
                             f"'{field}' on line {line}). Name each decision once: the one that "
                             "approved the budget in 'approved_by', the others in 'decisions'.")
        else:
            first[ref] = ("decisions", where.line)


def _budget_rows(ctx: LoadContext, budget: Budget, frame: pd.DataFrame) -> bool:
    """Build the rows, check how they nest, then reconcile every printed subtotal and the total."""
    problems, rel = ctx.problems, budget.lines_file
    before = len(problems.items)
    kinds = {}
    for r in frame.to_dict("records"):
        origin = Origin(rel, r["_line"])
        row = Row(id=r["id"], kind=r["kind"], label=Text(en=r["label_en"], es=r["label_es"]),
                  parent=r["parent"], printed=_cents(r["amount"], rel, origin.line, problems),
                  origin=origin)
        if not (row.label.en or row.label.es):
            problems.add(rel, origin.line, "this row has no label. Copy the Spanish and English "
                         "labels from the source (label_es, label_en); leave one empty only when "
                         "the source prints none.")
        if row.kind != "group" and r["amount"] is None:
            problems.add(rel, origin.line, f"this {row.kind} has no amount. Copy it from the source.")
        if row.parent:
            parent_kind = kinds.get(row.parent)
            if parent_kind is None:
                problems.add(rel, origin.line, f"this row belongs to the group '{row.parent}', which "
                             "comes after it. Move the group's row above the rows it contains.")
            elif parent_kind != "group":
                problems.add(rel, origin.line, f"this row belongs to '{row.parent}', but that row is "
                             f"a {parent_kind}, not a group. Fix the parent, or make '{row.parent}' "
                             "a group.")
            else:
                row.level = budget.row(row.parent).level + 1
        if row.kind == "subtotal" and not row.parent:
            problems.add(rel, origin.line, "this subtotal does not say which group it adds up. Put "
                         "the group's id in the column 'parent'.")
        if row.kind == "total":
            if row.parent:
                problems.add(rel, origin.line, "the total adds up the whole budget, so it belongs "
                             "to no group. Leave its 'parent' empty.")
            if any(x.kind == "total" for x in budget.rows):
                problems.add(rel, origin.line, "this file has two total rows. Keep the one the "
                             "source prints under the whole table.")
        kinds[row.id] = row.kind
        budget.rows.append(row)
    if not any(x.kind == "total" for x in budget.rows):
        problems.add(rel, int(frame["_line"].max()) if len(frame) else 1, "there is no total row. Add "
                     "the total the source prints under the table as the last row, e.g. "
                     "total,,total,Total,Total,306500.00.")
    if len(problems.items) > before:
        return False
    _reconcile(budget, problems)
    return len(problems.items) == before


def _reconcile(budget: Budget, problems) -> None:
    """Add up the lines of every group with pandas, in cents so the sums are exact, and compare
    them with what the source prints."""
    import pandas as pd
    by_id = {r.id: r for r in budget.rows}
    rows = pd.DataFrame([{"id": r.id, "kind": r.kind, "parent": r.parent, "cents": r.printed}
                         for r in budget.rows])
    lines = rows[rows["kind"] == "line"].astype({"cents": "int64"})
    # Each line counts towards its group and every group above it.
    covers = []
    for parent, cents in lines[["parent", "cents"]].itertuples(index=False):
        while isinstance(parent, str) and parent:    # pandas gives a top-level line NaN, not None
            covers.append((parent, cents))
            parent = by_id[parent].parent
    sums = pd.DataFrame(covers, columns=["group", "cents"]).astype({"cents": "int64"}) \
        .groupby("group")["cents"].sum()
    budget.total = int(lines["cents"].sum())
    for row in budget.rows:
        if row.kind == "line":
            row.value = row.printed
        elif row.kind == "group":
            row.value = int(sums.get(row.id, 0))
        elif row.kind == "subtotal":
            row.value = int(sums.get(row.parent, 0))
        else:
            row.value = budget.total
        row.share = share_of(row.value, budget.total)
        if row.printed is None or row.printed == row.value or row.kind == "line":
            continue
        if row.kind == "total":
            problems.add(row.origin.file, row.origin.line, f"the lines of the budget add up to "
                         f"{money(row.value)}, but the total printed in the source is "
                         f"{money(row.printed)}. Check the amounts, and that each line names its "
                         "group in the column 'parent'.")
        else:
            group = by_id[row.parent] if row.kind == "subtotal" else row
            what = "the subtotal printed in the source" if row.kind == "subtotal" else \
                "the amount the source prints for this group"
            problems.add(row.origin.file, row.origin.line, f"the lines of '{label(group.label)}' "
                         f"add up to {money(row.value)}, but {what} is {money(row.printed)}. Check "
                         "the amounts of these lines.")


def _contributions(ctx: LoadContext, kb: KnowledgeBase, budget: Budget, frame: pd.DataFrame) -> bool:
    problems, rel = ctx.problems, budget.contributions_file
    before = len(problems.items)
    countries = [e.id for e in kb.entities.values() if e.kind == "country"]
    for r in frame.to_dict("records"):
        line, country = r["_line"], r["country"]
        cents = _cents(r["amount"], rel, line, problems)
        if r["kind"] == "total":
            if country:
                problems.add(rel, line, "the total row belongs to no country. Leave its 'country' "
                             "empty.")
            if budget.contributions_printed:
                problems.add(rel, line, "this file has two total rows. Keep the one the source "
                             "prints under the table.")
            budget.contributions_printed = PrintedTotal(cents, Origin(rel, line))
            continue
        entity = kb.entities.get(country) if country else None
        if not country:
            problems.add(rel, line, "this contribution does not say which country makes it. Put the "
                         "country's id in the column 'country', e.g. costa-rica.")
        elif entity is None:
            guess = difflib.get_close_matches(country, countries, n=1, cutoff=0.5)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            problems.add(rel, line, f"the country '{country}' is not in "
                         f"data/entities/countries.yaml{hint}. Use the country's id.")
        elif entity.kind != "country":
            problems.add(rel, line, f"'{country}' is not a country (it is in data/entities/ as a "
                         f"{entity.kind}). Only member countries contribute to this budget.")
        elif not any(s.role == "member" for s in entity.statuses):
            problems.add(rel, line, f"'{country}' is not a member country of the RCM: "
                         "data/entities/countries.yaml gives it no member status, and only member "
                         "countries contribute to the Technical Secretariat budget. Check the "
                         "country against the source.")
        elif cents is not None:
            budget.contributions.append(Contribution(country, cents, Origin(rel, line)))
    if len(problems.items) > before:
        return False
    import pandas as pd
    amounts = pd.Series([c.amount for c in budget.contributions], dtype="int64")
    added = int(amounts.sum())
    printed = budget.contributions_printed
    last = Origin(rel, int(frame["_line"].max()) if len(frame) else 1)
    if printed and printed.amount != added:
        problems.add(rel, printed.origin.line, f"the contributions add up to {money(added)}, but "
                     f"the total printed in the source is {money(printed.amount)}. Check the "
                     "amounts of the contributions.")
    elif added != budget.total:
        where = printed.origin if printed else last
        problems.add(rel, where.line, f"the contributions add up to {money(added)}, but the budget "
                     f"in {budget.lines_file} totals {money(budget.total)}. The contributions must "
                     "cover the budget exactly: check both tables against the source.")
    for c, share in zip(budget.contributions, amounts.map(lambda a: share_of(a, added))):
        c.share = share
    return len(problems.items) == before


def _cents(value: Decimal | None, rel: str, line: int, problems) -> int | None:
    if value is None:
        return None
    cents = value * 100
    if cents != cents.to_integral_value():
        problems.add(rel, line, f"the amount {value} has more than two decimals. Amounts are written "
                     "with at most two decimals (the cents): copy it from the source again.")
        return None
    return int(cents)
