"""Dates with their uncertainty, written in EDTF (ISO 8601-2, levels 0 and 1): a date at the
precision a source gives (2016, 2016-11, 2016-11-17), qualified when it is approximate (2013~) or
uncertain (2013?), and intervals (2016-11-17/2016-11-18, 2015~/2016~, open: 2013-02-21/..).
The data and the exports keep the EDTF string; pages show it in words."""
from __future__ import annotations

import datetime as dt
import re

from .i18n import t

_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%])?$")
PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?[~?%]?|\.\.)?(/(\d{4}(-\d{2}(-\d{2})?)?[~?%]?|\.\.)?)?$"
HINT = ("an EDTF date (ISO 8601-2) at the precision the source gives: 2016-11-17, 2016-11 or 2016; "
        "2013~ for 'about 2013', 2013? for 'perhaps 2013', 2016-11-17/2016-11-18 for a span, "
        "2015~/2016~ for 'about 2015-2016'")


def _one(value: str):
    """(first day, precision, qualifier) of one EDTF date, or None if it is not a real date."""
    m = _DATE.match(value)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"] or 1), int(m["d"] or 1)
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    precision = "day" if m["d"] else "month" if m["m"] else "year"
    return day, precision, m["q"] or ""


def problem(value: str) -> str | None:
    """Why `value` is not a usable EDTF date, in a maintainer's words; None when it is."""
    parts = value.split("/")
    if len(parts) > 2 or not value:
        return f"'{value}' is not a date. Write {HINT}."
    if len(parts) == 2 and parts[0] in ("", "..") and parts[1] in ("", ".."):
        return f"'{value}' has neither a start nor an end. Write {HINT}."
    parsed = []
    for part in parts:
        if part in ("", "..") and len(parts) == 2:
            parsed.append(None)
            continue
        one = _one(part)
        if one is None:
            return f"'{part}' is not a real date. Write {HINT}."
        parsed.append(one)
    if len(parsed) == 2 and all(parsed) and _last_day(parsed[1]) < parsed[0][0]:
        return f"'{value}' ends before it starts. Swap the two dates, or fix one of them."
    return None


def _last_day(one) -> dt.date:
    day, precision, _ = one
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def _plain(one) -> str:
    day, precision, _ = one
    return {"year": f"{day.year}", "month": f"{day:%B} {day.year}",
            "day": f"{day.day} {day:%B} {day.year}"}[precision]


_QUALIFIER = {"~": "date.approximate", "?": "date.uncertain", "%": "date.approximate_uncertain"}


def _qualified(qualifier: str, text: str, lang: str) -> str:
    return t(_QUALIFIER[qualifier], lang, date=text) if qualifier else text


def words(value: str, lang: str = "en") -> str:
    """The date in words, keeping its uncertainty: 'about 2013', '17-18 November 2016',
    'about 2015-2016', 'after 21 February 2013'."""
    parts = value.split("/")
    if len(parts) == 1:
        one = _one(value)
        return _qualified(one[2], _plain(one), lang)
    a = _one(parts[0]) if parts[0] not in ("", "..") else None
    b = _one(parts[1]) if parts[1] not in ("", "..") else None
    if a is None:
        return t("date.before", lang, date=words(parts[1], lang))
    if b is None:
        return t("date.after", lang, date=words(parts[0], lang))
    if a[2] == b[2]:            # one qualifier for the whole span
        if a[1] == b[1] == "day" and (a[0].year, a[0].month) == (b[0].year, b[0].month):
            span = f"{a[0].day}-{b[0].day} {a[0]:%B} {a[0].year}"
        elif a[1] == b[1] == "year":
            span = f"{a[0].year}-{b[0].year}"
        else:
            span = t("date.span", lang, start=_plain(a), end=_plain(b))
        return _qualified(a[2], span, lang)
    return t("date.span", lang, start=words(parts[0], lang), end=words(parts[1], lang))


def start_year(value: str) -> int | None:
    """The first year a date or span can fall in, for sorting; None for an open start."""
    first = value.split("/")[0]
    one = _one(first) if first not in ("", "..") else None
    return one[0].year if one else None
