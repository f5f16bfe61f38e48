"""Technical Secretariat budgets and the member countries' contributions: one folder per year in
data/budget/ (budget.yaml, lines.csv, contributions.csv), checked against their Table Schemas and
reconciled to the cent, then a page per year, a section on each contributing country's page, and
open data. A new year is a new folder: no code changes.

    model.py     the rows, contributions and budgets
    tables.py    reading a CSV file against its Table Schema (pandas)
    loading.py   loading each year and reconciling it to the cent (pandas)
    targets.py   what can be cited, and what a budget refers to
    pages.py     the pages, the navigation and the section on country pages
    charts.py    the two bar charts of a year's page
    exports.py   open data
"""
from ..common import no_checks as validate
from .exports import datasets
from .loading import load
from .pages import entity_sections, nav, pages
from .targets import references, targets

__all__ = ["load", "validate", "targets", "references", "pages", "datasets", "nav", "entity_sections"]
