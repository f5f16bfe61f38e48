"""The calendar of commitments (iCalendar, RFC 5545): one all-day event per commitment whose text
gives a date, spanning the period the text names, linking to the clause. Built from the model
only, so two builds of the same data give the same bytes."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from .followup import Commitment, edtf_bounds, of
from .i18n import t
from .model import KnowledgeBase

PRODID = "-//RCM Knowledge Base//Commitments//EN"


def _stamp(kb: KnowledgeBase, c: Commitment) -> dt.datetime:
    """When the event's information last changed: the latest status date, else the declaration's
    date. Never the time of the build."""
    d = kb.declaration(c.declaration)
    day = c.latest.as_of if c.latest else (d.meeting.end or d.meeting.start)
    start, _ = edtf_bounds(day)
    return dt.datetime(start.year, start.month, start.day, tzinfo=dt.timezone.utc)


def calendar(kb: KnowledgeBase, site_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("calendar.name"))
    for c in of(kb).items:
        if not c.due:
            continue     # the text gives no date: nothing is guessed
        d = kb.declaration(c.declaration)
        start, end = edtf_bounds(c.due)
        url = f"{site_url}{d.path}#decision-{c.decision}"
        event = Event()
        event.add("uid", f"{c.id}@commitments.rcm-kb")
        event.add("dtstamp", _stamp(kb, c))
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", t("calendar.summary", ordinal=d.ordinal, number=c.decision,
                               due=c.due_text))
        event.add("description", "\n\n".join([
            c.clause.strip(),
            t("calendar.due", words=c.due_words),
            t("calendar.status", status=c.status_words),
            url]))
        event.add("url", url)
        event.add("categories", [t("page.commitments")])
        cal.add_component(event)
    return cal.to_ical()
