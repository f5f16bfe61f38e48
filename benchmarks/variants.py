"""Changes the benchmarks measure on copies of the project, never on the project itself: engine
changes that remove hot spots, search-index tuning, and the navigation. Each change is a list of
text edits (file, text before, text after; before None appends); a change whose text is no longer
found in the copy is skipped and reported, so the engine can evolve without breaking the run."""
from __future__ import annotations

from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Search: template edits that keep duplicated text out of Material's search index (measured as a variant).
SEARCH_TUNING = {
    "entity backlinks out of the index": [
        ("hooks/rcmkb/templates/entity.md.j2", "{#referred-to-by}", "{#referred-to-by data-search-exclude}")],
    "decision citations out of the index": [
        ("hooks/rcmkb/templates/_decision.html.j2", '<details class="rcm-cite">',
         '<details class="rcm-cite" data-search-exclude>')],
}
# ---------------------------------------------------------------------------------------------
# Engine changes recommended in BENCHMARKS.md. Each leaves the built site byte-identical.
TRIE = '''

def _trie(phrases: list[str]) -> str:
    """One pattern for many literal phrases, shaped as a trie so that each position in a text
    costs one walk down it; like the alternation sorted longest first, it takes the longest."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return walk(root)
'''
ENGINE_FIXES = {
    "C YAML parser (libyaml)": [
        ("hooks/rcmkb/yamlio.py", "class _StrictLoader(yaml.SafeLoader):",
         'class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):')],
    "trie-shaped phrase pattern": [
        ("hooks/rcmkb/markup.py", '"|".join(map(re.escape, ordered))', "_trie(ordered)"),
        ("hooks/rcmkb/markup.py", None, TRIE)],
    "entity children indexed once": [
        ("hooks/rcmkb/entities.py", "    extras = _extra_sections(kb, r)\n",
         "    extras = _extra_sections(kb, r)\n    children_of = defaultdict(list)\n"
         "    for c in kb.entities.values():\n        if c.parent:\n            children_of[c.parent].append(c)\n"),
        ("hooks/rcmkb/entities.py", "children = [c for c in kb.entities.values() if c.parent == e.id]",
         "children = children_of.get(e.id, [])")],
    "entity extra sections rendered once": [
        ("hooks/rcmkb/entities.py", "extras=[section(e, path) for section in extras if section(e, path)]",
         "extras=[s for s in (section(e, path) for section in extras) if s]")],
    "contributions indexed by country": [
        ("hooks/rcmkb/budget.py", "    def section(entity, page_path: str) -> Markup | None:\n",
         "    by_country: dict = {}\n    for b in reversed(budgets(kb)):\n        for c in b.contributions:\n"
         "            by_country.setdefault(c.country, []).append((b, c))\n\n"
         "    def section(entity, page_path: str) -> Markup | None:\n"),
        ("hooks/rcmkb/budget.py",
         "rows = [(b, c) for b in reversed(budgets(kb)) for c in b.contributions if c.country == entity.id]",
         "rows = by_country.get(entity.id, [])")],
    "member countries listed once": [
        ("hooks/rcmkb/declarations.py", "def pages(kb: KnowledgeBase, r: Renderer):\n    for d in kb.declarations:\n",
         "def pages(kb: KnowledgeBase, r: Renderer):\n    members = [e for e in kb.entities.values() "
         "if any(s.role == \"member\" for s in e.statuses)]\n    for d in kb.declarations:\n"),
        ("hooks/rcmkb/declarations.py", "members=[e for e in kb.entities.values()\n"
         "                              if any(s.role == \"member\" for s in e.statuses)])", "members=members)")],
    "relative URLs cached": [
        ("hooks/rcmkb/render.py", "def relative(from_path: str, to_path: str) -> str:",
         "@__import__(\"functools\").lru_cache(maxsize=None)\ndef relative(from_path: str, to_path: str) -> str:")],
}
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

# Why each engine change helps, for BENCHMARKS.md.
WHY = {
    "C YAML parser (libyaml)": "`yamlio._StrictLoader` subclasses the pure-Python `yaml.SafeLoader`; "
        "subclassing `yaml.CSafeLoader` when PyYAML has libyaml (it does in our venv) reads the same nodes "
        "with the same marks (line numbers) about 8 times faster. Keep `yaml.SafeLoader` as the fallback: "
        "`class _StrictLoader(getattr(yaml, \"CSafeLoader\", yaml.SafeLoader))`.",
    "trie-shaped phrase pattern": "`markup.TextRenderer` joins every entity name and acronym into one "
        "alternation; Python's `re` tries each alternative at each position, so rendering a text costs "
        "(text length x number of phrases) and the site costs (decisions x entities), quadratic in scale. "
        "The same phrases compiled as a trie (`_trie(ordered)`) match the same longest phrase, at a cost "
        "that no longer grows with the number of entities.",
    "entity children indexed once": "`entities.pages` scans every entity for the children of each entity "
        "(entities squared); build `children_of` once before the loop.",
    "entity extra sections rendered once": "`extras=[section(e, path) for section in extras if "
        "section(e, path)]` renders every extra section twice; render once and keep the non-empty ones.",
    "contributions indexed by country": "`budget.entity_section` scans every year's contributions for "
        "every entity; index them by country once.",
    "member countries listed once": "`declarations.pages` recomputes the member countries (a scan of every "
        "entity) for each declaration; compute them once.",
    "relative URLs cached": "`render.relative` (posixpath.relpath) is called for every link, mostly with "
        "the same pairs; `functools.lru_cache` on it.",
}


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
