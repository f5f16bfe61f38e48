"""Turns untrusted data text into safe HTML: paragraphs, lists, acronym expansions and a link on
the first mention of each entity an item refers to. The words themselves are never changed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup, escape

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>])")
SAFE_SCHEMES = ("http", "https", "mailto")


# ---------------------------------------------------------------------------------------------
# The sanitizer: every page's HTML, generated from data or written by hand, passes through nh3
# (the Ammonia sanitizer) with this allow-list before the theme wraps it. Anything else (script,
# style, iframe, object, form, event-handler attributes, javascript: or data: URLs) is removed.

URL_SCHEMES = {"http", "https", "mailto"}            # and relative URLs
_GLOBAL = {"class", "id", "lang", "title", "dir", "role", "tabindex", "hidden"}
_SVG_SHAPE = {"fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
              "transform", "opacity"}
ALLOWED: dict[str, set[str]] = {
    **{tag: set() for tag in (
        "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "del", "ins",
        "mark", "q", "cite", "kbd", "samp", "var", "code", "pre", "blockquote", "span", "div",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "dl", "dt", "dd", "table", "caption", "thead",
        "tbody", "tfoot", "tr", "colgroup", "col", "figure", "figcaption", "details", "summary",
        "section", "aside", "nav", "header", "footer", "address", "article", "dfn", "wbr",
        "svg", "g", "defs", "desc", "title", "text", "tspan", "line", "rect", "path", "circle",
        "ellipse", "polyline", "polygon", "marker")},
    "a": {"href", "rel", "hreflang"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"type", "start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style", "headers"},
    "th": {"colspan", "rowspan", "style", "scope", "headers"},
    "time": {"datetime"},
    "button": {"type", "name", "value", "disabled"},
    # The Cite dialog of declaration pages: opened only by the site's own script (never `open`).
    "dialog": set(),
    # Form controls for filters that scripts drive; never an action, method or formaction, so a
    # form cannot send anything anywhere.
    "form": {"name", "novalidate"},
    "label": {"for"},
    "select": {"name", "multiple", "disabled", "required", "size"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "input": {"type", "name", "value", "placeholder", "checked", "disabled", "autocomplete",
              "spellcheck", "min", "max", "step", "size", "readonly"},
    "output": {"for", "name"},
    "fieldset": {"name", "disabled"},
    "legend": set(),
    "svg": {"viewBox", "width", "height", "xmlns", "fill", "font-size", "style", "preserveAspectRatio"},
    "g": set(_SVG_SHAPE),
    "text": {"x", "y", "dx", "dy", "text-anchor", "font-weight", "font-size", "fill"},
    "tspan": {"x", "y", "dx", "dy", "font-weight"},
    "line": {"x1", "x2", "y1", "y2", *_SVG_SHAPE},
    "rect": {"x", "y", "width", "height", "rx", "ry", *_SVG_SHAPE},
    "path": {"d", "marker-end", "marker-start", *_SVG_SHAPE},
    "circle": {"cx", "cy", "r", *_SVG_SHAPE},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient"},
}
STYLE_PROPERTIES = {"white-space", "text-align", "font-variant-numeric", "font-weight", "font",
                    "font-size", "background", "background-color", "padding-left", "max-width",
                    "width", "height"}


@lru_cache(maxsize=None)
def _cleaner() -> nh3.Cleaner:
    """The sanitizer, configured once (nh3.clean() would convert the allow-lists on every call)."""
    attributes = {tag: attrs | _GLOBAL for tag, attrs in ALLOWED.items()}
    return nh3.Cleaner(tags=set(ALLOWED), attributes=attributes,
                       generic_attribute_prefixes={"data-", "aria-"}, url_schemes=URL_SCHEMES,
                       link_rel=None, strip_comments=True, filter_style_properties=STYLE_PROPERTIES,
                       clean_content_tags={"script", "style"})


def sanitize(html: str) -> str:
    """`html` with only the allowed tags, attributes (plus aria-* and data-*), CSS properties and
    URL schemes; the text of script and style elements is dropped with them."""
    return _cleaner().clean(html)


def escaped(value):
    """Every string in a front-matter value (nested lists and mappings too) as escaped text, for a
    theme that prints them as HTML; other values unchanged."""
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def plain_line(value: str) -> str:
    """A data string on one line, without control characters, for places where a line break or
    an invisible character would change the meaning of what follows (Markdown definitions)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", str(value)).split())


