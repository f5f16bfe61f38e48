"""The commitments domain: what decisions ask someone to do, who, by when, and what is known of
the follow-up. One data file per declaration (data/commitments/<id>.yaml); the Commitments page,
a block under each decision (templates/_decision.html.j2 reads kb.parts["commitments"]), a
section on each entity page, and the commitments open data with its calendar."""
from __future__ import annotations

import csv
import difflib
import io
import re

from markupsafe import Markup

from .. import akn, feeds, ics, provenance
from ..context import LoadContext
from ..followup import PATH, STATUSES, Commitment, Commitments, FollowUp, edtf_bounds, normal, of
from ..i18n import t
from ..links import Reference, Target, cites, passage_anchor
from ..model import KnowledgeBase, Origin, Text
from ..render import Dataset, Renderer, relative, to_json
from .common import no_checks as validate, no_nav as nav


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    book = of(kb)
    seen: dict[str, Origin] = {}
    for path in sorted((ctx.data / "commitments").glob("*.yaml")):
        loaded = ctx.yaml(path, "commitments.schema.json")
        if not loaded:
            continue
        doc, lines = loaded
        rel = ctx.rel(path)
        at = lambda *p: ctx.origin(path, lines, p)
        declaration = kb.declaration(doc["declaration"])
        if path.stem != doc["declaration"]:
            ctx.problems.add(rel, at("declaration").line, f"the declaration '{doc['declaration']}' "
                             f"must match the file name '{path.stem}'. Rename the file to "
                             f"{doc['declaration']}.yaml, or fix the declaration id.")
            continue
        if declaration is None:
            if f"data/declarations/{doc['declaration']}.yaml" in ctx.unread:
                continue    # its declaration could not be read: checked once that file is fixed
            ctx.problems.add(rel, at("declaration").line, f"there is no declaration '{doc['declaration']}' "
                             "in data/declarations/. Add the declaration first, or fix the id.")
            continue
        decisions = {d.number: d for d in declaration.decisions}
        for i, raw in enumerate(doc["commitments"]):
            c = _commitment(ctx, kb, raw, declaration, decisions, rel,
                            lambda *p, i=i: at("commitments", i, *p))
            if c is None:
                continue
            if c.id in seen:
                ctx.problems.add(rel, c.origin.line, f"the commitment id '{c.id}' is used twice (first "
                                 f"at {seen[c.id].file}:{seen[c.id].line}). Give each its own id, "
                                 f"for example {c.id.rstrip('abcdefgh')}b.")
                continue
            seen[c.id] = c.origin
            book.items.append(c)
    _link_supersessions(ctx, book)
    order = {d.id: -d.number for d in kb.declarations}
    book.items.sort(key=lambda c: (order.get(c.declaration, 0), c.decision, c.id))


