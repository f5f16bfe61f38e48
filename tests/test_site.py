"""The foundation: the site builds from data through the hooks, generated pages live in memory,
site basics are there, and two builds of one commit are byte-identical."""
from __future__ import annotations

import filecmp
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CHECKOUT, ROOT, build_env, copy_project, mkdocs_build, site_build
from pages import links, resolve, text_of

EXTERNAL = re.compile(r'(?:src|href)="(?:https?:)?//', re.I)


def test_generated_pages_are_not_written_into_docs(site):
    assert (site / "declarations" / "xxi" / "index.html").exists()
    assert not (ROOT / "docs" / "declarations").exists()
    assert not (ROOT / "docs" / "organizations").exists()


EDIT_PENCIL = re.compile(r'<a [^>]*rel="edit"')
CORRECT = re.compile(r'<p class="rcm-correct"><a href="([^"]+)">[^<]+</a></p>')   # in either language


def _page_paths(site: Path):
    """Every page of the built site, as its URL path ('' for the home page)."""
    for index in sorted(site.rglob("index.html")):
        path = index.parent.relative_to(site).as_posix()
        yield "" if path == "." else path + "/"


def test_only_hand_written_pages_have_the_edit_pencil(site, html):
    """The pencil edits a page's own Markdown, so only pages written by hand in docs/ keep it. A
    generated page has none: its footer says "Correct this page" and links to the data file (or
    folder) it is built from, which exists in the repository. On both sites (docs/es/ holds the
    Spanish twins of the hand-written pages)."""
    hand_written = {"" if md.stem == "index" and md.parent == ROOT / "docs" else
                    md.relative_to(ROOT / "docs").with_suffix("").as_posix().removesuffix("/index") + "/"
                    for md in (ROOT / "docs").rglob("*.md") if "overrides" not in md.parts}
    pages = set(_page_paths(site)) - {"search/"}
    assert hand_written and hand_written < pages
    for path in sorted(pages):
        page = html(path)
        corrections = CORRECT.findall(page)
        if path in hand_written:
            assert EDIT_PENCIL.search(page), f"/{path}: a hand-written page lost its edit pencil"
            assert not corrections, f"/{path}: a hand-written page has the footer's correction link"
            continue
        assert not EDIT_PENCIL.search(page), f"/{path}: a generated page has an edit pencil"
        assert len(corrections) == 1, f"/{path}: a generated page without its 'Correct this page' link"
        match = re.fullmatch(r"https://\S+/(edit|tree)/main/(data/(?:\S+/)?[^/\s]*)", corrections[0])
        assert match, f"/{path}: {corrections[0]} is not an address in the repository's data"
        kind, target = match.groups()
        assert (ROOT / target).is_file() if kind == "edit" else (ROOT / target).is_dir(), \
            f"/{path}: 'Correct this page' points at {target}, which is not in the repository"
    # The correction link of a declaration names its own file.
    assert CORRECT.search(html("declarations/xxi/")).group(1).endswith("/edit/main/data/declarations/xxi.yaml")
    assert CORRECT.search(html("organizations/ilo/")).group(1).endswith("/data/entities/organizations.yaml")


