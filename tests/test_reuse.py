"""Licences and citation of the record itself: the licence files, the footer and rights line a
reader sees, the licence of every export under /data/, the build's provenance, CITATION.cff
against the Citation File Format schema, and the citation of the whole knowledge base."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import EPOCH, ROOT, copy_project, mkdocs_build
from pages import links, resolve, text_of

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
METADATA = "-metadata.json"


def names_cc_by(value) -> bool:
    """A JSON object names the data licence at its top level (license, licenses or dc:license)."""
    if not isinstance(value, dict):
        return False
    found = [value.get(k) for k in ("license", "licenses", "dc:license") if k in value]
    return any(CC_BY in json.dumps(v) for v in found)


def footer(page: str) -> str:
    m = re.search(r'<div class="md-copyright__highlight rcm-footer">(.*?)</div>', page, re.S)
    assert m, "the page has no licence footer"
    return m.group(1)


# ---------------------------------------------------------------------------------------------
# The licence files and the README

def test_licence_files_state_the_licences():
    code = (ROOT / "LICENSE").read_text("utf-8")
    assert code.startswith("MIT License") and "RCM Knowledge Base contributors" in code
    data = (ROOT / "data" / "LICENSE").read_text("utf-8")
    assert CC_BY in data and CC_BY + "legalcode" in data and "CC-BY-4.0" in data
    assert "claims no licence" in data          # the official texts stay with their authors
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme and "data/LICENSE" in readme


def test_the_build_stops_without_the_data_licence(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "LICENSE").unlink()
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "data/LICENSE: the licence of the data is missing" in output, output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# What a reader sees: the footer of every page, the rights line of official texts

def test_every_page_footer_names_its_licence_and_links_to_reuse(site):
    pages = [p for p in site.rglob("index.html")]
    assert len(pages) > 20
    for page in pages:
        path = page.parent.relative_to(site).as_posix()
        path = "" if path == "." else path + "/"
        part = footer(page.read_text("utf-8"))
        hrefs = {l.get("rel"): l["_url"] for t, l in links(part) if t == "a"}
        assert hrefs.get("license") == CC_BY, path
        # Each language's footer links to its own Reuse page.
        reuse = "es/reuse/" if path.startswith("es/") else "reuse/"
        assert reuse in {resolve(path, l["_url"]) for t, l in links(part) if t == "a"}, path
        assert "CC BY 4.0" in text_of(part)


def test_pages_that_reproduce_official_texts_say_whose_they_are(html):
    for path in ("declarations/xxi/", "protocol/", "proposals/rrocm-2010/"):
        page = html(path)
        m = re.search(r'<dd class="rcm-rights">(.*?)</dd>', page, re.S)
        assert m, path
        targets = [resolve(path, l["_url"]) for t, l in links(m.group(1)) if t == "a"]
        assert any(t.startswith("sources/#") for t in targets), path     # with its source
        assert "reuse/" in targets and "claims no licence" in text_of(m.group(1))
        assert "belongs to its authors" in text_of(footer(page))
    for path in ("cite/", "countries/", "budget/2017/"):
        assert 'class="rcm-rights"' not in html(path)
        assert "belongs to its authors" not in text_of(footer(html(path)))


def test_reuse_page_states_the_three_licences_and_is_in_the_navigation(html):
    page = html("reuse/")
    text = text_of(page)
    assert "CC BY 4.0" in text and "MIT License" in text and "claim no licence" in text
    assert CC_BY + "legalcode" in page
    assert 'href="../reuse/"' in html("cite/")     # the navigation lists it beside How to cite


# ---------------------------------------------------------------------------------------------
# Every export names its licence

def test_every_export_under_data_names_its_licence(site):
    exports = [f for f in (site / "data").rglob("*") if f.is_file() and f.name != "index.html"]
    assert any(f.suffix == ".csv" for f in exports) and any(f.suffix == ".json" for f in exports)
    unlicensed = []
    for f in exports:
        if f.suffix == ".json" and names_cc_by(json.loads(f.read_bytes())):
            continue
        sidecar = f.with_name(f.name + METADATA)
        if not (sidecar.exists() and names_cc_by(meta := json.loads(sidecar.read_bytes()))
                and meta.get("url") == f.name):
            unlicensed.append(f.relative_to(site).as_posix())
    assert not unlicensed, f"exports without a licence in their metadata: {unlicensed}"


def test_the_data_package_and_the_feeds_name_the_licence_themselves(site):
    package = json.loads((site / "data" / "datapackage.json").read_bytes())
    assert names_cc_by(package)
    feeds = sorted((site / "data").rglob("*.atom"))
    assert feeds
    for feed in feeds:
        text = feed.read_text("utf-8")
        assert f'rel="license" href="{CC_BY}"' in text and "<rights>" in text, feed.name


def test_csv_metadata_is_a_csvw_table_description_of_its_file(site):
    csvs = sorted((site / "data").glob("*.csv"))
    assert csvs
    for f in csvs:
        meta = json.loads(f.with_name(f.name + METADATA).read_bytes())
        assert meta["@context"][0] == "http://www.w3.org/ns/csvw"
        assert meta["dc:license"] == {"@id": CC_BY} and meta["dc:rights"]
        header = f.read_text("utf-8").splitlines()[0].split(",")
        assert [c["name"] for c in meta["tableSchema"]["columns"]] == header


def test_open_data_page_states_the_licence_and_lists_the_metadata(site, html):
    page = html("data/")
    assert f'href="{CC_BY}"' in page and 'href="../reuse/"' in page
    listed = {l["_url"] for t, l in links(page) if t == "a"}
    assert "build.json" in listed and "decisions.csv-metadata.json" in listed
    assert all((site / "data" / name).exists() for name in listed if name.endswith(".json"))


# ---------------------------------------------------------------------------------------------
# Provenance: the commit and date of the build, in /data/build.json and the footer

def _head() -> str | None:
    result = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def test_build_records_its_commit_and_date(site, html):
    build = json.loads((site / "data" / "build.json").read_bytes())
    day = datetime.fromtimestamp(int(EPOCH), timezone.utc).strftime("%Y-%m-%d")
    assert build["date"] == day
    assert build["commit"] == _head() and build["commit"]
    assert names_cc_by(build) and build["code_license"]["id"] == "MIT"
    part = footer(html("declarations/xxi/"))
    assert build["commit"][:7] in text_of(part) and day in text_of(part)


def test_a_build_without_git_has_no_commit_and_still_builds(tmp_path):
    project = copy_project(tmp_path / "project")   # a plain folder: no git
    result = mkdocs_build(project, tmp_path / "out", GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    build = json.loads((tmp_path / "out" / "data" / "build.json").read_bytes())
    assert build["commit"] is None and build["date"]
    part = footer((tmp_path / "out" / "index.html").read_text("utf-8"))
    assert "Built on" in text_of(part) and "commit" not in text_of(part)


# ---------------------------------------------------------------------------------------------
# Citing the knowledge base: CITATION.cff and the dataset citation

def _cff_schema() -> dict:
    spec = importlib.util.find_spec("cffconvert")
    assert spec, "cffconvert is not installed: run make .venv/.test"
    folder = Path(spec.submodule_search_locations[0])
    return json.loads((folder / "schemas" / "1.2.0" / "schema.json").read_text("utf-8"))


def test_citation_cff_is_valid_and_names_the_knowledge_base(site):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    jsonschema.validate(cff, _cff_schema(), format_checker=jsonschema.FormatChecker())
    assert cff["title"] == "RCM Knowledge Base"
    assert cff["authors"] == [{"name": "RCM Knowledge Base contributors"}]
    assert cff["repository-code"].startswith("https://") and cff["version"] and cff["date-released"]
    assert "CC-BY-4.0" in cff["license"]
    build = json.loads((site / "data" / "build.json").read_bytes())
    assert build["version"] == str(cff["version"])


def test_cff_schema_check_can_fail():
    bad = {"cff-version": "1.2.0", "message": "x", "title": "t", "authors": [{"name": "a"}],
           "date-released": "1 December 2026"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _cff_schema(), format_checker=jsonschema.FormatChecker())


def test_the_knowledge_base_can_be_cited_as_a_whole(site, html):
    citation = json.loads((site / "data" / "build.json").read_bytes())["citation"]
    assert citation["authors"] == "RCM Knowledge Base contributors"
    assert citation["csl"]["type"] == "dataset" and citation["csl"]["title"] == "RCM Knowledge Base"
    assert citation["commit"][:7] in citation["text"] and citation["url"] in citation["text"]
    for path in ("reuse/", "cite/"):
        page = html(path)
        assert 'id="cite-the-knowledge-base"' in page
        assert citation["text"] in text_of(page)
