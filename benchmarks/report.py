"""Writes BENCHMARKS.md from the results run.py saves in benchmarks/out/results.json. Every number
in the page comes from that file, so the page can be written again without running anything:

    .venv/bin/python benchmarks/report.py [benchmarks/out/results.json]
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402
import variants as changes  # noqa: E402

mb, kb = run.mb, run.kb


def _pct(a: float, b: float) -> str:
    return f"{(a / b - 1):+.0%}"


def _cmd(results: dict) -> str:
    return " ".join([".venv/bin/python benchmarks/run.py", *results.get("argv", [])])


# ---------------------------------------------------------------------------------------------
# Sections

def machine(r: dict) -> list[str]:
    m = r["machine"]
    # A build is single-threaded: wall time well above CPU time means it waited for a CPU.
    busy = any(x["hooks_wall"] > 1.15 * x["hooks_cpu"] or x["plain_wall"] > 1.15 * x["plain_cpu"]
               for x in r["rows"])
    out = ["## Machine and versions", "",
           "| | |", "|---|---|",
           f"| CPUs (nproc) | {m['nproc']} |", f"| CPU model | {m['cpu']} |",
           f"| Memory | {m['memory'] / 2**30:.1f} GiB |", f"| OS | {m['os']} |",
           f"| Python | {m['python']} |", f"| MkDocs | {m['mkdocs']} |", f"| Material for MkDocs | {m['material']} |",
           f"| Load average at start / end | {m['load'][0]:.2f} / {m.get('load_end', [0])[0]:.2f} |",
           f"| Run took | {m.get('minutes', 0):.0f} min |", ""]
    if busy:
        out += ["> The machine was shared with other work during this run (some builds took more than "
                "15% longer in wall time than in CPU time), so wall times are inflated and noisy. CPU times (user + system of the build "
                "process alone) are much less affected; the own-code ratio is given both ways.", ""]
    return out


def results_table(r: dict) -> list[str]:
    return ["## Full builds", "",
            "Each build is `mkdocs build --strict` in a fresh process, with the hooks (the project as it "
            "is) and without them (plain MkDocs building the same pages exported as Markdown files, with "
            "the same theme, extensions and navigation; the data exports copied as static files). The "
            "two kinds alternate; the table gives medians. Peak memory is the build process's maximum "
            "resident set size.", "", *run.table(r["rows"]), ""]


def targets(r: dict) -> list[str]:
    out = ["## Targets", "", "| Target | Goal | Result |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in r["checks"]]
    return out + [""]


def phases(r: dict) -> list[str]:
    cols = [(f"{x['scale']}x", x["phases"], x) for x in r["rows"]
            if isinstance(x.get("phases"), dict) and "phases" in x["phases"]]
    base = {x["scale"]: x for x in r["rows"]}
    cols += [(f"{v['scale']}x, changed", v["phases"],
              {"hooks_cpu": v["hooks_cpu"], "plain_cpu": base[v["scale"]]["plain_cpu"]})
             for v in r.get("variants") or []
             if v["name"] == "engine-fixes" and v["scale"] > 1 and "phases" in (v.get("phases") or {})]
    if not cols:
        return []
    names = []
    for _, ph, _ in reversed(cols[:len(r["rows"])]):     # the largest scale's order: biggest first
        for name in ph["phases"]:
            if name not in names:
                names.append(name)
    big = [n for n in names if max(ph["phases"].get(n, 0) for _, ph, _ in cols) >= 0.05]
    out = ["## Where our time goes", "",
           "The engine's phases, timed on their own (`benchmarks/phases.py`, CPU seconds, one run), beside the "
           "extra CPU time of a build with the hooks over plain MkDocs. *Changed*: with the engine changes "
           "recommended below.", "",
           "| Phase (CPU s) | " + " | ".join(c[0] for c in cols) + " |", "|---|" + "---|" * len(cols)]
    out.append("| Extra CPU of the hooks build over plain | " + " | ".join(
        f"{x['hooks_cpu'] - x['plain_cpu']:.2f}" if x else "" for _, _, x in cols) + " |")
    out.append("| Importing the engine (beyond MkDocs' imports) | " + " | ".join(
        f"{ph['imports']:.2f}" for _, ph, _ in cols) + " |")
    out.append("| Engine build: load, check, link, render (total) | " + " | ".join(
        f"{ph['build']:.2f}" for _, ph, _ in cols) + " |")
    for n in big:
        out.append(f"| &nbsp;&nbsp;{n} | " + " | ".join(f"{ph['phases'].get(n, 0):.2f}" for _, ph, _ in cols) + " |")
    imports = r.get("imports") or {}
    if imports:
        out += ["", "Importing " + ", ".join(f"`{m}` costs {t:.2f} s" for m, t in imports.items()) +
                " of CPU per build, on top of what MkDocs imports. The phases are timed outside MkDocs (in a "
                "process of their own, one run), so they do not add up exactly to the extra CPU of a build."]
    prof = r.get("profile")
    if prof:
        out += ["", f"cProfile of one build at {prof['scale']}x, before the changes (times inflated by the "
                    f"profiler; {prof['total']:.0f} s in all). Our functions with the most time of their own:", "",
                "| Function | Own time (s) | With callees (s) | Calls |", "|---|---|---|---|"]
        out += [f"| `{x['where']}` | {x['tottime']:.2f} | {x['cumtime']:.2f} | {x['calls']} |"
                for x in prof["own_tottime"][:10]]
    return out + [""]


def variants(r: dict) -> list[str]:
    vs = r.get("variants") or []
    if not vs:
        return []
    base = {x["scale"]: x for x in r["rows"]}
    out = ["## Recommended engine changes, measured", "",
           "Each change below was applied to a copy of the corpus (never to the project) and the copy "
           "built again; \"same site\" means every output file is byte-identical to the unchanged "
           "build's. They change no behaviour, only how the work is done.", ""]
    fixes = [v for v in vs if v["name"] == "engine-fixes"]
    if fixes:
        out += ["| Scale | Hooks build CPU before -> after | Wall before -> after | Own-code ratio (CPU) before -> after | "
                "Engine phases CPU before -> after | Same site |", "|---|---|---|---|---|---|"]
        for v in fixes:
            b = base[v["scale"]]
            eb = b.get("phases", {}).get("build", float("nan")) + b.get("phases", {}).get("imports", 0)
            ea = v.get("phases", {}).get("build", float("nan")) + v.get("phases", {}).get("imports", 0)
            out.append(f"| {v['scale']}x | {b['hooks_cpu']:.2f} -> {v['hooks_cpu']:.2f} s | "
                       f"{b['hooks_wall']:.2f} -> {v['hooks_wall']:.2f} s | "
                       f"{b['ratio_cpu']:.2f} -> {v['hooks_cpu'] / b['plain_cpu']:.2f} | "
                       f"{eb:.2f} -> {ea:.2f} s | {'yes' if v['same_site'] else 'NO'} |")
        out += ["", "The changes (each is a few lines; the exact edits are in `ENGINE_FIXES` in "
                    "`benchmarks/variants.py`):", ""]
        out += [f"- **{name}**: {changes.WHY.get(name, '')}" for name in changes.ENGINE_FIXES]
        skipped = sorted({s for v in fixes for s in v["skipped"]})
        if skipped:
            out += ["", "Not applied (the code they edit has changed since): " + ", ".join(skipped) + "."]
        out.append("")
    nav = [v for v in vs if v["name"] == "engine-fixes+nav"]
    if nav:
        out += ["### Navigation", "",
                "Material renders the whole navigation into every page, and the hooks list every declaration "
                "and every budget year in it, so every page grows with their number and the site with its square "
                "(see *Average HTML page* above). With `navigation.sections` the Declarations section is "
                "always expanded, so Material's `navigation.prune` alone leaves it in every page. Grouping "
                "the declarations and the budget years by decade (collapsed groups after *All declarations* "
                "and the budget overview) and turning on `navigation.prune` renders only the current "
                "decade's entries into a page (`NAV_DECADES` in `benchmarks/variants.py`). Measured with the "
                "engine changes above, the plain build exported again with the same navigation, one run:", "",
                "| Scale | Hooks build wall / CPU | Plain build CPU | Own-code ratio (CPU) | ms per page (CPU) | "
                "Average HTML page | Site size (HTML) |", "|---|---|---|---|---|---|---|"]
        for v in nav:
            out.append(f"| {v['scale']}x | {v['hooks_wall']:.2f} / {v['hooks_cpu']:.2f} s | {v['plain_cpu']:.2f} s | "
                       f"{v['hooks_cpu'] / v['plain_cpu']:.2f} | {1000 * v['hooks_cpu'] / v['pages']:.1f} | "
                       f"{kb(v['html_bytes'] / v['pages'])} | {mb(v['site_bytes'])} ({mb(v['html_bytes'])}) |")
        if len(nav) >= 2:
            a, b = nav[0], nav[-1]
            pa, pb = a["hooks_cpu"] / a["pages"], b["hooks_cpu"] / b["pages"]
            qa, qb = a["plain_cpu"] / a["pages"], b["plain_cpu"] / b["pages"]
            out += ["", f"Time per page {a['scale']}x -> {b['scale']}x with both: {1000 * pa:.1f} -> {1000 * pb:.1f} ms "
                        f"CPU ({_pct(pb, pa)}); plain MkDocs: {1000 * qa:.1f} -> {1000 * qb:.1f} ms ({_pct(qb, qa)})."]
        out.append("")
    return out




def search(r: dict) -> list[str]:
    found = r.get("searches") or []
    if not found:
        return []
    out = ["## Search", "",
           "Measured in headless Chromium against the built site served on 127.0.0.1. *Ready*: from "
           "navigation start until Material's search worker has downloaded and indexed "
           "`search_index.json` (for Pagefind: until `pagefind.js` is imported and initialised). *First "
           "result*: from the key-down of a query's last letter to the first result in the page (for "
           "Pagefind: `search()` plus loading the first result's data, which is what a results list "
           "needs), median and maximum over the queries " + ", ".join(f"`{q}`" for q in run.QUERIES) + ". "
           "*Downloaded*: every search file the browser fetched (for Material: the index, the worker "
           "and the lunr language files, fetched on the first page view whether or not the reader "
           "searches; for Pagefind: the script, the WebAssembly, and the index chunks and fragments the "
           "queries needed); gzip at level 6, as a static host serves them.", "",
           "| Scale | Approach | Index on disk | Ready | First result (median / max) | Downloaded (raw / gzip) |",
           "|---|---|---|---|---|---|"]
    for f in found:
        row = next((x for x in r["rows"] if x["scale"] == f["scale"]), None)
        m = f["material"]
        disk = f"{mb(row['index_raw'])} ({row['index_docs']} entries)" if row else ""
        out.append(f"| {f['scale']}x | Material, as built | {disk} | {m['ready_ms']:.0f} ms | "
                   f"{m['median_ms']:.0f} / {m['max_ms']:.0f} ms | {mb(m['payload']['raw'])} / {mb(m['payload']['gz'])} |")
        t = f.get("tuned")
        if t:
            tb = f["tuned_build"]
            out.append(f"| {f['scale']}x | Material, tuned | {mb(tb['index_raw'])} ({tb['index_docs']} entries) | "
                       f"{t['ready_ms']:.0f} ms | {t['median_ms']:.0f} / {t['max_ms']:.0f} ms | "
                       f"{mb(t['payload']['raw'])} / {mb(t['payload']['gz'])} |")
        p = f.get("pagefind")
        if p and "median_ms" in p:
            out.append(f"| {f['scale']}x | Pagefind | {mb(p['disk'])} ({p['files']} files; "
                       f"indexed in {p['index_s']:.1f} s) | {p['ready_ms']:.0f} ms | {p['median_ms']:.0f} / "
                       f"{p['max_ms']:.0f} ms | {mb(p['payload']['raw'])} / {mb(p['payload']['gz'])} |")
    tuned = next((f["tuned_build"] for f in found if f.get("tuned_build")), None)
    if tuned:
        out += ["", "*Tuned* applies these template edits (`SEARCH_TUNING` in `benchmarks/variants.py`), which keep "
                    "text that repeats other pages out of the index:", ""]
        out += [f"- {name}: " + "; ".join(f"in `{e[0]}`, `{e[1]}` becomes `{e[2]}`" for e in edits)
                for name, edits in changes.SEARCH_TUNING.items()]
        out += ["", "Material's parser drops a whole section when its heading carries `data-search-exclude` "
                    "(attr_list writes it as `data-search-exclude=\"data-search-exclude\"`), and drops an "
                    "element's text when the element carries it. The backlink lists on entity pages repeat "
                    "the opening words of every decision that names the entity, and every decision's "
                    "citation repeats the declaration's name, place and date."]
    return out + [""]


def serve(r: dict) -> list[str]:
    s = r.get("serve")
    if not s:
        return []
    return ["## Rebuild under `mkdocs serve`", "",
            f"At 1x, `mkdocs serve` on 127.0.0.1 with live reload; a word is added to a text in `{s['file']}` "
            "and the served declaration page is fetched every 20 ms until it shows the word. Times from the "
            "file write: " + ", ".join(f"{t:.2f} s" for t in s["times"]) + f" (median {s['median']:.2f} s). "
            "MkDocs rebuilds the whole site on every change (the data is not a docs page, so there is no "
            "partial rebuild), so this tracks the 1x full build plus MkDocs' 0.1 s change debounce.", ""]


def analysis(r: dict) -> list[str]:
    rows = {x["scale"]: x for x in r["rows"]}
    fixes = {v["scale"]: v for v in r.get("variants") or [] if v["name"] == "engine-fixes"}
    nav = {v["scale"]: v for v in r.get("variants") or [] if v["name"] == "engine-fixes+nav"}
    imports = r.get("imports") or {}
    out = ["## Why targets are missed, and what would close the gap", ""]
    missed = [s for s, x in sorted(rows.items())
              if x["ratio_cpu"] > run.TARGETS["ratio"] or x["ratio_wall"] > run.TARGETS["ratio"]]
    for scale in missed:
        x = rows[scale]
        extra = x["hooks_cpu"] - x["plain_cpu"]
        line = (f"- **Own-code ratio at {scale}x: {x['ratio_cpu']:.2f} (CPU), {x['ratio_wall']:.2f} (wall).** "
                f"The hooks add {extra:.2f} s of CPU to a {x['plain_cpu']:.2f} s plain build; the target allows "
                f"{(run.TARGETS['ratio'] - 1) * x['plain_cpu']:.2f} s.")
        ph = x.get("phases") or {}
        if "phases" in ph:
            top = sorted(ph["phases"].items(), key=lambda kv: -kv[1])
            top = [kv for kv in top if "total" not in kv[0] and not kv[0].startswith("of which")][:3]
            line += (f" Importing the engine takes {ph['imports']:.2f} s and its build {ph['build']:.2f} s; the "
                     "largest phases are " + ", ".join(f"{n} ({t:.2f} s)" for n, t in top) + ".")
        if scale in fixes:
            line += f" With the engine changes: {fixes[scale]['hooks_cpu'] / x['plain_cpu']:.2f}"
            if scale in nav:
                line += (f"; with them and the grouped navigation (which makes plain MkDocs faster too): "
                         f"{nav[scale]['hooks_cpu'] / nav[scale]['plain_cpu']:.2f}")
            line += "."
        out.append(line)
    if missed:
        rest = []
        if "pandas" in imports:
            rest.append(f"**drop pandas** from the budget module: importing it costs {imports['pandas']:.2f} s "
                        "per build, and the budget tables are a few dozen rows each that `csv` and `Decimal` "
                        "already read and add up exactly (pandas also costs about 20 ms per budget year in "
                        "*load budget*)")
        big = fixes.get(max(fixes)) if fixes else None
        if big and "phases" in (big.get("phases") or {}):
            p = big["phases"]["phases"]
            rest.append(f"**skip the schema check and the YAML parse of data files that have not changed** since "
                        f"the last build, with a cache of the checked data keyed by each file's hash "
                        f"(at {big['scale']}x they are {p.get('read YAML + check schema', 0):.2f} s of the "
                        f"{big['phases']['build']:.2f} s the engine still takes after the changes; it helps "
                        "`mkdocs serve` and local builds, and CI if the cache is kept between runs)")
        rest.append("what remains is rendering the pages from templates, which grows with the pages like "
                    "MkDocs' own work does")
        out.append("- **What would close the rest of the ratio:** " + "; ".join(rest) + ". At 1x no change to the "
                   "engine can reach 1.10: a plain build takes about a second, and importing the engine's "
                   "libraries alone is more than a tenth of that.")
    if 10 in rows and 50 in rows:
        a, b = rows[10], rows[50]
        g = b["per_page_cpu_ms"] / a["per_page_cpu_ms"] - 1
        if abs(g) > run.TARGETS["per_page_growth"]:
            gp = (b["plain_cpu"] / b["pages"]) / (a["plain_cpu"] / a["pages"]) - 1
            line = (f"- **Time per page grows {g:+.0%} from 10x to 50x (CPU).** Plain MkDocs building the same pages "
                    f"grows {gp:+.0%} per page: the navigation in every page lists every declaration and every "
                    f"budget year, so the average page is {kb(a['html_bytes'] / a['pages'])} at 10x and "
                    f"{kb(b['html_bytes'] / b['pages'])} at 50x.")
            pa_, pb_ = a.get("phases") or {}, b.get("phases") or {}
            if "build" in pa_ and "build" in pb_:
                line += (f" Our own share grows faster than the corpus too: the engine's build takes "
                         f"{pa_['build']:.2f} s at 10x and {pb_['build']:.2f} s at 50x "
                         f"({pb_['build'] / pa_['build']:.1f} times, for 5 times the data), because the phrase "
                         "pattern and the scans named above are quadratic")
                if 10 in fixes and 50 in fixes and "build" in (fixes[10].get("phases") or {}):
                    fa_, fb_ = fixes[10]["phases"]["build"], fixes[50]["phases"]["build"]
                    line += f"; with the changes {fa_:.2f} -> {fb_:.2f} s ({fb_ / fa_:.1f} times)"
                line += "."
            if 10 in fixes and 50 in fixes:
                fa, fb = fixes[10]["hooks_cpu"] / a["pages"], fixes[50]["hooks_cpu"] / b["pages"]
                line += f" Time per page with the engine changes: {_pct(fb, fa)}."
            if 10 in nav and 50 in nav:
                na, nb = nav[10], nav[50]
                pa, pb = na["hooks_cpu"] / na["pages"], nb["hooks_cpu"] / nb["pages"]
                ma, mb_ = na["hooks_cpu"] / na["html_bytes"], nb["hooks_cpu"] / nb["html_bytes"]
                line += (f" With the changes and the navigation grouped by decade under `navigation.prune`: {_pct(pb, pa)}, "
                         f"all of it because the pages themselves grow ({kb(na['html_bytes'] / na['pages'])} -> "
                         f"{kb(nb['html_bytes'] / nb['pages'])} on average: an entity named by more decisions has "
                         f"more backlinks); per megabyte of HTML the build costs "
                         f"{abs(mb_ / ma - 1):.0%} {'more' if mb_ > ma else 'less'} at 50x than at 10x.")
            out.append(line)
    if 1 in rows and rows[1]["hooks_wall"] > run.TARGETS["build_1x"]:
        out.append(f"- **The 1x build takes {rows[1]['hooks_wall']:.2f} s wall** ({rows[1]['hooks_cpu']:.2f} s CPU): "
                   "when wall is far above CPU the machine was busy; otherwise see the ratio above.")
    for f in r.get("searches") or []:
        m = f["material"]
        if m["payload"]["gz"] > run.TARGETS["payload_gz"] or m["median_ms"] > run.TARGETS["search_ms"]:
            t = f.get("tuned")
            line = (f"- **Search at {f['scale']}x** (the targets are set at 10x): Material downloads "
                    f"{mb(m['payload']['gz'])} (gzip) on the first page view and is ready after "
                    f"{m['ready_ms'] / 1000:.1f} s.")
            if t:
                line += (f" Tuned: {mb(t['payload']['gz'])}, ready after {t['ready_ms'] / 1000:.1f} s: the decisions' "
                         "own words are most of what is left, so no tuning brings one index file under 1.5 MB.")
            p = f.get("pagefind")
            if p and "median_ms" in p:
                line += (f" Pagefind downloads {mb(p['payload']['gz'])} for all the queries together and is "
                         f"ready after {p['ready_ms']:.0f} ms, because it fetches only the index chunks a query "
                         "needs.")
            out.append(line)
    if len(out) == 2:
        out.append("Every target is met.")
    return out + [""]


def recommendation(r: dict) -> list[str]:
    found = {f["scale"]: f for f in r.get("searches") or []}
    if not found:
        return []
    ten = found.get(10) or next(iter(found.values()))
    m, t, p = ten["material"], ten.get("tuned"), ten.get("pagefind")
    out = ["## Search: recommendation", ""]
    ok = m["median_ms"] <= run.TARGETS["search_ms"] and m["payload"]["gz"] <= run.TARGETS["payload_gz"]
    text = (f"Keep Material's built-in search. At {ten['scale']}x it answers in {m['median_ms']:.0f} ms (median) "
            f"and downloads {mb(m['payload']['gz'])} gzip, within the targets." if ok else
            f"At {ten['scale']}x Material's search misses a target ({m['median_ms']:.0f} ms, {mb(m['payload']['gz'])} gzip).")
    if t:
        text += (f" Apply the two template edits above: they cut the index from "
                 f"{mb(r_index(r, ten['scale']))} to {mb(ten['tuned_build']['index_raw'])} "
                 f"({mb(m['payload']['gz'])} -> {mb(t['payload']['gz'])} downloaded, gzip) and the time to ready "
                 f"from {m['ready_ms']:.0f} to {t['ready_ms']:.0f} ms, and they drop only text that other pages "
                 "already hold.")
    fifty = found.get(50)
    if fifty:
        fm, ft, fp = fifty["material"], fifty.get("tuned"), fifty.get("pagefind")
        text += (f" At 50x, Material downloads {mb(fm['payload']['gz'])} gzip"
                 + (f" ({mb(ft['payload']['gz'])} tuned)" if ft else "")
                 + f" and is ready after {fm['ready_ms'] / 1000:.1f} s"
                 + (f" ({ft['ready_ms'] / 1000:.1f} s tuned)" if ft else "") + ".")
        if fp and "median_ms" in fp:
            text += (f" Pagefind stays at {fp['ready_ms']:.0f} ms to ready, {fp['median_ms']:.0f} ms per query "
                     f"and {mb(fp['payload']['gz'])} for all the queries.")
        over = (ft or fm)["payload"]["gz"] > run.TARGETS["payload_gz"]
        text += (" So Material's search, tuned, is the right choice up to about 10x; if the corpus "
                 "approaches 50x, move to a chunked index such as Pagefind (one extra build step of a few "
                 "seconds, and a search page or modal in place of Material's search box)." if over else
                 " Material's search, tuned, still fits the payload target at 50x.")
    elif p and "median_ms" in p:
        text += (f" Pagefind answers in {p['median_ms']:.0f} ms, is ready after {p['ready_ms']:.0f} ms and downloads "
                 f"{mb(p['payload']['gz'])} for all the queries: better, but not needed at this size.")
    return out + [text, ""]


def r_index(r: dict, scale: int) -> int:
    return next((x["index_raw"] for x in r["rows"] if x["scale"] == scale), 0)


def how_to_run(r: dict) -> list[str]:
    return ["## How to run", "",
            "```sh",
            ".venv/bin/python benchmarks/run.py --quick          # 1 run per scale (3 at 1x), no variants: about 6 min",
            ".venv/bin/python benchmarks/run.py                  # 5 runs per scale, variants, profile: about 40 min",
            ".venv/bin/python benchmarks/run.py --scales 1,10 --runs 3 --no-browser",
            ".venv/bin/python benchmarks/generate.py /tmp/kb-10x --scale 10 --check   # just the corpus",
            ".venv/bin/python benchmarks/report.py               # rewrite this page from benchmarks/out/results.json",
            "```", "",
            "`benchmarks/generate.py` writes a copy of the project (data/, docs/, hooks/, mkdocs.yml) with a "
            "synthetic corpus: at 1x the real data unchanged; at 10x and 50x, 3 declarations per unit of scale "
            "(40 decisions and 10 preamble paragraphs each, naming entities, topics, actors and earlier "
            "decisions), about that many times the real entities (organizations, bodies, documents, topics; "
            "the countries stay real), one source per declaration, and one budget year per unit of scale "
            "(the real year cloned with varied amounts, reconciled to the cent). A seeded random generator "
            "makes it the same every time; `--check` runs `python -m rcmkb check` and `mkdocs build --strict` "
            "on the copy. Scratch files go to `benchmarks/out/` (git-ignored; the copies and sites are removed at the end unless `--keep`); Pagefind is fetched with "
            "`pip download` into `~/.cache/rcm-kb-benchmarks/` and never installed (`--pagefind off` skips it).",
            ""]


def render(r: dict) -> str:
    when = r.get("date") or dt.date.today().isoformat()
    head = ["# Benchmarks", "",
            f"Build, rebuild and search performance of the knowledge base at {', '.join(str(x['scale']) + 'x' for x in r['rows'])} "
            "the real corpus, against plain MkDocs building the same pages. Written by "
            f"`benchmarks/run.py` on {when}" + (" in `--quick` mode (one run per scale, three at 1x)" if r.get("quick") else "") + ".",
            "", "Reproduce with:", "", "```sh", _cmd(r), "```", ""]
    parts = [head, targets(r), results_table(r), machine(r), phases(r), variants(r), serve(r), search(r),
             recommendation(r), analysis(r), how_to_run(r)]
    return "\n".join(line for part in parts for line in part).rstrip() + "\n"


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else run.HERE / "out" / "results.json"
    results = json.loads(path.read_text("utf-8"))
    (run.ROOT / "BENCHMARKS.md").write_text(render(results), "utf-8")
    print(f"wrote {run.ROOT / 'BENCHMARKS.md'}")