def test_site_basics(site, html):
    assert (site / "404.html").exists()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/declarations/xxi/</loc>" in sitemap and "<loc>https://" in sitemap
    assert (site / "search" / "search_index.json").exists()
    page = html("cite/")
    assert 'class="headerlink"' in page                       # headings have permalinks
    config = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert config["lang"] == ["en", "es"]
    # The Spanish site has its own index, Spanish stemming first.
    config = json.loads((site / "es" / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert config["lang"] == ["es", "en"]


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        for tag, attrs in links(text):
            url = attrs["_url"]
            # <link rel="canonical"> and rel="alternate" (the other language) name pages, not load them
            loads = tag in ("script", "img", "iframe", "source") or (
                tag == "link" and attrs.get("rel") not in ("canonical", "alternate"))
            if loads and re.match(r"(https?:)?//", url):
                offenders.append(f"{page.relative_to(site)}: <{tag}> {url}")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(f"{page.relative_to(site)}: Google Fonts")
    assert not offenders, offenders


def test_home_page_explains_the_rcm_and_leads_everywhere(html):
    page = html("")
    text = text_of(page)
    assert "inter-governmental regional migration forum" in text
    targets = {resolve("", l["_url"]).split("#")[0] for t, l in links(page) if t == "a"}
    for path in ("declarations/", "decisions/", "budget/", "protocol/", "countries/", "cite/", "data/"):
        assert path in targets, path
    assert "md-search" in page


def test_open_data_page_lists_every_dataset_and_its_files_exist(site, html):
    page = html("data/")
    files = [l["_url"] for t, l in links(page) if t == "a" and re.search(r"\.(json|csv)$", l["_url"])]
    for name in ("decisions.json", "decisions.csv", "declarations.json", "entities.json"):
        assert name in files
    for name in files:
        content = (site / "data" / name).read_bytes()
        assert content
        if name.endswith(".json"):
            json.loads(content)


def test_two_builds_of_one_commit_are_byte_identical(site, tmp_path):
    # The session's site was built as `make build` builds it, the two languages side by side; this
    # one builds them one after the other, in one process: the same bytes either way.
    again = tmp_path / "again"
    result = site_build(ROOT, again, "--one-at-a-time")
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(site, again)

    def differences(c):
        out = c.left_only + c.right_only + c.diff_files
        for sub in c.subdirs.values():
            out += differences(sub)
        return out
    # dircmp compares shallowly; compare every file's bytes as well
    different = [str(p.relative_to(site)) for p in site.rglob("*")
                 if p.is_file() and p.read_bytes() != (again / p.relative_to(site)).read_bytes()]
    assert not differences(comparison) and not different, different


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_data_file_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload"], cwd=project,
                              env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/knowledge-base/declarations/xxi/"
    try:
        page = None
        for _ in range(120):
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert page and "Decision 18" in page
        data = project / "data" / "declarations" / "xxi.yaml"
        data.write_text(data.read_text("utf-8").replace("Grant the International Labour Organisation",
                                                        "Grant the Edited Labour Organisation", 1), "utf-8")
        for _ in range(120):
            time.sleep(0.5)
            try:
                if "Edited Labour Organisation" in _get(url):
                    break
            except OSError:
                pass
        else:
            pytest.fail("the served page did not change after the data file was edited")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_make_serve_lang_es_serves_the_spanish_site_at_es(tmp_path):
    """`make serve LANG=es` serves the Spanish site at /es/, with its own address in its links: the
    command the Makefile runs, on a copy of the project and a free port."""
    # Under `make test`, make's own variables would make the inner make print its directory too.
    quiet_env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    out = subprocess.run(["make", "-n", "serve", "LANG=es"], cwd=CHECKOUT, capture_output=True, text=True,
                         timeout=60, env=quiet_env).stdout
    dry = next(line for line in out.splitlines() if " serve " in line and "mkdocs" in line)
    address = re.search(r"RCM_SITE_URL=(\S+)", dry).group(1)
    assert address.endswith("/es/") and "mkdocs.es.yml" in dry, dry
    project = copy_project(tmp_path / "project")
    port = _free_port()
    address = address.replace(":8000/", f":{port}/")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", "mkdocs.es.yml",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              env=build_env(RCM_SITE_URL=address, LANG="C.UTF-8"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/es/declarations/xxi/", lambda p: "Decisión 18" in p)
        assert '<html lang="es"' in page
        assert f'<link rel="canonical" href="{address}declarations/xxi/">' in page
        assert f'href="http://127.0.0.1:{port}/declarations/xxi/" hreflang="en"' in page
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for(url: str, condition, seconds: float = 120) -> str:
    """The page at `url` once `condition(page)` holds; fails after `seconds`."""
    page = ""
    for _ in range(int(seconds * 2)):
        try:
            page = _get(url)
            if condition(page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} never reached the expected state; last seen:\n{page[:2000]}")


def test_serve_keeps_the_last_good_site_and_shows_a_broken_edit_on_the_page_and_in_the_terminal(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload"], cwd=project, env=build_env(), stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/knowledge-base/declarations/xxi/"
    data = project / "data" / "declarations" / "xxi.yaml"
    good = data.read_text("utf-8")
    try:
        page = _wait_for(url, lambda p: "Decision 18" in p)
        assert "rcm-serve-error" not in page
        data.write_text(good.replace("\nordinal: XXI\n", "\nordinal: XXI\ntittle: oops\n", 1), "utf-8")
        page = _wait_for(url, lambda p: "rcm-serve-error" in p)
        banner = page.split('class="rcm-serve-error"', 1)[1].split("</div>", 1)[0]
        assert "Your last change was not built." in text_of(banner)
        assert "data/declarations/xxi.yaml:4: unknown field &#39;tittle&#39;" in banner, banner
        assert "Decision 18" in page                     # the last good build, still served
        assert "Your last change was not built" in (tmp_path / "serve.log").read_text("utf-8")
        assert "data/declarations/xxi.yaml:4: unknown field 'tittle'" in (tmp_path / "serve.log").read_text("utf-8")
        # Other pages carry it too, and the fix takes it away.
        assert "rcm-serve-error" in _get(f"http://127.0.0.1:{port}/knowledge-base/")
        data.write_text(good.replace("Grant the International Labour Organisation", "Grant the Edited Labour Organisation", 1), "utf-8")
        page = _wait_for(url, lambda p: "rcm-serve-error" not in p)
        assert "Edited Labour Organisation" in page
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_a_published_build_never_carries_the_serve_banner(site):
    assert not [p for p in site.rglob("*.html") if "rcm-serve-error" in p.read_text("utf-8")]


def test_a_site_url_with_a_path_keeps_every_link_relative(tmp_path):
    out = tmp_path / "sub"
    result = mkdocs_build(ROOT, out, RCM_SITE_URL="https://example.org/deep/folder/")
    assert result.returncode == 0, result.stderr
    page = (out / "declarations" / "xxi" / "index.html").read_text("utf-8")
    hrefs = [l["_url"] for t, l in links(page) if t == "a"]
    assert not [h for h in hrefs if h.startswith("/")], "absolute links break under a subfolder"
    assert "https://example.org/deep/folder/declarations/xxi/#decision-21" in page


def test_the_build_says_once_which_pages_are_outside_the_navigation(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert 'not included in the "nav"' not in output, output
    statements = [ln for ln in output.splitlines() if "outside the navigation on purpose" in ln]
    assert len(statements) == 1 and "countries/" in statements[0], output
    assert len(output.splitlines()) < 10, output
