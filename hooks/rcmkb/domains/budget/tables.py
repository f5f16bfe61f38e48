"""Reading a CSV file against its Frictionless Table Schema (data/budget/*.schema.json), with
pandas, imported only when a budget is read. Every cell problem is reported with its line; the
frame keeps each row's line in "_line"."""
from __future__ import annotations

import csv
import difflib
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ... import yamlio
from ...context import LoadContext
from ...validate import read_json

if TYPE_CHECKING:
    import pandas as pd

NUMBER = r"[+-]?\d+(\.\d+)?"                       # a Table Schema bare number, decimalChar "."
MAX_DIGITS = 13                                    # before the dot: cents stay within 64 bits


def read_table(ctx: LoadContext, path: Path, schema_path: Path) -> pd.DataFrame | None:
    """The rows of `path` as text (numbers as Decimal, missing values as None), or None after
    reporting every problem found."""
    problems, rel = ctx.problems, ctx.rel(path)
    schema = read_json(schema_path)
    fields = {f["name"]: f for f in schema["fields"]}
    text = yamlio.read_text(path, rel, problems)
    if text is None or yamlio.forbidden_characters(text, rel, problems):
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
    import pandas as pd
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
        huge = number & text.str.fullmatch(r"[+-]?\d{%d,}(\.\d+)?" % (MAX_DIGITS + 1))
        for line, value in present.loc[huge].itertuples(index=False):
            problems.add(rel, line, f"the {name} {value[:24]}{'...' if len(value) > 24 else ''} has more "
                         f"than {MAX_DIGITS} digits before the dot, far beyond any budget. Copy it from "
                         "the source again.")
        number = number & ~huge
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
