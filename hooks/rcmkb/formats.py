"""How the site writes dates, numbers, money and country names, in one place, through babel (for
the words and separators of each language, CLDR) and roman (for the numerals of declarations), in
the language being rendered: 1996, March 1996, 17-18 November 2016; $306,500.00; 25.7%; XXI in
English, and in Latin American Spanish (es-419) 17–18 de noviembre de 2016; $306,500.00 (the sign
the source prints); 25.7 %. Nothing else in the engine formats these."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import roman as _roman
from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from .i18n import LOCALES, current

# The sign as the budget's source prints it: Annex A prints "$" and names no currency.
MONEY = "'$'#,##0.00;-'$'#,##0.00"

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


def _spanish(start: str, end: str | None) -> str:
    """A date or span as Latin America writes it: 1996, marzo de 1996, 17–18 de noviembre de 2016."""
    def one(value: str) -> str:
        d = real_date(value)
        return {4: lambda: value, 7: lambda: format_skeleton("yMMMM", d, locale=_locale()),
                10: lambda: format_date(d, "long", locale=_locale())}[len(value)]()
    if not end or end == start:
        return one(start)
    if len(start) == len(end) == 4:
        return f"{start}-{end}"
    if len(start) == len(end) == 10:
        return format_interval(real_date(start), real_date(end), "yMMMMd", locale=_locale())
    return f"{one(start)} – {one(end)}"


def when(start: str, end: str | None = None) -> str:
    """A date or span in words, at the precision the source gives: 1996, March 1996, 17-18
    November 2016."""
    if current() != "en":
        return _spanish(start, end)

    def one(value: str) -> str:
        return _date(real_date(value), {4: "y", 7: "MMMM y", 10: "d MMMM y"}[len(value)])
    if not end or end == start:
        return one(start)
    a, b = real_date(start), real_date(end)
    if len(start) == len(end) == 10 and (a.year, a.month) == (b.year, b.month):
        return f"{_date(a, 'd')}-{_date(b, 'd MMMM y')}"
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
    if current() != "en":
        return _spanish(s, e)
    if len(s) == 4:
        return s
    if len(s) == 7:
        return _date(real_date(s), "MMMM y")
    a, b = one(s), one(e) if e else None
    if b and b != a:
        first = "d" if (a.year, a.month) == (b.year, b.month) else "d MMMM" if a.year == b.year else "d MMMM y"
        separator = "-" if first == "d" else " - "
        return f"{_date(a, first)}{separator}{_date(b, 'd MMMM y')}"
    return _date(a, "d MMMM y")


def _locale() -> str:
    return LOCALES[current()]


def _date(value: dt.date, pattern: str) -> str:
    return format_date(value, pattern, locale=_locale())


# ---------------------------------------------------------------------------------------------
# Money and shares, in the one format the site uses: $306,500.00 and 25.7% (25.7 % in Spanish). The sign is the
# source's own: Annex A prints "$" and names no currency, so the site names none either.

def money(cents: int | None) -> str:
    return "" if cents is None else format_decimal(Decimal(cents) / 100, MONEY, locale=_locale())


def percent(share: Decimal | None) -> str:
    """Rounded half up, as a reader rounds: 25.65% shows as 25.7%."""
    if share is None:
        return ""
    shown = format_decimal(share.quantize(SHOWN, ROUND_HALF_UP), "0.0", locale=_locale())
    return shown + ("%" if current() == "en" else "\u00a0%")


def exported_share(share: Decimal | None) -> float | None:
    return None if share is None else float(share.quantize(EXPORTED, ROUND_HALF_UP))


def plain_amount(cents: int | None) -> str:
    """The amount with its cents, for open data: 306500.00."""
    return "" if cents is None else f"{cents // 100}.{cents % 100:02d}"


# ---------------------------------------------------------------------------------------------
# Lists and country names

def and_list(items: list[str]) -> str:
    """'Omoa and San Pedro Sula' / 'Omoa y San Pedro Sula'."""
    if current() == "en":
        return " and ".join(items)
    return format_list(list(items), locale=_locale()) if items else ""


def country_name(code: str, lang: str | None = None) -> str | None:
    """The CLDR name of an ISO 3166 country code, in `lang` (default: the language being rendered)."""
    return Locale.parse(LOCALES[lang or current()]).territories.get(code)


# ---------------------------------------------------------------------------------------------
# Roman numerals

def roman(value: str) -> int | None:
    """The number a Roman numeral in its canonical form stands for (XXI: 21); None for any other
    text, non-canonical forms included (IIII, VX)."""
    try:
        return _roman.fromRoman(value.upper())
    except _roman.RomanError:
        return None


def numeral(number: int) -> str:
    """The canonical Roman numeral of a number: 21 -> XXI."""
    return _roman.toRoman(number)
