"""The About page: what the RCM is, in sourced statements each with a permanent anchor, its
structure drawn at build time, its members and observers from the entity data, and the
Technical Secretariat's contact."""
from __future__ import annotations

from dataclasses import dataclass, field

from ... import provenance
from ...context import LoadContext
from ...formats import when
from ...i18n import t
from ...links import Reference, Target, cites
from ...markup import plain, safe_url
from ...model import Anchored, KnowledgeBase, Origin, Text
from ...render import Dataset, Renderer, to_json
from ..common import (check_anchors, check_links, citable_references, inline_links,
                      no_checks as validate, no_entity_sections as entity_sections, no_nav as nav)
from .diagram import Structure, Tier, diagram

ABOUT = "about/"


# ---------------------------------------------------------------------------------------------
# The model

@dataclass(kw_only=True)
class Statement(Anchored):
    """A sourced statement about the RCM."""


@dataclass
class AboutSection:
    id: str
    heading: Text
    show: str | None          # members, structure or contact: added from other data
    see_also: list[str]
    statements: list[Statement]
    origin: Origin


@dataclass
class Contact:
    source: str
    as_of: str
    name: Text
    body: str | None
    address: list[str]
    phone: str | None
    fax: str | None
    email: str | None
    website: str | None
    origin: Origin
    locator: str | None = None     # where in the source


@dataclass
class About:
    sections: list[AboutSection]
    structure: Structure
    contact: Contact
    origin: Origin


def _statement(raw: dict, origin: Origin) -> Statement:
    return Statement(id=raw["id"], source=raw["source"], locator=raw.get("locator"), text=Text.of(raw["text"]),
                     refers_to=raw.get("refers_to", []), topics=raw.get("topics", []),
                     links=inline_links(raw), origin=origin)


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    loaded = ctx.document("about.yaml", "about.schema.json")
    if not loaded:
        return
    doc, at = loaded
    sections, shown = [], {}
    for i, raw in enumerate(doc["sections"]):
        statements = []
        for j, st in enumerate(raw.get("statements", [])):
            statement = _statement(st, at("sections", i, "statements", j))
            check_links(ctx, statement, lambda k, i=i, j=j: at("sections", i, "statements", j, "links", k))
            statements.append(statement)
        section = AboutSection(id=raw["id"], heading=Text.of(raw["heading"]), show=raw.get("show"),
                               see_also=raw.get("see_also", []), statements=statements,
                               origin=at("sections", i))
        if section.show and section.show in shown:
            ctx.report(at("sections", i, "show"),
                       f"'show: {section.show}' appears twice (first on line "
                       f"{shown[section.show]}). Show it in one section only.")
        elif section.show:
            shown[section.show] = at("sections", i, "show").line
        sections.append(section)
    for needed in ("members", "structure", "contact"):
        if needed not in shown:
            ctx.report(at("sections"),
                       f"no section shows the {needed}: add 'show: {needed}' to the section "
                       "where the page should show it.")
    check_anchors(ctx, [item for s in sections for item in (s, *s.statements)])

    s = doc["structure"]
    structure = Structure(source=s["source"], locator=s.get("locator"), tiers=[Tier(t["id"], Text.of(t["label"]), t["bodies"],
                                                          t.get("under")) for t in s["tiers"]],
                          beside=s.get("beside", []), origin=at("structure"))
    above: list[str] = []
    for i, tier in enumerate(structure.tiers):
        if tier.under and tier.under not in above:
            ctx.report(at("structure", "tiers", i, "under"),
                       f"tier '{tier.id}' is drawn under '{tier.under}', which is not a tier "
                       "above it. Use one of: " + (", ".join(above) or "(none: remove 'under')") + ".")
        above.append(tier.id)

    c = doc["contact"]
    contact = Contact(source=c["source"], locator=c.get("locator"), as_of=c["as_of"], name=Text.of(c["name"]),
                      body=c.get("body"), address=c.get("address", []), phone=c.get("phone"),
                      fax=c.get("fax"), email=c.get("email"), website=c.get("website"),
                      origin=at("contact"))
    if contact.website and not safe_url(contact.website):
        ctx.report(at("contact", "website"),
                   f"the website '{contact.website}' is not a web address. Write it in full, "
                   "starting with https:// or http://.")
    if contact.email and not safe_url("mailto:" + contact.email):
        ctx.report(at("contact", "email"),
                   f"'{contact.email}' is not an e-mail address. Write it like crm@iom.int.")
    kb.parts["about"] = About(sections, structure, contact, at())


# ---------------------------------------------------------------------------------------------
# Cross-references

def _statement_target(section: AboutSection, st: Statement) -> Target:
    return Target(f"about/{st.id}", ABOUT, st.id, t("story.about_item", heading=section.heading.get()), "about",
                  t("story.about"), plain(st.text.get()))


def _section_target(section: AboutSection) -> Target:
    return Target(f"about/{section.id}", ABOUT, section.id, t("story.about_item", heading=section.heading.get()),
                  "about", t("story.about"), section.heading.get())


def targets(kb: KnowledgeBase):
    about = kb.parts.get("about")
    if about:
        yield Target("about", ABOUT, None, t("story.about"), "page"), about.origin
        for section in about.sections:
            yield _section_target(section), section.origin
            for st in section.statements:
                yield _statement_target(section, st), st.origin


