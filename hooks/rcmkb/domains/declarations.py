"""Declarations and their decisions: one data file per declaration, a page per declaration with
a permanent anchor per decision and preamble paragraph, and the index of all decisions."""
from __future__ import annotations

import csv
import io

from .. import citation, provenance
from ..context import LoadContext
from .. import formats
from ..formats import meeting_dates as _dates, numeral, real_date, roman
from ..i18n import t
from ..links import Reference, Target, cites
from ..markup import block_list, plain, structured
from ..model import WHOLE_DOCUMENT, Annex, Decision, Declaration, KnowledgeBase, Meeting, Paragraph, Text
from ..render import Dataset, Renderer, to_json
from .common import by_decade, check_locator, citable_references, no_entity_sections as entity_sections

# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    folder = ctx.data / "declarations"
    for path in sorted(folder.glob("*.yaml")):
        loaded = ctx.yaml(path, "declaration.schema.json")
        if not loaded:
            continue
        doc, lines = loaded
        at = lambda *p: ctx.origin(path, lines, p)
        problems = ctx.problems
        if path.stem != doc["id"]:
            problems.add(ctx.rel(path), at("id").line, f"the id '{doc['id']}' must match the file name "
                         f"'{path.stem}'. Rename the file to {doc['id']}.yaml, or fix the id.")
        if roman(doc["ordinal"]) is None:
            fix = f" Write {numeral(doc['number'])} for {doc['number']}." if 0 < doc["number"] < 4000 else ""
            problems.add(ctx.rel(path), at("ordinal").line,
                         f"the ordinal '{doc['ordinal']}' is not a Roman numeral in its standard form "
                         f"(IV, not IIII; IX, not VIIII; no VX).{fix}")
        elif roman(doc["ordinal"]) != doc["number"] or doc["ordinal"].lower() != doc["id"]:
            problems.add(ctx.rel(path), at("ordinal").line,
                         f"the ordinal '{doc['ordinal']}', the id '{doc['id']}' and the number "
                         f"{doc['number']} must be the same number (for example XXI, xxi and 21).")
        m = doc["meeting"]
        for key in ("start", "end"):
            if key in m and real_date(m[key]) is None:
                problems.add(ctx.rel(path), at("meeting", key).line,
                             f"'{m[key]}' is not a real date. Write it as YYYY-MM-DD, e.g. 2016-11-17.")
        declaration = Declaration(
            id=doc["id"], ordinal=doc["ordinal"], number=doc["number"], source=doc["source"],
            complete=doc["complete"], title=Text.of(doc.get("title")), theme=Text.of(doc.get("theme")),
            meeting=Meeting(kind=m["kind"], country=m.get("country"), name=Text.of(m.get("name")),
                            cities=m.get("cities", []), start=m.get("start"), end=m.get("end")),
            attendees=(doc.get("attendees") or {}).get("countries"),
            attendees_note=Text.of((doc.get("attendees") or {}).get("note")),
            note=Text.of(doc.get("note")), text_sources=doc.get("text_sources", {}),
            locator=doc.get("locator"), origin=at())
        declaration.preamble = _items(Paragraph, doc.get("preamble", []), "preamble", at, problems, ctx.rel(path))
        declaration.decisions = _items(Decision, doc.get("decisions", []), "decisions", at, problems, ctx.rel(path))
        for item in [*declaration.preamble, *declaration.decisions]:
            if item.source:        # quoted in another document: the data says where
                what = "decision" if isinstance(item, Decision) else "preamble paragraph"
                check_locator(ctx, item.origin.at("source"), f"{what} {item.number} of {declaration.ordinal}",
                              item.source, item.locator)
            else:                  # in the declaration's own text, at its number
                item.locator = (f"decision {item.number}" if isinstance(item, Decision)
                                else f"preamble, paragraph {item.number}")
        declaration.annexes = [Annex(id=a["id"], title=Text.of(a["title"]), refers_to=a["refers_to"],
                                     text=Text.of(a.get("text"))) for a in doc.get("annexes", [])]
        other = next((d for d in kb.declarations if d.number == declaration.number), None)
        if other is not None:
            problems.add(ctx.rel(path), at("number").line, f"the number {declaration.number} is already "
                         f"the number of {other.origin.file} ({other.ordinal}). Each declaration has its "
                         "own number: correct one of them.")
            continue
        kb.declarations.append(declaration)
    kb.declarations.sort(key=lambda d: d.number, reverse=True)


def _items(cls, raws, key, at, problems, rel):
    items, seen = [], {}
    for i, raw in enumerate(raws):
        origin = at(key, i)
        number = raw["number"]
        if number in seen:
            what = "decision" if key == "decisions" else "preamble paragraph"
            problems.add(rel, origin.line, f"{what} number {number} is used twice (first on line "
                                           f"{seen[number]}). Each {what} needs its own number.")
            continue
        seen[number] = origin.line
        fields = dict(raw)
        fields["text"] = Text.of(raw["text"])
        for name in ("short_title", "source_note"):
            if name in fields:
                fields[name] = Text.of(fields[name])
        items.append(cls(**fields, origin=origin))
    return items