_ABBR_SAFE = re.compile(r"[\w.&'’/+-]+(?: [\w.&'’/+-]+)*")


def abbreviation(acronym: str, title: str) -> str | None:
    """A Markdown abbreviation definition, `*[ACRONYM]: Title`, that cannot break out of its
    line or its brackets; None for an acronym that could not be matched safely."""
    acronym = plain_line(acronym)
    if not _ABBR_SAFE.fullmatch(acronym):
        return None
    return f"*[{acronym}]: {plain_line(title)}"


# Characters that Markdown (with attr_list and abbr) would act on: links and abbreviation
# definitions ([ ]), attribute lists ({ }), emphasis (* _), code (`), escapes (\\) and table
# cells (|). In data text they are written as character references, which read the same in
# Markdown and in HTML, so a data string cannot become Markdown wherever a template puts it.
_MD_ACTIVE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]|"})


def text(value) -> Markup:
    """Data text, safe in HTML and in Markdown: HTML-escaped, Markdown characters as references.
    Text without such characters comes out exactly as escape() gives it."""
    if isinstance(value, Markup):
        return value
    escaped = str(escape(value))
    return Markup(escaped.translate(_MD_ACTIVE))


def md_inline(value: str) -> Markup:
    """Text safe to place in a Markdown heading or table cell: HTML-escaped, Markdown-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(value)).replace("&", "&amp;")
                  .replace("\\<", "&lt;").replace("\\>", "&gt;"))


def safe_url(value: str) -> bool:
    """Only web and e-mail addresses become links: never javascript: or data: URLs."""
    if not value or any(c.isspace() or c in "<>\"'`" or ord(c) < 32 for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() != "mailto" else "@" in parts.path


@dataclass(frozen=True)
class Place:
    """Words of a text that become a link (`is_link`) or carry a mark after them: `wrap` turns
    the words, as HTML, into what the page shows."""
    words: str
    wrap: Callable[[Markup], Markup]
    is_link: bool


@dataclass(frozen=True)
class Phrase:
    """A phrase to recognise in text: a name (linked once) or an acronym (expanded on hover)."""
    text: str
    entity: str          # entity id
    expansion: str       # the full name, for acronyms
    is_acronym: bool


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split a data text into ('p', [paragraph]) and ('ul', [items]) blocks.

    Blank lines separate blocks; a block whose every line starts with '- ' is a list."""
    out = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in chunk.strip().splitlines()]
        if lines and all(ln.startswith("- ") for ln in lines):
            out.append(("ul", [ln[2:].strip() for ln in lines]))
        else:
            out.append(("p", [" ".join(lines)]))
    return out


def structured(text: str) -> str:
    """The text for exports, its structure kept: paragraphs separated by a blank line, each list
    item on its own line after '- '; the words exactly as in the data, white space tidied."""
    return "\n\n".join(items[0] if kind == "p" else "\n".join(f"- {i}" for i in items)
                       for kind, items in blocks(text))


def block_list(text: str) -> list[dict]:
    """The text as JSON blocks: {"paragraph": "..."} and {"list": ["...", ...]}, in order."""
    return [{"paragraph": items[0]} if kind == "p" else {"list": items} for kind, items in blocks(text)]


def block_html(text: str) -> Markup:
    """The text as escaped HTML paragraphs and lists, its structure kept and nothing added (no
    links, no abbreviations): for a text quoted a second time, such as a commitment's clause."""
    return Markup("\n").join(
        Markup("<p>{}</p>").format(items[0]) if kind == "p" else
        Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(i) for i in items))
        for kind, items in blocks(text))


def plain(text: str) -> str:
    """The words of a data text on one line, for previews, search and exports."""
    return " ".join(" ".join(items) for _, items in blocks(text))


# Where one block's markup ends and the next begins with no space (</dt><dd>, </td><td>), the
# browser shows two cells but a search index that joins their text reads one word
# ("AcronymsILO"). A space there changes nothing on screen (in SVG, white space between <text>
# elements is not drawn) and keeps every word whole.
_BLOCKS = ("td|th|tr|dt|dd|dl|li|ul|ol|p|div|h[1-6]|table|thead|tbody|caption|summary|details|"
           "figcaption|option|text|tspan")
