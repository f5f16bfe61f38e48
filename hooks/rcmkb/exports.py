"""Open-data exports that are safe to open in a spreadsheet.

A CSV cell that begins with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula, which can run commands or send data elsewhere ("CSV injection").
Following OWASP's rule, such a cell is written with a single quote (') in front, which
spreadsheets show as text; a cell that is a plain number (-12.50) is left as it is.
"""
from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralize_cell(value: str) -> str:
    if value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralize_csv(content: bytes) -> bytes:
    """The CSV with every formula-like cell neutralized; byte for byte the same when none is."""
    text = content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    fixed = [[neutralize_cell(cell) for cell in row] for row in rows]
    if fixed == rows:
        return content
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(fixed)
    return out.getvalue().encode("utf-8")


def neutralize(datasets) -> None:
    """Neutralize every .csv file of every dataset, in place."""
    for dataset in datasets:
        for name, content in list(dataset.files.items()):
            if name.endswith(".csv"):
                dataset.files[name] = neutralize_csv(content)
