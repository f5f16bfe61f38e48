"""Every link in the built site resolves, as a reader's browser would follow it: <a href>, <area href>,
<link href> and every src= (scripts, images, frames), in generated, hand-written and raw-HTML
content alike. The file must exist and, when the link names a fragment, the target page must have
that id. Pages may link to other sites, but nothing they load may come from one."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from pages import parsed_file

# Pages are resolved as if served from this origin, under the published site's path.
ORIGIN = "http://kb.invalid"
LOADED = {"link", "script", "img"}      # elements whose URL the browser fetches by itself


def _urls(file: Path) -> list[tuple[str, str, str, int]]:
    """(tag, attribute, value, line) of every URL of a page that a browser follows or loads."""
    return [(tag, a["_attr"], a["_url"], a["_line"]) for tag, a in parsed_file(file).links
            if a["_attr"] == "src" or tag in ("a", "area", "link")]


def _site_url(site: Path) -> str:
    """The address the site is published at, as the build wrote it into sitemap.xml."""
    sitemap = site / "sitemap.xml"
    locs = re.findall(r"<loc>\s*(.*?)\s*</loc>", sitemap.read_text("utf-8")) if sitemap.exists() else []
    return min(locs, key=len) if locs else "/"


def _target_file(site: Path, path: str) -> Path | None:
    """The file a web server would send for a site-relative path (a folder sends its index.html)."""
    file = site / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path) -> list[str]:
    site_url = _site_url(site)
    prefix = urlsplit(site_url).path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    base = ORIGIN + prefix
    problems = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        page_url = base + rel
        for tag, attr, value, line in _urls(file):
            where = f"{rel}:{line}: <{tag} {attr}=\"{value}\">"
            url = value.strip()
            if url.startswith(site_url) and "://" in site_url:
                url = base + url[len(site_url):]          # an absolute link to this very site
            scheme = urlsplit(url).scheme.lower()
            if scheme in ("javascript", "data", "mailto", "tel"):
                continue
            resolved = urljoin(page_url, url)
            parts = urlsplit(resolved)
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                if tag in LOADED or attr == "src":
                    problems.append(f"{where} loads from another site; pages must load only their own files")
                continue                                   # links out to other sites are fine
            if not parts.path.startswith(prefix):
                problems.append(f"{where} points outside the site ({parts.path})")
                continue
            target = _target_file(site, unquote(parts.path[len(prefix):]))
            if target is None:
                problems.append(f"{where} points to a file that does not exist ({parts.path})")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed_file(target).ids:
                problems.append(f"{where}: {target.relative_to(site).as_posix()} has no id '{fragment}'")
    return problems


def test_every_internal_link_and_fragment_resolves(site):
    listed = re.findall(r"<loc>\s*(.*?)\s*</loc>", (site / "sitemap.xml").read_text("utf-8"))
    base = _site_url(site)
    assert listed and all(_target_file(site, url.removeprefix(base)) for url in listed), \
        "a page in the sitemap was not built"
    problems = broken_links(site)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


def test_no_page_gives_one_id_to_two_elements(site):
    """An address (#id) must lead to one place: a repeated id (two passages whose locators differ
    only in case or punctuation, a heading and an anchor) sends a citation to the first."""
    repeated = {page.relative_to(site).as_posix(): sorted(parsed_file(page).repeated_ids)
                for page in site.rglob("*.html")}
    repeated = {page: ids for page, ids in repeated.items() if ids}
    assert not repeated, repeated


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing fragment, and a script from another site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://example.org/kb/</loc></url></urlset>")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a> <a href="a/#gone">bad fragment</a> <a href="b/">no page</a>'
        '<a href="https://example.org/kb/a/">own site</a> <a href="https://other.org/">out</a>'
        '<script src="https://cdn.other.org/x.js"></script><img src="a/missing.png">'
        '<p><a name="top"></a><a href="#top">top</a> <a href="#nowhere">x</a></p>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="../">home</a>')
    problems = broken_links(tmp_path)
    text = "\n".join(problems)
    assert len(problems) == 5, text
    for expected in ('href="a/#gone"', 'href="b/"', 'src="https://cdn.other.org/x.js"',
                     'src="a/missing.png"', 'href="#nowhere"'):
        assert expected in text


# Jinja left in a published page: a theme override or template copied as a static file.
_TEMPLATE = re.compile(r"\{%-?\s*(?:if|for|include|extends|set|block)\b|\{\{\s*(?:config|lang|page|nav)\b")


def test_no_template_is_published_unrendered(site):
    published = [f.relative_to(site).as_posix() for f in sorted(site.rglob("*.html"))
                 if _TEMPLATE.search(f.read_text("utf-8"))]
    assert not published, ("these files are theme templates, published as they are; exclude them "
                           "from the site (exclude_docs in mkdocs.yml): " + ", ".join(published))
