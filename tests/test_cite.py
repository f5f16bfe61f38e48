"""Citing: the metadata reference managers and link previews read from each page (Highwire
citation_*, Dublin Core, OpenGraph), the Cite controls of every decision, and the guard that keeps
`make build` from publishing citations of a placeholder address. The Cite dialog itself is tested
in a browser (tests/browser/test_cite.py)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from rcmkb import edtf

from conftest import ROOT, build_env, declarations
from pages import meta_tags, text_of

# Each site: its language and the folder it is published in.
SITES = {"en": "", "es": "es/"}
I18N = {lang: yaml.safe_load((ROOT / "hooks" / "rcmkb" / "i18n" / f"{lang}.yaml").read_text("utf-8"))
        for lang in SITES}
CONFIG = (ROOT / "mkdocs.yml").read_text("utf-8")
RCM = next(e for e in yaml.safe_load((ROOT / "data" / "entities" / "bodies.yaml").read_text("utf-8"))
           if e["id"] == "rcm")
AUTHOR = {lang: RCM["name"].get(lang) or RCM["name"]["en"] for lang in SITES}


def _in(lang: str, text: dict) -> str:
    """A data text in `lang`, else in the other language (as the site shows it)."""
    return text.get(lang) or text.get("en") or text.get("es")


def _site_url(site: Path) -> str:
    return next(c for n, c in meta_tags((site / "index.html").read_text("utf-8")) if n == "og:url")


def _one(tags, name):
    values = [c for n, c in tags if n == name]
    assert len(values) <= 1, (name, values)
    return values[0] if values else None


def _shared(start: str, end: str | None) -> str:
    """The part of a span's two dates that they share: what one date may claim of it."""
    if not end or end == start:
        return start
    parts = []
    for a, b in zip(start.split("-"), end.split("-")):
        if a != b:
            break
        parts.append(a)
    return "-".join(parts)


def test_every_declaration_page_names_the_declaration_for_reference_managers(html, site):
    site_url = _site_url(site)
    for lang, folder in SITES.items():
        for d in declarations():
            tags = meta_tags(html(f"{folder}declarations/{d['id']}/"))
            title = _in(lang, d.get("title") or d["meeting"]["name"])
            url = f"{site_url}{folder}declarations/{d['id']}/"
            assert _one(tags, "citation_title") == title == _one(tags, "DC.title")
            # The author is the RCM as the entity data names it; nobody else, and no publisher.
            assert [c for n, c in tags if n in ("citation_author", "DC.creator")] == [AUTHOR[lang]] * 2
            assert not [n for n, _ in tags if "publisher" in n.lower()]
            assert _one(tags, "citation_public_url") == url == _one(tags, "DC.identifier")
            assert _one(tags, "citation_language") == _one(tags, "DC.language") in SITES
            start, end = d["meeting"].get("start"), d["meeting"].get("end")
            if start:
                # Never more precise than the data: a span gives the part its dates share.
                one = _shared(start, end)
                assert _one(tags, "citation_date") == one.replace("-", "/") == _one(tags, "citation_publication_date")
                assert _one(tags, "DC.date") == one
                assert _one(tags, "DCTERMS.created") == (f"{start}/{end}" if end and end != start else start)
                assert edtf.problem(_one(tags, "DCTERMS.created")) is None
            else:
                assert not [n for n, _ in tags if "date" in n.lower() or n == "DCTERMS.created"], d["id"]


def test_every_page_has_opengraph_tags_from_its_own_text(site):
    site_url = _site_url(site)
    pages = sorted(site.rglob("index.html"))
    assert pages
    descriptions = set()
    for page in pages:
        path = page.parent.relative_to(site).as_posix()
        path = "" if path == "." else path + "/"
        tags = meta_tags(page.read_text("utf-8"))
        lang = "es" if path.startswith("es/") else "en"
        assert _one(tags, "og:url") == site_url + path, path
        assert _one(tags, "og:site_name") == I18N[lang]["config.site_name"]
        assert _one(tags, "og:type") == ("website" if path in SITES.values() else "article")
        title, description = _one(tags, "og:title"), _one(tags, "og:description")
        assert title and description and len(description) <= 201, (path, description)
        assert "<" not in description and "rcm:" not in description, (path, description)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text("utf-8"), re.S)
        if path not in SITES.values() and h1:
            assert text_of(h1.group(1)).rstrip("¶ ").startswith(title.rstrip(".")[:40]), (path, title)
        descriptions.add(description)
    # Taken from each page's text, not one sentence for the whole site.
    assert len(descriptions) > len(pages) // 2


