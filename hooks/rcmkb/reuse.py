"""Licences and citation of the record itself: what may be reused and on what terms, said once
here and shown everywhere it matters (page footers, the rights line of official texts, the
metadata of every export), and the citation of the whole knowledge base.

The code is MIT (LICENSE); our own data and editorial text are CC BY 4.0 (data/LICENSE). Official
texts (declarations, the Action Protocol, proposals) stay with their authors: we claim no licence
over them. Any exporter (CSV, JSON, feeds, Akoma Ntoso, the data package) calls `describe()` or
`licences()` so that every file it writes names its licence."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup, escape

from . import i18n, safefs
from .errors import Problems
from .i18n import t
from .buildinfo import Provenance
from .formats import when
from .render import Dataset


@dataclass(frozen=True)
class Licence:
    spdx: str      # SPDX identifier
    name: str      # the licence's own name (a proper name: not translated)
    url: str       # its deed, the page people read
    legalcode: str # its legal text
    file: str      # where the repository states it


CODE = Licence("MIT", "MIT License", "https://spdx.org/licenses/MIT.html",
               "https://spdx.org/licenses/MIT.html", "LICENSE")
DATA = Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International",
               "https://creativecommons.org/licenses/by/4.0/",
               "https://creativecommons.org/licenses/by/4.0/legalcode", "data/LICENSE")
TITLE = "RCM Knowledge Base"
AUTHORS = "RCM Knowledge Base contributors"
# The files in data/ that are not data: the loader expects them (see check()).
DATA_FOLDER_FILES = ("LICENSE",)
METADATA_SUFFIX = "-metadata.json"   # W3C CSVW's name for a CSV file's metadata, used for all exports
PAGE = "reuse/"                     # the Reuse page (docs/reuse.md)

# Who wrote the official texts a page reproduces: entity ids, looked up in the entity data.
DECLARATION_AUTHORS = ("rcm",)
PROTOCOL_AUTHORS = ("rcm", "rncom")


# ---------------------------------------------------------------------------------------------
# The licence files: the loader expects data/LICENSE and stops when it is gone.

def check(root: Path, problems: Problems) -> None:
    path = Path(root) / DATA.file
    if not path.is_file():
        problems.add(DATA.file, 0, "the licence of the data is missing: restore data/LICENSE from "
                     "version control (git checkout data/LICENSE). Without it the open data may not "
                     "be reused.")
    elif DATA.url not in (safefs.read_text(path, DATA.file, problems) or DATA.url):
        problems.add(DATA.file, 1, f"data/LICENSE must name the data's licence by its address, "
                     f"{DATA.url}; restore the file from version control.")


# ---------------------------------------------------------------------------------------------
# Official texts: which pages reproduce one, by whom, from which source.

@dataclass(frozen=True)
class OfficialText:
    authors: tuple[str, ...]   # entity ids
    source: str                # source id


def official_texts(kb) -> dict[str, OfficialText]:
    """URL path -> the official text the page reproduces (pages that reproduce none are absent)."""
    found = {}
    for d in kb.declarations:
        if d.preamble or d.decisions or d.annexes:
            found[d.path] = OfficialText(_known(kb, DECLARATION_AUTHORS), d.source)
    protocol = kb.parts.get("protocol")
    if protocol:
        found["protocol/"] = OfficialText(_known(kb, PROTOCOL_AUTHORS), protocol.source)
    for p in kb.parts.get("proposals", []):
        found[p.path] = OfficialText(_known(kb, (p.presented_by,)), p.source)
    return found


def _known(kb, ids) -> tuple[str, ...]:
    return tuple(i for i in ids if i in kb.entities)


# ---------------------------------------------------------------------------------------------
# What templates need: official_text(path), tm(key, **html) and the `is_metadata` test.

def install(renderer, kb) -> None:
    """Give the renderer's templates the rights of each page and translated strings with links."""
    texts = official_texts(kb)
    renderer.env.globals.update(
        official_text=texts.get, licence=DATA,
        # An interface string whose {placeholders} are HTML made by the template (links): the
        # string itself is escaped, the placeholders are filled with escaped or Markup values.
        tm=lambda key, **html: Markup(escape(i18n.t(key, renderer.lang))).format(**html))
    renderer.env.tests["is_metadata"] = lambda name: name.endswith(METADATA_SUFFIX)


