"""The search index a reader's search runs on: each entity is found under its name, its acronyms
and its other names, each a whole word (no "AcronymsILO"); its page is boosted and tagged with its
acronyms; maintainers' pages are neither searched nor listed in "Referred to by"."""
from __future__ import annotations

import json
import re
import sys

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb.domains.entities import entity_path  # noqa: E402
from rcmkb.site import load  # noqa: E402


LANGUAGES = ["en"] + (["es"] if (ROOT / "mkdocs.es.yml").exists() else [])


@pytest.fixture(scope="module", params=LANGUAGES)
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def index(site, lang) -> dict:
    """The search index of the site in each language (the Spanish one under es/)."""
    root = site if lang == "en" else site / lang
    return json.loads((root / "search" / "search_index.json").read_text("utf-8"))


def _words(index: dict, text: str) -> list[str]:
    """`text` split as the search splits it (the index's own separator), lower-cased."""
    return [w for w in re.split(index["config"]["separator"], text.lower()) if w]


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def test_each_entity_is_indexed_under_each_of_its_names_as_whole_words(index):
    kb, _ = load(ROOT)
    pages = {d["location"]: d for d in index["docs"]}
    checked = 0
    for e in kb.entities.values():
        entry = pages[entity_path(e)]
        words = _words(index, entry["title"] + " " + re.sub(r"<[^>]+>", " ", entry["text"]))
        names = [e.name.en, e.name.es, *(a for v in e.acronyms.values() for a in v),
                 *(n for v in e.also_written.values() for n in v)]
        for name in filter(None, names):
            assert _contains(words, _words(index, name)), f"{entity_path(e)}: '{name}' is not a whole word"
            checked += 1
        acronyms = [a for v in e.acronyms.values() for a in v]
        assert entry.get("tags", []) == list(dict.fromkeys(acronyms)), entity_path(e)
        assert entry.get("boost", 1) > 1, entity_path(e)
    assert checked > len(kb.entities)


def test_no_label_is_glued_to_its_value(index, lang):
    """Labels and values in separate cells (<dt>/<dd>, <th>/<td>) are separate words."""
    from rcmkb.i18n import strings
    labels = [v for k, v in strings(lang).items() if k.startswith("label.") and re.fullmatch(r"[A-Z][a-zñáéíóú]+", v)]
    glued = re.compile(r"\b(" + "|".join(labels) + r")[A-Z][a-z]")
    found = [(d["location"], m.group(0)) for d in index["docs"] for m in glued.finditer(d["text"])]
    assert not found, found[:10]


def _maintainers_pages(lang: str) -> list[str]:
    """Hand-written pages of the site in `lang` (docs/, or its twins in docs/es/) whose front
    matter keeps them out of the search: maintainers' pages, as paths within that site."""
    out = []
    docs = ROOT / "docs" if lang == "en" else ROOT / "docs" / lang
    for md in docs.rglob("*.md"):
        if lang == "en" and any((ROOT / "docs" / other) in md.parents for other in LANGUAGES[1:]):
            continue
        text = md.read_text("utf-8")
        if text.startswith("---\n"):
            meta = yaml.safe_load(text[4:text.index("\n---", 4)]) or {}
            if (meta.get("search") or {}).get("exclude"):
                out.append(md.relative_to(docs).with_suffix("").as_posix().removesuffix("index") + "/")
    return out


def test_maintainers_pages_are_out_of_the_search_and_the_backlinks(index, site, lang):
    hidden = _maintainers_pages(lang)
    assert "contribute/" in hidden
    root = site if lang == "en" else site / lang
    # No "Referred to by" list on any page links to them.
    for html in root.rglob("*.html"):
        page = html.read_text("utf-8")
        for m in re.finditer(r'class="rcm-backlinks(?:-inline)?".*?</(?:div|p)>', page, re.S):
            for path in hidden:
                assert not re.search(rf'href="[./]*{re.escape(path)}#', m.group(0)), (html, path)
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert not locations & set(hidden), locations & set(hidden)
