"""Atom feeds (RFC 4287) made from the data, not from the rendered pages: new declarations, new
decisions, and commitment status changes. Entry ids are derived from permanent references, and
every date comes from the data, so a feed never changes unless the data does."""
from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from . import reuse
from .followup import PATH as COMMITMENTS, of, status_words
from .i18n import t
from .markup import plain
from .model import KnowledgeBase

ATOM = "http://www.w3.org/2005/Atom"
# Entry ids are urn:uuid:s of a name in this namespace: 'declaration/xxi', 'decision/xxi/7',
# 'commitment/xvii-7/status/1'. They never change, wherever the site is published.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://rcm-kb.github.io/knowledge-base/")
FEEDS = ("declarations", "decisions", "commitments")


def entry_id(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def _when(date: str) -> str:
    """An Atom date-time from a data date (YYYY, YYYY-MM or YYYY-MM-DD): its first day, at 00:00 UTC."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _entries(kb: KnowledgeBase, name: str, site_url: str) -> list[dict]:
    out = []
    if name == "declarations":
        for d in kb.declarations:
            date = d.meeting.end or d.meeting.start
            if not date:
                continue
            out.append(dict(id=entry_id(f"declaration/{d.id}"), updated=_when(date),
                            title=f"{d.ordinal} Declaration ({d.year})",
                            link=f"{site_url}{d.path}",
                            summary=" ".join(x for x in [d.title.get() if d.title else "",
                                                        f"“{d.theme.get()}”" if d.theme else ""] if x)))
    elif name == "decisions":
        for d in kb.declarations:
            date = d.meeting.end or d.meeting.start
            if not date:
                continue
            for dec in sorted(d.decisions, key=lambda x: x.number):
                title = t("feed.decision_title", ordinal=d.ordinal, number=dec.number)
                if dec.short_title:
                    title += ": " + dec.short_title.get()
                out.append(dict(id=entry_id(f"decision/{d.id}/{dec.number}"), updated=_when(date),
                                title=title, link=f"{site_url}{d.path}#{dec.anchor}",
                                summary=plain(dec.text.get())))
    else:
        for c in of(kb).items:
            d = kb.declaration(c.declaration)
            for n, f in enumerate(c.follow_up, 1):
                status = status_words(f.status)
                source = kb.sources[f.source].title.get() if f.source else f.decision
                out.append(dict(id=entry_id(f"commitment/{c.id}/status/{n}"), updated=_when(f.as_of),
                                title=t("feed.status_title", ordinal=d.ordinal, number=c.decision,
                                        id=c.id, status=status),
                                link=f"{site_url}{COMMITMENTS}#{c.anchor}",
                                summary=t("feed.status_summary", status=status, as_of=f.as_of,
                                          source=source) + (f" “{f.quote}”" if f.quote else "")))
    out.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    return out


def feed(kb: KnowledgeBase, name: str, site_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    q = lambda tag: f"{{{ATOM}}}{tag}"
    entries = _entries(kb, name, site_url)
    root = ET.Element(q("feed"))
    ET.SubElement(root, q("id")).text = entry_id(f"feed/{name}")
    ET.SubElement(root, q("title")).text = t("feed." + name)
    ET.SubElement(root, q("subtitle")).text = t("feed." + name + ".about")
    dates = [e["updated"] for e in entries] or [
        _when(d.meeting.end or d.meeting.start) for d in kb.declarations if d.meeting.start]
    ET.SubElement(root, q("updated")).text = max(dates) if dates else "1970-01-01T00:00:00Z"
    author = ET.SubElement(root, q("author"))
    ET.SubElement(author, q("name")).text = t("feed.author")
    ET.SubElement(root, q("rights")).text = reuse.rights()
    ET.SubElement(root, q("link"), rel="license", href=reuse.DATA.url)   # RFC 4946
    page = {"declarations": "declarations/", "decisions": "decisions/", "commitments": COMMITMENTS}[name]
    ET.SubElement(root, q("link"), rel="self", type="application/atom+xml",
                  href=f"{site_url}data/feeds/{name}.atom")
    ET.SubElement(root, q("link"), rel="alternate", type="text/html", href=site_url + page)
    for e in entries:
        entry = ET.SubElement(root, q("entry"))
        ET.SubElement(entry, q("id")).text = e["id"]
        ET.SubElement(entry, q("title")).text = e["title"]
        ET.SubElement(entry, q("updated")).text = e["updated"]
        ET.SubElement(entry, q("link"), rel="alternate", type="text/html", href=e["link"])
        ET.SubElement(entry, q("summary")).text = e["summary"]
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def titles() -> list[tuple[str, str]]:
    """(file under /data/, title) of each feed: what pages advertise with <link rel="alternate">."""
    return [(f"feeds/{name}.atom", t("feed." + name)) for name in FEEDS]


def files(kb: KnowledgeBase, site_url: str) -> dict[str, bytes]:
    return {f"feeds/{name}.atom": feed(kb, name, site_url) for name in FEEDS}
