"""Other engines: ProperDocs (the maintained fork of MkDocs 1.x) builds the same site with our
hooks, and `make export` writes sources that plain MkDocs builds into the same pages without them.
README.md ("Engines") lists the differences these tests allow, and why."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, build_env, mkdocs_build

# The one difference between an MkDocs and a ProperDocs build: the generator named in each page.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# The export has no edit links: its generated pages have no source file of their own to edit.
EDIT_LINK = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon" rel="edit">.*?</a>',
                       re.S)


CSP = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def _sanitized(html: str) -> str:
    """A plain MkDocs page with its article's content passed through the hooks' sanitizer."""
    from rcmkb.markup import sanitize
    return ARTICLE.sub(lambda m: m.group(1) + sanitize(m.group(2)) + m.group(3), html)


def _files(site: Path) -> dict[str, Path]:
    """The English site's files (the Spanish site in es/ is built by mkdocs.es.yml, not compared here)."""
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("es/")}


def test_properdocs_builds_the_same_site_as_mkdocs(site, tmp_path):
    out = tmp_path / "properdocs-site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "--site-dir", str(out)], cwd=ROOT, env=build_env(), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = _files(site), _files(out)
    assert sorted(ours) == sorted(theirs)
    generator_only, other = [], []
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if a == b:
            continue
        same = GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b)
        (generator_only if same else other).append(name)
    assert not other, f"pages that differ beyond the generator tag: {other[:10]}"
    # The known difference is really there (so the comparison above compared the right things).
    assert b'content="mkdocs-ProperDocs' in (out / "index.html").read_bytes()
    assert "index.html" in generator_only


def test_make_export_builds_with_plain_mkdocs_into_the_same_pages(site, tmp_path):
    export = tmp_path / "export"
    # What `make export` runs, writing into a temporary folder instead of export/.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", "mkdocs.export.yml", "--site-dir", str(tmp_path / "scratch")],
                            cwd=ROOT, env=build_env(RCM_EXPORT=str(export)), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RCM_EXPORT=.export-new $(BIN)/mkdocs build --strict --quiet -f mkdocs.export.yml" in \
        (ROOT / "Makefile").read_text("utf-8"), "the test no longer runs what `make export` runs"
    config = (export / "mkdocs.yml").read_text("utf-8")
    assert not re.search(r"(?m)^(hooks|watch):", config)
    assert (export / "docs" / "declarations" / "xxi" / "index.md").exists()
    assert (export / "docs" / "data" / "decisions.csv").exists()

    # Plain MkDocs, in the export's own folder, with no hooks and no engine on the path.
    plain = tmp_path / "plain-site"
    result = mkdocs_build(export, plain, PYTHONPATH="")
    assert result.returncode == 0, result.stdout + result.stderr

    ours, theirs = _files(site), _files(plain)
    assert sorted(ours) == sorted(theirs)
    for name, path in ours.items():
        if name.endswith(".html"):
            # The security layer is the hooks' (SECURITY.md): plain MkDocs has no CSP <meta>, and
            # its content has not been through the sanitizer, which only rewrites it (same HTML).
            a = " ".join(CSP.sub("", EDIT_LINK.sub("", path.read_text("utf-8"))).split())
            b = " ".join(_sanitized(EDIT_LINK.sub("", theirs[name].read_text("utf-8"))).split())
            assert a == b, f"{name} differs beyond its edit link"
        elif name == "search/search_index.json":
            # Same entries; plain MkDocs lists the pages in folder order, the hooks in the order added.
            key = lambda d: d["location"]  # noqa: E731
            a, b = json.loads(path.read_bytes()), json.loads(theirs[name].read_bytes())
            assert a["config"] == b["config"]
            assert sorted(a["docs"], key=key) == sorted(b["docs"], key=key)
        elif name.startswith("sitemap.xml"):
            continue    # compared below as a set of addresses
        else:
            assert path.read_bytes() == theirs[name].read_bytes(), name
    urls = lambda site: sorted(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text("utf-8")))  # noqa: E731
    assert urls(site) == urls(plain)
    # The navigation was expanded from the data, not left for hooks that are not there.
    nav = yaml.safe_load(config[config.index("\nnav:"):])["nav"]
    declarations = next(v for e in nav for k, v in e.items() if k == "Declarations")
    assert isinstance(declarations, list) and len(declarations) > 1
