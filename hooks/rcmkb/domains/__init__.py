"""Every kind of content the site publishes is a domain: a module (or a package) here that takes
the same steps, with the same names, as every other. site.build() calls each step of every domain
in DOMAINS, in that order:

    load(ctx, kb)             read its data files into the model (kb), checking them against their
                              schemas and their own rules; report problems to ctx.problems
    validate(ctx, kb)         checks that need every domain loaded first
    targets(kb)               what a reader can land on and cite: (links.Target, Origin) pairs
    references(kb)            what its items name: links.Reference, resolved and checked by the
                              index, and turned into backlinks
    pages(kb, r)              its pages (render.Page), rendered from templates/ by r (a Renderer)
    datasets(kb, r)           its open data under /data/ (render.Dataset)
    nav(kb)                   the navigation section it fills: {page: [(title, page)]}
    entity_sections(kb, r)    sections it adds to entity pages: functions (entity, page path) ->
                              Markup or None

A step with nothing to do is taken from common.py (no_checks, no_nav, no_entity_sections).
A domain imports only the engine's lower layers and domains/common.py, never site.py or another
domain (story/about.py's diagram.py and budget/'s modules are parts of one domain). To add a kind
of content, see ARCHITECTURE.md."""
from . import commitments, declarations, entities, proposals, protocol
from . import budget
from .story import about, activities, chronology

STEPS = ("load", "validate", "targets", "references", "pages", "datasets", "nav", "entity_sections")

# The one registration list. Order matters only for loading: later domains may read what earlier
# ones loaded (every domain reads the sources and entities).
DOMAINS = [entities, declarations, budget, protocol, proposals, about, activities, chronology, commitments]