# ---------------------------------------------------------------------------------------------
# The footer of every page, and the citation of the whole knowledge base.

def footer(renderer, path: str, provenance: Provenance, repo_url: str | None,
           data: str | None = None, edit_uri: str | None = None,
           changed: tuple[str, str] | None = None) -> Markup:
    """The footer's licence and provenance lines for the page at `path`, as HTML. A generated
    page (`data`: the data file or folder it is built from) also gets a quiet "Correct this page"
    link to that data in the repository, in place of the theme's edit pencil. `changed`: the day
    its content last changed and whether that is its own file ('page') or its data ('data')."""
    official = renderer.env.globals["official_text"](path)
    commit_url = f"{repo_url.rstrip('/')}/commit/{provenance.commit}" \
        if repo_url and provenance.commit else None
    with i18n.language(renderer.lang):      # the date in words, in the page's language
        return Markup(renderer.page("footer.html.j2", path, "", licence=DATA, official=official,
                                    build=provenance, commit_url=commit_url, reuse_page=PAGE,
                                    correct_url=correct_url(repo_url, edit_uri, data),
                                    changed=changed, when=when).markdown)


def print_header(renderer, path: str, provenance: Provenance) -> Markup:
    """The header a printed page carries (print only): its public address and the build's date."""
    return Markup(renderer.page("print_header.html.j2", path, "", url=renderer.site_url + path,
                                build=provenance).markdown)


def correct_url(repo_url: str | None, edit_uri: str | None, data: str | None) -> str | None:
    """Where a reader proposes a correction to `data` (a file, or a folder ending in '/'): the
    repository's edit address of the file, as `edit_uri` (relative to docs/, like MkDocs' own,
    e.g. edit/main/docs/) gives it for hand-written pages; a folder is browsed (tree/), since it
    cannot be edited as one."""
    if not (repo_url and edit_uri and data):
        return None
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/")
    url = urljoin(base, "../" + data)
    return url.replace("/edit/", "/tree/", 1) if data.endswith("/") else url


def citation(provenance: Provenance, site_url: str, lang: str = "en") -> dict:
    """The citation of the whole knowledge base (the dataset), as data: plain text, CSL-JSON and
    the fields a reference manager needs. The Cite dialog and the Reuse page show it."""
    version = provenance.release or provenance.version
    # A release is dated by its release; any other build by the commit it was built from.
    issued = provenance.released if provenance.release else provenance.date
    parts = dict(year=issued[:4] if issued else "n.d.",
                 version=t("reuse.citation_version", lang, version=version) if version else "",
                 commit=t("reuse.citation_commit", lang, commit=provenance.short) if provenance.commit
                 else "", url=site_url)
    text = t("reuse.citation", lang, authors=AUTHORS, title=TITLE, **parts)
    csl = {"type": "dataset", "id": "rcm-knowledge-base", "title": TITLE,
           "author": [{"literal": AUTHORS}], "URL": site_url, "license": DATA.url}
    if version:
        csl["version"] = version
    if issued:
        csl["issued"] = {"date-parts": [[int(x) for x in issued.split("-")]]}
    return {"text": text, "parts": parts, "title": TITLE, "authors": AUTHORS, "version": version,
            "release": provenance.release, "commit": provenance.commit, "url": site_url,
            "license": DATA.url, "csl": csl}


def citation_markdown(renderer, path: str, provenance: Provenance, site_url: str) -> str:
    """The "Cite the knowledge base" block that hand-written pages include."""
    return renderer.page("dataset_citation.md.j2", path, "", cite=citation(provenance, site_url, renderer.lang),
                         build=provenance).markdown


# ---------------------------------------------------------------------------------------------
# Export metadata: one function for every exporter, so no file under /data/ goes out unlicensed.

