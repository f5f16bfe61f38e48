"""`make new KIND=... ID=...`: starts a new piece of content as a file that already passes its
schema and carries the editor's schema line, with FILL-IN placeholders that the build refuses
until a maintainer replaces them. The placeholders are found in the text of the files, comments
included, so that a value that merely looks valid (a date, a verb) is checked by a person too."""
from __future__ import annotations

import re
from pathlib import Path

from . import formats, safefs
from .errors import Problems
from .render import KIND_FOLDERS as ENTITY_FILES

MARK = "FILL-IN"
_PLACEHOLDER = re.compile(r"FILL-IN|\bfill-in\b")
KINDS = ("declaration", "source", *ENTITY_FILES, "budget", "page")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """A `make new` request that cannot be carried out; the message says why and what to do."""


# ---------------------------------------------------------------------------------------------
# The check every build runs first

def check(root: Path, problems: Problems, docs_dir: Path | None = None) -> None:
    """Report every line of data/ and docs/ that still holds a FILL-IN placeholder."""
    root = Path(root)
    docs = Path(docs_dir or root / "docs")
    files = [f for pattern in ("*.yaml", "*.csv") for f in (root / "data").rglob(pattern)]
    files += [f for f in docs.rglob("*.md")] if docs.is_dir() else []
    for file in sorted(files):
        if safefs.refusal(file, root):
            continue                 # links and odd files: the inventory reports them
        try:
            text = file.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue                 # the loaders report unreadable files in their own words
        if not _PLACEHOLDER.search(text):
            continue
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
        lines = _prose(text) if file.suffix == ".md" else text.splitlines()
        for number, line in enumerate(lines, 1):
            if _PLACEHOLDER.search(line):
                hint = line.split(MARK, 1)[1].lstrip(": ").strip().rstrip('"') if MARK in line else ""
                problems.add(rel, number, "this placeholder from `make new` is not filled in yet"
                             + (f" ({hint})" if hint else "")
                             + f". Replace it with the value from the source and delete the {MARK} mark.")


def _prose(markdown: str) -> list[str]:
    """A page's lines with code blanked out: a page may show the mark in code, as Contribute does."""
    out, fence = [], None
    for line in markdown.splitlines():
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        if fence:
            out.append("")
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
            out.append("")
        else:
            out.append(re.sub(r"(`+).*?\1", "", line))
    return out


# ---------------------------------------------------------------------------------------------
# make new

def roman(numeral: str) -> int:
    """The value of a lower-case Roman numeral such as xxii, or ScaffoldError."""
    value = formats.roman(numeral) if re.fullmatch(r"[ivxlc]+", numeral or "") else None
    if value is None:
        raise ScaffoldError(f"'{numeral}' is not a Roman numeral in lower case and in its standard "
                            "form, such as xxii.")
    return value


def new(root: Path, kind: str, id_: str) -> list[str]:
    """Create the files for a new `kind` called `id_`; return what was written, for the maintainer."""
    root = Path(root)
    if kind not in KINDS:
        raise ScaffoldError(f"KIND must be one of: {', '.join(KINDS)} (not '{kind}').")
    if not id_:
        raise ScaffoldError("give the new content's id, e.g. make new KIND=declaration ID=xxii.")
    if kind == "budget":
        if not re.fullmatch(r"(19|20)\d\d", id_):
            raise ScaffoldError(f"a budget's ID is its year, such as 2018 (not '{id_}').")
    elif not _ID.match(id_):
        raise ScaffoldError(f"'{id_}' is not an id: use lower-case letters, digits and single hyphens.")
    return {"declaration": _declaration, "source": _source, "budget": _budget,
            "page": _page}.get(kind, _entity)(root, kind, id_)


