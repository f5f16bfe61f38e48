"""The navigation the hooks expand from the data: a long section is grouped by decade, so that
Material's navigation.prune puts only the current group into each page (see BENCHMARKS.md)."""
from __future__ import annotations

from rcmkb.domains.common import NAV_GROUP_AT, NAV_GROUPS_SHOWN, by_decade


def test_a_short_section_stays_a_flat_list_in_order():
    items = [(f"D{n}", f"d{n}/index.md", 2000 + n) for n in range(NAV_GROUP_AT)]
    assert by_decade(items) == [(title, page) for title, page, _ in items]


def test_a_long_section_is_grouped_by_decade_keeping_every_entry_in_order():
    years = [2031, 2025, 2024, 2019, 2011, 2010, 2009, None] * 2
    items = [(f"D{i}", f"d{i}/index.md", year) for i, year in enumerate(years)]
    groups = by_decade(items)
    assert [title for title, _ in groups] == ["2030s", "2020s", "2010s", "2000s", "Undated"]
    assert dict(groups)["2010s"] == [("D3", "d3/index.md"), ("D4", "d4/index.md"), ("D5", "d5/index.md"),
                                     ("D11", "d11/index.md"), ("D12", "d12/index.md"), ("D13", "d13/index.md")]
    flattened = sorted(entry for _, entries in groups for entry in entries)
    assert flattened == sorted((title, page) for title, page, _ in items)


def test_groups_beyond_the_first_few_go_into_one_earlier_group_keeping_every_entry():
    years = list(range(2090, 1900, -3))          # 64 entries over 20 decades, newest first
    items = [(f"D{y}", f"d{y}/index.md", y) for y in years]
    groups = by_decade(items)
    assert len(groups) == NAV_GROUPS_SHOWN + 1
    assert [title for title, _ in groups[:3]] == ["2090s", "2080s", "2070s"]
    title, earlier = groups[-1]
    assert title == "Earlier" and [decade for decade, _ in earlier][:2] == ["2040s", "2030s"]
    flattened = [entry for _, entries in groups[:-1] for entry in entries] + \
                [entry for _, entries in earlier for entry in entries]
    assert flattened == [(title, page) for title, page, _ in items]


def test_the_real_declarations_section_lists_every_declaration(site):
    # The real data is short: every declaration is in every page's navigation.
    page = (site / "about" / "index.html").read_text("utf-8")
    for declaration in sorted(p.name for p in (site / "declarations").iterdir() if (p / "index.html").exists()):
        assert f'href="../declarations/{declaration}/"' in page, declaration
