"""Changes the benchmarks measure on copies of the project, never on the project itself: engine
changes that remove hot spots, search-index tuning, and the navigation. Each change is a list of
text edits (file, text before, text after; before None appends); a change whose text is no longer
found in the copy is skipped and reported, so the engine can evolve without breaking the run."""
from __future__ import annotations

from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Engine changes and search tuning. Those measured on 2026-11-22 (libyaml, the trie-shaped phrase
# pattern, indexes instead of rescans, backlinks and citations out of the search index) are now
# part of the project; BENCHMARKS.md keeps their numbers. New candidates go here, in the form
# {name: [(file, text before, text after)]}, to be measured on copies before they land.
SEARCH_TUNING: dict = {}
ENGINE_FIXES: dict = {}
# ---------------------------------------------------------------------------------------------
# Navigation: Material renders the whole navigation into every page. With navigation.sections a
# top-level section is always expanded, so navigation.prune alone removes nothing; grouping the
# declarations and the budget years by decade makes collapsed groups that prune can leave out.

NAV_DECADES = {
    "declarations grouped by decade in the navigation": [
        ("hooks/rcmkb/declarations.py",
         '    items += [(f"{d.ordinal}" + (f" ({d.year})" if d.year else ""), d.path + "index.md") '
         'for d in kb.declarations]\n',
         "    decades: dict[str, list] = {}\n"
         "    for d in kb.declarations:\n"
         '        decade = f"{d.year // 10 * 10}s" if d.year else "Undated"\n'
         '        decades.setdefault(decade, []).append({f"{d.ordinal}" + (f" ({d.year})" if d.year else ""): '
         'd.path + "index.md"})\n'
         "    items += list(decades.items())\n")],
    "budget years grouped by decade in the navigation": [
        ("hooks/rcmkb/budget.py",
         '    items += [(b.year, f"{b.path}index.md") for b in reversed(budgets(kb))]\n',
         "    decades: dict[str, list] = {}\n"
         "    for b in reversed(budgets(kb)):\n"
         '        decades.setdefault(f"{int(b.year) // 10 * 10}s", []).append({b.year: f"{b.path}index.md"})\n'
         "    items += list(decades.items())\n")],
    "navigation.prune": [
        ("mkdocs.yml", "    - navigation.sections\n", "    - navigation.sections\n    - navigation.prune\n")],
}

# Why each engine change helps, for BENCHMARKS.md: one entry per ENGINE_FIXES name.
WHY: dict = {}


# ---------------------------------------------------------------------------------------------
# Applying changes to a copy

def apply_changes(project: Path, changes: dict[str, list]) -> tuple[list[str], list[str]]:
    """Apply each named change whose every 'before' text is found; return (applied, skipped)."""
    applied, skipped = [], []
    for name, edits in changes.items():
        texts: dict[str, str] = {}
        ok = True
        for rel, old, new in edits:
            path = project / rel
            text = texts.get(rel, path.read_text("utf-8") if path.exists() else None)
            if text is None or (old is not None and old not in text):
                ok = False
                break
            texts[rel] = text + new if old is None else text.replace(old, new, 1)
        if ok:
            for rel, text in texts.items():
                (project / rel).write_text(text, "utf-8")
            applied.append(name)
        else:
            skipped.append(name)
    return applied, skipped
