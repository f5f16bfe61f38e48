"""Technical Secretariat budgets and the member countries' contributions: one folder per year in
data/budget/ (budget.yaml, lines.csv, contributions.csv), checked against their Table Schemas and
reconciled to the cent, then a page per year, a section on each contributing country's page, and
open data. A new year is a new folder: no code changes."""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from . import charts, yamlio
from .context import LoadContext
from .i18n import t
from .links import Reference, Target
from .model import KnowledgeBase, Origin, Text
from .render import Dataset, Renderer, relative, to_json

FOLDER = "budget"                                  # data/budget/<year>/ and /budget/<year>/
LINES, CONTRIBUTIONS, META = "lines.csv", "contributions.csv", "budget.yaml"
NUMBER = r"[+-]?\d+(\.\d+)?"                       # a Table Schema bare number, decimalChar "."
SHOWN = Decimal("0.1")                             # shares are shown to one decimal: 25.7%
EXPORTED = Decimal("0.0001")                       # and exported to four: 25.7227
DATA_FILES = ("budget-lines.csv", "budget-lines.json", "contributions.csv", "contributions.json")


# ---------------------------------------------------------------------------------------------
# Model

@dataclass
class Row:
    """A row of the budget table as printed: a group heading, a line, a subtotal or the total."""
    id: str
    kind: str                      # group, line, subtotal, total
    label: Text                    # Spanish and English as printed
    parent: str | None
    printed: int | None            # cents as printed; None for a heading printed without amount
    origin: Origin
    level: int = 0                 # nesting depth: 0 for top-level groups and the total
    value: int = 0                 # cents: a line's amount, or the sum of the lines it covers
    share: Decimal | None = None   # of the budget total, in percent, exact

    @property
    def anchor(self) -> str:
        return f"line-{self.id}"

    @property
    def amount(self) -> int | None:
        """The amount the page shows: the printed one (subtotals and totals are reconciled)."""
        return self.printed


@dataclass
class Contribution:
    country: str
    amount: int                    # cents
    origin: Origin
    share: Decimal | None = None

    @property
    def anchor(self) -> str:
        return f"contribution-{self.country}"


@dataclass
class PrintedTotal:
    """The total the source prints under a table, kept to check the rows against it."""
    amount: int | None             # cents
    origin: Origin


@dataclass
class Budget:
    year: str
    title: Text
    source: str
    origin: Origin                 # budget.yaml
    lines_file: str
    lines_of: dict = field(default_factory=dict)   # field of budget.yaml -> its Origin
    located: Text | None = None
    approved_by: str | None = None
    decisions: list[str] = field(default_factory=list)
    contributions_title: Text | None = None
    contributions_file: str | None = None
    rows: list[Row] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    contributions_printed: PrintedTotal | None = None
    total: int = 0                 # cents, the sum of every line

    @property
    def ref(self) -> str:
        return f"{FOLDER}/{self.year}"

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.year}/"

    def row(self, id_: str) -> Row | None:
        return next((r for r in self.rows if r.id == id_), None)


def budgets(kb: KnowledgeBase) -> list[Budget]:
    """Every year's budget, oldest first."""
    return kb.parts.get(FOLDER, [])


# ---------------------------------------------------------------------------------------------
# Money and shares, in the one format the site uses: US$306,500.00 and 25.7%

