"""The seminars and workshops the RCM held (data/activities.yaml): by year and by topic."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...context import LoadContext
from ...i18n import t
from ...links import Reference, Target, cites
from ...model import KnowledgeBase, Origin, Text
from ...render import Dataset, Renderer, to_json
from ..common import (check_anchors, no_checks as validate,
                      no_entity_sections as entity_sections, no_nav as nav)

ACTIVITIES = "activities/"


# ---------------------------------------------------------------------------------------------
# The model

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
    locator: str | None = None     # where in the source the list stands

    @property
    def years(self) -> str:
        years = sorted(a.year for a in self.items if a.year)
        return f"{years[0]}-{years[-1]}" if years else ""


# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    loaded = ctx.document("activities.yaml", "activities.schema.json")
    if not loaded:
        return
    doc, at = loaded
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
    kb.parts["activities"] = Activities(doc["source"], Text.of(doc.get("intro")), items, at(),
                                        doc.get("locator"))


# ---------------------------------------------------------------------------------------------
# Cross-references

def _activity_target(acts: Activities, a: Activity) -> Target:
    when_ = str(a.year) if a.year else t("activities.annually")
    return Target(f"activities/{a.id}", ACTIVITIES, a.id, f"{a.title.get()} ({when_})", "activity",
                  t("story.activities_group", years=acts.years), a.title.get())


def _page_target() -> Target:
    return Target("activities", ACTIVITIES, None, t("story.activities"), "page")


def targets(kb: KnowledgeBase):
    acts = kb.parts.get("activities")
    if acts:
        yield _page_target(), acts.origin
        for a in acts.items:
            yield _activity_target(acts, a), a.origin

def references(kb: KnowledgeBase):
    acts = kb.parts.get("activities")
    if acts:
        yield cites(_page_target(), acts.source, acts.origin.at("source"), locator=acts.locator)
        for a in acts.items:
            yield cites(_activity_target(acts, a), acts.source, a.origin, locator=acts.locator)
            for i, ref in enumerate(a.topics):
                yield Reference(_activity_target(acts, a), ref, a.origin.at("topics", i),
                                f"activity '{a.id}'", "topic")


# ---------------------------------------------------------------------------------------------
# Pages

def pages(kb: KnowledgeBase, r: Renderer):
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
        yield r.page("activities.md.j2", ACTIVITIES, t("story.activities"), edit="data/activities.yaml",
                     sources=[acts.source],
                     acts=acts, years=years, annual=by_year.get(None, []), topics=topics,
                     unclassified=by_topic.get("", []), counts=counts)


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    acts = kb.parts.get("activities")
    if acts:
        rows = [{"id": a.id, "url": f"/{ACTIVITIES}#{a.id}", "year": a.year, "annual": a.annual,
                 "kind": a.kind, "title": a.title.get(), "topics": a.topics,
                 "source": kb.sources[acts.source].title.get()} for a in acts.items]
        yield Dataset("activities", t("story.activities"), t("dataset.activities.about", years=acts.years),
                      {"activities.json": to_json(rows)})
