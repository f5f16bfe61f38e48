"""Sources, and the entities the sources name: countries, organizations, RCM bodies, documents
and topics. Each entity gets a page with its statuses and backlinks; acronyms make a glossary."""
from __future__ import annotations

from collections import defaultdict

from .. import edtf, formats, i18n, provenance
from ..context import LoadContext
from ..i18n import t
from ..links import Reference, Target, cites, passage_anchor
from ..markup import abbreviation, plain
from ..model import Disagreement, Entity, KnowledgeBase, Published, Source, Status, Text
from ..render import KIND_FOLDERS, Dataset, Renderer, to_json
from .common import check_locator, no_entity_sections as entity_sections, no_nav as nav

# ---------------------------------------------------------------------------------------------
# Loading

def load(ctx: LoadContext, kb: KnowledgeBase) -> None:
    path = ctx.data / "sources.yaml"
    loaded = ctx.yaml(path, "sources.schema.json")
    if loaded:
        doc, lines = loaded
        for i, raw in enumerate(doc):
            origin = ctx.origin(path, lines, (i,))
            if raw["id"] in kb.sources:
                ctx.problems.add(origin.file, origin.line, f"the source id '{raw['id']}' is used twice. "
                                                          "Give each source its own id.")
                continue
            if not raw.get("file") and not raw.get("cited_in"):
                ctx.problems.add(origin.file, origin.line, f"the source '{raw['id']}' has no 'file:'. "
                                 "Give the name of its transcription in shared/seeds/ (file: "
                                 "004_b74f3e636d36253e.txt); for a document known only because another "
                                 "source cites it, give that source's id in 'cited_in:' and where it "
                                 "cites it in 'page:'.")
            wrong = edtf.problem(raw["date"])
            if wrong:
                ctx.problems.add(origin.file, ctx.origin(path, lines, (i, "date")).line, wrong)
            kb.sources[raw["id"]] = Source(
                id=raw["id"], title=Text.of(raw["title"]), date=raw["date"], language=raw["language"],
                kind=raw.get("kind"), file=raw.get("file"), description=Text.of(raw.get("description")),
                date_note=Text.of(raw.get("date_note")), cited_in=raw.get("cited_in"),
                page=raw.get("page"), origin=origin,
                published=Published(Text.of(raw["published"]["where"]), raw["published"]["source"],
                                    raw["published"]["locator"], raw["published"].get("portal"),
                                    raw["published"].get("url")) if raw.get("published") else None)
    for kind, name in KIND_FOLDERS.items():
        path = ctx.data / "entities" / f"{name}.yaml"
        if not path.exists():
            ctx.problems.add(ctx.rel(path), 0, "this file is missing; restore it from version control.")
            continue
        loaded = ctx.yaml(path, "entities.schema.json")
        if not loaded:
            continue
        doc, lines = loaded
        for i, raw in enumerate(doc):
            origin = ctx.origin(path, lines, (i,))
            if raw["kind"] != kind:
                ctx.problems.add(origin.file, ctx.origin(path, lines, (i, "kind")).line,
                                 f"'{raw['id']}' has kind '{raw['kind']}', but this file holds "
                                 f"{name}. Move it to data/entities/{KIND_FOLDERS[raw['kind']]}.yaml.")
                continue
            id_line = origin.at("id").line
            first = kb.entities.get(raw["id"])
            if first is not None:
                ctx.problems.add(origin.file, id_line, f"the id '{raw['id']}' is already used by the "
                                 f"{first.kind} on {first.origin.file}:{first.origin.line}. Ids must be "
                                 "unique across all entity files: rename one of them.")
                continue
            if raw["kind"] == "country" and raw.get("code") and not formats.country_name(raw["code"], "es"):
                ctx.problems.add(origin.file, origin.at("code").line,
                                 f"'{raw['code']}' is not an ISO 3166 country code. Write the country's "
                                 "two-letter code, e.g. CR for Costa Rica.")
            if raw.get("group") and f"group.{raw['group']}" not in i18n.strings("en"):
                ctx.problems.add(origin.file, origin.at("group").line,
                                 f"the group '{raw['group']}' has no interface string. Use a group "
                                 "that exists, or add 'group." + raw["group"] + ": ...' to "
                                 "hooks/rcmkb/i18n/en.yaml and es.yaml.")
            kb.entities[raw["id"]] = entity = _entity(raw, origin)
            _check_provenance(ctx, entity, lambda *p: ctx.origin(path, lines, (i, *p)))


