"""Akoma Ntoso 3.0 (OASIS LegalDocML) export: one <statement name="declaration"> per declaration
whose text the knowledge base holds, at /data/akn/<id>.xml. FRBR identifiers follow README.md
('Akoma Ntoso'); each eId is the item's anchor on its declaration page, so the two never drift."""
from __future__ import annotations

import datetime as dt
import os
from xml.etree import ElementTree as ET

from .formats import money
from .markup import blocks
from .model import Declaration, KnowledgeBase

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
EDITOR = "rcm-kb"
# The kind of TLC (Top Level Class) each kind of entity is in the references block.
TLC = {"country": "TLCOrganization", "organization": "TLCOrganization", "body": "TLCOrganization",
       "document": "TLCObject", "topic": "TLCConcept"}
LANGUAGES = {"en": "eng", "es": "spa"}


def work_uri(d: Declaration) -> str:
    """The declaration's FRBR Work URI: /akn/int/statement/declaration/rcm/<year>/<id>."""
    return f"/akn/int/statement/declaration/rcm/{d.year}/{d.id}"


def exportable(d: Declaration) -> bool:
    """A declaration with text and a known first day of its meeting (FRBR dates are full dates)."""
    return bool((d.preamble or d.decisions) and d.meeting.start and len(d.meeting.start) == 10)


def _q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _frbr(parent, level: str, this: str, uri: str, date: str, author: str, **extra) -> None:
    el = _sub(parent, level)
    _sub(el, "FRBRthis", value=this)
    _sub(el, "FRBRuri", value=uri)
    for name, value in extra.get("aliases", []):
        _sub(el, "FRBRalias", value=value, name=name)
    _sub(el, "FRBRdate", date=date, name=extra.get("date_name", "meeting"))
    _sub(el, "FRBRauthor", href=f"#{author}")
    if "country" in extra:
        _sub(el, "FRBRcountry", value=extra["country"])
    if "number" in extra:
        _sub(el, "FRBRnumber", value=extra["number"])
    if "language" in extra:
        _sub(el, "FRBRlanguage", language=extra["language"])


def _generated(d: Declaration) -> tuple[str, str]:
    """The manifestation's date: SOURCE_DATE_EPOCH's day when set (reproducible builds), else the
    meeting's first day. Never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
        return day, "generation"
    return d.meeting.start, "meeting"


def _content(parent, text: str, eid: str) -> None:
    """A data text's paragraphs and lists as AKN blocks."""
    lists = 0
    for kind, items in blocks(text):
        if kind == "ul":
            lists += 1
            block = _sub(parent, "blockList", eId=f"{eid}__list_{lists}")
            for n, item in enumerate(items, 1):
                _sub(_sub(block, "item", eId=f"{eid}__list_{lists}__item_{n}"), "p", item)
        else:
            _sub(parent, "p", items[0])


def _refers(kb: KnowledgeBase, refs) -> str | None:
    ids = [r for r in dict.fromkeys(refs) if r in kb.entities]
    return " ".join(f"#{r}" for r in ids) or None


def _budgets(kb: KnowledgeBase, refs) -> list:
    """The budgets (of kb.parts) that references such as budget/2017 name."""
    years = {ref.split("/", 1)[1] for ref in refs if ref.startswith("budget/")}
    # The budget domain loads each year's budget into kb.parts["budget"], oldest first.
    return [b for b in kb.parts.get("budget", []) if b.year in years]


def _budget_table(kb: KnowledgeBase, parent, b, eid: str) -> None:
    table = _sub(parent, "table", eId=f"{eid}__table_1")
    head = _sub(table, "tr")
    for label in ("Presupuesto / Budget", "$"):
        _sub(_sub(head, "th"), "p", label)
    for row in b.rows:
        tr = _sub(table, "tr", class_=row.kind)
        label = " / ".join(x for x in (row.label.es, row.label.en) if x)
        _sub(_sub(tr, "td"), "p", label)
        _sub(_sub(tr, "td"), "p", money(row.amount) if row.amount is not None else "")
    if b.contributions:
        table = _sub(parent, "table", eId=f"{eid}__table_2")
        head = _sub(table, "tr")
        for label in (b.contributions_title.get() if b.contributions_title else "Contributions", "$"):
            _sub(_sub(head, "th"), "p", label)
        for c in b.contributions:
            tr = _sub(table, "tr")
            _sub(_sub(tr, "td", refersTo=f"#{c.country}"), "p", kb.entities[c.country].name.get())
            _sub(_sub(tr, "td"), "p", money(c.amount))