def validate(ctx: LoadContext, kb: KnowledgeBase) -> None:
    """The declarations in the sources are English translations: an official Spanish text is
    added with the source it is copied from (text_sources: es: ...), never without."""
    for d in kb.declarations:
        for item in [*d.preamble, *d.decisions]:
            if item.text.es and "es" not in d.text_sources:
                what = "decision" if isinstance(item, Decision) else "preamble paragraph"
                where = item.origin.at("text", "es")
                ctx.problems.add(where.file, where.line, f"{what} {item.number} has a Spanish "
                                 "text (es), but the declaration names no source for its Spanish texts. Add "
                                 "'text_sources: {es: <source id>}' to the declaration, naming the document "
                                 "the text is copied from.")
                break


# ---------------------------------------------------------------------------------------------
# Cross-references

def group(d: Declaration) -> str:
    """How the site names a declaration in lists: 'XXI Declaration (2016)'. A meeting whose
    declaration the sources do not name (the I and XV) goes by the name the source gives it."""
    name = t("declaration.title", ordinal=d.ordinal) if d.title else d.meeting.name.get() if d.meeting.name else d.ordinal
    return name + (f" ({d.year})" if d.year else "")


def page_title(d: Declaration) -> str:
    """The declaration's title as the source gives it, or else its meeting's name: never a title
    the sources do not give ('I Declaration')."""
    return (d.title or d.meeting.name).get() if (d.title or d.meeting.name) else d.ordinal


def item_target(d: Declaration, item) -> Target:
    # An alias is an old anchor on this page: decision-5 was rcm:xxi/5, preamble-2 rcm:xxi/preamble-2.
    old = [f"{d.id}/{alias.removeprefix('decision-')}" for alias in item.aliases]
    if isinstance(item, Decision):
        return Target(f"{d.id}/{item.number}", d.path, item.anchor, t("target.decision", ordinal=d.ordinal, number=item.number),
                      "decision", group(d), plain(item.text.get()), list(item.aliases),
                      preview_lang=item.text.lang, alias_refs=old)
    return Target(f"{d.id}/preamble-{item.number}", d.path, item.anchor,
                  t("target.preamble", ordinal=d.ordinal, number=item.number), "preamble", group(d),
                  plain(item.text.get()), list(item.aliases), preview_lang=item.text.lang,
                  alias_refs=old)


def targets(kb: KnowledgeBase):
    yield Target("declarations", "declarations/", None, t("page.declarations"), "page"), None
    yield Target("decisions", "decisions/", None, t("page.decisions"), "page"), None
    for d in kb.declarations:
        yield Target(d.id, d.path, None, group(d), "declaration", group(d)), d.origin
        for item in [*d.preamble, *d.decisions]:
            yield item_target(d, item), item.origin
        for annex in d.annexes:
            yield Target(f"{d.id}/{annex.id}", d.path, annex.id, f"{d.ordinal}, {annex.title.get()}",
                         "annex", group(d)), d.origin


def references(kb: KnowledgeBase):
    for d in kb.declarations:
        whole = Target(d.id, d.path, None, group(d), "declaration", group(d))
        at = d.origin.at
        yield cites(whole, d.source, at("source"), locator=d.locator)
        for lang, source in d.text_sources.items():
            yield cites(whole, source, at("text_sources", lang), locator=WHOLE_DOCUMENT)
        if d.meeting.country:
            yield Reference(whole, d.meeting.country, at("meeting", "country"),
                            f"the {d.ordinal} meeting's country")
        for i, country in enumerate(d.attendees or []):
            yield Reference(whole, country, at("attendees", "countries", i), f"the {d.ordinal} attendees list")
        for item in [*d.preamble, *d.decisions]:
            source = item_target(d, item)
            # Error messages are for maintainers, in English whatever the site's language.
            name = ("decision" if isinstance(item, Decision) else "preamble paragraph") + f" {item.number}"
            yield from citable_references(source, item, name)
            if not item.source:    # the declaration's own text, at the item's number
                yield cites(source, d.source, item.origin, locator=item.locator)
        for j, annex in enumerate(d.annexes):
            source = Target(f"{d.id}/{annex.id}", d.path, annex.id, f"{d.ordinal}, {annex.title.get()}",
                            "annex", group(d))
            for k, ref in enumerate(annex.refers_to):
                yield Reference(source, ref, at("annexes", j, "refers_to", k), f"annex '{annex.id}'")


# ---------------------------------------------------------------------------------------------
# Pages

def meeting_place(kb: KnowledgeBase, d: Declaration) -> str:
    country = kb.entities.get(d.meeting.country) if d.meeting.country else None
    cities = formats.and_list(d.meeting.cities)
    country_name = country.name.get() if country else ""
    return ", ".join(x for x in (cities, country_name) if x)


def meeting_dates(d: Declaration) -> str:
    return _dates(d.meeting.start, d.meeting.end)