def licences() -> list[dict]:
    """The licences of an export, in the shape of a Frictionless data package's `licenses`."""
    return [{"name": DATA.spdx, "path": DATA.url, "title": DATA.name}]


def describe(name: str, content: bytes, title: str, description: str, provenance: Provenance,
             lang: str = "en") -> dict:
    """The metadata of the export file `name`: its licence, the rights in the official texts it
    quotes, whom to credit and the build it comes from. For a CSV file it is a W3C CSVW table
    description (which CSVW tools find at `<name>-metadata.json`), in Dublin Core terms."""
    url = name.rsplit("/", 1)[-1]    # relative to the metadata file, which sits beside it
    if name.endswith(".csv"):
        header = next(csv.reader(io.StringIO(content.decode("utf-8"))), [])
        return {
            "@context": ["http://www.w3.org/ns/csvw", {"@language": lang}],
            "url": url,
            "dc:title": title,
            "dc:description": description,
            "dc:creator": AUTHORS,
            "dc:license": {"@id": DATA.url},
            "dc:rights": t("reuse.export_rights", lang),
            "dc:bibliographicCitation": t("reuse.attribution", lang, authors=AUTHORS, title=TITLE),
            "dc:hasVersion": provenance.commit or provenance.version or "",
            "dc:modified": provenance.date or "",
            "tableSchema": {"columns": [{"name": c, "titles": c} for c in header]},
        }
    return {
        "url": url,
        "title": title,
        "description": description,
        "creator": AUTHORS,
        "license": licence_record(),
        "rights": t("reuse.export_rights", lang),
        "attribution": t("reuse.attribution", lang, authors=AUTHORS, title=TITLE),
        "build": provenance.as_dict(),
    }


def licence_record() -> dict:
    """The data licence as a JSON value, for a top-level `license` field."""
    return {"id": DATA.spdx, "name": DATA.name, "url": DATA.url, "legalcode": DATA.legalcode}


def metadata_files(files: dict[str, bytes], title: str, description: str,
                   provenance: Provenance, lang: str = "en") -> dict[str, bytes]:
    """`<name>-metadata.json` for each export file in `files` (metadata files themselves excluded)."""
    return {name + METADATA_SUFFIX: _json(describe(name, content, title, description, provenance, lang))
            for name, content in files.items()
            if not name.endswith(METADATA_SUFFIX) and not _names_its_licence(name, content)}


def _names_its_licence(name: str, content: bytes) -> bool:
    """A JSON document with its own top-level licence (build.json, datapackage.json) needs no
    metadata file beside it."""
    if not name.endswith(".json"):
        return False
    try:
        value = json.loads(content)
    except ValueError:
        return False
    return isinstance(value, dict) and ("license" in value or "licenses" in value)


def with_metadata(datasets: list, provenance: Provenance, lang: str = "en") -> list:
    """The datasets, each file with its metadata file beside it."""
    return [replace(ds, files={**ds.files, **metadata_files(ds.files, ds.title, ds.description,
                                                             provenance, lang)})
            for ds in datasets]


def build_dataset(provenance: Provenance, site_url: str, lang: str = "en") -> Dataset:
    """The dataset of /data/build.json."""
    return Dataset("build", t("dataset.build", lang), t("dataset.build.about", lang),
                   {"build.json": build_record(provenance, site_url, lang)})


def rights(lang: str = "en") -> str:
    """One sentence for formats with a rights field of their own (Atom's <rights>)."""
    return t("reuse.rights_short", lang, title=TITLE, licence=DATA.name)


def build_record(provenance: Provenance, site_url: str, lang: str = "en") -> bytes:
    """/data/build.json: what this build was made from, its licences and how to cite it."""
    return _json({
        **provenance.as_dict(),
        "license": licence_record(),
        "code_license": {"id": CODE.spdx, "name": CODE.name, "url": CODE.url},
        "rights": t("reuse.export_rights", lang),
        "citation": {k: v for k, v in citation(provenance, site_url, lang).items() if k != "parts"},
    })


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
