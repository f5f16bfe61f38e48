"""Citations of decisions, as plain text, BibTeX, RIS and CSL-JSON, and the metadata a page's head
carries for reference managers and link previews (Highwire `citation_*`, Dublin Core, OpenGraph).

Every value comes from the model: the author is the RCM as the entity data names it (no person,
no publisher the sources do not name), and a date is never more precise than the data. A meeting
held on 17-18 November 2016 gives its span where a format can hold one (EDTF, CSL-JSON), and
November 2016 where a format holds one date only, since the sources do not say on which of the
two days the declaration was approved."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

from .formats import and_list, meeting_dates
from .i18n import current, t
from .markup import plain_line
from .model import Declaration, KnowledgeBase

# Who the RCM is in the entity data: the institutional author of its declarations.
AUTHOR = "rcm"
# Stands for a decision's number in the formats a declaration page carries once: the page's script
# puts the number of the decision being cited in its place (a private-use character, which no
# escaping step touches and no text holds).
NUMBER = "\ue000"
FORMATS = ("text", "bibtex", "ris", "csl")


# ---------------------------------------------------------------------------------------------
# The public address: citations name it, so a build for publishing needs a real one.

PLACEHOLDER_TLD = ".invalid"    # RFC 2606: a name that can never be anyone's real address


def site_url_problem(url: str | None) -> str | None:
    """Why `url` cannot be the address citations name, in a maintainer's words; None when it can."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (f"the site's public address '{url or ''}' is not a web address. Build with the "
                "address the site is published at: make build SITE_URL=https://example.org/rcm/")
    if parts.hostname.endswith(PLACEHOLDER_TLD):
        return (f"the site's public address is still the placeholder '{url}' of mkdocs.yml, and every "
                "citation, feed and sitemap entry would name it. Build with the address the site is "
                "published at, make build SITE_URL=https://example.org/rcm/ (or set RCM_SITE_URL), or "
                "write it into site_url in mkdocs.yml.")
    return None


# ---------------------------------------------------------------------------------------------
# Dates: the meeting's, at the precision the data gives.

def edtf(d: Declaration) -> str | None:
    """The meeting's date or span in EDTF: 1996-03, 2016-11-17/2016-11-18; None when not known."""
    start, end = d.meeting.start, d.meeting.end
    if not start:
        return None
    return f"{start}/{end}" if end and end != start else start


def single(d: Declaration) -> str | None:
    """One date for formats that hold only one: the part the start and the end share (2016-11 for
    17-18 November 2016), so it never claims a day the data does not give."""
    start, end = d.meeting.start, d.meeting.end
    if not start:
        return None
    if not end or end == start:
        return start
    shared = []
    for a, b in zip(start.split("-"), end.split("-")):
        if a != b:
            break
        shared.append(a)
    return "-".join(shared) or None


def _parts(value: str) -> list[int]:
    return [int(x) for x in value.split("-")]


# ---------------------------------------------------------------------------------------------
# What a citation of a decision is made of

def author(kb: KnowledgeBase, lang: str | None = None) -> str | None:
    rcm = kb.entities.get(AUTHOR)
    return rcm.name.get(lang) if rcm else None


def title(d: Declaration, lang: str | None = None) -> str:
    """The declaration's title as the source gives it, or else its meeting's name."""
    named = d.title or d.meeting.name
    return named.get(lang) if named else d.ordinal


def meeting(d: Declaration, lang: str | None = None) -> str:
    """The meeting's name as the data gives it in `lang`, else its number and kind in `lang`."""
    lang = lang or current()
    named = getattr(d.meeting.name, lang) if d.meeting.name else None
    return named or f"{d.ordinal} {t(f'meeting.{d.meeting.kind}', lang)}"


def place(kb: KnowledgeBase, d: Declaration, lang: str | None = None) -> str:
    country = kb.entities.get(d.meeting.country) if d.meeting.country else None
    return ", ".join(x for x in (and_list(d.meeting.cities), country.name.get(lang) if country else "") if x)


def language(d: Declaration) -> str:
    """The language of the text the site publishes (the XXI: an English translation)."""
    texts = [i.text for i in [*d.decisions, *d.preamble]]
    return texts[0].lang if texts else (d.title or d.meeting.name).lang if (d.title or d.meeting.name) else "en"


def page_url(d: Declaration, site_url: str) -> str:
    return f"{site_url}{d.path}"


def _plain(kb: KnowledgeBase, d: Declaration, lang: str, *rest: str) -> str:
    """Author, title, meeting (place, dates), then `rest`: the plain citation's parts in order."""
    held = ", ".join(x for x in (place(kb, d, lang), meeting_dates(d.meeting.start, d.meeting.end)) if x)
    name = meeting(d, lang) if meeting(d, lang) != title(d, lang) else ""
    held = f"{name} ({held})" if name and held else name or held
    return ", ".join(x for x in (author(kb, lang), title(d, lang), held, *rest) if x)


def declaration(kb: KnowledgeBase, d: Declaration, site_url: str, lang: str | None = None) -> str:
    """The plain citation of the declaration as a whole: what its page shows without a script."""
    return _plain(kb, d, lang, page_url(d, site_url))


def decision(kb: KnowledgeBase, d: Declaration, number, site_url: str, lang: str | None = None) -> dict:
    """The citation of decision `number` of `d`: {"text", "bibtex", "ris", "csl"} as strings."""
    n = str(number)
    url = f"{page_url(d, site_url)}#decision-{n}"
    who, what = author(kb, lang), f"{title(d, lang)}, {t('citation.decision', lang, number=n)}"
    where, words = place(kb, d, lang), meeting_dates(d.meeting.start, d.meeting.end)
    text = _plain(kb, d, lang, t("citation.decision", lang, number=n), url)
    key = f"rcm-{d.id}-{n}"
    return {"text": text, "bibtex": _bibtex(key, who, what, meeting(d, lang), where, d, url),
            "ris": _ris(who, what, meeting(d, lang), where, d, words, url),
            "csl": _json([_csl(key, who, what, meeting(d, lang), where, d, url)])}