def _check_provenance(ctx: LoadContext, e: Entity, at) -> None:
    """A fact record names its source, or says that it is the knowledge base's own."""
    if not e.source and not e.editorial:
        ctx.problems.add(e.origin.file, e.origin.line,
                         f"'{e.id}' has neither a source nor an editorial mark. Add 'source:' (an id in "
                         "data/sources.yaml) and 'locator:' (where in it), or, if the record is the "
                         "knowledge base's own, 'editorial: {en: ...}' saying why.")
    if not e.editorial:
        check_locator(ctx, e.origin.at("source"), f"'{e.id}'", e.source, e.locator)
    for i, s in enumerate(e.statuses):
        if not s.source and not s.by:
            where = at("statuses", i)
            ctx.problems.add(where.file, where.line,
                             f"the {s.role} status of '{e.id}' has no source. Add 'by:' (the decision "
                             "that gives or records it, e.g. xxi/18) or 'source:' (an id in "
                             "data/sources.yaml) with 'locator:' (where in it).")
        check_locator(ctx, at("statuses", i, "source"), f"the {s.role} status of '{e.id}'", s.source,
                      s.locator)


def validate(ctx: LoadContext, kb: KnowledgeBase) -> None:
    """Checks across all entity files: parents and acronyms."""
    _check_parents(ctx, kb)
    _check_acronyms(ctx, kb)


def _line(entity: Entity, *key) -> int:
    return entity.origin.at(*key).line if entity.origin else 0


def _check_parents(ctx: LoadContext, kb: KnowledgeBase) -> None:
    """No entity is its own parent, directly or through others."""
    reported = set()
    for entity in kb.entities.values():
        if entity.parent == entity.id:      # the index reports it: a reference to itself
            continue
        chain, current = [entity.id], entity.parent
        while current and current in kb.entities and current not in chain:
            chain.append(current)
            current = kb.entities[current].parent
        if current and current in chain and entity.id not in reported:
            loop = chain[chain.index(current):] + [current]
            reported.update(loop)
            ctx.problems.add(entity.origin.file, _line(entity, "parent"),
                             "the parents go round in a circle (" + " -> ".join(loop) + "). An entity "
                             "cannot be its own parent: correct one of these 'parent' fields.")


def glossary_id(acronym: str, lang: str) -> str:
    """The glossary row's id (templates/glossary.md.j2)."""
    return f"{lang}-" + acronym.lower().replace(" ", "-").replace("/", "-")


def _check_acronyms(ctx: LoadContext, kb: KnowledgeBase) -> None:
    """An acronym stands for one entity in a language: the glossary has one row (one address) for
    it, and hand-written pages expand it to one name."""
    seen: dict[str, tuple] = {}
    for entity in kb.entities.values():
        for lang, values in entity.acronyms.items():
            for acronym in values:
                key = glossary_id(acronym, lang)
                first = seen.get(key)
                if first is None:
                    seen[key] = (entity, acronym)
                elif first[0] is not entity:
                    for one, other, word in ((entity, first[0], acronym), (first[0], entity, first[1])):
                        ctx.problems.add(one.origin.file, _line(one, "acronyms", lang),
                                         f"the acronym '{word}' ({lang}) of '{one.id}' is also an acronym of "
                                         f"'{other.id}' ({other.origin.file}:{_line(other, 'acronyms', lang)}). "
                                         "An acronym stands for one entity: keep it on one of them (put it "
                                         "in 'also_written' of the other if the sources use it).")


def _entity(raw: dict, origin) -> Entity:
    name = dict(raw["name"])
    if raw.get("code") and not name.get("es"):     # a name the source prints comes first
        name["es"] = formats.country_name(raw["code"], "es")
    return Entity(
        id=raw["id"], kind=raw["kind"], name=Text.of(name), source=raw.get("source"), code=raw.get("code"),
        recorded_name=Text.of(raw["name"]),
        locator=raw.get("locator"),
        acronyms=raw.get("acronyms", {}), also_written=raw.get("also_written", {}),
        formerly=Text.of(raw.get("formerly")), group=raw.get("group"), parent=raw.get("parent"),
        description=Text.of(raw.get("description")),
        statuses=[Status(role=s["role"], year=s.get("year"), by=s.get("by"), source=s.get("source"),
                         locator=s.get("locator"), note=Text.of(s.get("note")))
                  for s in raw.get("statuses", [])],
        editorial=Text.of(raw.get("editorial")),
        sources_differ=Disagreement.of(raw.get("sources_differ")), origin=origin)


