"""The typed model of the knowledge base: what the loaders build and the renderers read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from .i18n import LANGUAGES, current  # noqa: F401 - LANGUAGES is part of the model's interface


@dataclass(frozen=True)
class Text:
    """A text that may exist in English, Spanish or both."""
    en: str | None = None
    es: str | None = None

    @classmethod
    def of(cls, value: dict | None) -> "Text | None":
        return cls(**value) if value else None

    def get(self, lang: str | None = None) -> str:
        """The text in `lang` (default: the language being rendered), else in the other language."""
        return getattr(self, lang or current()) or self.en or self.es or ""

    @property
    def lang(self) -> str:
        """The language of what get() shows: the language being rendered when the text exists in
        it, otherwise the other one."""
        here = current()
        if getattr(self, here):
            return here
        return "en" if self.en else "es"


@dataclass
class Origin:
    """Where an item was written, so errors and 'edit this page' can point at it. An item read
    from YAML also knows the lines of its fields: item.origin.at("topics", 2) is the line of its
    third topic, so a problem is reported where the wrong value stands."""
    file: str
    line: int
    lines: dict | None = field(default=None, repr=False, compare=False)   # yamlio.Lines
    path: tuple = field(default=(), repr=False, compare=False)            # the item's path in it

    def at(self, *fields) -> "Origin":
        if not self.lines or not fields:
            return self
        path = self.path + fields
        while path not in self.lines and len(path) > len(self.path):
            path = path[:-1]
        return Origin(self.file, self.lines.get(path, self.line), self.lines, self.path + fields)


@dataclass
class Published:
    """Where the official version of a source is published, as another record says (never guessed)."""
    where: Text
    source: str                        # the source that says so
    locator: str                       # where in it
    portal: str | None = None          # the publishing site's address, as printed
    url: str | None = None             # the exact document's address, only where a record holds it


# The locator of a fact that rests on a document as a whole (a declaration's page on its text).
WHOLE_DOCUMENT = "whole document"


@dataclass
class Source:
    """A source document (data/sources.yaml): every fact on the site names the one it comes from."""
    id: str
    title: Text
    date: str                          # as the document gives it: YYYY, YYYY-MM or YYYY-MM-DD
    language: str                      # in words, e.g. "English (header in Spanish)"
    kind: str | None = None
    file: str | None = None            # its transcription in shared/seeds/; or else cited_in
    description: Text | None = None
    date_note: Text | None = None      # how the date is known, when the document is not dated
    cited_in: str | None = None        # the source that cites a document we do not hold
    page: str | None = None            # where that source cites it
    published: Published | None = None   # where the official version is published
    origin: Origin | None = None


@dataclass
class Account:
    """One source's account of something the sources disagree on, in its own words."""
    source: str
    locator: str
    quote: Text


@dataclass
class Disagreement:
    """Where sources disagree: what about (editorial words), and every source's account."""
    about: Text
    accounts: list[Account]

    @classmethod
    def of(cls, raw: dict | None) -> "Disagreement | None":
        if not raw:
            return None
        return cls(Text.of(raw["about"]), [Account(a["source"], a["locator"], Text.of(a["quote"]))
                                           for a in raw["accounts"]])


@dataclass
class Status:
    role: str
    year: int | None = None
    by: str | None = None        # a reference such as xxi/18
    source: str | None = None    # a source id
    locator: str | None = None   # where in the source: a section, decision, footnote
    note: Text | None = None


@dataclass
class Entity:
    id: str
    kind: str                    # country, organization, body, document, topic
    name: Text
    source: str | None            # None only for a record marked editorial
    code: str | None = None       # countries: ISO 3166 code (CLDR names)
    # The names the record itself gives (with its source); `name` adds CLDR's Spanish name of a
    # country whose record gives none, for display only.
    recorded_name: Text | None = None
    acronyms: dict = field(default_factory=dict)      # lang -> [str]
    also_written: dict = field(default_factory=dict)  # lang -> [str]
    formerly: Text | None = None
    group: str | None = None
    parent: str | None = None
    description: Text | None = None
    statuses: list[Status] = field(default_factory=list)
    editorial: Text | None = None                      # why this record is the knowledge base's
    locator: str | None = None                         # where in the source
    sources_differ: Disagreement | None = None
    origin: Origin | None = None

    def acronym(self, lang: str | None = None) -> str | None:
        values = self.acronyms.get(lang or current()) or self.acronyms.get("en") or self.acronyms.get("es")
        return values[0] if values else None

    def label(self, lang: str | None = None) -> str:
        return self.name.get(lang)


@dataclass
class InlineLink:
    """Words of a text (`at`, as written there) that link to another item (`ref`)."""
    at: str
    ref: str


@dataclass(kw_only=True)
class Citable:
    """Text a reader can cite: the words, verbatim from their source, at a permanent anchor of
    their page, still answering to the old anchors in `aliases`, and the ids of what they name.
    Decisions, preamble paragraphs, protocol sections, About statements and proposal parts are
    all Citable, so citations, backlinks, exports and translations handle them once."""
    text: Text | None = None
    source: str | None = None       # a source id; None: the source of the page it stands on
    locator: str | None = None      # where in its source: a section, paragraph, decision, slide
    aliases: list[str] = field(default_factory=list)
    refers_to: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    links: list[InlineLink] = field(default_factory=list)   # words of `text` linked to an item
    origin: Origin | None = None

    @property
    def anchor(self) -> str:
        raise NotImplementedError


@dataclass(kw_only=True)
class Anchored(Citable):
    """Citable text whose data gives its anchor as `id`."""
    id: str

    @property
    def anchor(self) -> str:
        return self.id


@dataclass(kw_only=True)
class Item(Citable):
    """A citable piece of a declaration, numbered as the declaration numbers it; its anchor is
    the kind and the number: decision-18, preamble-2."""
    KIND: ClassVar[str] = ""
    number: int

    @property
    def anchor(self) -> str:
        return f"{self.KIND}-{self.number}"


@dataclass(kw_only=True)
class Paragraph(Item):
    KIND: ClassVar[str] = "preamble"


@dataclass(kw_only=True)
class Decision(Item):
    KIND: ClassVar[str] = "decision"
    short_title: Text | None = None
    action: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    source_note: Text | None = None


@dataclass
class Meeting:
    kind: str
    country: str | None = None
    name: Text | None = None
    cities: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None


@dataclass
class Annex:
    id: str
    title: Text
    refers_to: list[str]
    text: Text | None = None


@dataclass
class Declaration:
    id: str
    ordinal: str
    number: int
    meeting: Meeting
    source: str
    complete: bool
    title: Text | None = None
    theme: Text | None = None
    attendees: list[str] | None = None
    attendees_note: Text | None = None
    note: Text | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    text_sources: dict = field(default_factory=dict)   # lang -> source id, where not `source`
    locator: str | None = None      # where in `source` the meeting's name, place and dates stand
    origin: Origin | None = None

    @property
    def year(self) -> int | None:
        return int(self.meeting.start[:4]) if self.meeting.start else None

    @property
    def path(self) -> str:
        return f"declarations/{self.id}/"


@dataclass
class KnowledgeBase:
    """Everything loaded from data/, validated and cross-checked."""
    root: Any                                   # pathlib.Path of the project
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    declarations: list[Declaration] = field(default_factory=list)   # newest first
    parts: dict[str, Any] = field(default_factory=dict)             # other domains, by name

    def declaration(self, id_: str) -> Declaration | None:
        return next((d for d in self.declarations if d.id == id_), None)
