"""The Action Protocol of the RCM and the RNCOM (2013): its sections verbatim, each with a
permanent anchor, its footnotes as its sources, and the bodies each section names."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..context import LoadContext
from ..i18n import t
from ..links import Reference, Target, cites
from ..markup import plain
from ..model import WHOLE_DOCUMENT, Anchored, KnowledgeBase, Origin, Text
from ..render import Dataset, Renderer, to_json
from .common import (check_anchors, check_links, check_words, citable_references,
                     inline_links, no_checks as validate, no_entity_sections as entity_sections,
                     no_nav as nav)

PATH = "protocol/"
DATA = "protocol.yaml"


# ---------------------------------------------------------------------------------------------
# The model

@dataclass(kw_only=True)
class Section(Anchored):
    heading: Text
    level: int                # 2, 3 or 4: a Markdown heading level
    heading_in_source: bool   # False when the heading is the knowledge base's


@dataclass
class Footnote:
    number: int
    source: str               # a source id: the note names (or is) this document
    text: Text
    section: str | None       # where its mark stands; None: on the title
    at: str | None
    refers_to: list[str] = field(default_factory=list)
    origin: Origin | None = None
    locator: str | None = None   # where in `source` the footnote's words are


@dataclass
class Protocol:
    source: str
    title: Text
    header: Text | None
    header_note: Text | None
    refers_to: list[str]
    sections: list[Section]
    footnotes: list[Footnote]
    origin: Origin

    def marks(self, section_id: str) -> list[Footnote]:
        return [f for f in self.footnotes if f.section == section_id]


# ---------------------------------------------------------------------------------------------
# Loading

def sections(ctx: LoadContext, raws: list, at) -> list[Section]:
    """Sections in page order; a heading level may rise by one step at a time."""
    out, previous = [], 1
    for i, raw in enumerate(raws):
        origin = at("sections", i)
        section = Section(
            id=raw["id"], heading=Text.of(raw["heading"]), level=raw["level"],
            heading_in_source=raw.get("heading_in_source", True), text=Text.of(raw.get("text")),
            refers_to=raw.get("refers_to", []), topics=raw.get("topics", []),
            links=inline_links(raw),
            aliases=raw.get("aliases", []), origin=origin,
            # a printed heading finds the section; a heading of ours needs its place in the source
            locator=raw.get("locator") or (raw["heading"].get("en") if raw.get("heading_in_source", True) else None))
        if not section.locator:
            ctx.problems.add(origin.file, origin.line, f"protocol section '{section.id}' has a heading "
                             "of the knowledge base's (heading_in_source: false), so a reader cannot "
                             "find its text in the protocol by it. Add 'locator:' saying where the text "
                             "stands, e.g. 'About the Proceedings, paragraph 2'.")
        if section.level > previous + 1:
            ctx.problems.add(origin.file, at("sections", i, "level").line,
                             f"section '{section.id}' has level {section.level} right after a level "
                             f"{previous} section. Use level {previous + 1} or less.")
        previous = section.level
        check_links(ctx, section, lambda j, i=i: at("sections", i, "links", j))
        out.append(section)
    check_anchors(ctx, out)
    return out


def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    loaded = ctx.document(DATA, "protocol.schema.json")
    if not loaded:
        return
    doc, at = loaded
    protocol = Protocol(
        source=doc["source"], title=Text.of(doc["title"]),
        header=Text.of((doc.get("header") or {}).get("text")),
        header_note=Text.of((doc.get("header") or {}).get("note")),
        refers_to=doc.get("refers_to", []), sections=sections(ctx, doc["sections"], at),
        footnotes=[], origin=at())
    by_id = {s.id: s for s in protocol.sections}
    numbers: dict[int, int] = {}
    for i, raw in enumerate(doc["footnotes"]):
        origin = at("footnotes", i)
        note = Footnote(number=raw["number"], source=raw["source"], text=Text.of(raw["text"]),
                        section=raw.get("section"), at=raw.get("at"),
                        refers_to=raw.get("refers_to", []), origin=origin, locator=raw.get("locator"))
        if note.number in numbers:
            ctx.problems.add(origin.file, origin.line, f"footnote {note.number} is numbered twice "
                             f"(first on line {numbers[note.number]}). Number the footnotes as the "
                             "document does.")
        numbers.setdefault(note.number, origin.line)
        if (note.section is None) != (note.at is None):
            ctx.problems.add(origin.file, origin.line, f"footnote {note.number} needs both 'section' "
                             "and 'at' (where its mark stands), or neither (a note on the title).")
        elif note.section and note.section not in by_id:
            ctx.problems.add(origin.file, at("footnotes", i, "section").line,
                             f"footnote {note.number} is placed in section '{note.section}', which "
                             "is not a section of the protocol. Use one of: " + ", ".join(by_id) + ".")
        elif note.section:
            check_words(ctx, at("footnotes", i, "at"), by_id[note.section].text, note.at,
                        f"footnote {note.number}")
        protocol.footnotes.append(note)
    protocol.footnotes.sort(key=lambda f: f.number)
    kb.parts["protocol"] = protocol


# ---------------------------------------------------------------------------------------------
# Cross-references

def section_target(s: Section) -> Target:
    return Target(f"protocol/{s.id}", PATH, s.id, t("protocol.item", heading=s.heading.get()), "protocol",
                  t("protocol.group"), plain(s.text.get()) if s.text else s.heading.get(), list(s.aliases),
                  preview_lang=(s.text or s.heading).lang,
                  alias_refs=[f"protocol/{alias}" for alias in s.aliases])


def page_target() -> Target:
    return Target("protocol", PATH, None, t("protocol.group"), "page", t("protocol.group"))


def notes_target() -> Target:
    return Target("protocol/notes", PATH, "notes", t("protocol.notes_item"), "protocol", t("protocol.group"))


def targets(kb: KnowledgeBase):
    protocol = kb.parts.get("protocol")
    if not protocol:
        return
    yield page_target(), protocol.origin
    yield notes_target(), protocol.origin
    for s in protocol.sections:
        yield section_target(s), s.origin


def references(kb: KnowledgeBase):
    protocol = kb.parts.get("protocol")
    if not protocol:
        return
    yield cites(page_target(), protocol.source, protocol.origin.at("source"), locator=WHOLE_DOCUMENT)
    for i, ref in enumerate(protocol.refers_to):
        yield Reference(page_target(), ref, protocol.origin.at("refers_to", i), "the Action Protocol")
    for s in protocol.sections:
        yield from citable_references(section_target(s), s, f"protocol section '{s.id}'")
        yield cites(section_target(s), protocol.source, s.origin, locator=s.locator)
    notes = notes_target()
    for note in protocol.footnotes:
        yield cites(notes, note.source, note.origin.at("source"), locator=note.locator)
        for i, ref in enumerate(note.refers_to):
            yield Reference(notes, ref, note.origin.at("refers_to", i),
                            f"footnote {note.number} of the protocol")


# ---------------------------------------------------------------------------------------------
# Pages

def pages(kb: KnowledgeBase, r: Renderer):
    protocol = kb.parts.get("protocol")
    if not protocol:
        return
    page = r.page("protocol.md.j2", PATH, t("protocol.title"), edit=f"data/{DATA}", p=protocol,
                  sources=list(dict.fromkeys([protocol.source] + [f.source for f in protocol.footnotes])),
                  source=kb.sources[protocol.source])
    yield page


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    protocol = kb.parts.get("protocol")
    if not protocol:
        return
    source = kb.sources[protocol.source]
    data = {
        "title": protocol.title.get(), "url": "/" + PATH,
        "source": {"id": source.id, "title": source.title.get(), "date": source.date},
        "sections": [{
            "id": s.id, "url": f"/{PATH}#{s.id}", "level": s.level, "heading": s.heading.get(),
            "heading_in_source": s.heading_in_source, "text": s.text.get() if s.text else None,
            "refers_to": s.refers_to, "topics": s.topics,
            "aliases": [f"/{PATH}#{alias}" for alias in s.aliases],
            "links": [{"at": link.at, "ref": link.ref, "url": r.index.targets[link.ref].url}
                      for link in s.links],
        } for s in protocol.sections],
        "footnotes": [{
            "number": f.number, "text": f.text.get(), "section": f.section, "after": f.at,
            "source": {"id": f.source, "title": kb.sources[f.source].title.get()},
        } for f in protocol.footnotes],
    }
    yield Dataset("protocol", t("protocol.group"), t("dataset.protocol.about"), {"protocol.json": to_json(data)})