def money(cents: int | None) -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}US${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def percent(share: Decimal | None) -> str:
    return "" if share is None else f"{share.quantize(SHOWN, ROUND_HALF_UP)}%"


def _exported(share: Decimal | None) -> float | None:
    return None if share is None else float(share.quantize(EXPORTED, ROUND_HALF_UP))


def _plain_amount(cents: int | None) -> str:
    return "" if cents is None else f"{cents // 100}.{cents % 100:02d}"


def _share(part: int, whole: int) -> Decimal | None:
    return Decimal(part) * 100 / Decimal(whole) if whole else None


def _label(text: Text) -> str:
    """'Personal / Staff' as printed, or the one label the source gives."""
    if text.es and text.en and text.es != text.en:
        return f"{text.es} / {text.en}"
    return text.en or text.es or ""


# ---------------------------------------------------------------------------------------------
# Reading a CSV file against its Frictionless Table Schema (data/budget/*.schema.json), with pandas.
# Every cell problem is reported with its line; the frame keeps each row's line in "_line".

def read_table(ctx: LoadContext, path: Path, schema_path: Path) -> pd.DataFrame | None:
    """The rows of `path` as text (numbers as Decimal, missing values as None), or None after
    reporting every problem found."""
    problems, rel = ctx.problems, ctx.rel(path)
    schema = json.loads(schema_path.read_text("utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    text = yamlio.read_text(path, rel, problems)
    if text is None:
        return None
    records, start = [], 1
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                records.append((start, [c.strip() for c in cells]))
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(rel, reader.line_num, f"this line cannot be read as CSV ({error}). Check the "
                     "double quotes: a label that contains a comma must be written in double quotes.")
        return None
    columns = ", ".join(fields)
    if not records:
        problems.add(rel, 1, f"this file is empty. Its first line must name the columns: {columns}.")
        return None
    header_line, header = records[0]
    before = len(problems.items)
    for name in header:
        if name not in fields:
            guess = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
            fix = f"did you mean '{guess[0]}'?" if guess else f"the columns are: {columns}"
            problems.add(rel, header_line, f"unknown column '{name}' ({fix}). Fix its name in "
                         "the first line, or remove the column.")
        elif header.count(name) > 1:
            problems.add(rel, header_line, f"the column '{name}' appears twice in the first line. "
                         "Keep one of them.")
    for name in fields:
        if name not in header:
            problems.add(rel, header_line, f"the column '{name}' is missing from the first line. "
                         f"The columns are: {columns}.")
    if len(problems.items) > before:
        return None
    rows = []
    for line, cells in records[1:]:
        if len(cells) != len(header):
            problems.add(rel, line, f"this row has {len(cells)} cells, but the first line names "
                         f"{len(header)} columns ({', '.join(header)}). Check for a missing or extra "
                         "comma: write amounts without thousands separators (150000.00, not "
                         "150,000.00), and put a label that contains a comma in double quotes.")
            continue
        rows.append([line, *cells])
    frame = pd.DataFrame(rows, columns=["_line", *header], dtype=object)
    missing_values = schema.get("missingValues", [""])
    for name, spec in fields.items():
        _check_field(frame, name, spec, set(schema.get("primaryKey", [])), missing_values, rel, problems)
    for key in schema.get("foreignKeys", []):
        if not key["reference"].get("resource"):      # a reference to this same table
            _check_self_reference(frame, key["fields"][0], key["reference"]["fields"][0],
                                  missing_values, rel, problems)
    if len(problems.items) > before:
        return None
    for name, spec in fields.items():
        frame[name] = pd.Series([None if v in missing_values else Decimal(v) if spec["type"] == "number"
                                 else v for v in frame[name]], index=frame.index, dtype=object)
    return frame


def _check_field(frame, name, spec, primary_key, missing_values, rel, problems) -> None:
    rules = spec.get("constraints", {})
    example = f", e.g. {spec['example']}" if "example" in spec else ""
    missing = frame[name].isin(missing_values)
    if rules.get("required") or name in primary_key:
        for line in frame.loc[missing, "_line"]:
            problems.add(rel, line, f"the column '{name}' is empty on this row. Fill it in{example}.")
    present = frame.loc[~missing, ["_line", name]]
    if present.empty:
        return
    text = present[name].astype(str)
    if spec["type"] == "number":
        number = text.str.fullmatch(NUMBER)
        for line, value in present.loc[~number].itertuples(index=False):
            problems.add(rel, line, f"'{value}' in the column '{name}' is not a plain number. Write it "
                         f"with digits and a dot before the cents, without $ or thousands "
                         f"separators{example}.")
        if "minimum" in rules:
            numbers = present.loc[number]
            low = numbers[name].map(Decimal) < Decimal(str(rules["minimum"]))
            for line, value in numbers.loc[low].itertuples(index=False):
                problems.add(rel, line, f"the {name} {value} is negative, but an {name} in this table "
                             "cannot be negative. Copy it from the source again."
                             if rules["minimum"] == 0 else
                             f"the {name} {value} is below the lowest allowed, {rules['minimum']}.")
    if "enum" in rules:
        for line, value in present.loc[~text.isin(rules["enum"])].itertuples(index=False):
            guess = difflib.get_close_matches(value, rules["enum"], n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            problems.add(rel, line, f"'{value}' in the column '{name}' is not allowed ({hint}use one "
                         "of: " + ", ".join(rules["enum"]) + ").")
    if "pattern" in rules:
        for line, value in present.loc[~text.str.fullmatch(rules["pattern"])].itertuples(index=False):
            problems.add(rel, line, f"'{value}' in the column '{name}' is not an id: use lower-case "
                         f"letters, digits and single hyphens{example}.")
    if rules.get("unique") or name in primary_key:
        first = present.drop_duplicates(subset=name).set_index(name)["_line"]
        for line, value in present.loc[text.duplicated(keep="first")].itertuples(index=False):
            problems.add(rel, line, f"'{value}' appears twice in the column '{name}' (first on line "
                         f"{first[value]}). Each row needs its own {name}.")


def _check_self_reference(frame, name, target, missing_values, rel, problems) -> None:
    known = list(frame[target])
    refs = frame.loc[~frame[name].isin(missing_values) & ~frame[name].isin(known), ["_line", name]]
    for line, value in refs.itertuples(index=False):
        guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        problems.add(rel, line, f"the {name} '{value}' is not the {target} of any row in this "
                     f"file{hint}. Fix the id.")


def _cents(value: Decimal | None, rel: str, line: int, problems) -> int | None:
    if value is None:
        return None
    cents = value * 100
    if cents != cents.to_integral_value():
        problems.add(rel, line, f"the amount {value} has more than two decimals. Amounts are in "
                     "dollars and cents: copy it from the source again.")
        return None
    return int(cents)


# ---------------------------------------------------------------------------------------------
# Loading: every data/budget/<year>/ folder; a year with a problem is reported and left out.

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    found = []
    folder = ctx.data / FOLDER
    for year_dir in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        if not re.fullmatch(r"\d{4}", year_dir.name):
            ctx.problems.add(ctx.rel(year_dir), 0, "a budget folder is named by its year, for "
                             f"example data/{FOLDER}/2018. Rename this folder.")
            continue
        budget = _load_year(ctx, kb, year_dir)
        if budget:
            found.append(budget)
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
    if doc["source"] not in kb.sources:
        problems.add(ctx.rel(meta_path), ctx.origin(meta_path, lines, ("source",)).line,
                     f"the source '{doc['source']}' is not in data/sources.yaml. Add it there, or "
                     "fix the id.")
    budget = Budget(
        year=folder.name, title=Text.of(doc["title"]), source=doc["source"],
        origin=ctx.origin(meta_path, lines, ()), lines_file=ctx.rel(folder / LINES),
        located=Text.of(doc.get("located")), approved_by=doc.get("approved_by"),
        decisions=doc.get("decisions", []), contributions_title=Text.of(doc.get("contributions_title")),
        lines_of={key: ctx.origin(meta_path, lines, (key,)) for key in doc})
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
    by_id = {r.id: r for r in budget.rows}
    rows = pd.DataFrame([{"id": r.id, "kind": r.kind, "parent": r.parent, "cents": r.printed}
                         for r in budget.rows])
    lines = rows[rows["kind"] == "line"].astype({"cents": "int64"})
    # Each line counts towards its group and every group above it.
    covers = []
    for parent, cents in lines[["parent", "cents"]].itertuples(index=False):
        while parent:
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
        row.share = _share(row.value, budget.total)
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
            problems.add(row.origin.file, row.origin.line, f"the lines of '{_label(group.label)}' "
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
    for c, share in zip(budget.contributions, amounts.map(lambda a: _share(a, added))):
        c.share = share
    return len(problems.items) == before


# ---------------------------------------------------------------------------------------------
# Cross-references: each year, each row and each contribution is citable; a contribution refers
# to its country, so the country's page lists it.

def year_target(b: Budget) -> Target:
    return Target(b.ref, b.path, None, t("budget.year_title", year=b.year), "budget", t("budget.backlink_group"),
                  f"{_label(b.title)}: {money(b.total)}")


def row_target(b: Budget, row: Row) -> Target:
    label = t("budget.row_label", year=b.year, label=_label(row.label))
    preview = f"{_label(row.label)}: {money(row.value)} ({percent(row.share)})"
    return Target(f"{b.ref}/{row.anchor}", b.path, row.anchor, label, "budget-line", t("budget.backlink_group"), preview)


def contribution_target(kb: KnowledgeBase, b: Budget, c: Contribution) -> Target:
    name = kb.entities[c.country].name.get()
    label = t("budget.contribution_label", year=b.year, country=name)
    return Target(f"{b.ref}/{c.anchor}", b.path, c.anchor, label, "budget-contribution", t("budget.backlink_group"),
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
        if b.approved_by:
            yield Reference(whole, b.approved_by, b.lines_of["approved_by"], "'approved_by'")
        for ref in b.decisions:
            yield Reference(whole, ref, b.lines_of["decisions"], "'decisions'")
        for c in b.contributions:
            yield Reference(contribution_target(kb, b, c), c.country, c.origin,
                            "the contribution on this row")


# ---------------------------------------------------------------------------------------------
# Pages: the list of years (comparing them line by line once there are two), and a page per year.

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


def _adds_up(shares) -> bool:
    """Whether the shares as shown, rounded, still add up to 100%."""
    return sum(Decimal(percent(s)[:-1]) for s in shares) == 100


def pages(kb: KnowledgeBase, r: Renderer):
    years = budgets(kb)
    common = dict(money=money, percent=percent, label=_label)
    for b in years:
        leaves = [row.share for row in b.rows if row.kind == "line"]
        yield r.page(
            "budget_year.md.j2", b.path, t("budget.year_title", year=b.year), edit=b.lines_file,
            b=b, source=kb.sources[b.source], sections=_sections(b),
            total=next(row for row in b.rows if row.kind == "total"),
            decisions=[r.index.targets[ref] for ref in ([b.approved_by] if b.approved_by else []) + b.decisions],
            group_chart=charts.bar_chart("budget-by-group-chart", t("budget.chart_groups_title", year=b.year),
                                         t("budget.chart_groups_desc", total=money(b.total)), _group_bars(b)),
            country_chart=charts.bar_chart(
                "contributions-by-country-chart", t("budget.chart_countries_title", year=b.year),
                t("budget.chart_countries_desc", total=money(sum(c.amount for c in b.contributions))),
                _country_bars(kb, b)) if b.contributions else None,
            contributions_total=(b.contributions_printed.amount if b.contributions_printed
                                 else sum(c.amount for c in b.contributions)),
            hundred=Decimal(100), lines_add_up=_adds_up(leaves),
            contributions_add_up=_adds_up(c.share for c in b.contributions),
            files=DATA_FILES, **common)
    yield r.page("budget_index.md.j2", f"{FOLDER}/", t("budget.index_title"), edit=f"data/{FOLDER}/",
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
    items += [(b.year, f"{b.path}index.md") for b in reversed(budgets(kb))]
    return {f"{FOLDER}/index.md": items}


# ---------------------------------------------------------------------------------------------
# Country pages: what the country contributes, year by year.

def entity_section(kb: KnowledgeBase, r: Renderer):
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
    return section


# ---------------------------------------------------------------------------------------------
# Open data: every row of every year's budget and every contribution, with shares, as CSV and JSON.

def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["year"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def _json(rows: list[dict]) -> bytes:
    """Amounts become JSON numbers (dollars with cents); empty cells become null."""
    return to_json([{k: (float(v) if k in ("amount", "sum") else v) if v != "" else None
                     for k, v in row.items()} for row in rows])


def datasets(kb: KnowledgeBase, r: Renderer):
    lines, contributions = [], []
    for b in budgets(kb):
        source = kb.sources[b.source].title.get()
        for row in b.rows:
            lines.append({
                "year": int(b.year), "id": row.id, "parent": row.parent, "kind": row.kind,
                "level": row.level, "label_es": row.label.es, "label_en": row.label.en,
                "amount": _plain_amount(row.printed), "sum": _plain_amount(row.value),
                "share_percent": _exported(row.share), "url": f"/{b.path}#{row.anchor}",
                "source": source})
        for c in b.contributions:
            contributions.append({
                "year": int(b.year), "country": c.country,
                "country_name": kb.entities[c.country].name.get(), "amount": _plain_amount(c.amount),
                "share_percent": _exported(c.share), "url": f"/{b.path}#{c.anchor}", "source": source})
    yield Dataset("budget-lines", t("budget.dataset_lines_title"), t("budget.dataset_lines_desc"),
                  {DATA_FILES[0]: _csv(lines), DATA_FILES[1]: _json(lines)})
    yield Dataset("contributions", t("budget.dataset_contributions_title"),
                  t("budget.dataset_contributions_desc"),
                  {DATA_FILES[2]: _csv(contributions), DATA_FILES[3]: _json(contributions)})