def document(kb: KnowledgeBase, d: Declaration) -> bytes:
    ET.register_namespace("", AKN)
    text_lang = next((i.text.lang for i in [*d.preamble, *d.decisions]), "en")
    language = LANGUAGES[text_lang]
    work = work_uri(d)
    expression = f"{work}/{language}@"
    root = ET.Element(_q("akomaNtoso"))
    statement = _sub(root, "statement", name="declaration")
    meta = _sub(statement, "meta")
    ident = _sub(meta, "identification", source=f"#{EDITOR}")
    title = d.title.get() if d.title else f"{d.ordinal} Declaration"
    _frbr(ident, "FRBRWork", work + "/!main", work, d.meeting.start, "rcm",
          aliases=[("title", title)], country="int", number=d.ordinal)
    _frbr(ident, "FRBRExpression", expression + "/!main", expression, d.meeting.start, "rcm",
          language=language)
    day, name = _generated(d)
    _frbr(ident, "FRBRManifestation", expression + "/!main.xml", expression + "/main.xml", day,
          EDITOR, date_name=name)

    refs = [d.meeting.country, *(d.attendees or [])]
    for item in [*d.preamble, *d.decisions]:
        refs += [*item.refers_to, *getattr(item, "actors", []), *item.topics]
    for annex in d.annexes:
        refs += annex.refers_to
        refs += [c.country for b in _budgets(kb, annex.refers_to) for c in b.contributions]
    references = _sub(meta, "references", source=f"#{EDITOR}")
    _sub(references, "TLCOrganization", eId=EDITOR, href="/akn/ontology/organization/int/rcm-kb",
         showAs="RCM Knowledge Base")
    for ref in dict.fromkeys(["rcm", *refs]):
        e = kb.entities.get(ref) if ref else None
        if e is None:
            continue
        _sub(references, TLC[e.kind], eId=e.id, href=f"/akn/ontology/{e.kind}/int/{e.id}",
             showAs=e.name.get())

    preface = _sub(statement, "preface")
    p = _sub(preface, "p", class_="title")
    _sub(p, "docTitle", title)
    if d.theme:
        _sub(preface, "p", d.theme.get(), class_="theme")
    if d.preamble:
        preamble = _sub(statement, "preamble")
        for item in sorted(d.preamble, key=lambda x: x.number):
            container = _sub(preamble, "container", name="paragraph", eId=item.anchor,
                             refersTo=_refers(kb, [*item.refers_to, *item.topics]))
            _content(container, item.text.get(), item.anchor)
    body = _sub(statement, "mainBody")
    if d.decisions:
        decisions = _sub(body, "hcontainer", name="decisions", eId="decisions")
        _sub(decisions, "heading", "Decisions")
        for dec in sorted(d.decisions, key=lambda x: x.number):
            para = _sub(decisions, "paragraph", eId=dec.anchor,
                        refersTo=_refers(kb, [*dec.actors, *dec.refers_to, *dec.topics]))
            _sub(para, "num", f"{dec.number}.")
            _content(_sub(para, "content"), dec.text.get(), dec.anchor)
    for annex in d.annexes:
        container = _sub(body, "hcontainer", name="annex", eId=annex.id,
                         refersTo=_refers(kb, annex.refers_to))
        _sub(container, "heading", annex.title.get())
        content = _sub(container, "content")
        if annex.text:
            _content(content, annex.text.get(), annex.id)
        for b in _budgets(kb, annex.refers_to):
            _budget_table(kb, content, b, annex.id)
        if not len(content):
            _sub(content, "p", annex.title.get())
    ET.indent(root)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n")


def files(kb: KnowledgeBase, site_url: str) -> dict[str, bytes]:
    return {f"akn/{d.id}.xml": document(kb, d) for d in kb.declarations if exportable(d)}
