"""The bilingual site: every English page has its Spanish twin under /es/ with the same ids, the
Spanish pages carry no English interface string, the language switch and hreflang links point at
the twin, official texts are shown untranslated and marked, and the interface files agree."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import ROOT
from pages import ids, text_of

I18N = ROOT / "hooks" / "rcmkb" / "i18n"
# Files the Spanish site does not have: the open data is published once, under /data/.
SHARED = ("data/", "assets/", "search/")


def _strings(lang: str) -> dict:
    return yaml.safe_load((I18N / f"{lang}.yaml").read_text("utf-8"))


def _english_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("es/"))


def test_english_and_spanish_interface_files_have_the_same_keys():
    en, es = _strings("en"), _strings("es")
    assert sorted(set(en) - set(es)) == [], "keys missing from es.yaml"
    assert sorted(set(es) - set(en)) == [], "keys missing from en.yaml"
    placeholders = lambda s: sorted(re.findall(r"\{(\w+)\}", s))
    wrong = [k for k in en if placeholders(en[k]) != placeholders(es[k])]
    assert not wrong, f"these strings have different {{placeholders}} in en.yaml and es.yaml: {wrong}"


def test_every_english_page_has_its_spanish_twin_with_the_same_ids(site):
    pages = [p for p in _english_pages(site) if not p.startswith(SHARED)]
    assert len(pages) > 50
    problems = []
    for rel in pages:
        twin = site / "es" / rel
        if not twin.exists():
            problems.append(f"{rel}: no es/{rel}")
            continue
        en_ids, es_ids = ids((site / rel).read_text("utf-8")), ids(twin.read_text("utf-8"))
        # The page's own title (h1) takes its id from its words; the page's address is what cites it.
        en_ids -= {_h1_id((site / rel).read_text("utf-8"))}
        es_ids -= {_h1_id(twin.read_text("utf-8"))}
        if en_ids != es_ids:
            problems.append(f"{rel}: only in English {sorted(en_ids - es_ids)[:5]}, "
                            f"only in Spanish {sorted(es_ids - en_ids)[:5]}")
    assert not problems, "\n".join(problems)


def _h1_id(page: str) -> str | None:
    m = re.search(r'<h1 id="([^"]+)"', page)
    return m.group(1) if m else None


def test_the_open_data_is_published_once(site):
    assert (site / "data" / "decisions.json").exists()
    assert not (site / "es" / "data" / "decisions.json").exists()
    page = (site / "es" / "data" / "index.html").read_text("utf-8")
    assert 'href="../../data/decisions.json"' in page


class _Visible(HTMLParser):
    """The words a Spanish reader sees or hears as interface: text and labelling attributes,
    leaving out what is marked as another language (lang="en") and what is not shown."""
    SKIP = {"script", "style", "template", "code", "pre"}   # code is quoted, not said
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        hidden = tag in self.SKIP or (lang != "" and not lang.startswith("es"))
        if not hidden and not self._hidden():
            for name in ("aria-label", "title", "placeholder", "alt"):
                if attrs.get(name):
                    self.words.append(attrs[name])
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._hidden() and data.strip():
            self.words.append(data)


def _interface_words(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(" ".join(parser.words).split())


def _english_only_strings() -> dict[str, list[str]]:
    """key -> the literal pieces of its English string (placeholders cut out) that a Spanish page
    must not show: those that differ from the Spanish string and are long enough to be telling."""
    en, es = _strings("en"), _strings("es")
    out = {}
    for key, value in en.items():
        if value == es[key]:
            continue
        pieces = [p.strip(" .,:;()“”\"'") for p in re.split(r"\{\w+\}", value)]
        pieces = [p for p in pieces if len(p) >= 4 and p not in es[key] and (" " in p or len(p) >= 6)]
        if pieces:
            out[key] = pieces
    return out


def _data_texts() -> list[str]:
    """Every text in data/ (names, titles, verbatim texts, CSV labels), each line and paragraph
    on its own, longest first: shown as the data gives them, they are not interface strings."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.add(" ".join(value.split()))
            for chunk in re.split(r"\n\s*\n|\n- ", value):
                found.add(" ".join(chunk.strip().removeprefix("- ").split()))
            for line in value.splitlines():
                found.add(" ".join(line.strip().removeprefix("- ").split()))
    for path in (ROOT / "data").rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text("utf-8")))
    for path in (ROOT / "data").rglob("*.csv"):
        for line in path.read_text("utf-8").splitlines():
            walk(line.split(","))
    return sorted((t for t in found if len(t) >= 4), key=len, reverse=True)