# ---------------------------------------------------------------------------------------------
# Cross-references

def entity_path(entity: Entity) -> str:
    return f"{KIND_FOLDERS[entity.kind]}/{entity.id}/"


def targets(kb: KnowledgeBase):
    for e in kb.entities.values():
        label = e.name.get() + (f" ({e.acronym()})" if e.acronym() else "")
        yield Target(e.id, entity_path(e), None, label, "entity",
                     preview=plain(e.description.get()) if e.description else label), e.origin
    yield Target("sources", "sources/", None, t("page.sources"), "page"), None
    for s in kb.sources.values():
        yield Target(f"sources/{s.id}", "sources/", s.id, s.title.get(), "source"), s.origin


def references(kb: KnowledgeBase):
    for e in kb.entities.values():
        me = Target(e.id, entity_path(e), None, e.name.get(), "entity", group=t("backlinks.entities"))
        at = e.origin.at
        if e.source:
            yield cites(me, e.source, at("source"), locator=e.locator)
        if e.parent:
            yield Reference(me, e.parent, at("parent"), f"'{e.id}' (its parent)")
        for i, s in enumerate(e.statuses):
            if s.by:
                yield Reference(me, s.by, at("statuses", i, "by"), f"the {s.role} status of '{e.id}'")
            if s.source:
                yield cites(me, s.source, at("statuses", i, "source"), locator=s.locator)
        for i, account in enumerate(e.sources_differ.accounts if e.sources_differ else []):
            yield cites(me, account.source, at("sources_differ", "accounts", i, "source"),
                        locator=account.locator)
    for s in kb.sources.values():
        if s.cited_in:
            yield cites(Target(f"sources/{s.id}", "sources/", s.id, s.title.get(), "source"), s.cited_in,
                        s.origin.at("cited_in"), locator=s.page)
        if s.published:
            # its own ref, so that a document may say where it is itself published
            yield cites(Target(f"sources/{s.id}/published", "sources/", s.id, s.title.get(), "source"),
                        s.published.source, s.origin.at("published", "source"),
                        locator=s.published.locator)


# ---------------------------------------------------------------------------------------------
# Pages

# An entity's own page comes before the pages that merely mention it when a reader searches for
# its name or acronym (Material's search multiplies the page's score by this).
SEARCH_BOOST = 2


def search_meta(e: Entity) -> dict:
    """The page's search metadata: boosted, and its acronyms in every language as the page's
    search tags, a field Material's search weighs above titles (the name is the page's title; the
    acronyms and other names are also in its text). So "ILO" finds the ILO's page before the
    many pages that mention the ILO, and before "Technical Secretariat of the RNCOM" for "RNCOM"."""
    tags = [a for values in e.acronyms.values() for a in values]
    return {"search": {"boost": SEARCH_BOOST}, **({"tags": list(dict.fromkeys(tags))} if tags else {})}


def pages(kb: KnowledgeBase, r: Renderer):
    by_kind = defaultdict(list)
    for e in kb.entities.values():
        by_kind[e.kind].append(e)
    extras = r.entity_sections
    children_of = defaultdict(list)
    for c in kb.entities.values():
        if c.parent:
            children_of[c.parent].append(c)
    for e in kb.entities.values():
        path = entity_path(e)
        backlinks = _grouped(r.index.backlinks.get(e.id, []))
        children = children_of.get(e.id, [])
        yield r.page("entity.md.j2", path, e.name.get(), edit=e.origin.file if e.origin else None,
                     sources=provenance.of_entity(kb, e), meta=search_meta(e),
                     entity=e, backlinks=backlinks, children=children,
                     extras=[s for s in (section(e, path) for section in extras) if s])
    for kind, folder in KIND_FOLDERS.items():
        entities = sorted(by_kind[kind], key=lambda e: e.name.get().casefold())
        yield r.page("entities.md.j2", f"{folder}/", t(f"kind.{kind}.plural"),
                     sources=provenance.of_entities(kb, entities),
                     edit=f"data/entities/{KIND_FOLDERS[kind]}.yaml", kind=kind, entities=entities,
                     groups=_grouped_by(entities, lambda e: e.group or ""),
                     counts={e.id: len(r.index.backlinks.get(e.id, [])) for e in entities})
    glossary = sorted(((a, lang, e) for e in kb.entities.values() for lang, acrs in e.acronyms.items()
                       for a in acrs), key=lambda x: (x[0].casefold(), x[1]))
    yield r.page("glossary.md.j2", "glossary/", t("page.glossary"), edit="data/entities/",
                 sources=provenance.of_entities(kb, [e for _, _, e in glossary]),
                 glossary=glossary)
    passages = {s.id: r.index.passages(s.id) for s in kb.sources.values()}
    placed = {s.id: {b.url for _, backs in passages[s.id] for b in backs} for s in kb.sources.values()}
    # What cites a source without a passage (a hand-written page's rcm:sources/... link)
    unplaced = {s.id: [b for b in r.index.backlinks.get(f"sources/{s.id}", []) if b.url not in placed[s.id]]
                for s in kb.sources.values()}
    yield r.page("sources.md.j2", "sources/", t("page.sources"), edit="data/sources.yaml",
                 data=["data/"],     # each passage lists what rests on it, from every data file
                 documents=list(kb.sources.values()), passages=passages, unplaced=unplaced,
                 passage_anchor=passage_anchor)