def pages(kb: KnowledgeBase, r: Renderer):
    members = [e for e in kb.entities.values() if any(s.role == "member" for s in e.statuses)]
    for d in kb.declarations:
        # The table of contents names each decision by its opening words (declaration.md.j2); those
        # in another language than the page's are marked so (docs/overrides/partials/toc-item.html).
        toc_lang = {dec.anchor: dec.text.lang for dec in d.decisions if dec.text.lang != r.lang}
        yield r.page("declaration.md.j2", d.path, page_title(d), edit=d.origin.file,
                     meta={"rcm_toc_lang": toc_lang} if toc_lang else None,
                     data=[f"data/commitments/{d.id}.yaml"],      # its decisions' commitments
                     sources=provenance.of_declaration(kb, d),
                     d=d, place=meeting_place(kb, d), dates=meeting_dates(d),
                     cite=citation.pattern(kb, d, r.site_url, r.lang), NUMBER=citation.NUMBER,
                     cite_formats=citation.FORMATS, cite_as=citation.declaration(kb, d, r.site_url, r.lang),
                     source=kb.sources[d.source],
                     members=members)
    every = provenance.ordered(kb, [s for d in kb.declarations for s in provenance.of_declaration(kb, d)])
    yield r.page("declarations.md.j2", "declarations/", t("page.declarations"), edit="data/declarations/",
                 sources=every,
                 declarations=kb.declarations, place=lambda d: meeting_place(kb, d), dates=meeting_dates)
    rows = [(d, dec) for d in kb.declarations for dec in sorted(d.decisions, key=lambda x: x.number)]
    yield r.page("decisions.md.j2", "decisions/", t("page.decisions"), edit="data/declarations/", rows=rows,
                 sources=provenance.ordered(kb, [dec.source or d.source for d, dec in rows]),
                 meta={"search": {"exclude": True}, "hide": ["toc"]})   # the table takes the width


def nav(kb: KnowledgeBase) -> dict:
    """The Declarations section of the navigation: the index, then each declaration, newest first."""
    items = [(t("nav.all_declarations"), "declarations/index.md")]
    items += by_decade([(f"{d.ordinal}" + (f" ({d.year})" if d.year else ""), d.path + "index.md", d.year)
                        for d in kb.declarations])
    return {"declarations/index.md": items}


# ---------------------------------------------------------------------------------------------
# Open data

def _decision_rows(kb: KnowledgeBase):
    """One row per decision. `text` keeps the structure of the decision (paragraphs separated by a
    blank line, list items on lines of their own after '- '), so that decision 21's paragraph and
    list stay a paragraph and a list; JSON also gives the same text as `blocks`."""
    for d in kb.declarations:
        source = kb.sources[d.source]
        for dec in sorted(d.decisions, key=lambda x: x.number):
            yield {
                "declaration": d.ordinal, "year": d.year, "number": dec.number,
                "url": f"/{d.path}#{dec.anchor}",
                "short_title": dec.short_title.get() if dec.short_title else None,
                "action": dec.action, "text": structured(dec.text.get()),
                "blocks": block_list(dec.text.get()), "language": dec.text.lang,
                "topics": dec.topics, "actors": dec.actors, "refers_to": dec.refers_to,
                "source": kb.sources[dec.source].title.get() if dec.source else source.title.get(),
                "source_id": dec.source or d.source,
                "locator": dec.locator or f"decision {dec.number}",
                "editorial": ["short_title", "action", "topics"],
                "aliases": [f"/{d.path}#{alias}" for alias in dec.aliases],
            }


def datasets(kb: KnowledgeBase, r: Renderer):
    rows = list(_decision_rows(kb))
    buffer = io.StringIO()
    flat = [k for k in (rows[0] if rows else {"declaration": 0}) if k != "blocks"]   # JSON only
    writer = csv.DictWriter(buffer, fieldnames=flat, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items() if k in flat})
    yield Dataset("decisions", t("dataset.decisions"), t("dataset.decisions.about"),
                  {"decisions.json": to_json(rows), "decisions.csv": buffer.getvalue().encode("utf-8")})
    decls = [{
        "id": d.id, "ordinal": d.ordinal, "number": d.number, "year": d.year,
        "url": "/" + d.path, "theme": d.theme.get() if d.theme else None,
        "meeting": {"kind": d.meeting.kind, "cities": d.meeting.cities, "country": d.meeting.country,
                    "start": d.meeting.start, "end": d.meeting.end},
        "attendees": d.attendees, "complete": d.complete,
        "decisions_held": len(d.decisions), "source": kb.sources[d.source].title.get(),
        "source_id": d.source, "note": d.note.get() if d.note else None,
        "preamble": [{"number": p.number, "url": f"/{d.path}#{p.anchor}", "text": structured(p.text.get()),
                      "blocks": block_list(p.text.get()), "language": p.text.lang,
                      "source_id": d.source, "locator": f"preamble, paragraph {p.number}"}
                     for p in sorted(d.preamble, key=lambda p: p.number)],
    } for d in kb.declarations]
    yield Dataset("declarations", t("dataset.declarations"), t("dataset.declarations.about"),
                  {"declarations.json": to_json(decls)})