def references(kb: KnowledgeBase):
    about = kb.parts.get("about")
    if not about:
        return
    for section in about.sections:
        me = _section_target(section)
        for i, ref in enumerate(section.see_also):
            yield Reference(me, ref, section.origin.at("see_also", i), f"'see_also' of section '{section.id}'")
        for st in section.statements:
            yield from citable_references(_statement_target(section, st), st, f"statement '{st.id}'")
    s = about.structure
    structure = Target("about/structure", ABOUT, "structure", t("story.about_structure"), "about",
                       t("story.about"))
    yield cites(structure, s.source, s.origin.at("source"), locator=s.locator)
    bodies = [(b, s.origin.at("tiers", i, "bodies", j)) for i, t in enumerate(s.tiers)
              for j, b in enumerate(t.bodies)] + [(b, s.origin.at("beside", k)) for k, b in enumerate(s.beside)]
    for ref, origin in _first(bodies):
        yield Reference(structure, ref, origin, "the structure diagram")
    c = about.contact
    contact = Target("about/contact", ABOUT, "contact", t("story.about_contact"), "about", t("story.about"))
    yield cites(contact, c.source, c.origin.at("source"), locator=c.locator)
    if c.body:
        yield Reference(contact, c.body, c.origin.at("body"), "the contact")
    # The member lists rest on the passages their statuses cite (the page links to that passage).
    for anchor, key, lists in _members(kb):
        me = Target(f"about/{anchor}", ABOUT, anchor, t("story.about_item", heading=t(key)), "about",
                    t("story.about"))
        for m in lists:
            if len(m.locators) == 1:
                yield cites(me, m.source, about.origin, f"the list of {anchor}", m.locators[0])


def _first(pairs):
    """(ref, origin) pairs with each ref once, where it first appears."""
    seen = set()
    for ref, origin in pairs:
        if ref not in seen:
            seen.add(ref)
            yield ref, origin


# ---------------------------------------------------------------------------------------------
# Pages

@dataclass
class MemberList:
    """Members or observers as one source records them: lists of different dates are never merged."""
    source: str                       # source id
    entities: list                    # Entity, sorted by name
    decisions: list[str]              # refs of the decisions that grant or name the status
    locators: list[str] = field(default_factory=list)   # where in the source, as the statuses say


def _members(kb: KnowledgeBase) -> list[tuple[str, str, list[MemberList]]]:
    """(anchor, heading key, lists) for members and observers, from entity data: one list per
    source, oldest first, because the sources record them at different dates."""
    out = []
    for anchor, kind, role in (("member-countries", "country", "member"),
                               ("observer-countries", "country", "observer"),
                               ("observer-organizations", "organization", "observer")):
        by_source: dict[str, MemberList] = {}
        for e in kb.entities.values():
            if e.kind != kind:
                continue
            for s in e.statuses:
                if s.role != role:
                    continue
                entry = by_source.setdefault(provenance.of_status(kb, e, s),
                                             MemberList(provenance.of_status(kb, e, s), [], []))
                if e not in entry.entities:
                    entry.entities.append(e)
                if s.by and s.by not in entry.decisions:
                    entry.decisions.append(s.by)
                if s.locator and s.locator not in entry.locators:
                    entry.locators.append(s.locator)
        # (a source missing from the index is reported there: its list sorts first meanwhile)
        lists = sorted(by_source.values(),
                       key=lambda m: kb.sources[m.source].date if m.source in kb.sources else "")
        for m in lists:
            m.entities.sort(key=lambda e: e.name.get().casefold())
        out.append((anchor, f"about.{anchor}", lists))
    return out


def pages(kb: KnowledgeBase, r: Renderer):
    about = kb.parts.get("about")
    if about:
        used = [st.source for s in about.sections for st in s.statements] + [about.structure.source,
                about.contact.source] + [m.source for _, _, lists in _members(kb) for m in lists]
        page = r.page("about.md.j2", ABOUT, t("story.about"), edit="data/about.yaml", about=about,
                      sources=provenance.ordered(kb, used),
                      members=_members(kb), diagram=diagram(about.structure, kb),
                      contact_when=when(about.contact.as_of))
        yield page


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    about = kb.parts.get("about")
    if about:
        c = about.contact
        data = {
            "url": "/" + ABOUT,
            "sections": [{
                "id": s.id, "heading": s.heading.get(), "url": f"/{ABOUT}#{s.id}",
                "statements": [{"id": st.id, "url": f"/{ABOUT}#{st.id}", "text": st.text.get(),
                                "source": st.source, "refers_to": st.refers_to, "topics": st.topics}
                               for st in s.statements],
            } for s in about.sections],
            "members": {anchor: [{"source": m.source, "source_date": kb.sources[m.source].date,
                                  "locators": m.locators, "decisions": m.decisions,
                                  "entities": [e.id for e in m.entities]}
                                 for m in lists] for anchor, _, lists in _members(kb)},
            "structure": {"source": about.structure.source,
                          "tiers": [{"id": t.id, "label": t.label.get(), "bodies": t.bodies}
                                    for t in about.structure.tiers],
                          "beside": about.structure.beside},
            "contact": {"name": c.name.get(), "as_of": c.as_of, "source": c.source, "body": c.body,
                        "address": c.address, "phone": c.phone, "fax": c.fax, "email": c.email,
                        "website": c.website},
        }
        yield Dataset("about", t("story.about"), t("dataset.about.about"), {"about.json": to_json(data)})