def test_the_xxi_page_is_described_by_its_own_first_paragraph(html):
    tags = meta_tags(html("declarations/xxi/"))
    xxi = next(d for d in declarations() if d["id"] == "xxi")
    first = sorted(xxi["preamble"], key=lambda p: p["number"])[0]["text"]["en"]
    description = _one(tags, "og:description")
    assert first.startswith(description.rstrip("…")), description


def test_every_decision_has_its_address_and_the_page_its_named_cite_controls(html, site):
    site_url = _site_url(site)
    for lang, folder in SITES.items():
        for d in declarations():
            page = html(f"{folder}declarations/{d['id']}/")
            numbers = [dec["number"] for dec in d.get("decisions", [])]
            assert ('id="rcm-cite-dialog"' in page) == bool(numbers)
            assert page.count('id="rcm-cite-dialog"') <= 1           # one dialog per page
            for n in numbers:
                line = re.search(rf'<p class="rcm-cite"[^>]*><span class="rcm-cite-address">[^<]*'
                                 rf'<a href="#decision-{n}">([^<]*)</a></span></p>', page)
                assert line, (lang, d["id"], n)
                assert line.group(1) == f"{site_url}{folder}declarations/{d['id']}/#decision-{n}"
            if numbers:
                # The buttons' names, which the page's script fills in for each decision.
                for key, attribute in (("cite.open_name", "data-open-name"),
                                       ("cite.copy_link_name", "data-copy-link-name")):
                    assert f'{attribute}="{I18N[lang][key].format(n=chr(0xE000))}"' in page, (lang, key)
                cite_as = text_of(page.split('class="rcm-cite-as">', 1)[1].split("</dd>", 1)[0])
                assert cite_as.startswith(AUTHOR[lang])
                assert cite_as.endswith(f"{site_url}{folder}declarations/{d['id']}/")


# ---------------------------------------------------------------------------------------------
# The public address: `make build` refuses mkdocs.yml's placeholder.

def test_make_build_refuses_the_placeholder_site_url(tmp_path):
    env = build_env(RCM_PUBLISH="1")
    env.pop("RCM_SITE_URL", None)       # as on a fresh clone: mkdocs.yml's site_url
    # What `make build` runs (test_make_build_passes_... checks that it does).
    result = subprocess.run([sys.executable, "scripts/build_site.py", str(tmp_path / "site")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "placeholder" in errors[0] and "SITE_URL=" in errors[0], output
    assert not (tmp_path / "site").exists()


def test_make_build_passes_an_explicit_site_url_and_asks_for_one():
    dry = subprocess.run(["make", "-n", "build", "SITE_URL=https://example.org/rcm/"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60).stdout
    assert "RCM_PUBLISH=1 RCM_SITE_URL='https://example.org/rcm/' .venv/bin/python scripts/build_site.py" in dry
    dry = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert "RCM_PUBLISH=1" in dry and "RCM_SITE_URL" not in dry
    # `make serve` previews at its own address and is never refused.
    serve = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert "RCM_PUBLISH" not in serve


def test_the_site_url_guard_knows_a_placeholder_from_an_address():
    from rcmkb.citation import site_url_problem
    placeholder = re.search(r'site_url: !ENV \[RCM_SITE_URL, "([^"]+)"\]', CONFIG).group(1)
    assert site_url_problem(placeholder)
    for bad in ("", "/", "example.org", "ftp://example.org/"):
        assert site_url_problem(bad), bad
    for good in ("https://example.org/", "https://rcm-kb.github.io/knowledge-base/", "http://127.0.0.1:8000/"):
        assert site_url_problem(good) is None, good


def test_the_cite_controls_stay_out_of_the_search_index(site):
    import json
    for lang, folder in SITES.items():
        docs = json.loads((site / folder / "search" / "search_index.json").read_text("utf-8"))["docs"]
        pages = [doc for doc in docs if doc["location"].startswith("declarations/")]
        assert pages
        strings = I18N[lang]
        for doc in pages:
            assert "rcm-cite" not in doc["location"], doc["location"]
            for words in ("@misc", "ER  -", strings["cite.intro"], strings["cite.address"], strings["cite.copy_link"]):
                assert words not in doc["text"] and words not in doc["title"], (lang, doc["location"], words)
