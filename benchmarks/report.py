"""Writes BENCHMARKS.md from the results measure.py returns (saved as benchmarks/out/results.json),
judging each goal of issue 20 PASS or FAIL. Imports nothing from the other benchmark modules, so the
page can be written again without measuring anything:

    .venv/bin/python -m benchmarks.report [benchmarks/out/results.json]

Everything in BENCHMARKS.md below the KEEP line is written by hand and kept as it is.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP = "<!-- Written by hand below this line; benchmarks/report.py keeps it. -->"
# The goals of issue 20, judged on the numbers of one run.
RATIO = {1: 1.25, 10: 1.10, 50: 1.05}      # own-code ratio: hooks build / plain MkDocs build
GROWTH = 0.10                               # per-page time and page size, 50x against 10x
MEMORY = 1.3                                # peak memory at 50x, against plain MkDocs
SERVE_1X = 1.0                              # seconds from a data edit to the page showing it
SERVE_10X = 0.25                            # ... at 10x, as a share of a full build at 10x
COLD_50X = 60.0                             # seconds for a cold build at 50x
SEARCH_MS, SEARCH_GZ = 200.0, 1.5e6         # first result; search download (gzip)
BILINGUAL = 1.6                             # both languages against English alone (issue 17)


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:.0f} KB"


def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def goals(r: dict) -> list[tuple[str, str, str, str]]:
    """(goal, target, verdict, numbers) for each goal the run measured."""
    rows = {x["scale"]: x for x in r["rows"]}
    out = []
    for scale, limit in RATIO.items():
        if scale in rows:
            x = rows[scale]
            for kind, name in (("hooks", "cold"), ("warm", "with the cache")):
                if f"{kind}_cpu" not in x:
                    continue
                cpu, wall = x[f"{kind}_cpu"] / x["plain_cpu"], x[f"{kind}_wall"] / x["plain_wall"]
                out.append((f"Own-code ratio at {scale}x, {name}", f"<= {limit:.2f}", verdict(cpu <= limit),
                            f"{cpu:.2f} CPU ({x[f'{kind}_cpu']:.2f} / {x['plain_cpu']:.2f} s); {wall:.2f} wall"))
    if 10 in rows and 50 in rows:
        a, b = rows[10], rows[50]
        for kind, name in (("hooks", "cold"), ("warm", "with the cache")):
            if f"{kind}_cpu" in a and f"{kind}_cpu" in b:
                pa, pb = a[f"{kind}_cpu"] / a["pages"], b[f"{kind}_cpu"] / b["pages"]
                out.append((f"Time per page, 50x against 10x, {name}", f"within {GROWTH:.0%}",
                            verdict(pb / pa - 1 <= GROWTH), f"{1000 * pa:.1f} -> {1000 * pb:.1f} ms CPU ({pb / pa - 1:+.0%})"))
        sa, sb = a["html_bytes"] / a["pages"], b["html_bytes"] / b["pages"]
        out.append(("Average page size, 50x against 10x", f"within {GROWTH:.0%}", verdict(sb / sa - 1 <= GROWTH),
                    f"{kb(sa)} -> {kb(sb)} ({sb / sa - 1:+.0%}); site {mb(b['site_bytes'])} at 50x"))
    if 50 in rows:
        x = rows[50]
        for kind, name in (("hooks", "cold"), ("warm", "with the cache")):
            if f"{kind}_rss" in x:
                m = x[f"{kind}_rss"] / x["plain_rss"]
                out.append((f"Peak memory at 50x, {name}, against plain MkDocs", f"<= {MEMORY:.1f}x",
                            verdict(m <= MEMORY),
                            f"{x[f'{kind}_rss'] / 2**20:.0f} / {x['plain_rss'] / 2**20:.0f} MiB ({m:.2f}x)"))
        out.append(("Cold build at 50x", f"<= {COLD_50X:.0f} s", verdict(x["hooks_cpu"] <= COLD_50X),
                    f"{x['hooks_cpu']:.1f} s CPU, {x['hooks_wall']:.1f} s wall"))
    for s in r.get("serve") or []:
        if s["scale"] == 1:
            out.append(("Rebuild after a data edit under `make serve`, 1x", f"<= {SERVE_1X:.0f} s",
                        verdict(s["cpu_median"] <= SERVE_1X),
                        f"{s['cpu_median']:.2f} s CPU, {s['median']:.2f} s wall (medians of {len(s['times'])})"))
        elif s["scale"] == 10 and 10 in rows:
            share = s["cpu_median"] / rows[10]["hooks_cpu"]
            out.append(("Rebuild after a data edit under `make serve`, 10x", f"<= {SERVE_10X:.0%} of a full build",
                        verdict(share <= SERVE_10X),
                        f"{s['cpu_median']:.2f} s CPU, {share:.0%} of a cold build's {rows[10]['hooks_cpu']:.2f} s; "
                        f"{s['median']:.2f} s wall"))
    b = r.get("bilingual")
    if b:
        wall, cpu = b["both_wall"] / b["english_wall"], b["both_cpu"] / b["english_cpu"]
        out.append(("Both languages against English alone, 1x (issue 17; wall: the languages are built "
                    "side by side)", f"<= {BILINGUAL:.1f}x", verdict(wall <= BILINGUAL),
                    f"{wall:.2f}x wall ({b['both_wall']:.2f} / {b['english_wall']:.2f} s); {cpu:.2f}x CPU "
                    f"({b['both_cpu']:.2f} / {b['english_cpu']:.2f} s)"))
    for s in r.get("search") or []:
        out.append((f"Search at {s['scale']}x: first result", f"<= {SEARCH_MS:.0f} ms",
                    verdict(s["median_ms"] <= SEARCH_MS), f"{s['median_ms']:.0f} ms median, {s['max_ms']:.0f} max; "
                    f"ready after {s['ready_ms']:.0f} ms"))
        out.append((f"Search at {s['scale']}x: download (gzip)", f"<= {mb(SEARCH_GZ)}",
                    verdict(s["payload_gz"] <= SEARCH_GZ), f"{mb(s['payload_gz'])} ({mb(s['payload_raw'])} raw)"))
    return out


def table(rows: list[dict]) -> list[str]:
    lines = [
        ("Declarations / decisions / entities / budget years",
         lambda x: "{declarations} / {decisions} / {entities} / {budget_years}".format(**x["summary"])),
        ("Pages (HTML)", lambda x: f"{x['pages']}"),
        ("Cold build with hooks, wall / CPU", lambda x: f"{x['hooks_wall']:.2f} / {x['hooks_cpu']:.2f} s"),
        ("Plain MkDocs, same pages, wall / CPU", lambda x: f"{x['plain_wall']:.2f} / {x['plain_cpu']:.2f} s"),
        ("Own-code ratio, CPU (wall)", lambda x: f"{x['hooks_cpu'] / x['plain_cpu']:.2f} "
                                                 f"({x['hooks_wall'] / x['plain_wall']:.2f})"),
        ("Build with the engine's cache, wall / CPU",
         lambda x: f"{x['warm_wall']:.2f} / {x['warm_cpu']:.2f} s" if "warm_cpu" in x else "not measured"),
        ("Own-code ratio with the cache, CPU (wall)",
         lambda x: f"{x['warm_cpu'] / x['plain_cpu']:.2f} ({x['warm_wall'] / x['plain_wall']:.2f})"
         if "warm_cpu" in x else "not measured"),
        ("Peak memory with the cache", lambda x: f"{x['warm_rss'] / 2**20:.0f} MiB" if "warm_rss" in x else ""),
        ("Time per page, CPU", lambda x: f"{1000 * x['hooks_cpu'] / x['pages']:.1f} ms"),
        ("Peak memory, hooks / plain", lambda x: f"{x['hooks_rss'] / 2**20:.0f} / {x['plain_rss'] / 2**20:.0f} MiB"),
        ("Site size (HTML pages)", lambda x: f"{mb(x['site_bytes'])} ({mb(x['html_bytes'])})"),
        ("Average HTML page", lambda x: kb(x["html_bytes"] / x["pages"])),
        ("Declaration page", lambda x: f"{kb(x['decl_page'])} ({x['decl_page_name']}); mean {kb(x['decl_mean'])}"),
        ("search_index.json raw / gzip", lambda x: f"{mb(x['index_raw'])} / {mb(x['index_gz'])}"),
        ("Builds of each kind (median)", lambda x: f"{x['runs']}"),
    ]
    out = ["| | " + " | ".join(f"{x['scale']}x" for x in rows) + " |", "|---|" + "---|" * len(rows)]
    return out + ["| " + " | ".join([name, *[f(x) for x in rows]]) + " |" for name, f in lines]


def profile(p: dict | None) -> list[str]:
    if not p:
        return []
    out = [f"## Profile of one build at {p['scale']}x", "",
           f"cProfile, {p['total']:.1f} s in all (the profiler slows everything down); our code "
           f"(`hooks/`) spends {p['own_total']:.1f} s in its own lines. Top of the whole build, by own time:", "",
           "| Function | Own (s) | With callees (s) | Calls |", "|---|---|---|---|"]
    out += [f"| `{x['where']}` | {x['tottime']:.2f} | {x['cumtime']:.2f} | {x['calls']} |" for x in p["all_tottime"][:12]]
    out += ["", "Our functions, by time with callees:", "",
            "| Function | Own (s) | With callees (s) | Calls |", "|---|---|---|---|"]
    out += [f"| `{x['where']}` | {x['tottime']:.2f} | {x['cumtime']:.2f} | {x['calls']} |"
            for x in p["own_cumulative"][:12]]
    return out + [""]


def machine(r: dict) -> list[str]:
    m = r["machine"]
    busy = any(x["hooks_wall"] > 1.15 * x["hooks_cpu"] or x["plain_wall"] > 1.15 * x["plain_cpu"] for x in r["rows"])
    return ["## Machine", "",
            f"{m['nproc']} CPUs ({m['cpu']}), {m['memory'] / 2**30:.1f} GiB, {m['os']}; Python {m['python']}, "
            f"MkDocs {m['mkdocs']}, Material {m['material']}. Load average {m['load'][0]:.2f} at the start, "
            f"{m.get('load_end', [0])[0]:.2f} at the end; the run took {m.get('minutes', 0):.0f} min.", "",
            ("The machine was shared with other work during this run (some builds took more than 15% longer "
             "in wall time than in CPU time), so wall times are inflated and noisy. " if busy else "")
            + "Goals on build time are judged on CPU time (user + system of the build process alone), which "
            "other work on the machine disturbs much less; wall time is given beside it.", ""]


def render(r: dict, kept: str = "") -> str:
    quick = " in `--quick` mode (one build of each kind per scale, three at 1x)" if r.get("quick") else ""
    scales = ", ".join(f"{x['scale']}x" for x in r["rows"])
    out = ["# Benchmarks", "",
           f"Build, rebuild and search at {scales} the real corpus, against plain MkDocs building the same "
           f"pages. Written by `{' '.join(['.venv/bin/python -m benchmarks', *r.get('argv', [])])}` on "
           f"{r.get('date', '')}{quick}; `make benchmark` runs it again.", "",
           "## Goals (issue 20)", "", "| Goal | Target | Result | Numbers |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in goals(r)]
    out += ["", "## Full builds", "",
            "Each build is `mkdocs build --strict` in a fresh process: with our hooks and no engine cache "
            "(cold, as in CI), plain MkDocs building the same pages from the corpus's `make export` (no hooks; "
            "same theme, extensions and navigation), the two alternating; then with our hooks again, reading "
            "the engine's cache (`.cache/rcmkb/`) the cold builds left (data unchanged, as in a second `make "
            "build`). Peak memory is the build process's maximum resident set size.", "", *table(r["rows"]), ""]
    for s in r.get("serve") or []:
        out += [f"Under `mkdocs serve` at {s['scale']}x, from saving `{s['file']}` to the served page showing "
                "the edit: " + ", ".join(f"{t:.2f} s ({c:.2f} s CPU)" for t, c in zip(s["times"], s["cpus"]))
                + ". The CPU time is that of the `mkdocs serve` process over the same interval.", ""]
    b = r.get("bilingual")
    if b:
        out += ["## Both languages", "",
                f"`make build` builds English and Spanish (`scripts/build_site.py`), at 1x with the engine's cache "
                f"warm (a second `make build`), against `mkdocs build` of the English site alone; medians of "
                f"{b['runs']} alternating runs. CPU time is that of every process of the build. The two languages "
                "are built side by side, in two processes; `--one-at-a-time` builds them in one, one after the "
                "other, as on a machine with one CPU.", "",
                "| | Wall | CPU |", "|---|---|---|",
                f"| English alone | {b['english_wall']:.2f} s | {b['english_cpu']:.2f} s |",
                f"| Both, side by side (`make build`) | {b['both_wall']:.2f} s ({b['both_wall'] / b['english_wall']:.2f}x) "
                f"| {b['both_cpu']:.2f} s ({b['both_cpu'] / b['english_cpu']:.2f}x) |",
                f"| Both, one after the other | {b['serial_wall']:.2f} s ({b['serial_wall'] / b['english_wall']:.2f}x) "
                f"| {b['serial_cpu']:.2f} s ({b['serial_cpu'] / b['english_cpu']:.2f}x) |", ""]
    out += profile(r.get("profile")) + machine(r)
    text = "\n".join(out).rstrip() + "\n"
    return text + ("\n" + KEEP + "\n" + kept.lstrip("\n") if kept.strip() else "")


def write(results: dict, path: Path) -> None:
    old = path.read_text("utf-8") if path.exists() else ""
    kept = old.split(KEEP, 1)[1] if KEEP in old else ""
    path.write_text(render(results, kept), "utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks" / "out" / "results.json"
    write(json.loads(source.read_text("utf-8")), ROOT / "BENCHMARKS.md")
    print(f"wrote {ROOT / 'BENCHMARKS.md'}")
