"""The RCM's own story: what it is (About, with its structure drawn at build time, its members
and observers from the entity data, and the Technical Secretariat's contact), the seminars and
workshops it held, and a chronology of dated events linked to what they produced."""
from __future__ import annotations

import datetime as dt
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .context import LoadContext
from .links import Reference, Target
from .markup import plain
from .model import KnowledgeBase, Origin, Text
from .protocol import InlineLink, check_anchors, check_placed, check_source, check_words, read
from .render import Dataset, Renderer, to_json

ABOUT, ACTIVITIES, CHRONOLOGY = "about/", "activities/", "chronology/"
ABOUT_GROUP = "About the RCM"
CHRONOLOGY_GROUP = "Chronology"
SAFE_SCHEMES = ("http", "https", "mailto")


# ---------------------------------------------------------------------------------------------
# The model

@dataclass
class Statement:
    id: str                   # the permanent anchor
    source: str
    text: Text
    refers_to: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    links: list[InlineLink] = field(default_factory=list)
    origin: Origin | None = None


@dataclass
class AboutSection:
    id: str
    heading: Text
    show: str | None          # members, structure or contact: added from other data
    see_also: list[str]
    statements: list[Statement]
    origin: Origin


@dataclass
class Tier:
    id: str
    label: Text
    bodies: list[str]
    under: str | None = None  # the tier it reports to; None: the tier above


@dataclass
class Structure:
    source: str
    tiers: list[Tier]
    beside: list[str]
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


@dataclass
class About:
    sections: list[AboutSection]
    structure: Structure
    contact: Contact
    origin: Origin


@dataclass
class Activity:
    id: str
    title: Text
    kind: str
    year: int | None
    annual: bool
    topics: list[str]
    origin: Origin


@dataclass
class Activities:
    source: str
    intro: Text | None
    items: list[Activity]
    origin: Origin

    @property
    def years(self) -> str:
        years = sorted(a.year for a in self.items if a.year)
        return f"{years[0]}-{years[-1]}" if years else ""


@dataclass
class Event:
    id: str
    date: str
    end: str | None
    title: Text
    quote: Text
    source: str
    links: list[str]
    origin: Origin

    @property
    def year(self) -> str:
        return self.date[:4]


# ---------------------------------------------------------------------------------------------
# Shared helpers

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