def _without(words: str, texts: list[str]) -> str:
    for text in texts:
        if text in words:
            words = words.replace(text, " ")
    return words


def test_no_english_interface_string_on_a_spanish_page(site):
    strings = _english_only_strings()
    assert len(strings) > 150
    data = _data_texts()
    leaks = {}
    for page in sorted((site / "es").rglob("*.html")):
        # Addresses and file names are not words; data texts are shown as the data gives them.
        words = re.sub(r"https?://\S+|\S+\.(?:json|csv)\b", " ", _interface_words(page.read_text("utf-8")))
        words = _without(words, data)
        for key, pieces in strings.items():
            for piece in pieces:
                if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", words):
                    leaks.setdefault(f"{key}: “{piece}”", []).append(page.relative_to(site).as_posix())
    report = [f"{what} on {len(where)} page(s), e.g. {where[0]}" for what, where in sorted(leaks.items())]
    assert not report, "English interface strings on Spanish pages:\n" + "\n".join(report)


def test_the_leak_check_finds_a_leak():
    page = ('<p>Decisiones</p><p>Cite this decision</p><div lang="en"><p>Copy link</p></div>'
            '<button aria-label="Copy link">x</button>')
    words = _interface_words(page)
    assert "Cite this decision" in words and "Copy link" in words
    assert words.count("Copy link") == 1, "text marked lang=en is left out; the English attribute is not"