def _write(root: Path, rel: str, text: str) -> str:
    path = root / rel
    if path.exists():
        raise ScaffoldError(f"{rel} already exists; edit it instead, or choose another ID.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return f"wrote {rel}"


def _append(root: Path, rel: str, id_: str, text: str) -> str:
    path = root / rel
    existing = path.read_text("utf-8")
    if re.search(rf"(?m)^- id: {re.escape(id_)}\s*$", existing):
        raise ScaffoldError(f"{rel} already has an entry with id '{id_}'; choose another ID.")
    path.write_text(existing.rstrip("\n") + "\n\n" + text, "utf-8")
    return f"added '{id_}' at the end of {rel}"


def _declaration(root: Path, kind: str, id_: str) -> list[str]:
    number = roman(id_)
    text = f"""# yaml-language-server: $schema=../schemas/declaration.schema.json
# Made by `make new`. Replace each marked placeholder below with what the source says, then delete
# its mark; leave out any field the source does not give. See the Contribute page, "Add a declaration".
id: {id_}
ordinal: {id_.upper()}
number: {number}
meeting:
  kind: vice-ministerial-meeting   # {MARK}: vice-ministerial-meeting or conference
complete: false                    # {MARK}: true once every decision of the declaration is here
source: fill-in                    # {MARK}: the declaration's id in data/sources.yaml (add it there first)
locator: "{MARK}: where in the source the meeting's name, place and dates stand, or whole document"
preamble:
  - number: 1
    text:
      en: "{MARK}: the words of preamble paragraph 1, verbatim from the source"
decisions:
  - number: 1
    short_title: {{en: "{MARK}: a few words of editorial summary"}}
    action: [adopt]                # {MARK}: the decision's verb(s), e.g. adopt, approve, instruct
    topics: [fill-in]              # {MARK}: ids from data/entities/topics.yaml
    text:
      en: "{MARK}: the words of decision 1, verbatim from the source"
"""
    return [_write(root, f"data/declarations/{id_}.yaml", text)]


def _source(root: Path, kind: str, id_: str) -> list[str]:
    text = f"""- id: {id_}
  title:
    en: "{MARK}: the document's title as printed"
  kind: "{MARK}: what kind of document it is, e.g. declaration"
  date: "1996"                     # {MARK}: the document's date, YYYY-MM-DD, YYYY-MM or YYYY
  language: "{MARK}: the language(s) of the document"
  file: "{MARK}: the name of its transcription in shared/seeds/"
"""
    return [_append(root, "data/sources.yaml", id_, text)]


def _entity(root: Path, kind: str, id_: str) -> list[str]:
    text = f"""- id: {id_}
  kind: {kind}
  name:
    en: "{MARK}: the name as the source writes it"
  source: fill-in                  # {MARK}: the id in data/sources.yaml of the document that names it
  locator: "{MARK}: where in it: the section, paragraph, decision, slide or footnote"
"""
    return [_append(root, f"data/entities/{ENTITY_FILES[kind]}.yaml", id_, text)]


def _budget(root: Path, kind: str, id_: str) -> list[str]:
    folder = f"data/budget/{id_}"
    meta = f"""# yaml-language-server: $schema=../../schemas/budget.schema.json
# Made by `make new`. The amounts go in lines.csv and contributions.csv beside this file, exactly
# as printed. Replace each marked placeholder with what the source says, then delete its mark.
title:
  en: "{MARK}: the budget table's title as printed"
source: fill-in                    # {MARK}: the id in data/sources.yaml of the document that prints it
approved_by: fill-in/1             # {MARK}: the decision that approved the budget, e.g. xxii/3
"""
    lines = (f"id,parent,kind,label_es,label_en,amount\n"
             f"fill-in,,line,{MARK}: the line's label as printed,{MARK}: the line's label as printed,0.00\n"
             f"total,,total,Total,Total,0.00\n")
    contributions = (f"kind,country,amount\n"
                     f"contribution,fill-in,0.00\n"
                     f"total,,0.00\n")
    if (root / folder).exists():
        raise ScaffoldError(f"{folder} already exists; edit it instead, or choose another year.")
    return [_write(root, f"{folder}/budget.yaml", meta), _write(root, f"{folder}/lines.csv", lines),
            _write(root, f"{folder}/contributions.csv", contributions)]


def _page(root: Path, kind: str, id_: str) -> list[str]:
    text = f"""# {MARK}: the page's title

{MARK}: the page's text. Cite the knowledge base with rcm: references, such as <rcm:xxi/18>.
"""
    return [_write(root, f"docs/{id_}.md", text),
            f"now give it its place in the navigation: in mkdocs.yml, add a line '- Its title: {id_}.md' "
            "to nav: (see the Contribute page, \"Add a page\")"]
