"""The budget's model: a year's table of rows as printed, its contributions, and the names of its
files and pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...model import KnowledgeBase, Origin, Text

FOLDER = "budget"                                  # data/budget/<year>/ and /budget/<year>/
LINES, CONTRIBUTIONS, META = "lines.csv", "contributions.csv", "budget.yaml"
DATA_FILES = ("budget-lines.csv", "budget-lines.json", "contributions.csv", "contributions.json")


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
    located: Text | None = None                      # where in the source, e.g. Annex A
    approved_by: str | None = None                   # the decision that approved it, e.g. xxi/3
    decisions: list[str] = field(default_factory=list)   # other decisions about it
    contributions_title: Text | None = None          # the table's title as printed
    editorial_notes: list[Text] = field(default_factory=list)   # the knowledge base's, marked so
    contributions_file: str | None = None            # contributions.csv, when the year has one
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


def share_of(part: int, whole: int) -> Decimal | None:
    return Decimal(part) * 100 / Decimal(whole) if whole else None


def label(text: Text) -> str:
    """'Personal / Staff' as printed, or the one label the source gives."""
    if text.es and text.en and text.es != text.en:
        return f"{text.es} / {text.en}"
    return text.en or text.es or ""