def pattern(kb: KnowledgeBase, d: Declaration, site_url: str, lang: str | None = None) -> dict:
    """The citation of any decision of `d`, with NUMBER where the decision's number goes: a
    declaration page carries it once, and its script fills in the decision being cited."""
    return decision(kb, d, NUMBER, site_url, lang)


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in plain_line(value))


def _bibtex(key, who, what, event, where, d, url) -> str:
    # biblatex reads `date` as EDTF (a span included); BibTeX reads `year`. A corporate author
    # goes in double braces, so that it is not split into first and last names.
    fields = [("author", f"{{{_tex(who)}}}" if who else None), ("title", f"{{{_tex(what)}}}"),
              ("eventtitle", _tex(event)), ("location", _tex(where) if where else None),
              ("date", edtf(d)), ("year", d.meeting.start[:4] if d.meeting.start else None),
              ("url", plain_line(url).replace("{", "%7B").replace("}", "%7D"))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}"


def _ris(who, what, event, where, d, words, url) -> str:
    # RIS holds one date, as YYYY/MM/DD/other: the shared part of the span, and the span in words.
    one = single(d)
    date = None
    if one:
        p = one.split("-") + ["", ""]
        date = f"{p[0]}/{p[1]}/{p[2]}/{plain_line(words) if edtf(d) != one else ''}"
    lines = [("TY", "GEN"), ("AU", who), ("TI", what), ("T2", event), ("CY", where),
             ("PY", d.meeting.start[:4] if d.meeting.start else None), ("DA", date),
             ("LA", language(d)), ("UR", url)]
    return "\n".join(f"{tag}  - {plain_line(value)}" for tag, value in lines if value) + "\nER  - "


def _json(value) -> str:
    """Indented JSON, with each date's parts on one line ([2016, 11, 17]) so that it reads as a date."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # Only arrays json.dumps spread over lines: a string never holds a raw line break.
    return re.sub(r"\[\n\s*(\d+(?:,\n\s*\d+)*)\n\s*\]",
                  lambda m: "[" + ", ".join(m.group(1).replace(",", " ").split()) + "]", text)


def _csl(key, who, what, event, where, d, url) -> dict:
    item = {"id": key, "type": "document", "title": what}
    if who:
        item["author"] = [{"literal": who}]
    when = edtf(d)
    if when:
        item["issued"] = {"date-parts": [_parts(x) for x in when.split("/")]}
    item.update({"event-title": event, "event-place": where or None, "language": language(d), "URL": url})
    return {k: v for k, v in item.items() if v}


# ---------------------------------------------------------------------------------------------
# The head of a page: Highwire and Dublin Core tags for a declaration, OpenGraph for every page.

def declaration_tags(kb: KnowledgeBase, d: Declaration, site_url: str, lang: str | None = None) -> list[tuple]:
    """(attribute, name, value) of each <meta> naming the declaration on its page."""
    who, one, url = author(kb, lang), single(d), page_url(d, site_url)
    tags = [("name", "citation_title", title(d, lang))]
    if who:
        tags.append(("name", "citation_author", who))
    if one:
        tags += [("name", "citation_date", one.replace("-", "/")),
                 ("name", "citation_publication_date", one.replace("-", "/"))]
    tags += [("name", "citation_conference_title", meeting(d, lang)),
             ("name", "citation_language", language(d)), ("name", "citation_public_url", url),
             ("name", "DC.title", title(d, lang))]
    if who:
        tags.append(("name", "DC.creator", who))
    if one:
        tags.append(("name", "DC.date", one))      # W3CDTF holds no span: the shared part
    if edtf(d):
        tags.append(("name", "DCTERMS.created", edtf(d)))
    tags += [("name", "DC.type", "Text"), ("name", "DC.language", language(d)),
             ("name", "DC.identifier", url), ("name", "DC.source", kb.sources[d.source].title.get(lang))]
    return tags


def opengraph(title_: str, description: str, url: str, site_name: str, home: bool) -> list[tuple]:
    return [("property", "og:title", title_), ("property", "og:description", description),
            ("property", "og:url", url), ("property", "og:type", "website" if home else "article"),
            ("property", "og:site_name", site_name)]


_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SKIP = re.compile(r"^(#|\||\*\[|!!!|\?\?\?|---|<!--|\{|[-*+] |\d+\. |>|```|<(dl|table|div class=\"rcm-facts))")


def summary(markdown: str, limit: int = 200) -> str | None:
    """The first paragraph of prose in a page's Markdown, as plain text of at most `limit`
    characters, cut at a word with an ellipsis: what a link preview shows of the page."""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or _SKIP.match(block):
            continue
        words = _LINK.sub(r"\1", _TAG.sub("", block))
        words = re.sub(r"[*_`]+|<?rcm:[^\s>]*>?", "", words)
        words = plain_line(html.unescape(words))
        if len(words) < 40:
            continue
        if len(words) <= limit:
            return words
        return words[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return None



def head_tags(kb: KnowledgeBase, site_url: str, path: str, title_: str, description: str,
              site_name: str, lang: str | None = None) -> list[tuple]:
    """Every <meta> the page at `path` ('' for the home page) adds to its head."""
    d = next((d for d in kb.declarations if d.path == path), None)
    tags = declaration_tags(kb, d, site_url, lang) if d else []
    return tags + opengraph(title_, description, site_url + path, site_name, home=not path)
