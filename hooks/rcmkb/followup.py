"""Commitments as the engine models them: what a decision asks someone to do, and the follow-up
statuses sources give it. The commitments domain loads them; pages, feeds, the calendar and the
open data read them from kb.parts["commitments"]."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .i18n import t
from .model import KnowledgeBase, Origin, Text

NOT_RECORDED = "not recorded"
STATUSES = (NOT_RECORDED, "in progress", "done", "superseded", "dropped")
PATH = "commitments/"      # the Commitments page; each commitment's anchor is its id


def normal(text: str) -> str:
    """Text with white space collapsed and Markdown list marks dropped, for word-for-word checks."""
    return " ".join(re.sub(r"(?m)^\s*[-*]\s+", "", text).split())


# ---------------------------------------------------------------------------------------------
# Model

@dataclass
class FollowUp:
    """One status a source gives a commitment, as of a date."""
    status: str
    as_of: str
    source: str | None = None        # a source id
    locator: str | None = None       # where in the source
    decision: str | None = None      # a later decision, e.g. xxii/5
    superseded_by: str | None = None
    quote: str | None = None
    note: Text | None = None
    origin: Origin | None = None


@dataclass
class Commitment:
    id: str
    declaration: str                 # declaration id, e.g. xxi
    decision: int
    asked: list[str]
    clause: str
    asked_as: str | None = None
    due: str | None = None           # EDTF
    due_text: str | None = None
    recurrence: str | None = None
    follow_up: list[FollowUp] = field(default_factory=list)
    note: Text | None = None
    supersedes: list[str] = field(default_factory=list)   # derived from the others' superseded_by
    whole_decision: bool = False     # the clause is the decision's whole text
    origin: Origin | None = None

    @property
    def clause_plain(self) -> str:
        return normal(self.clause)

    @property
    def status_words(self) -> str:
        return status_words(self.status)

    @property
    def due_words(self) -> str:
        return due_words(self)

    @property
    def status(self) -> str:
        return self.follow_up[-1].status if self.follow_up else NOT_RECORDED

    @property
    def latest(self) -> FollowUp | None:
        return self.follow_up[-1] if self.follow_up else None

    @property
    def decision_ref(self) -> str:
        return f"{self.declaration}/{self.decision}"

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def due_year(self) -> str | None:
        return self.due[:4] if self.due else None


@dataclass
class Commitments:
    """Every commitment, in declaration then decision order, and the ways pages look them up."""
    items: list[Commitment] = field(default_factory=list)

    def by_id(self) -> dict[str, Commitment]:
        return {c.id: c for c in self.items}

    def of_decision(self, declaration: str, number: int) -> list[Commitment]:
        return [c for c in self.items if c.declaration == declaration and c.decision == number]

    def of_entity(self, entity_id: str) -> list[Commitment]:
        return [c for c in self.items if entity_id in c.asked]


def of(kb: KnowledgeBase) -> Commitments:
    return kb.parts.setdefault("commitments", Commitments())


# ---------------------------------------------------------------------------------------------
# Dates: the EDTF subset the data uses (year, month, day; quarters 33-36, semesters 40-41)

_SUB_YEAR = {33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12), 40: (1, 6), 41: (7, 12)}


def edtf_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first day and the day after the last day that the EDTF value covers; None if invalid."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        second = int(parts[1])
        if len(parts) == 2 and second in _SUB_YEAR:
            first, last = _SUB_YEAR[second]
        elif len(parts) == 2 and 1 <= second <= 12:
            first = last = second
        elif len(parts) == 3:
            day = dt.date(year, second, int(parts[2]))
            return day, day + dt.timedelta(days=1)
        else:
            return None
        end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
        return dt.date(year, first, 1), end
    except ValueError:
        return None


def edtf_words(value: str) -> str:
    """An EDTF value in plain English: 'March 2017', 'the first quarter of 2017', '2017'."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    second = int(parts[1])
    if len(parts) == 2 and second in _SUB_YEAR:
        return t(f"commitment.period.{second}", year=parts[0])
    start, _ = edtf_bounds(value)
    return f"{start:%B %Y}" if len(parts) == 2 else f"{start.day} {start:%B %Y}"


# ---------------------------------------------------------------------------------------------
# Words: the status and the due date as a reader sees them

def status_words(status: str) -> str:
    return t("commitment.status." + status.replace(" ", "-"))


def due_words(c: "Commitment") -> str:
    if c.due:
        return t("commitment.due_as", words=c.due_text, date=edtf_words(c.due))
    if c.recurrence:
        return t("commitment.recurrence." + c.recurrence)
    return t("commitment.no_date")
