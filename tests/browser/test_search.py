"""Search as a reader uses it: each query of a fixed list, typed into Material's search (which runs
in a web worker over the built index), brings the page a reader expects among the first three
results. The acronyms come from the data, so a new organization is searched for as soon as it is
added. Maintainers' pages stay out of the public search."""
from __future__ import annotations

import csv
import re
import sys

import pytest

from conftest import ROOT

from .browsing import settle

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb.domains.entities import entity_path  # noqa: E402
from rcmkb.i18n import t  # noqa: E402
from rcmkb.site import load  # noqa: E402

pytestmark = pytest.mark.browser

TOP = 3


def _languages() -> list[str]:
    """The languages the site is built in: English, and Spanish once mkdocs.es.yml exists."""
    return ["en"] + (["es"] if (ROOT / "mkdocs.es.yml").exists() else [])


def _queries(lang: str) -> list[tuple[str, str]]:
    """(query, expected location) on the site in `lang`: every acronym of every entity, in every
    language (its own page), a country, a topic, a decision by its number and a budget line, each
    as that site names them."""
    kb, _ = load(ROOT)
    out = [(acronym, entity_path(e)) for e in kb.entities.values()
           for values in e.acronyms.values() for acronym in values]
    by_id = kb.entities
    out.append((by_id["costa-rica"].name.get(lang), entity_path(by_id["costa-rica"])))
    out.append((by_id["human-rights"].name.get(lang), entity_path(by_id["human-rights"])))
    xxi = next(d for d in kb.declarations if d.id == "xxi")
    out.append((t("declaration.decision", lang, number=21).lower(), f"{xxi.path}#decision-21"))
    with (ROOT / "data" / "budget" / "2017" / "lines.csv").open(encoding="utf-8") as f:
        line = next(r for r in csv.DictReader(f) if r["kind"] == "line" and len(r["label_en"].split()) > 1)
    # Its words of four letters or more: Material adds a trailing wildcard to each word of a query,
    # which keeps "de" and "en" (Spanish stop words) from being dropped, and then "de*" matches
    # nearly every word of every page and outweighs the words that tell.
    out.append((" ".join(w for w in line[f"label_{lang}"].split() if len(w) >= 4), "budget/2017/"))
    return out


def _results(p, query: str) -> list[str]:
    """The locations of the first results Material shows for `query` (one per page), once the
    worker's answer for the whole query has arrived and stays put."""
    box = p.locator("input.md-search__input")
    box.fill("")
    box.press("End")     # Material reads the box on keyup
    p.locator(".md-search-result__item").first.wait_for(state="detached")
    box.fill(query)
    box.press("End")     # one keyup: one query to the worker for the whole text, not one per letter
    p.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    settle(p)
    read = ("n => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]"
            ".slice(0, n).map(a => a.href)")
    shown = p.evaluate(read, TOP)
    for _ in range(20):                    # until two reads 200 ms apart agree
        p.wait_for_timeout(200)
        again = p.evaluate(read, TOP)
        if again == shown:
            break
        shown = again
    return shown


@pytest.mark.parametrize("lang", _languages())
def test_each_query_finds_its_page_among_the_first_three(page, base_url, screenshot, lang):
    queries = _queries(lang)
    acronyms = [q for q, _ in queries][:-4]
    assert acronyms and all(q.isupper() or "/" in q for q in acronyms), acronyms
    root = "" if lang == "en" else f"{lang}/"
    base_url += root
    page.goto(base_url)
    page.locator("body").press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    missed = []
    for query, expected in queries:
        # Material adds ?h=<terms> to each result, to highlight them on the page it opens.
        found = [re.sub(r"\?[^#]*", "", href.removeprefix(base_url)) for href in _results(page, query)]
        # A page's own section counts as the page (organizations/ilo/#asked-to-act is ILO's page);
        # an expected anchor must be matched exactly.
        hit = [f for f in found if f == expected or ("#" not in expected and f.split("#")[0] == expected)]
        if not hit:
            missed.append(f"{query!r}: expected {expected}, the first {TOP} results are {found}")
        if query == "decision 21":
            screenshot(page, f"search-decision-21-{lang}")
    assert not missed, "\n".join(missed)

