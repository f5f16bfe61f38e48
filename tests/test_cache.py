"""The engine's cache (.cache/rcmkb/, hooks/rcmkb/cache.py) is never wrong: a build after an edit
shows the edit, a changed schema is applied to unchanged data, and a corrupted cache is ignored.
Builds run in process (the cache is the engine's; MkDocs plays no part in it), except for the
theme's compiled templates (.cache/rcmkb/theme/), which real builds check."""
from __future__ import annotations

import pytest

from conftest import copy_project, mkdocs_build
from rcmkb import site
from rcmkb.errors import DataError

URL = "https://example.org/"


def _build(project):
    return site.build(project, project / "docs", site_url=URL)


def _pages(build) -> dict[str, str]:
    return {p.path: p.markdown for p in build.pages}


def _edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is no longer in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    first = _build(project)
    assert list((project / ".cache" / "rcmkb").glob("*.pickle")), "the first build stored nothing"
    assert list((project / ".cache" / "rcmkb" / "jinja").iterdir()), "no compiled template was stored"
    return project, first


def test_a_second_build_reads_the_cache_and_gives_the_same_pages(project):
    project, first = project
    again = _build(project)
    assert _pages(again) == _pages(first)
    assert [d.files for d in again.datasets] == [d.files for d in first.datasets]


def test_an_edited_declaration_and_budget_show_their_edits(project):
    project, first = project
    _edit(project / "data" / "declarations" / "xxi.yaml", "was the central theme of our discussions",
          "was the edited theme of our discussions")
    _edit(project / "data" / "budget" / "2017" / "lines.csv", ",Information technology specialist,",
          ",Edited information specialist,")
    pages = _pages(_build(project))
    assert "was the edited theme of our discussions" in pages["declarations/xxi/"]
    assert "was the central theme" not in pages["declarations/xxi/"]
    assert "Edited information specialist" in pages["budget/2017/"]
    assert "Edited information specialist" not in _pages(first)["budget/2017/"]


def test_a_changed_schema_applies_to_unchanged_data(project):
    project, _ = project
    # Allow no source kind but one: the unchanged sources.yaml must now fail, not come from the cache.
    _edit(project / "data" / "schemas" / "sources.schema.json", '"kind": {', '"kind": {"const": "nothing", ')
    with pytest.raises(DataError) as error:
        _build(project)
    assert "data/sources.yaml" in error.value.report()


def test_a_problem_is_reported_on_every_build(project):
    project, _ = project
    _edit(project / "data" / "budget" / "2017" / "lines.csv", "78840.00", "78840.01")
    for _ in range(2):
        with pytest.raises(DataError) as error:
            _build(project)
        assert "data/budget/2017/lines.csv" in error.value.report()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupted_cache_is_ignored(project, damage):
    project, first = project
    files = [p for p in (project / ".cache").rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        path.write_bytes({"garbage": b"\x80\x04not a pickle" + data[::-1], "truncated": data[: len(data) // 2],
                          "empty": b""}[damage])
    again = _build(project)
    assert _pages(again) == _pages(first)
    # ... and the damaged entries were replaced by good ones.
    assert _pages(_build(project)) == _pages(first)


def test_the_theme_templates_cache_shows_an_edited_template_and_survives_damage(tmp_path):
    project = copy_project(tmp_path / "project")

    def page(name: str) -> str:
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stdout + result.stderr
        return (tmp_path / name / "declarations" / "xxi" / "index.html").read_text("utf-8")
    first = page("first")
    stored = list((project / ".cache" / "rcmkb" / "theme").iterdir())
    assert stored, "no compiled theme template was stored"
    assert page("again") == first
    _edit(project / "docs" / "overrides" / "partials" / "copyright.html",
          '<div class="md-copyright">', '<div class="md-copyright rcm-edited">')
    edited = page("edited")
    assert '<div class="md-copyright rcm-edited">' in edited and "rcm-edited" not in first
    for path in stored:
        path.write_bytes(b"\x80\x04not bytecode" + path.read_bytes()[::-1])
    assert page("damaged") == edited


def test_the_cached_pages_follow_the_hand_written_pages_that_refer_to_them(project):
    # The pages come from the cache when nothing they are made from changed; a reference added to a
    # hand-written page is a backlink on the entity's page, so it must show.
    project, first = project
    assert _pages(_build(project)) == _pages(first)
    before = _pages(first)["organizations/iom/"]
    assert "reuse/" not in before
    with open(project / "docs" / "reuse.md", "a", encoding="utf-8") as f:
        f.write("\nThe IOM (<rcm:iom>).\n")
    after = _pages(_build(project))["organizations/iom/"]
    assert after != before and "reuse/" in after


def test_edits_replace_their_entries_instead_of_adding_more(project):
    project, _ = project
    entries = lambda: sorted(p.name for p in (project / ".cache" / "rcmkb").glob("*.pickle"))  # noqa: E731
    before = entries()
    for n in range(3):
        _edit(project / "data" / "declarations" / "xxi.yaml", "of our discussions", f"of our discussions {n}")
        assert f"of our discussions {n}" in _pages(_build(project))["declarations/xxi/"]
    assert entries() == before
