"""Proposals of civil society to the RCM (data/proposals/<id>.yaml): each in the language of its
original, never translated, on a page with a permanent anchor for every part."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..context import LoadContext
from ..formats import real_date, when
from ..i18n import t
from ..links import Reference, Target, cites
from ..markup import plain
from ..model import WHOLE_DOCUMENT, Anchored, KnowledgeBase, Origin, Text
from ..render import Dataset, Renderer, to_json
from .common import (check_anchors, check_links, citable_references, inline_links,
                     no_checks as validate, no_entity_sections as entity_sections)

FOLDER = "proposals/"


# ---------------------------------------------------------------------------------------------
# The model

@dataclass(kw_only=True)
class Part(Anchored):
    heading: Text | None = None   # the document's own heading, when it has one
    level: int | None = None
    items: list[Text] = field(default_factory=list)
    numbering: str | None = None  # a, 1 or bullet
    after: Text | None = None

    @property
    def words(self) -> str:
        texts = [self.text, *self.items, self.after]
        return " ".join(plain(t.get()) for t in texts if t)


@dataclass
class Proposal:
    id: str
    source: str
    date: str
    city: str
    country: str
    title: Text
    full_title: Text | None
    presented_by: str
    presented_to: str
    parts: list[Part]
    origin: Origin

    @property
    def path(self) -> str:
        return f"{FOLDER}{self.id}/"


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    proposals = []
    for path in sorted((ctx.data / "proposals").glob("*.yaml")):
        loaded = ctx.yaml(path, "proposal.schema.json")
        if not loaded:
            continue
        doc, lines = loaded
        at = lambda *p, path=path, lines=lines: ctx.origin(path, lines, p)
        if doc["id"] != path.stem:
            ctx.problems.add(ctx.rel(path), at("id").line, f"the id '{doc['id']}' must match the file "
                             f"name '{path.stem}'. Rename the file to {doc['id']}.yaml, or fix the id.")
        if real_date(doc["date"]) is None:
            ctx.problems.add(ctx.rel(path), at("date").line, f"'{doc['date']}' is not a real date. "
                             "Write it as YYYY-MM-DD, e.g. 2010-11-16.")
        parts, previous = [], 1
        for i, raw in enumerate(doc["sections"]):
            part = Part(id=raw["id"], heading=Text.of(raw.get("heading")), level=raw.get("level"),
                        text=Text.of(raw.get("text")), items=[Text.of(x) for x in raw.get("items", [])],
                        numbering=raw.get("numbering"), after=Text.of(raw.get("after")),
                        refers_to=raw.get("refers_to", []), topics=raw.get("topics", []),
                        links=inline_links(raw), origin=at("sections", i))
            check_links(ctx, part, lambda j, i=i: at("sections", i, "links", j))
            _check_part(ctx, part, previous, lambda *p, i=i: at("sections", i, *p))
            previous = part.level or previous
            parts.append(part)
        check_anchors(ctx, parts)
        proposals.append(Proposal(
            id=doc["id"], source=doc["source"], date=doc["date"], city=doc["city"],
            country=doc["country"], title=Text.of(doc["title"]), full_title=Text.of(doc.get("full_title")),
            presented_by=doc["presented_by"], presented_to=doc["presented_to"], parts=parts, origin=at()))
    kb.parts["proposals"] = sorted(proposals, key=lambda p: p.date)


def _check_part(ctx: LoadContext, part: Part, previous: int, at) -> None:
    where = part.origin
    if (part.heading is None) != (part.level is None):
        ctx.problems.add(where.file, where.line, f"part '{part.id}' needs both a 'heading' and its "
                         "'level' (2, 3 or 4), or neither (a part without a heading).")
    elif part.level and part.level > previous + 1:
        ctx.problems.add(where.file, at("level").line, f"part '{part.id}' has level {part.level} "
                         f"right after a level {previous} heading. Use level {previous + 1} or less.")
    if not (part.heading or part.text or part.items):
        ctx.problems.add(where.file, where.line, f"part '{part.id}' is empty: give it a heading, a "
                         "text or items.")
    if bool(part.items) != bool(part.numbering):
        ctx.problems.add(where.file, where.line, f"part '{part.id}' needs both 'items' and their "
                         "'numbering' (a, 1 or bullet, as the document marks them), or neither.")
    if part.after and not part.items:
        ctx.problems.add(where.file, at("after").line, f"part '{part.id}' has an 'after' text but no "
                         "items: put the words in 'text' instead.")


# ---------------------------------------------------------------------------------------------
# Cross-references

def _by(kb: KnowledgeBase, p: Proposal) -> str:
    by = kb.entities.get(p.presented_by)
    return (by.acronym() or by.name.get()) if by else p.presented_by


def group(kb: KnowledgeBase, p: Proposal) -> str:
    return t("proposals.group", by=_by(kb, p), year=p.date[:4])


def label(part: Part, words: int = 8) -> str:
    """How a part is named where it has no heading: its first words, in its own language."""
    if part.heading:
        return part.heading.get()
    first = part.words.split()
    return " ".join(first[:words]) + ("…" if len(first) > words else "")


def part_target(kb: KnowledgeBase, p: Proposal, part: Part) -> Target:
    return Target(f"{p.id}/{part.id}", p.path, part.id, f"{group(kb, p)}, {label(part)}", "proposal",
                  group(kb, p), part.words or label(part))


def page_target(kb: KnowledgeBase, p: Proposal) -> Target:
    return Target(p.id, p.path, None, group(kb, p), "proposal", group(kb, p), p.title.get())


def targets(kb: KnowledgeBase):
    proposals = kb.parts.get("proposals", [])
    yield Target("proposals", FOLDER, None, t("proposals.index_title"), "page"), None
    for p in proposals:
        yield page_target(kb, p), p.origin
        for part in p.parts:
            yield part_target(kb, p, part), part.origin


def references(kb: KnowledgeBase):
    for p in kb.parts.get("proposals", []):
        whole = page_target(kb, p)
        yield cites(whole, p.source, p.origin.at("source"), locator=WHOLE_DOCUMENT)
        for ref, what in ((p.country, "country"), (p.presented_by, "presented_by"),
                          (p.presented_to, "presented_to")):
            yield Reference(whole, ref, p.origin.at(what), f"the proposal's '{what}'")
        for part in p.parts:
            yield from citable_references(part_target(kb, p, part), part, f"part '{part.id}'")


# ---------------------------------------------------------------------------------------------
# Pages

def _place(kb: KnowledgeBase, p: Proposal) -> str:
    country = kb.entities.get(p.country)
    return f"{p.city}, {country.name.get()}" if country else p.city


def pages(kb: KnowledgeBase, r: Renderer):
    proposals = kb.parts.get("proposals", [])
    for p in proposals:
        # The page's own framing is English: who, where and when. The document stays as written.
        title = r.env.globals["t"]("proposals.page_title", by=_by(kb, p), place=_place(kb, p),
                                   date=when(p.date))
        page = r.page("proposals_document.md.j2", p.path, title, edit=p.origin.file, p=p, sources=[p.source],
                      date=when(p.date), label=label)
        yield page
    yield r.page("proposals.md.j2", FOLDER, t("proposals.index_title"), edit="data/proposals/",
                 sources=list(dict.fromkeys(p.source for p in proposals)),
                 proposals=proposals, dates=lambda p: when(p.date), place=lambda p: _place(kb, p))


def nav(kb: KnowledgeBase) -> dict:
    items = [(t("proposals.nav_all"), f"{FOLDER}index.md")]
    items += [(f"{group(kb, p)}", p.path + "index.md") for p in kb.parts.get("proposals", [])]
    return {f"{FOLDER}index.md": items}


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    rows = [{
        "id": p.id, "url": "/" + p.path, "date": p.date, "city": p.city, "country": p.country,
        "title": p.title.get(), "full_title": p.full_title.get() if p.full_title else None,
        "language": p.title.lang, "presented_by": p.presented_by, "presented_to": p.presented_to,
        "source": p.source,
        "parts": [{
            "id": part.id, "url": f"/{p.path}#{part.id}",
            "heading": part.heading.get() if part.heading else None,
            "text": part.text.get() if part.text else None,
            "items": [i.get() for i in part.items], "numbering": part.numbering,
            "after": part.after.get() if part.after else None,
            "refers_to": part.refers_to, "topics": part.topics,
            "links": [{"at": link.at, "ref": link.ref, "url": r.index.targets[link.ref].url}
                      for link in part.links],
        } for part in p.parts],
    } for p in kb.parts.get("proposals", [])]
    yield Dataset("proposals", t("proposals.index_title"), t("dataset.proposals.about"),
                  {"proposals.json": to_json(rows)})
