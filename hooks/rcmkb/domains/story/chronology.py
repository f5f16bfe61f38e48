"""The chronology (data/chronology.yaml): dated events in the sources' own words, each linked to
what it produced."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ... import provenance
from ...context import LoadContext
from ...formats import real_date, when
from ...i18n import t
from ...links import Reference, Target, cites
from ...markup import plain
from ...model import Disagreement, KnowledgeBase, Origin, Text
from ...render import Dataset, Renderer, to_json
from ..common import (check_anchors, no_checks as validate,
                      no_entity_sections as entity_sections, no_nav as nav)

CHRONOLOGY = "chronology/"


# ---------------------------------------------------------------------------------------------
# The model

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
    sources_differ: Disagreement | None = None
    locator: str | None = None          # where in the source the quote is

    @property
    def year(self) -> str:
        return self.date[:4]


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    loaded = ctx.document("chronology.yaml", "chronology.schema.json")
    if not loaded:
        return
    doc, at = loaded
    events = [_event(ctx, raw, at("events", i)) for i, raw in enumerate(doc["events"])]
    check_anchors(ctx, events)
    # Within a year, events the source dates only by the year come after the dated ones.
    events.sort(key=lambda e: (e.year, len(e.date) == 4, e.date, e.end or ""))
    kb.parts["chronology"] = events


def _event(ctx: LoadContext, raw: dict, origin: Origin) -> Event:
    event = Event(id=raw["id"], date=raw["date"], end=raw.get("end"), title=Text.of(raw["title"]),
                  quote=Text.of(raw["quote"]), source=raw["source"], links=raw["links"], origin=origin,
                  sources_differ=Disagreement.of(raw.get("sources_differ")), locator=raw.get("locator"))
    start, end = real_date(event.date), real_date(event.end) if event.end else None
    if start is None:
        ctx.report(origin.at("date"), f"'{event.date}' is not a real date. Write it as YYYY-MM-DD, "
                   "YYYY-MM or YYYY, at the precision the source gives.")
    elif event.end and end is None:
        ctx.report(origin.at("end"), f"'{event.end}' is not a real date. Write it as YYYY-MM-DD, "
                   "YYYY-MM or YYYY.")
    elif end and end < start:
        ctx.report(origin.at("end"), f"event '{event.id}' ends ({event.end}) before it starts "
                   f"({event.date}). Swap the dates, or fix one of them.")
    return event


# ---------------------------------------------------------------------------------------------
# Cross-references

def _event_target(e: Event) -> Target:
    return Target(f"chronology/{e.id}", CHRONOLOGY, e.id, f"{when(e.date, e.end)}: {e.title.get()}",
                  "event", t("story.chronology"), plain(e.quote.get()))


def targets(kb: KnowledgeBase):
    events = kb.parts.get("chronology")
    if events is not None:
        yield Target("chronology", CHRONOLOGY, None, t("story.chronology"), "page"), None
        for e in events:
            yield _event_target(e), e.origin


def references(kb: KnowledgeBase):
    for e in kb.parts.get("chronology") or []:
        yield cites(_event_target(e), e.source, e.origin.at("source"), locator=e.locator)
        for i, account in enumerate(e.sources_differ.accounts if e.sources_differ else []):
            yield cites(_event_target(e), account.source, e.origin.at("sources_differ", "accounts", i, "source"),
                        locator=account.locator)
        for i, ref in enumerate(e.links):
            yield Reference(_event_target(e), ref, e.origin.at("links", i), f"event '{e.id}'")


# ---------------------------------------------------------------------------------------------
# Pages

def pages(kb: KnowledgeBase, r: Renderer):
    events = kb.parts.get("chronology")
    if events is not None:
        by_year = defaultdict(list)
        for e in events:
            by_year[e.year].append(e)
        differ = [a.source for e in events if e.sources_differ for a in e.sources_differ.accounts]
        yield r.page("chronology.md.j2", CHRONOLOGY, t("story.chronology"), edit="data/chronology.yaml",
                     sources=provenance.ordered(kb, [e.source for e in events] + differ),
                     years=sorted(by_year.items()), when=when)


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    events = kb.parts.get("chronology")
    if events is not None:
        rows = [{"id": e.id, "url": f"/{CHRONOLOGY}#{e.id}", "date": e.date, "end": e.end,
                 "title": e.title.get(), "quote": e.quote.get(), "quote_language": e.quote.lang,
                 "source": e.source, "locator": e.locator, "title_is_editorial": True,
                 "sources_differ": None if not e.sources_differ else {
                     "about": e.sources_differ.about.get(), "about_is_editorial": True,
                     "accounts": [{"source": a.source, "locator": a.locator, "quote": a.quote.get()}
                                  for a in e.sources_differ.accounts]},
                 "links": [{"ref": ref, "url": r.index.targets[ref].url} for ref in e.links]}
                for e in events]
        yield Dataset("chronology", t("story.chronology"), t("dataset.chronology.about"),
                      {"chronology.json": to_json(rows)})
