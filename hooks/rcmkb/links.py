"""The cross-reference index: every citable target, every reference between items, and the
backlinks they imply. Unknown references become problems that name the nearest known target."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .errors import Problems
from .model import WHOLE_DOCUMENT, Origin


@dataclass
class Target:
    """Something a reader can land on: a page, or an anchor in a page."""
    ref: str                 # how data and Markdown name it: ilo, xxi/18, budget/2017
    path: str                # the page's URL path, e.g. declarations/xxi/
    anchor: str | None       # e.g. decision-18
    label: str               # e.g. XXI, decision 18
    kind: str                # decision, preamble, entity, protocol, budget, page, ...
    group: str = ""          # how backlinks to it are grouped, e.g. XXI Declaration (2016)
    preview: str = ""        # plain text shown when hovering a reference
    aliases: list[str] = field(default_factory=list)    # old anchors on the same page
    published: bool = True   # listed in data/published-anchors.txt
    alias_refs: list[str] = field(default_factory=list) # old refs, e.g. xxii/5 for alias decision-5
    preview_lang: str | None = None   # the preview's language, when it is not the page's

    @property
    def url(self) -> str:
        return "/" + self.path + (f"#{self.anchor}" if self.anchor else "")


def backlink_key(target: Target) -> tuple:
    """What tells two backlinks apart: the item and where it is."""
    return (target.ref, target.path, target.anchor)


@dataclass
class Reference:
    """`source` (a target ref, or a page path for hand-written pages) refers to `to`."""
    source: Target
    to: str
    origin: Origin           # the line of the field that names `to`
    described: str           # how the error message names the referring item, e.g. "decision 18"
    expects: str = ""        # "source" or "topic" when `to` must be one: checked, and named so
    locator: str | None = None   # for a source: the passage cited (section, paragraph, slide, ...)


SOURCES = "sources/"         # a source's ref is sources/<id>


def cites(source: Target, id_: str, origin: Origin, described: str = "",
          locator: str | None = None) -> Reference:
    """A reference to the source document `id_` (an id in data/sources.yaml), at the passage
    `locator` (a section, paragraph, decision, slide or footnote of it)."""
    return Reference(source, SOURCES + id_, origin, described, "source", locator)


def passage_anchor(source_id: str, locator: str | None) -> str:
    """The permanent anchor of a cited passage on the Sources page: the source's id, two hyphens
    and the locator in lower-case ASCII words joined by hyphens ('brochure-2010--the-process-
    paragraph-3'). Without a locator, the source's own anchor."""
    if not locator:
        return source_id
    ascii_ = unicodedata.normalize("NFKD", locator).encode("ascii", "ignore").decode().lower()
    return source_id + "--" + (re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "passage")


class Index:
    def __init__(self) -> None:
        self.targets: dict[str, Target] = {}     # ref -> target; an old ref (alias) too
        self.origins: dict[str, Origin | None] = {}
        self.references: list[Reference] = []
        self.backlinks: dict[str, list[Target]] = defaultdict(list)
        # Which backlinks each target has, by key: a list's `in` compares every field of every
        # Target, which at 50x the corpus cost more than rendering the entity pages.
        self._linked: dict[str, set] = defaultdict(set)
        self._passages: dict[str, dict[str, list[Target]]] | None = None

    def add_target(self, target: Target, problems: Problems, origin: Origin | None) -> None:
        if target.ref in self.targets:
            where = origin or Origin("data", 0)
            problems.add(where.file, where.line, f"'{target.ref}' is used as an id twice. Ids must be "
                                                 "unique: rename one of them.")
            return
        self.targets[target.ref] = target
        self.origins[target.ref] = origin

    def add_aliases(self, problems: Problems) -> None:
        """After every target: an old ref (rcm:xxii/5 when decision 5 became 7 and kept its old
        anchor as an alias) leads to the item that holds it now. An alias may not take over the
        address of another item."""
        for target in list(self.targets.values()):
            for alias in target.alias_refs:
                other = self.targets.get(alias)
                if other is None:
                    self.targets[alias] = target
                elif other is not target:
                    where = self.origins.get(target.ref) or Origin("data", 0)
                    problems.add(where.file, where.line, f"the alias of '{target.ref}' is the address "
                                 f"of '{alias}', which exists: an alias keeps an old address that no "
                                 "item uses now. Remove it, or fix it.")

    def nearest(self, ref: str) -> list[str]:
        """The known refs closest to `ref`: the best, and a runner-up nearly as close."""
        close = difflib.get_close_matches(ref, list(self.targets), n=2, cutoff=0.5)
        score = lambda c: difflib.SequenceMatcher(None, ref, c).ratio()
        return [c for c in close if score(c) >= score(close[0]) - 0.1]

    def is_a(self, target: Target, kind: str) -> bool:
        if kind == "topic":
            return target.kind == "entity" and target.path.startswith("topics/")
        return target.kind == kind

    def resolve(self, references: list[Reference], problems: Problems, quiet=lambda ref: False,
                backlinks: bool = True) -> None:
        """Record each reference and (unless not `backlinks`) its backlink; report those that name
        nothing, unless quiet(ref): when a data file could not be read, what it holds is missing
        from the index."""
        for ref in references:
            if ref.to == ref.source.ref:
                problems.add(ref.origin.file, ref.origin.line, f"{ref.described} refers to itself "
                             f"('{ref.to}'). Remove it from the list, or name the item it means.")
                continue
            target = self.targets.get(ref.to)
            if target is None or (ref.expects and not self.is_a(target, ref.expects)):
                if not quiet(ref.to):
                    problems.add(ref.origin.file, ref.origin.line, self.unknown(ref))
                continue
            if target.ref != ref.to:             # an old ref: count it for the item it names now
                ref = Reference(ref.source, target.ref, ref.origin, ref.described, ref.expects,
                                ref.locator)
            self.references.append(ref)
            self._passages = None
            if not backlinks:
                continue
            self.add_backlink(ref.to, ref.source)

    def add_backlink(self, to: str, source: Target) -> None:
        """`source` refers to `to`: listed once among what refers to it."""
        if backlink_key(source) not in self._linked[to]:
            self._linked[to].add(backlink_key(source))
            self.backlinks[to].append(source)

    def check(self, references: list[Reference], problems: Problems, quiet=lambda ref: False) -> None:
        """Report the references that name nothing, as resolve() does, without recording them
        (the references of a page in the other language)."""
        for ref in references:
            target = self.targets.get(ref.to)
            if (target is None or (ref.expects and not self.is_a(target, ref.expects))) and not quiet(ref.to):
                problems.add(ref.origin.file, ref.origin.line, self.unknown(ref))

    def passages(self, source_id: str) -> list[tuple[str, list[Target]]]:
        """The passages of a source that the site cites, each with what rests on it (each item
        once, in the order cited): the whole document first, then by locator in natural order
        (decision 2 before decision 10), so that a reader finds a passage where they expect it."""
        if self._passages is None:          # every source's passages, gathered in one pass
            self._passages, seen = {}, set()
            for ref in self.references:
                if ref.expects == "source" and ref.locator and (ref.to, ref.locator, backlink_key(ref.source)) not in seen:
                    seen.add((ref.to, ref.locator, backlink_key(ref.source)))
                    self._passages.setdefault(ref.to, {}).setdefault(ref.locator, []).append(ref.source)
        out = self._passages.get(SOURCES + source_id, {})
        return sorted(out.items(), key=lambda item: _natural(item[0]))

    def unknown(self, ref: Reference) -> str:
        if ref.expects == "source":
            id_ = ref.to.removeprefix(SOURCES)
            known = [t.ref.removeprefix(SOURCES) for t in self.targets.values() if t.kind == "source"]
            return (f"the source '{id_}' is not in data/sources.yaml{_guess(id_, known)}. Add it "
                    "there, or fix the id.")
        if ref.expects == "topic":
            known = [t.ref for t in self.targets.values() if self.is_a(t, "topic")]
            what = "which is not a topic" if ref.to in self.targets else "which is not in data/entities/topics.yaml"
            return (f"{ref.described} lists the topic '{ref.to}', {what}{_guess(ref.to, known)}. "
                    "Use the id of a topic, or add the topic to data/entities/topics.yaml first.")
        guesses = self.nearest(ref.to)
        hint = " (did you mean " + " or ".join(f"'{g}'" for g in guesses) + "?)" if guesses else ""
        return (f"{ref.described} refers to '{ref.to}', which is not in the knowledge base{hint}. "
                "Fix the id, or add the missing entry to its data file first.")

    def check_anchors(self, problems: Problems) -> None:
        """On each page, every anchor and every alias is one address: an alias equal to another
        item's anchor (or alias) would silently take that address over."""
        owner: dict[tuple[str, str], str] = {}          # (page, anchor) -> the ref that has it
        for ref, t in self.targets.items():
            if t.anchor:
                owner.setdefault((t.path, t.anchor), ref)
        for ref, t in self.targets.items():
            for alias in t.aliases:
                key = (t.path, alias)
                other = owner.get(key)
                if other is not None and self.targets[other] is not t:
                    where = (self.origins.get(ref) or Origin("data", 0)).at("aliases")
                    problems.add(where.file, where.line, f"the alias '{alias}' of {t.label} is already "
                                 f"the address of {self.targets[other].label} (/{t.path}#{alias}): it "
                                 "would take that address over. Remove the alias, or correct it.")
                elif other is None:
                    owner[key] = ref

    def anchors(self) -> set[str]:
        """Every published path#anchor, aliases included."""
        out = set()
        for t in self.targets.values():
            if t.published:
                out.add(t.url if t.anchor else "/" + t.path)
                out.update("/" + t.path + "#" + a for a in t.aliases)
        return out


def _natural(locator: str) -> tuple:
    """A sort key: the whole document first, then words and numbers in order (2 before 10)."""
    return (locator != WHOLE_DOCUMENT, [(0, int(part), "") if part.isdigit() else (1, 0, part)
                                        for part in re.split(r"(\d+)", locator.casefold()) if part])


def _guess(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""
