"""Checks that several domains share: words a link or footnote mark stands after, sources that
must exist, anchors unique on their page, and inline links that must find their words."""
from __future__ import annotations

from ..context import LoadContext
from ..links import Reference, Target, cites
from ..i18n import t
from ..markup import plain
from ..model import Citable, InlineLink, KnowledgeBase, Origin, Text


def inline_links(raw: dict) -> list[InlineLink]:
    return [InlineLink(**link) for link in raw.get("links", [])]


def check_words(ctx: LoadContext, origin: Origin, text: Text | None, at: str, what: str) -> None:
    """`at` must be words of `text`, so that a link or footnote mark has a place to stand."""
    if text is None or at not in plain(text.get()):
        ctx.problems.add(origin.file, origin.line,
                         f"{what} is placed after the words '{at}', which are not in the text. Copy "
                         "the words exactly as the text has them.")


def check_locator(ctx: LoadContext, origin: Origin, what: str, source: str | None,
                  locator: str | None) -> None:
    """A fact that names its source also says where in it, so that a reader can find the passage."""
    if source and not locator:
        ctx.problems.add(origin.file, origin.line,
                         f"{what} cites the source '{source}' but not where in it. Add 'locator:' "
                         "with the section, paragraph, decision, slide or footnote that supports it "
                         "(e.g. 'The Process, paragraph 3', 'decision 18', 'footnote 3'), or "
                         "'whole document' if it rests on the document as a whole.")


def check_links(ctx: LoadContext, item, at) -> None:
    """Each inline link of `item` stands on words of its text; `at(j)` is the link's origin."""
    for j, link in enumerate(item.links):
        check_words(ctx, at(j), item.text, link.at, "a link")


def citable_references(me: Target, item: Citable, described: str):
    """What a citable text names, each reported at its own line if it names nothing: its source,
    what it refers to (and a decision's actors), its topics, and the items its words link to."""
    at = item.origin.at
    if item.source:
        yield cites(me, item.source, at("source"), locator=item.locator)
    seen = set()
    named = [(ref, at(field, i), "") for field in ("refers_to", "actors")
             for i, ref in enumerate(getattr(item, field, []))]
    named += [(ref, at("topics", i), "topic") for i, ref in enumerate(item.topics)]
    named += [(link.ref, at("links", i, "ref"), "") for i, link in enumerate(item.links)]
    for ref, origin, expects in named:
        if (ref, expects) not in seen:
            seen.add((ref, expects))
            yield Reference(me, ref, origin, described, expects)


def check_anchors(ctx: LoadContext, items, seen: dict[str, int] | None = None) -> dict[str, int]:
    """Anchors must be unique on their page: each is a permanent address."""
    seen = {} if seen is None else seen
    for item in items:
        for anchor in [item.id, *getattr(item, "aliases", [])]:
            if anchor in seen:
                ctx.problems.add(item.origin.file, item.origin.line,
                                 f"the anchor '{anchor}' is used twice on this page (first on line "
                                 f"{seen[anchor]}). Each section needs its own id.")
            else:
                seen[anchor] = item.origin.line
    return seen


# ---------------------------------------------------------------------------------------------
# The steps a domain may have nothing to do in (see domains/__init__.py).

def no_checks(ctx: LoadContext, kb: KnowledgeBase) -> None:
    """Nothing to check once every domain has loaded: loading checked it all."""


def no_nav(kb: KnowledgeBase) -> dict:
    """No navigation section of its own: its pages are listed in mkdocs.yml, or not at all."""
    return {}


# A navigation section longer than this is grouped (by decade), so that with Material's
# navigation.prune a page carries only its own group's entries instead of every one.
NAV_GROUP_AT = 12
NAV_GROUPS_SHOWN = 5


def by_decade(items: list[tuple[str, str, int | None]]) -> list[tuple[str, object]]:
    """[(title, page, year)] in order -> the same as [(title, page)] when short, or as groups
    [(decade title, [(title, page)])] when longer than NAV_GROUP_AT, keeping the order. After
    NAV_GROUPS_SHOWN groups, the rest go into one more, "Earlier", so that the navigation every
    page carries (Material's navigation.prune leaves a closed group's entries out) stays as
    short with a century of declarations as with a decade."""
    if len(items) <= NAV_GROUP_AT:
        return [(title, page) for title, page, _ in items]
    groups: dict[str, list] = {}
    for title, page, year in items:
        decade = t("nav.decade", decade=year // 10 * 10) if year else t("nav.undated")
        groups.setdefault(decade, []).append((title, page))
    grouped = list(groups.items())
    if len(grouped) > NAV_GROUPS_SHOWN + 1:
        grouped = grouped[:NAV_GROUPS_SHOWN] + [(t("nav.earlier"), grouped[NAV_GROUPS_SHOWN:])]
    return grouped


def no_entity_sections(kb: KnowledgeBase, r) -> list:
    """Adds nothing to entity pages."""
    return []