_ADJACENT_BLOCKS = re.compile(rf"(</(?:{_BLOCKS})>)(?=<(?:{_BLOCKS})[\s>])")


def separate_blocks(markup: str) -> str:
    """`markup` with a space between a closing block tag and an opening one right after it."""
    return _ADJACENT_BLOCKS.sub(r"\1 ", markup)


OPENING_CHARS = 40   # how much of a decision's text its label shows, at most


def opening(text: str, limit: int = OPENING_CHARS) -> tuple[str, bool]:
    """The first words of a data text, verbatim (white space tidied as in plain()), cut at a word
    boundary before `limit` characters, and whether it was cut. The words are always the exact
    start of plain(text): the ellipsis that shows the cut is the caller's to add."""
    words = plain(text)
    if len(words) <= limit:
        return words, False
    cut = words[:limit + 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else words[:limit]
    return cut.rstrip(" ,;:"), True


text_ = text   # TextRenderer's methods have an argument called text


class TextRenderer:
    def __init__(self, phrases: list[Phrase]):
        self.phrases = {p.text: p for p in phrases}
        ordered = sorted(self.phrases, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w])(" + _trie(ordered) + r")(?![\w])") if ordered else None

    def inline(self, text: str, links: dict[str, str], linked: set[str]) -> Markup:
        """Escape `text`; link the first mention of each entity in `links` (id -> href)."""
        if not self.pattern:
            return text_(text)
        parts, last = [], 0
        for m in self.pattern.finditer(text):
            phrase = self.phrases[m.group(1)]
            parts.append(text_(text[last:m.start()]))
            words = text_(m.group(1))
            if phrase.is_acronym:
                # Not a tab stop each (a declaration holds a hundred): the first mention is a
                # link, whose focus shows the expansion, and the Glossary lists them all.
                words = Markup('<abbr title="{}">{}</abbr>').format(phrase.expansion, words)
            if phrase.entity in links and phrase.entity not in linked:
                linked.add(phrase.entity)
                words = Markup('<a class="rcm-mention" href="{}">{}</a>').format(links[phrase.entity], words)
            parts.append(words)
            last = m.end()
        parts.append(text_(text[last:]))
        return Markup("").join(parts)

    def html(self, text: str, links: dict[str, str] | None = None, places: list[Place] = ()) -> Markup:
        """The whole text as HTML paragraphs and lists, with each place put on the first mention
        of its words (the words were checked at load time, so each place lands)."""
        linked: set[str] = set()
        links = links or {}
        pending = list(places)
        line = lambda s: self._placed(s, links, linked, pending)
        out = []
        for kind, items in blocks(text):
            if kind == "p":
                out.append(Markup("<p>{}</p>").format(line(items[0])))
            else:
                lis = Markup("").join(Markup("<li>{}</li>").format(line(i)) for i in items)
                out.append(Markup("<ul>{}</ul>").format(lis))
        return Markup("\n").join(out)

    def _placed(self, text: str, links: dict[str, str], linked: set[str], pending: list[Place]) -> Markup:
        spans = []
        for place in list(pending):
            start = text.find(place.words)
            while start >= 0 and any(start < e and start + len(place.words) > b for b, e, _ in spans):
                start = text.find(place.words, start + 1)
            if start >= 0:
                spans.append((start, start + len(place.words), place))
                pending.remove(place)
        parts, last = [], 0
        for start, end, place in sorted(spans, key=lambda s: s[0]):
            parts.append(self.inline(text[last:start], links, linked))
            # A link's words hold no other link; a mark's words are text like any other.
            words = self.inline(place.words, {}, set()) if place.is_link else \
                self.inline(place.words, links, linked)
            parts.append(place.wrap(words))
            last = end
        parts.append(self.inline(text[last:], links, linked))
        return Markup("").join(parts)


def _trie(phrases: list[str]) -> str:
    """One pattern for many literal phrases, shaped as a trie so that each position in a text
    costs one walk down it; like the alternation sorted longest first, it takes the longest."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return walk(root)