def test_spanish_pages_are_in_spanish_and_switch_to_their_twin(site, html, html_es):
    page, english = html_es("declarations/xxi/"), html("declarations/xxi/")
    assert '<html lang="es"' in page
    base = "https://rcm-kb.example.invalid/knowledge-base/"   # mkdocs.yml's placeholder, as the tests build
    for p in (page, english):
        hreflang = dict((lang, url) for url, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([\w-]+)">', p))
        assert hreflang == {"en": base + "declarations/xxi/", "es": base + "es/declarations/xxi/",
                            "x-default": base + "declarations/xxi/"}
    switch = lambda p: {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link', p)}
    assert switch(page) == {"en": "../../../declarations/xxi/", "es": "../../../es/declarations/xxi/"}
    assert switch(english) == {"en": "../../declarations/xxi/", "es": "../../es/declarations/xxi/"}
    assert switch(html_es("")) == {"en": "../", "es": "../es/"}
    assert switch(html("")) == {"en": "./", "es": "es/"}


def test_the_sitemap_lists_both_languages(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    base = "https://rcm-kb.example.invalid/knowledge-base/"   # mkdocs.yml's placeholder, as the tests build
    assert base + "declarations/xxi/" in locs and base + "es/declarations/xxi/" in locs
    english = [u for u in locs if not u.startswith(base + "es/")]
    assert len(locs) == 2 * len(english)
    assert 'hreflang="x-default"' in sitemap


def test_a_decision_on_the_spanish_site_is_the_english_text_marked_and_explained(html, html_es):
    en, es = html("declarations/xxi/"), html_es("declarations/xxi/")
    block = re.search(r'id="decision-21".*?<div class="rcm-text"([^>]*)>(.*?)</div>', es, re.S)
    assert 'lang="en"' in block.group(1)
    english = re.search(r'id="decision-21".*?<div class="rcm-text"[^>]*>(.*?)</div>', en, re.S)
    assert text_of(block.group(2)) == text_of(english.group(1))          # the same words, untranslated
    after = es[block.end():block.end() + 600]
    assert "El texto oficial en español aún no consta en el registro" in after
    assert "Decisión 21" in es and "Dirección permanente:" in es and "Cítese como" in es
    assert "XXI Reunión Viceministerial (Omoa y San Pedro Sula, Honduras, 17–18 de noviembre de 2016)" in es


def test_the_proposals_are_native_in_spanish_and_marked_on_the_english_site(html, html_es, site):
    folder = next(p for p in (site / "proposals").iterdir() if p.is_dir())
    rel = f"proposals/{folder.name}/"
    assert '<div class="rcm-original" lang="es"' in html(rel)
    es = html_es(rel)
    assert re.search(r'<div class="rcm-original" lang="es"', es)
    assert '<html lang="es"' in es


def test_names_dates_and_money_in_latin_american_spanish(html_es):
    countries = text_of(html_es("countries/"))
    for name in ("Belice", "República Dominicana", "Estados Unidos", "Panamá"):   # CLDR es-419
        assert name in countries
    budget = text_of(html_es("budget/2017/"))
    assert re.search(r"\$\d{1,3}(,\d{3})*\.\d{2}", budget), "amounts keep the source's $ sign"
    assert "US$" not in budget
    assert "Reunión Viceministerial" in text_of(html_es("declarations/"))


def test_a_country_keeps_the_spanish_name_its_source_prints_and_cldr_stays_apart(site, html_es):
    """A Spanish name the record gives (with its source) is shown and exported as it is; CLDR's name
    only fills in where the record has none, and the open data gives it in its own field."""
    import json
    from babel import Locale
    cldr = Locale.parse("es_419").territories
    records = {e["id"]: e for p in (ROOT / "data" / "entities").glob("*.yaml")
               for e in yaml.safe_load(p.read_text("utf-8")) if e.get("code")}
    exported = {e["id"]: e for e in json.loads((site / "data" / "entities.json").read_text("utf-8"))
                if e["id"] in records}
    assert records and set(exported) == set(records)
    page = text_of(html_es("countries/"))
    for cid, record in records.items():
        assert exported[cid]["name"] == record["name"], cid          # as the record gives them
        assert exported[cid]["name_cldr_es"] == cldr[record["code"]], cid
        assert (record["name"].get("es") or cldr[record["code"]]) in page, cid


def test_bodies_show_their_spanish_name_and_acronym_where_a_source_gives_them(html_es, html):
    # The proposals (Spanish originals) give the network's Spanish name and acronym.
    es, en = text_of(html_es("organizations/rncom/")), text_of(html("organizations/rncom/"))
    assert "Red Regional de Organizaciones Civiles para las Migraciones" in es and "RROCM" in es
    assert "Regional Network of Civil Organizations for Migration" in es and "RNCOM" in es
    assert "Red Regional de Organizaciones Civiles para las Migraciones" in en
    # No source gives the IOM's name in Spanish, only its acronym: the English name stands.
    iom = text_of(html_es("organizations/iom/"))
    assert "International Organization for Migration" in iom and "OIM" in iom


def test_a_hand_written_page_without_its_spanish_twin_stops_the_build(tmp_path):
    from conftest import copy_project, site_build
    project = copy_project(tmp_path / "project")
    (project / "docs" / "es" / "cite.md").unlink()
    out = tmp_path / "site"
    result = site_build(project, out)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert output.count("docs/cite.md has no Spanish twin: write docs/es/cite.md") == 1, output
    assert "Traceback" not in output
    # The Spanish build failed beside the English one: nothing of it is left, in the site or beside it.
    assert not (out / "es").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_problem_in_the_data_is_reported_once_by_the_bilingual_build(tmp_path):
    """Both languages stop on a problem in the data; `make build` builds them side by side, and
    says it once, as the English build alone does."""
    from conftest import copy_project, mkdocs_build, site_build
    project = copy_project(tmp_path / "project")
    (project / "data" / "stray.yaml").write_text("a: 1\n", "utf-8")
    alone = mkdocs_build(project, tmp_path / "alone")
    both = site_build(project, tmp_path / "site")
    assert alone.returncode == 1 and both.returncode == 1

    def problems(result):
        return [line for line in (result.stdout + result.stderr).splitlines()
                if "stray.yaml" in line or line.startswith("ERROR")]
    assert problems(alone) and problems(both) == problems(alone), both.stdout + both.stderr
    assert "Traceback" not in both.stdout + both.stderr
    assert not (tmp_path / "site" / "es").exists() and not (tmp_path / "site.es-new").exists()
