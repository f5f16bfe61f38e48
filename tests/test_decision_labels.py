"""Decisions a reader can tell apart: in a declaration's table of contents and in the decisions
index, each decision is named by its number and its opening words, verbatim and visibly cut at a
word boundary, at one fixed length. Its heading and its permanent anchor do not change."""
from __future__ import annotations

import html as htmllib
import re
import sys

from conftest import ROOT, declarations
from pages import decision_text, resolve

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb.i18n import t  # noqa: E402
from rcmkb.markup import OPENING_CHARS  # noqa: E402

import pytest  # noqa: E402

LANGUAGES = ["en"] + (["es"] if (ROOT / "mkdocs.es.yml").exists() else [])

ELLIPSIS = "…"


def _toc_labels(page: str) -> dict[str, list[str]]:
    """anchor -> the label of each table-of-contents link to it (Material prints the table twice:
    in the sidebar and, for small screens, in the navigation drawer)."""
    out: dict[str, list[str]] = {}
    for m in re.finditer(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis"[^>]*>(.*?)</span>',
                         page, re.S):
        out.setdefault(m.group(1), []).append(" ".join(htmllib.unescape(m.group(2)).split()))
    return out


def _check(label: str, number: int, text: str) -> list[str]:
    """What is wrong with `label` as the name of decision `number` whose text is `text`."""
    head = f"{number}. "
    if not label.startswith(head):
        return [f"decision {number}: '{label}' does not start with '{head}'"]
    words = label[len(head):]
    cut = words.endswith(ELLIPSIS)
    words = words.removesuffix(ELLIPSIS).rstrip()     # the space before the ellipsis does not break
    problems = []
    if not words or not text.startswith(words):
        problems.append(f"decision {number}: '{words}' is not the start of its text '{text[:80]}'")
    elif cut:
        rest = text[len(words):]
        if len(words) > OPENING_CHARS or not rest or rest[0].isalnum():
            problems.append(f"decision {number}: '{words}' is not cut at a word boundary within "
                            f"{OPENING_CHARS} characters")
        following = re.match(r"[\s,;:]*\S+", rest).group(0)
        if len(words) + len(following) <= OPENING_CHARS:
            problems.append(f"decision {number}: cut before '{following}', though it fits")
    elif words != text:
        problems.append(f"decision {number}: '{words}' is cut without an ellipsis")
    return problems


@pytest.fixture(params=LANGUAGES)
def pages_in(request, html, html_es):
    """(lang, html) for the site in each language."""
    return request.param, html if request.param == "en" else html_es


def test_the_table_of_contents_names_each_decision_by_its_opening_words(pages_in):
    lang, html = pages_in
    problems, checked = [], 0
    for d in declarations():
        if not d.get("decisions"):
            continue
        page = html(f"declarations/{d['id']}/")
        toc = _toc_labels(page)
        for dec in d["decisions"]:
            anchor = f"decision-{dec['number']}"
            # The heading and the anchor are as published: data/published-anchors.txt.
            heading = t("declaration.decision", lang, number=dec["number"])
            assert re.search(rf'<h3 [^>]*id="{anchor}"[^>]*>{heading}<', page), anchor
            labels = toc.get(anchor)
            assert labels, f"{d['id']}: no table-of-contents entry for #{anchor}"
            assert len(set(labels)) == 1, labels
            problems += _check(labels[0], dec["number"], decision_text(page, anchor))
            checked += 1
    assert checked and not problems, problems


def test_the_decisions_index_names_each_decision_as_the_table_of_contents_does(pages_in):
    lang, html = pages_in
    index = html("decisions/")
    pages = {}
    rows = 0
    for m in re.finditer(r'<td class="rcm-opening"[^>]*><a href="([^"]+)"[^>]*>(.*?)</a>', index, re.S):
        target = resolve("decisions/", m.group(1))
        path, anchor = target.split("#")
        page = pages.setdefault(path, html(path))
        label = " ".join(htmllib.unescape(m.group(2)).split())
        assert set(_toc_labels(page)[anchor]) == {label}, (target, label)
        rows += 1
    assert rows == sum(len(d.get("decisions", [])) for d in declarations())


def test_the_decisions_index_uses_the_width_of_the_page(pages_in):
    """No table of contents beside the index: its table takes that column too."""
    lang, html = pages_in
    index = html("decisions/")
    assert re.search(r'md-sidebar--secondary"[^>]*\shidden>', index)


def test_opening_words_in_another_language_are_marked_so(pages_in):
    """On a page whose decision text is shown in the other language (the Spanish site, where the
    record holds only the English text), its table-of-contents entry carries that language too."""
    lang, html = pages_in
    for d in declarations():
        if not d.get("decisions"):
            continue
        page = html(f"declarations/{d['id']}/")
        for dec in d["decisions"]:
            anchor = f"decision-{dec['number']}"
            text_lang = re.search(rf'id="{anchor}".*?<div class="rcm-text"(?: lang="(\w+)")?>', page, re.S).group(1)
            entries = re.findall(rf'<a href="#{anchor}" class="md-nav__link">\s*<span class="md-ellipsis"(?: lang="(\w+)")?>',
                                 page)
            assert entries and set(entries) == {text_lang or ""}, (d["id"], anchor, text_lang, entries)