def _grouped_by(items, key) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda g: (g[0] != "", g[0]))


def _grouped(targets: list[Target]) -> list[tuple[str, list[Target]]]:
    groups: dict[str, list[Target]] = {}
    pages_seen = set()
    for target in targets:
        if target.kind == "page":     # a page that cites several times is listed once
            if target.path in pages_seen:
                continue
            pages_seen.add(target.path)
        groups.setdefault(target.group or t("backlinks.other"), []).append(target)
    return list(groups.items())


def abbreviations(kb: KnowledgeBase, lang: str = "en") -> str:
    """Markdown abbreviation definitions (*[RCM]: ...) so hand-written pages expand acronyms too."""
    seen = {}
    for e in kb.entities.values():
        for acronym_lang, values in e.acronyms.items():
            for acronym in values:
                seen.setdefault(acronym, e.name.get(acronym_lang))
    lines = (abbreviation(a, title) for a, title in sorted(seen.items()))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# Open data

def datasets(kb: KnowledgeBase, r: Renderer):
    rows = []
    for e in kb.entities.values():
        rows.append({
            # The names the record gives, under its source; CLDR's name of a country apart.
            "id": e.id, "kind": e.kind, "name": {k: v for k, v in vars(e.recorded_name or e.name).items() if v},
            "code": e.code,
            "name_cldr_es": formats.country_name(e.code, "es") if e.code else None,
            "acronyms": e.acronyms, "parent": e.parent, "group": e.group,
            "url": "/" + entity_path(e), "source": e.source, "locator": e.locator,
            "editorial": e.editorial.get() if e.editorial else None,
            "statuses": [{"role": s.role, "year": s.year, "by": s.by, "source": s.source,
                          "locator": s.locator, "note": s.note.get() if s.note else None}
                         for s in e.statuses],
            "sources_differ": _differ(e.sources_differ),
            "backlinks": [{"label": b.label, "url": b.url, "kind": b.kind}
                          for b in r.index.backlinks.get(e.id, [])],
        })
    yield Dataset("entities", t("dataset.entities"), t("dataset.entities.about"),
                  {"entities.json": to_json(rows)})
    sources = [{"id": s.id, "title": s.title.get(), "date": s.date,
                "date_words": edtf.words(s.date),
                "date_note": s.date_note.get() if s.date_note else None, "language": s.language,
                "file": s.file, "cited_in": s.cited_in, "page": s.page,
                "published": {"where": s.published.where.get(), "portal": s.published.portal,
                              "url": s.published.url, "source": s.published.source,
                              "locator": s.published.locator} if s.published else None,
                "passages": [{"locator": loc, "anchor": passage_anchor(s.id, loc),
                              "url": f"/sources/#{passage_anchor(s.id, loc)}",
                              "rests_on_it": [{"label": b.label, "url": b.url, "kind": b.kind} for b in backs]}
                             for loc, backs in r.index.passages(s.id)],
                "rests_on_it": [{"label": b.label, "url": b.url, "kind": b.kind}
                                for b in r.index.backlinks.get(f"sources/{s.id}", [])]}
               for s in kb.sources.values()]
    yield Dataset("sources", t("dataset.sources"), t("dataset.sources.about"),
                  {"sources.json": to_json(sources)})


def _differ(d) -> dict | None:
    """A disagreement between sources for the open data: what about, and every account."""
    if d is None:
        return None
    return {"about": d.about.get(), "about_is_editorial": True,
            "accounts": [{"source": a.source, "locator": a.locator, "quote": a.quote.get()}
                         for a in d.accounts]}
