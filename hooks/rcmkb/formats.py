"""How the site writes dates, numbers and money, in one place: 1996, March 1996, 17-18 November
2016; US$306,500.00; 25.7%; and the roman numerals of declarations."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

SHOWN = Decimal("0.1")                             # shares are shown to one decimal: 25.7%
EXPORTED = Decimal("0.0001")                       # and exported to four: 25.7227


# ---------------------------------------------------------------------------------------------
# Dates, at the precision the source gives them: YYYY, YYYY-MM or YYYY-MM-DD.

def real_date(value: str) -> dt.date | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date stands for; None if it is not a date."""
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(value))
    try:
        return dt.datetime.strptime(value, fmt).date() if fmt else None
    except ValueError:
        return None


def when(start: str, end: str | None = None) -> str:
    """A date or span in words, at the precision the source gives: 1996, March 1996, 17-18
    November 2016."""
    def one(value: str) -> str:
        d = real_date(value)
        return {4: f"{d.year}", 7: f"{d:%B} {d.year}", 10: f"{d.day} {d:%B} {d.year}"}[len(value)]
    if not end or end == start:
        return one(start)
    a, b = real_date(start), real_date(end)
    if len(start) == len(end) == 10 and (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {a:%B} {a.year}"
    if len(start) == len(end) == 4:
        return f"{start}-{end}"
    return f"{one(start)} - {one(end)}"


def meeting_dates(start: str | None, end: str | None) -> str:
    """A meeting's dates as the source gives them, at the precision it gives them."""
    def one(value: str) -> dt.date | None:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    s, e = start, end
    if not s:
        return ""
    if len(s) == 4:
        return s
    if len(s) == 7:
        return dt.date.fromisoformat(s + "-01").strftime("%B %Y")
    a, b = one(s), one(e) if e else None
    if b and b != a:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}-{b.day} {a:%B %Y}"
        return f"{a.day} {a:%B} - {b.day} {b:%B %Y}" if a.year == b.year else f"{a:%-d %B %Y} - {b:%-d %B %Y}"
    return f"{a.day} {a:%B %Y}"


# ---------------------------------------------------------------------------------------------
# Money and shares, in the one format the site uses: US$306,500.00 and 25.7%

def money(cents: int | None) -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}US${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def percent(share: Decimal | None) -> str:
    return "" if share is None else f"{share.quantize(SHOWN, ROUND_HALF_UP)}%"


def exported_share(share: Decimal | None) -> float | None:
    return None if share is None else float(share.quantize(EXPORTED, ROUND_HALF_UP))


def plain_amount(cents: int | None) -> str:
    """Dollars and cents for open data: 306500.00."""
    return "" if cents is None else f"{cents // 100}.{cents % 100:02d}"


# ---------------------------------------------------------------------------------------------
# Roman numerals

def roman(value: str) -> int:
    numerals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(value, value[1:] + " "):
        total += -numerals[a] if numerals.get(b, 0) > numerals[a] else numerals[a]
    return total