def _commitment(ctx, kb, raw, declaration, decisions, rel, at) -> Commitment | None:
    problems = ctx.problems
    line = lambda *p: at(*p).line
    number = raw["decision"]
    decision = decisions.get(number)
    if decision is None:
        problems.add(rel, line("decision"), f"the {declaration.ordinal} Declaration has no decision "
                     f"{number} in data/declarations/{declaration.id}.yaml. Fix the number.")
        return None
    ok = True
    if not re.fullmatch(rf"{re.escape(declaration.id)}-{number}[a-z]?", raw["id"]):
        problems.add(rel, line("id"), f"the commitment id '{raw['id']}' must start with the declaration "
                     f"and the decision it belongs to: '{declaration.id}-{number}', then a letter when "
                     f"the decision holds more than one (e.g. {declaration.id}-{number}a).")
        ok = False
    if normal(raw["clause"]) not in normal(decision.text.get()):
        problems.add(rel, line("clause"), f"the clause of '{raw['id']}' is not word for word in decision "
                     f"{number} of data/declarations/{declaration.id}.yaml. Copy it from the decision's "
                     "text exactly (spacing and line breaks may differ).")
        ok = False
    for entity in raw["asked"]:
        if entity not in kb.entities:
            guess = difflib.get_close_matches(entity, list(kb.entities), n=1, cutoff=0.6)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            problems.add(rel, line("asked"), f"'{raw['id']}' asks '{entity}', which is not in "
                         f"data/entities/{hint}. Fix the id, or add the entity first.")
            ok = False
    if not raw["asked"] and not raw.get("asked_as"):
        problems.add(rel, line("asked"), f"'{raw['id']}' names nobody: list the entities asked in "
                     "'asked', or, when no entity stands for them, copy the clause's words for them "
                     "into 'asked_as'.")
        ok = False
    for key in ("asked_as", "due_text"):
        if raw.get(key) and normal(raw[key]) not in normal(raw["clause"]):
            problems.add(rel, line(key), f"the {key} of '{raw['id']}' ('{raw[key]}') is not in its "
                         "clause. Copy the words from the clause exactly.")
            ok = False
    if (raw.get("due") or raw.get("recurrence")) and not raw.get("due_text"):
        key = "due" if raw.get("due") else "recurrence"
        problems.add(rel, line(key), f"'{raw['id']}' has a {key} but no due_text. Add "
                     "'due_text:' with the clause's own words for it (e.g. 'by March 2017').")
        ok = False
    if raw.get("due") and edtf_bounds(raw["due"]) is None:
        problems.add(rel, line("due"), f"the due date '{raw['due']}' of '{raw['id']}' is not a real "
                     "date. Write it as YYYY, YYYY-MM or YYYY-MM-DD.")
        ok = False
    follow_up = []
    for j, s in enumerate(raw.get("follow_up", [])):
        here = line("follow_up", j)
        if not s.get("as_of"):
            problems.add(rel, here, f"the status '{s['status']}' of '{raw['id']}' needs the date the "
                         "source gives it: add 'as_of: YYYY-MM-DD'.")
            ok = False
        elif edtf_bounds(s["as_of"]) is None:
            problems.add(rel, line("follow_up", j, "as_of"), f"'{s['as_of']}' is not a real date. "
                         "Write it as YYYY-MM-DD, e.g. 2017-03-31.")
            ok = False
        if not s.get("source") and not s.get("decision"):
            problems.add(rel, here, f"the status '{s['status']}' of '{raw['id']}' needs its source: add "
                         "'source:' (an id in data/sources.yaml) or 'decision:' (a later decision, "
                         "e.g. xxii/5). Without a source, leave the status out: it is 'not recorded'.")
            ok = False
        if (s["status"] == "superseded") != bool(s.get("superseded_by")):
            problems.add(rel, here, f"a 'superseded' status needs 'superseded_by:' (the id of the later "
                         f"commitment), and only a 'superseded' status may have one ('{raw['id']}').")
            ok = False
        follow_up.append(FollowUp(status=s["status"], as_of=s.get("as_of", ""), source=s.get("source"),
                                  locator=s.get("locator"), decision=s.get("decision"), superseded_by=s.get("superseded_by"),
                                  quote=s.get("quote"), note=Text.of(s.get("note")),
                                  origin=at("follow_up", j)))
    dates = [f.as_of for f in follow_up]
    if dates != sorted(dates):
        problems.add(rel, line("follow_up"), f"the statuses of '{raw['id']}' must be listed oldest first.")
        ok = False
    if not ok:
        return None
    return Commitment(id=raw["id"], declaration=declaration.id, decision=number, asked=raw["asked"],
                      clause=raw["clause"], asked_as=raw.get("asked_as"), due=raw.get("due"),
                      due_text=raw.get("due_text"), recurrence=raw.get("recurrence"),
                      follow_up=follow_up, note=Text.of(raw.get("note")), origin=at(),
                      whole_decision=normal(raw["clause"]) == normal(decision.text.get()))


def _link_supersessions(ctx: LoadContext, book: Commitments) -> None:
    """A superseded commitment names its successor; the successor links back."""
    by_id = book.by_id()
    for c in book.items:
        for f in c.follow_up:
            if not f.superseded_by:
                continue
            later = by_id.get(f.superseded_by)
            if later is None or later is c:
                ctx.problems.add(f.origin.file, f.origin.line, f"'{c.id}' is superseded by "
                                 f"'{f.superseded_by}', which is not another commitment. Use the id "
                                 "of the later commitment that replaces it.")
                continue
            later.supersedes.append(c.id)


# ---------------------------------------------------------------------------------------------
# Cross-references

def target(c: Commitment, kb: KnowledgeBase) -> Target:
    d = kb.declaration(c.declaration)
    return Target(f"commitments/{c.id}", PATH, c.anchor,
                  t("commitment.label", ordinal=d.ordinal, number=c.decision, id=c.id), "commitment",
                  t("page.commitments"), normal(c.clause))


def targets(kb: KnowledgeBase):
    yield Target("commitments", PATH, None, t("page.commitments"), "page"), None
    for c in of(kb).items:
        yield target(c, kb), c.origin