def safe_url(value: str) -> bool:
    """Only web and e-mail addresses become links: never javascript: or data: URLs."""
    if not value or any(c.isspace() or c in "<>\"'`" or ord(c) < 32 for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() != "mailto" else "@" in parts.path


def _statement(raw: dict, origin: Origin) -> Statement:
    return Statement(id=raw["id"], source=raw["source"], text=Text.of(raw["text"]),
                     refers_to=raw.get("refers_to", []), topics=raw.get("topics", []),
                     links=[InlineLink(**link) for link in raw.get("links", [])], origin=origin)


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    _load_about(ctx, kb)
    _load_activities(ctx, kb)
    _load_chronology(ctx, kb)


def _load_about(ctx: LoadContext, kb: KnowledgeBase) -> None:
    path = ctx.data / "about.yaml"
    loaded = read(ctx, path, "about.schema.json")
    if not loaded:
        return
    doc, lines = loaded
    at = lambda *p: ctx.origin(path, lines, p)
    sections, shown = [], {}
    for i, raw in enumerate(doc["sections"]):
        statements = []
        for j, st in enumerate(raw.get("statements", [])):
            statement = _statement(st, at("sections", i, "statements", j))
            check_source(ctx, kb, at("sections", i, "statements", j, "source"), statement.source)
            for k, link in enumerate(statement.links):
                check_words(ctx, at("sections", i, "statements", j, "links", k), statement.text,
                            link.at, "a link")
            statements.append(statement)
        section = AboutSection(id=raw["id"], heading=Text.of(raw["heading"]), show=raw.get("show"),
                               see_also=raw.get("see_also", []), statements=statements,
                               origin=at("sections", i))
        if section.show and section.show in shown:
            ctx.problems.add(ctx.rel(path), at("sections", i, "show").line,
                             f"'show: {section.show}' appears twice (first on line "
                             f"{shown[section.show]}). Show it in one section only.")
        elif section.show:
            shown[section.show] = at("sections", i, "show").line
        sections.append(section)
    for needed in ("members", "structure", "contact"):
        if needed not in shown:
            ctx.problems.add(ctx.rel(path), at("sections").line,
                             f"no section shows the {needed}: add 'show: {needed}' to the section "
                             "where the page should show it.")
    check_anchors(ctx, [item for s in sections for item in (s, *s.statements)])

    s = doc["structure"]
    structure = Structure(source=s["source"], tiers=[Tier(t["id"], Text.of(t["label"]), t["bodies"],
                                                          t.get("under")) for t in s["tiers"]],
                          beside=s.get("beside", []), origin=at("structure"))
    check_source(ctx, kb, at("structure", "source"), structure.source)
    above: list[str] = []
    for i, tier in enumerate(structure.tiers):
        if tier.under and tier.under not in above:
            ctx.problems.add(ctx.rel(path), at("structure", "tiers", i, "under").line,
                             f"tier '{tier.id}' is drawn under '{tier.under}', which is not a tier "
                             "above it. Use one of: " + (", ".join(above) or "(none: remove 'under')") + ".")
        above.append(tier.id)

    c = doc["contact"]
    contact = Contact(source=c["source"], as_of=c["as_of"], name=Text.of(c["name"]),
                      body=c.get("body"), address=c.get("address", []), phone=c.get("phone"),
                      fax=c.get("fax"), email=c.get("email"), website=c.get("website"),
                      origin=at("contact"))
    check_source(ctx, kb, at("contact", "source"), contact.source)
    if contact.website and not safe_url(contact.website):
        ctx.problems.add(ctx.rel(path), at("contact", "website").line,
                         f"the website '{contact.website}' is not a web address. Write it in full, "
                         "starting with https:// or http://.")
    if contact.email and not safe_url("mailto:" + contact.email):
        ctx.problems.add(ctx.rel(path), at("contact", "email").line,
                         f"'{contact.email}' is not an e-mail address. Write it like crm@iom.int.")
    kb.parts["about"] = About(sections, structure, contact, at())


def _load_activities(ctx: LoadContext, kb: KnowledgeBase) -> None:
    path = ctx.data / "activities.yaml"
    loaded = read(ctx, path, "activities.schema.json")
    if not loaded:
        return
    doc, lines = loaded
    at = lambda *p: ctx.origin(path, lines, p)
    check_source(ctx, kb, at("source"), doc["source"])
    items = []
    for i, raw in enumerate(doc["activities"]):
        activity = Activity(id=raw["id"], title=Text.of(raw["title"]), kind=raw["kind"],
                            year=raw.get("year"), annual=raw.get("annual", False),
                            topics=raw.get("topics", []), origin=at("activities", i))
        if (activity.year is None) == (not activity.annual):
            ctx.problems.add(activity.origin.file, activity.origin.line,
                             f"activity '{activity.id}' needs either the year the source gives "
                             "('year: 2004') or 'annual: true' when the source says it is held "
                             "annually, and not both. Never guess a year.")
        items.append(activity)
    check_anchors(ctx, items)
    kb.parts["activities"] = Activities(doc["source"], Text.of(doc.get("intro")), items, at())


def _load_chronology(ctx: LoadContext, kb: KnowledgeBase) -> None:
    path = ctx.data / "chronology.yaml"
    loaded = read(ctx, path, "chronology.schema.json")
    if not loaded:
        return
    doc, lines = loaded
    at = lambda *p: ctx.origin(path, lines, p)
    events = []
    for i, raw in enumerate(doc["events"]):
        event = Event(id=raw["id"], date=raw["date"], end=raw.get("end"), title=Text.of(raw["title"]),
                      quote=Text.of(raw["quote"]), source=raw["source"], links=raw["links"],
                      origin=at("events", i))
        check_source(ctx, kb, at("events", i, "source"), event.source)
        start, end = real_date(event.date), real_date(event.end) if event.end else None
        if start is None:
            ctx.problems.add(event.origin.file, at("events", i, "date").line,
                             f"'{event.date}' is not a real date. Write it as YYYY-MM-DD, YYYY-MM or "
                             "YYYY, at the precision the source gives.")
        elif event.end and end is None:
            ctx.problems.add(event.origin.file, at("events", i, "end").line,
                             f"'{event.end}' is not a real date. Write it as YYYY-MM-DD, YYYY-MM or YYYY.")
        elif end and end < start:
            ctx.problems.add(event.origin.file, at("events", i, "end").line,
                             f"event '{event.id}' ends ({event.end}) before it starts ({event.date}). "
                             "Swap the dates, or fix one of them.")
        events.append(event)
    check_anchors(ctx, events)
    # Within a year, events the source dates only by the year come after the dated ones.
    events.sort(key=lambda e: (e.year, len(e.date) == 4, e.date, e.end or ""))
    kb.parts["chronology"] = events


# ---------------------------------------------------------------------------------------------
# Cross-references

def _statement_target(section: AboutSection, st: Statement) -> Target:
    return Target(f"about/{st.id}", ABOUT, st.id, f"{ABOUT_GROUP}, {section.heading.get()}", "about",
                  ABOUT_GROUP, plain(st.text.get()))


def _section_target(section: AboutSection) -> Target:
    return Target(f"about/{section.id}", ABOUT, section.id, f"{ABOUT_GROUP}, {section.heading.get()}",
                  "about", ABOUT_GROUP, section.heading.get())


def _activity_target(acts: Activities, a: Activity) -> Target:
    when_ = str(a.year) if a.year else "annually"
    return Target(f"activities/{a.id}", ACTIVITIES, a.id, f"{a.title.get()} ({when_})", "activity",
                  f"Seminars and workshops ({acts.years})", a.title.get())


def _event_target(e: Event) -> Target:
    return Target(f"chronology/{e.id}", CHRONOLOGY, e.id, f"{when(e.date, e.end)}: {e.title.get()}",
                  "event", CHRONOLOGY_GROUP, plain(e.quote.get()))


def targets(kb: KnowledgeBase):
    about = kb.parts.get("about")
    if about:
        yield Target("about", ABOUT, None, ABOUT_GROUP, "page"), about.origin
        for section in about.sections:
            yield _section_target(section), section.origin
            for st in section.statements:
                yield _statement_target(section, st), st.origin
    acts = kb.parts.get("activities")
    if acts:
        yield Target("activities", ACTIVITIES, None, "Seminars and workshops", "page"), acts.origin
        for a in acts.items:
            yield _activity_target(acts, a), a.origin
    events = kb.parts.get("chronology")
    if events is not None:
        yield Target("chronology", CHRONOLOGY, None, CHRONOLOGY_GROUP, "page"), None
        for e in events:
            yield _event_target(e), e.origin


def references(kb: KnowledgeBase):
    about = kb.parts.get("about")
    if about:
        for section in about.sections:
            me = _section_target(section)
            for ref in section.see_also:
                yield Reference(me, ref, section.origin, f"'see_also' of section '{section.id}'")
            for st in section.statements:
                me = _statement_target(section, st)
                for ref in dict.fromkeys([*st.refers_to, *st.topics, *(l.ref for l in st.links)]):
                    yield Reference(me, ref, st.origin, f"statement '{st.id}'")
        structure = Target("about/structure", ABOUT, "structure", f"{ABOUT_GROUP}, structure", "about",
                           ABOUT_GROUP)
        for ref in dict.fromkeys([b for t in about.structure.tiers for b in t.bodies] + about.structure.beside):
            yield Reference(structure, ref, about.structure.origin, "the structure diagram")
        if about.contact.body:
            contact = Target("about/contact", ABOUT, "contact", f"{ABOUT_GROUP}, contact", "about",
                             ABOUT_GROUP)
            yield Reference(contact, about.contact.body, about.contact.origin, "the contact")
    acts = kb.parts.get("activities")
    if acts:
        for a in acts.items:
            for ref in a.topics:
                yield Reference(_activity_target(acts, a), ref, a.origin, f"activity '{a.id}'")
    for e in kb.parts.get("chronology") or []:
        for ref in e.links:
            yield Reference(_event_target(e), ref, e.origin, f"event '{e.id}'")


# ---------------------------------------------------------------------------------------------
# The structure diagram: boxes laid out here, drawn as SVG by the template.

@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int
    lines: list[str]
    ref: str

    @property
    def baselines(self) -> list[int]:
        """The y of each line of text, centred in the box."""
        top = self.y + (self.h - len(self.lines) * LINE_H) // 2 + 12
        return [top + i * LINE_H for i in range(len(self.lines))]


@dataclass
class Diagram:
    width: int
    height: int
    boxes: list[Box]
    labels: list[tuple[int, int, str]]          # x, y, text
    arrows: list[str]                           # SVG path data, each ending in an arrowhead
    links: list[tuple[int, int, int, int]]      # dashed connectors to the boxes beside


LINE_H = 16


def diagram(structure: Structure, kb: KnowledgeBase) -> Diagram:
    """Each tier is a row of boxes under its label, with an arrow from the tier it reports to:
    straight down from the tier just above, or along the left margin from a tier higher up."""
    gutter, main_w, gap, side_w, side_gap, char_w, pad = 18, 540, 12, 190, 40, 7, 10
    boxes, labels, arrows, links = [], [], [], []
    rows: dict[str, list[Box]] = {}
    y, previous = 0, None
    for tier in structure.tiers:
        labels.append((gutter, y + 13, tier.label.get()))
        y += 22
        n = len(tier.bodies)
        w = (main_w - gap * (n - 1)) // n
        texts = [textwrap.wrap(kb.entities[b].name.get(), max(8, (w - 2 * pad) // char_w)) for b in tier.bodies]
        h = max(len(t) for t in texts) * LINE_H + 2 * pad
        row = [Box(gutter + i * (w + gap), y, w, h, lines, b) for i, (b, lines) in enumerate(zip(tier.bodies, texts))]
        parent = rows.get(tier.under) if tier.under else rows.get(previous)
        if parent and (tier.under in (None, previous)):
            x = gutter + main_w // 2
            arrows.append(f"M{x},{parent[0].y + parent[0].h} V{y - 26}")
        elif parent:
            mid = y + h // 2
            arrows.append(f"M{parent[0].x},{parent[0].y + parent[0].h - 8} H{gutter // 2} V{mid} H{gutter - 1}")
        rows[tier.id] = row
        boxes += row
        previous = tier.id
        y += h + 36
    side_x, sy = gutter + main_w + side_gap, 22
    first = boxes[0] if boxes else None
    for b in structure.beside:
        lines = textwrap.wrap(kb.entities[b].name.get(), (side_w - 2 * pad) // char_w)
        h = len(lines) * LINE_H + 2 * pad
        boxes.append(Box(side_x, sy, side_w, h, lines, b))
        if first:
            links.append((first.x + first.w, first.y + first.h // 2, side_x, sy + h // 2))
        sy += h + gap
    return Diagram(side_x + side_w + 2, max(y - 36, sy) + 2, boxes, labels, arrows, links)


# ---------------------------------------------------------------------------------------------
# Pages

def _members(kb: KnowledgeBase) -> list[tuple[str, str, list, list[str]]]:
    """(anchor, heading key, entities, source ids) for members and observers, from entity data."""
    out = []
    for anchor, kind, role in (("member-countries", "country", "member"),
                               ("observer-countries", "country", "observer"),
                               ("observer-organizations", "organization", "observer")):
        entities, sources = [], []
        for e in kb.entities.values():
            statuses = [s for s in e.statuses if s.role == role]
            if e.kind == kind and statuses:
                entities.append(e)
                sources += [s.source or e.source for s in statuses]
        entities.sort(key=lambda e: e.name.get().casefold())
        out.append((anchor, f"about.{anchor}", entities, list(dict.fromkeys(sources))))
    return out


def pages(kb: KnowledgeBase, r: Renderer):
    about = kb.parts.get("about")
    if about:
        page = r.page("about.md.j2", ABOUT, "About the RCM", edit="data/about.yaml", about=about,
                      members=_members(kb), diagram=diagram(about.structure, kb),
                      contact_when=when(about.contact.as_of))
        check_placed(page, [st for s in about.sections for st in s.statements])
        yield page
    acts = kb.parts.get("activities")
    if acts:
        by_year = defaultdict(list)
        by_topic = defaultdict(list)
        for a in acts.items:
            by_year[a.year].append(a)
            for topic in a.topics or [""]:
                by_topic[topic].append(a)
        years = [(y, by_year[y]) for y in sorted(y for y in by_year if y)]
        topics = sorted(((t, items) for t, items in by_topic.items() if t),
                        key=lambda ti: kb.entities[ti[0]].name.get().casefold())
        counts = {k: sum(1 for a in acts.items if a.kind == k) for k in dict.fromkeys(a.kind for a in acts.items)}
        yield r.page("activities.md.j2", ACTIVITIES, "Seminars and workshops", edit="data/activities.yaml",
                     acts=acts, years=years, annual=by_year.get(None, []), topics=topics,
                     unclassified=by_topic.get("", []), counts=counts)
    events = kb.parts.get("chronology")
    if events is not None:
        by_year = defaultdict(list)
        for e in events:
            by_year[e.year].append(e)
        yield r.page("chronology.md.j2", CHRONOLOGY, "Chronology", edit="data/chronology.yaml",
                     years=sorted(by_year.items()), when=when)


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
            "members": {anchor: [e.id for e in entities] for anchor, _, entities, _ in _members(kb)},
            "structure": {"source": about.structure.source,
                          "tiers": [{"id": t.id, "label": t.label.get(), "bodies": t.bodies}
                                    for t in about.structure.tiers],
                          "beside": about.structure.beside},
            "contact": {"name": c.name.get(), "as_of": c.as_of, "source": c.source, "body": c.body,
                        "address": c.address, "phone": c.phone, "fax": c.fax, "email": c.email,
                        "website": c.website},
        }
        yield Dataset("about", "About the RCM", "The statements of the About page, each with its "
                      "source and permanent URL, the members and observers, the structure and the "
                      "Technical Secretariat's contact as printed in 2010.", {"about.json": to_json(data)})
    acts = kb.parts.get("activities")
    if acts:
        rows = [{"id": a.id, "url": f"/{ACTIVITIES}#{a.id}", "year": a.year, "annual": a.annual,
                 "kind": a.kind, "title": a.title.get(), "topics": a.topics,
                 "source": kb.sources[acts.source].title.get()} for a in acts.items]
        yield Dataset("activities", "Seminars and workshops", f"Every seminar, workshop and training "
                      f"the 2010 brochure lists for {acts.years}, with its year (or 'annual') and "
                      "topics.", {"activities.json": to_json(rows)})
    events = kb.parts.get("chronology")
    if events is not None:
        rows = [{"id": e.id, "url": f"/{CHRONOLOGY}#{e.id}", "date": e.date, "end": e.end,
                 "title": e.title.get(), "quote": e.quote.get(), "quote_language": e.quote.lang,
                 "source": e.source,
                 "links": [{"ref": ref, "url": r.index.targets[ref].url} for ref in e.links]}
                for e in events]
        yield Dataset("chronology", "Chronology", "Dated events from the sources, each with the "
                      "source's own words and links to what it produced.", {"chronology.json": to_json(rows)})