def references(kb: KnowledgeBase):
    for c in of(kb).items:
        for f in c.follow_up:
            if f.source:
                yield cites(target(c, kb), f.source, f.origin, f"the status of '{c.id}'", f.locator)
            if f.decision:
                yield Reference(target(c, kb), f.decision, f.origin, f"the status of '{c.id}'")


# ---------------------------------------------------------------------------------------------
# Pages

def pages(kb: KnowledgeBase, r: Renderer):
    book = of(kb)
    bodies = sorted({e for c in book.items for e in c.asked}, key=lambda e: kb.entities[e].name.get().casefold())
    years = sorted({str(kb.declaration(c.declaration).year) for c in book.items}, reverse=True)
    dues = sorted({c.due_year for c in book.items if c.due})
    used = [s for c in book.items for s in provenance.of_declaration(kb, kb.declaration(c.declaration))]
    used += [f.source for c in book.items for f in c.follow_up if f.source]
    yield r.page("commitments.md.j2", PATH, t("page.commitments"), edit="data/commitments/",
                 sources=provenance.ordered(kb, used),
                 items=book.items, bodies=bodies, years=years, dues=dues, statuses=STATUSES,
                 feeds=[(title, relative(r.root + PATH, "data/" + name)) for name, title in feeds.titles()])


def entity_sections(kb: KnowledgeBase, r: Renderer) -> list:
    """On an entity's page: what it was asked to do, and where."""
    template = r.env.get_template("_commitments_entity.html.j2")

    def section(entity, page_path: str) -> Markup | None:
        items = of(kb).of_entity(entity.id)
        if not items:
            return None
        href = lambda to, anchor=None: relative(page_path, to) + (f"#{anchor}" if anchor else "")
        link = lambda ref: href(r.index.targets[ref].path, r.index.targets[ref].anchor)
        passage = lambda source, locator=None: href("sources/", passage_anchor(source, locator))
        return Markup(template.render(items=items, entity=entity, href=href, link=link, passage=passage))
    return [section]


# ---------------------------------------------------------------------------------------------
# Open data

def rows(kb: KnowledgeBase) -> list[dict]:
    out = []
    for c in of(kb).items:
        d = kb.declaration(c.declaration)
        latest = c.latest
        out.append({
            "id": c.id, "declaration": d.ordinal, "decision": c.decision,
            "asked": list(c.asked), "asked_as": c.asked_as, "clause": normal(c.clause),
            "due": c.due, "due_text": c.due_text, "recurrence": c.recurrence, "status": c.status,
            "status_as_of": latest.as_of if latest else None,
            "status_source": (kb.sources[latest.source].title.get() if latest and latest.source else
                              latest.decision if latest else None),
            "supersedes": list(c.supersedes),
            "superseded_by": latest.superseded_by if latest else None,
            "url": f"/{PATH}#{c.anchor}", "clause_url": f"/{d.path}#decision-{c.decision}",
            "follow_up": [{"status": f.status, "as_of": f.as_of, "source": f.source,
                           "decision": f.decision, "superseded_by": f.superseded_by, "quote": f.quote}
                          for f in c.follow_up],
        })
    return out


def _csv(rows_: list[dict]) -> bytes:
    buffer = io.StringIO()
    fields = [k for k in rows_[0] if k != "follow_up"] if rows_ else ["id"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows_:
        writer.writerow({k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                         for k, v in row.items() if k != "follow_up"})
    return buffer.getvalue().encode("utf-8")


def _asked_csv(kb: KnowledgeBase) -> bytes:
    """One row per commitment and entity asked, to join commitments with entities."""
    lines = ["commitment,entity"] + [f"{c.id},{e}" for c in of(kb).items for e in c.asked]
    return ("\n".join(lines) + "\n").encode("utf-8")


def datasets(kb: KnowledgeBase, r: Renderer):
    data = rows(kb)
    yield Dataset("commitments", t("dataset.commitments"), t("dataset.commitments.about"),
                  {"commitments.json": to_json(data), "commitments.csv": _csv(data),
                   "commitment-asked.csv": _asked_csv(kb),
                   "commitments.ics": ics.calendar(kb, r.site_url)})
    yield Dataset("feeds", t("dataset.feeds"), t("dataset.feeds.about"), feeds.files(kb, r.site_url))
    yield Dataset("akn", t("dataset.akn"), t("dataset.akn.about"), akn.files(kb, r.site_url))
