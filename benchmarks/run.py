"""Benchmarks the knowledge base at 1x, 10x and 50x the corpus: full builds against plain MkDocs
building the same pages, the rebuild under `mkdocs serve` after a data edit, and search in a
headless browser. Prints a table and writes BENCHMARKS.md.

    .venv/bin/python benchmarks/run.py              # 5 runs per scale, variants, profile (about 40 min)
    .venv/bin/python benchmarks/run.py --quick      # 1 run per scale, no variants (about 6 min)
    .venv/bin/python benchmarks/run.py --scales 1,10 --runs 3 --no-browser
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from variants import ENGINE_FIXES, NAV_DECADES, SEARCH_TUNING, apply_changes  # noqa: E402

ROOT = generate.ROOT
HERE = Path(__file__).resolve().parent
EXPORT_HOOK = HERE / "export_hook.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ["migration", "consular", "smuggling", "reintegration", "guidelines", "workshop",
           "remittances", "observatory", "children", "xenophobia"]
TARGETS = {"ratio": 1.10, "per_page_growth": 0.10, "build_1x": 5.0, "serve": 3.0,
           "search_ms": 200.0, "payload_gz": 1.5e6}


def env_for(project: Path, **extra) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
               PYTHONHASHSEED="0", PYTHONPATH=str(project / "hooks"))
    env.update(extra)
    return env


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Running one build: wall time, CPU time and peak memory of that process alone

def run_build(project: Path, site: Path, config: str = "mkdocs.yml", check: bool = True,
              prefix: list[str] | None = None, **extra_env) -> dict:
    if site.exists():
        shutil.rmtree(site)
    cmd = [*(prefix or [sys.executable]), "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", config, "--site-dir", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env=env_for(project, **extra_env),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if check and proc.returncode:
        raise SystemExit(f"the build of {project} failed:\n{output.decode(errors='replace')}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024}


# ---------------------------------------------------------------------------------------------
# The same pages for plain MkDocs: the hooks' output written out as Markdown and static files

def _mkdocs_yaml(path: Path) -> dict:
    from mkdocs.utils.yaml import get_yaml_loader
    import yaml
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=get_yaml_loader()) or {}


def export_plain(project: Path, dest: Path, scratch: Path) -> Path:
    """A project with no hooks whose docs/ holds every page the hooks generate, as Markdown."""
    import yaml
    hooks = list(_mkdocs_yaml(project / "mkdocs.yml").get("hooks") or [])
    (project / "mkdocs.export.yml").write_text(
        "INHERIT: mkdocs.yml\n" + yaml.safe_dump({"hooks": hooks + [str(EXPORT_HOOK)]}), "utf-8")
    exported = scratch / "export"
    if exported.exists():
        shutil.rmtree(exported)
    run_build(project, scratch / "export-site", "mkdocs.export.yml", RCM_BENCH_EXPORT=str(exported))
    shutil.rmtree(scratch / "export-site")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(exported / "docs", dest / "docs", dirs_exist_ok=True)
    shutil.copy2(project / "mkdocs.yml", dest / "mkdocs.yml")
    nav = yaml.safe_load((exported / "nav.yml").read_text("utf-8"))["nav"]
    (dest / "mkdocs.plain.yml").write_text(
        "INHERIT: mkdocs.yml\n" + yaml.safe_dump({"hooks": [], "watch": [], "nav": nav},
                                                 sort_keys=False, allow_unicode=True), "utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# What a build produced

def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def site_facts(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search" / "search_index.json").read_bytes()
    declarations = sorted((site / "declarations").glob("*/index.html"))
    reference = site / "declarations" / "xxi" / "index.html"
    reference = reference if reference.exists() else declarations[0]
    return {"pages": len(pages), "site_bytes": size, "html_bytes": sum(p.stat().st_size for p in pages),
            "index_raw": len(index), "index_gz": _gz(index), "index_docs": len(json.loads(index)["docs"]),
            "decl_page": reference.stat().st_size, "decl_page_name": reference.parent.name,
            "decl_mean": statistics.mean(p.stat().st_size for p in declarations) if declarations else 0}


# ---------------------------------------------------------------------------------------------
# One scale: the corpus, its plain export, interleaved builds

def bench_scale(scale: int, runs: int, out: Path) -> dict:
    corpus = out / f"corpus-{scale}x"
    log(f"{scale}x: writing the corpus")
    summary = generate.generate(corpus, scale)
    log(f"{scale}x: exporting the pages for plain MkDocs")
    plain = export_plain(corpus, out / f"plain-{scale}x", out / f"scratch-{scale}x")
    hooks_site, plain_site = out / f"site-{scale}x", out / f"site-{scale}x-plain"
    results = {"hooks": [], "plain": []}
    for i in range(runs):
        # Alternate, so that a slower moment of the machine falls on both.
        order = [("hooks", corpus, "mkdocs.yml", hooks_site), ("plain", plain, "mkdocs.plain.yml", plain_site)]
        for name, project, config, site in (order if i % 2 == 0 else order[::-1]):
            r = run_build(project, site, config)
            results[name].append(r)
            log(f"{scale}x: {name} build {i + 1}/{runs}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU")
    med = lambda name, key: statistics.median(r[key] for r in results[name])
    row = {"scale": scale, "summary": summary, "runs": runs,
           **site_facts(hooks_site), "plain_pages": site_facts(plain_site)["pages"]}
    for name in ("hooks", "plain"):
        for key in ("wall", "cpu", "rss"):
            row[f"{name}_{key}"] = med(name, key)
        row[f"{name}_walls"] = [r["wall"] for r in results[name]]
    row["ratio_wall"] = row["hooks_wall"] / row["plain_wall"]
    row["ratio_cpu"] = row["hooks_cpu"] / row["plain_cpu"]
    row["per_page_ms"] = 1000 * row["hooks_wall"] / row["pages"]
    row["per_page_cpu_ms"] = 1000 * row["hooks_cpu"] / row["pages"]
    row["pages_per_s"] = row["pages"] / row["hooks_wall"]
    return row


# ---------------------------------------------------------------------------------------------
# Variants: the same corpus with a recommended change applied to a copy

def digest(site: Path) -> str:
    import hashlib
    h = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(site).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def bench_variant(name: str, scale: int, changes: dict, runs: int, out: Path, plain: bool = False,
                  warm: bool = True, phases: bool = True) -> dict:
    """Build a patched copy of the scale's corpus (and of its plain export when `plain`)."""
    corpus = out / f"corpus-{scale}x"
    copy = out / f"variant-{name}-{scale}x"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("__pycache__"))
    applied, skipped = apply_changes(copy, changes)
    site = out / f"site-{scale}x-{name}"
    results = {"hooks": []}
    plain_copy = None
    if plain:
        # Exported again from the changed copy, so plain MkDocs gets the same pages and navigation.
        plain_copy = export_plain(copy, out / f"variant-{name}-{scale}x-plain", out / f"scratch-{scale}x")
        results["plain"] = []
    if warm:
        run_build(copy, site)      # byte-compiles the patched modules, as the baseline's were
    for i in range(runs):
        results["hooks"].append(run_build(copy, site))
        if plain_copy:
            results["plain"].append(run_build(plain_copy, out / f"site-{scale}x-{name}-plain", "mkdocs.plain.yml"))
        log(f"{scale}x {name}: build {i + 1}/{runs}: {results['hooks'][-1]['wall']:.2f} s wall, "
            f"{results['hooks'][-1]['cpu']:.2f} s CPU")
    row = {"name": name, "scale": scale, "applied": applied, "skipped": skipped, "runs": runs,
           "same_site": digest(site) == digest(out / f"site-{scale}x"), **site_facts(site)}
    for kind, rs in results.items():
        for key in ("wall", "cpu", "rss"):
            row[f"{kind}_{key}"] = statistics.median(r[key] for r in rs)
    if phases:
        row["phases"] = engine_phases(copy)
    return row


def engine_phases(project: Path) -> dict:
    """CPU seconds of the engine's phases (benchmarks/phases.py) on one project."""
    result = subprocess.run([sys.executable, str(HERE / "phases.py"), str(project)], cwd=project,
                            env=env_for(project), capture_output=True, text=True)
    if result.returncode:
        return {"error": result.stderr[-2000:]}
    return json.loads(result.stdout)


def import_cost(module: str) -> float:
    """CPU seconds to import `module` after what MkDocs and Material import anyway."""
    code = ("import time, mkdocs.commands.build, material, jinja2, markdown, yaml\n"
            f"t = time.process_time()\nimport {module}\nprint(time.process_time() - t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return float(result.stdout.strip() or "nan")


# ---------------------------------------------------------------------------------------------
# Where the time goes: cProfile of one build with the hooks

def profile_build(scale: int, out: Path, top: int = 12) -> dict:
    corpus = out / f"corpus-{scale}x"
    stats_file = out / f"profile-{scale}x.pstats"
    log(f"{scale}x: profiling one build")
    run_build(corpus, out / "site-profile", prefix=[sys.executable, "-m", "cProfile", "-o", str(stats_file)])
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt
    rows = []
    hooks = str(corpus / "hooks")
    for (file, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():
        rows.append({"where": f"{_short(file, hooks)}:{line}({name})", "own": file.startswith(hooks),
                     "tottime": tt, "cumtime": ct, "calls": nc})
    own = [r for r in rows if r["own"]]
    entry = {r["where"].split("(")[1].rstrip(")"): r["cumtime"] for r in own
             if r["where"].startswith("hooks/rcm.py")}
    return {"scale": scale, "total": total,
            "hooks_events": entry,
            "own_cumulative": sorted(own, key=lambda r: -r["cumtime"])[:top],
            "own_tottime": sorted(own, key=lambda r: -r["tottime"])[:top],
            "all_tottime": sorted(rows, key=lambda r: -r["tottime"])[:top]}


def _short(file: str, hooks: str) -> str:
    if file.startswith(hooks):
        return "hooks" + file[len(hooks):]
    m = re.search(r"site-packages/(.*)", file)
    return m.group(1) if m else file


# ---------------------------------------------------------------------------------------------
# mkdocs serve: from a data edit to the served page showing it

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.geturl(), r.read().decode("utf-8", errors="replace")


def bench_serve(out: Path, edits: int = 3) -> dict:
    project = out / "corpus-serve-1x"
    generate.generate(project, 1)
    files = sorted((project / "data" / "declarations").glob("*.yaml"))
    data_file = next((f for f in files if f.stem == "xxi"), files[-1])
    port = free_port()
    log(f"serve: mkdocs serve on 127.0.0.1:{port}, editing {data_file.relative_to(project)}")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env_for(project, RCM_SITE_URL=f"http://127.0.0.1:{port}/"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times = []
    try:
        deadline = time.time() + 180
        base = None
        while time.time() < deadline and base is None:
            with contextlib.suppress(OSError):
                base, _ = _get(f"http://127.0.0.1:{port}/")
            time.sleep(0.2)
        if base is None:
            raise SystemExit("mkdocs serve did not start: " + proc.stderr.read(4000).decode(errors="replace"))
        page = base.rstrip("/") + f"/declarations/{data_file.stem}/"
        original = data_file.read_text("utf-8")
        for k in range(1, edits + 1):
            marker = f"Benchmarkedit{k}x{port}"
            data_file.write_text(_edit_first_text(original, marker), "utf-8")
            start = time.perf_counter()
            while time.perf_counter() - start < 120:
                with contextlib.suppress(OSError):
                    if marker in _get(page)[1]:
                        break
                time.sleep(0.02)
            else:
                raise SystemExit(f"the served page never showed the edit {marker}")
            times.append(time.perf_counter() - start)
            log(f"serve: edit {k}: the page changed after {times[-1]:.2f} s")
            time.sleep(1.0)
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
        if proc.poll() is None:
            proc.kill()
    return {"median": statistics.median(times), "times": times, "file": str(data_file.relative_to(project))}


def _edit_first_text(text: str, marker: str) -> str:
    """Add a word at the end of the first line of the first text block (a preamble paragraph)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if re.match(r"\s+(en|es): [|>]-?\s*$", line) and lines[i + 1].strip():
            lines[i + 1] += " " + marker
            return "\n".join(lines)
    raise SystemExit("no text block to edit")


# ---------------------------------------------------------------------------------------------
# Search in a headless browser

class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site and notes every path the browser asks for."""
    requested: list[str]

    def log_message(self, *args):
        pass

    def send_head(self):
        self.requested.append(self.path.split("?", 1)[0])
        return super().send_head()


@contextlib.contextmanager
def static_server(root: Path):
    requested: list[str] = []
    handler = type("Handler", (_Handler,), {"requested": requested})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()),
                                             lambda *a: handler(*a, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()


MATERIAL_PROBE = """
() => {
  window.__bench = {t0: 0, t1: 0, ready: 0, armed: false};
  const meta = document.querySelector('.md-search-result__meta');
  const mark = () => { if (!window.__bench.ready && !/Initializing/.test(meta.textContent))
                         window.__bench.ready = performance.now(); };
  new MutationObserver(mark).observe(meta, {childList: true, characterData: true, subtree: true});
  mark();
  // Material searches on keyup: the clock starts when the query's last key goes down.
  const input = document.querySelector('[data-md-component=search-query]');
  input.addEventListener('keydown', () => {
    if (window.__bench.armed) { window.__bench.t0 = performance.now(); window.__bench.armed = false; }
  }, {capture: true});
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => {
    if (list.children.length && window.__bench.t0 && !window.__bench.t1) window.__bench.t1 = performance.now();
  }).observe(list, {childList: true});
}
"""


def _browser():
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return pw, browser


def _payload(site: Path, requested: list[str], wanted) -> dict:
    """Raw and gzip bytes of the requested files `wanted(path)` selects."""
    files = {}
    for path in requested:
        if wanted(path):
            local = site / path.lstrip("/")
            if local.is_file():
                files[path] = local.read_bytes()
    return {"files": sorted(files), "raw": sum(map(len, files.values())),
            "gz": sum(min(len(b), _gz(b)) for b in files.values())}


def bench_material_search(site: Path, label: str) -> dict:
    pw, browser = _browser()
    try:
        with static_server(site) as (url, requested):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="domcontentloaded")
            page.evaluate(MATERIAL_PROBE)
            page.wait_for_function("window.__bench.ready > 0", timeout=120_000)
            ready = page.evaluate("window.__bench.ready")
            times, counts = [], []
            selector = "[data-md-component=search-query]"
            for q in QUERIES:
                page.fill(selector, "")
                page.press(selector, "Backspace")
                page.wait_for_function("document.querySelector('.md-search-result__list').children.length == 0")
                page.fill(selector, q[:-1])      # no keyup, so no search yet
                page.evaluate("window.__bench.t0 = 0; window.__bench.t1 = 0; window.__bench.armed = true")
                page.press(selector, q[-1])
                page.wait_for_function("window.__bench.t1 > 0", timeout=30_000)
                times.append(page.evaluate("window.__bench.t1 - window.__bench.t0"))
                counts.append(page.evaluate("document.querySelector('.md-search-result__meta').textContent"))
            payload = _payload(site, requested, lambda p: p.endswith("search_index.json")
                               or "/workers/" in p or "/lunr/" in p)
    finally:
        browser.close()
        pw.stop()
    log(f"search ({label}): ready after {ready:.0f} ms, first result median {statistics.median(times):.0f} ms")
    return {"label": label, "ready_ms": ready, "median_ms": statistics.median(times), "max_ms": max(times),
            "times": dict(zip(QUERIES, times)), "results": dict(zip(QUERIES, counts)), "payload": payload}


PAGEFIND_PROBE = """
async (base) => {
  const t0 = performance.now();
  window.__pf = await import(base + 'pagefind/pagefind.js');
  await window.__pf.init();
  return performance.now() - t0;
}
"""
PAGEFIND_QUERY = """
async (q) => {
  const t0 = performance.now();
  const search = await window.__pf.search(q);
  const first = search.results.length ? await search.results[0].data() : null;
  return [performance.now() - t0, search.results.length, first ? first.url : null];
}
"""


def pagefind_binary(spec: str) -> Path | None:
    """The Pagefind binary: a path, or 'auto' to fetch the PyPI wheel into a cache (never installed)."""
    if spec == "off":
        return None
    if spec != "auto":
        return Path(spec)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "rcm-kb-benchmarks" / "pagefind"
    found = list(cache.glob("**/pagefind_bin/pagefind"))
    if not found:
        cache.mkdir(parents=True, exist_ok=True)
        log("pagefind: fetching the pagefind_bin wheel with pip download (not installed)")
        result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                                 "pagefind_bin", "-d", str(cache)], capture_output=True, text=True)
        wheels = list(cache.glob("pagefind_bin-*.whl"))
        if result.returncode or not wheels:
            log("pagefind: could not fetch it; skipping (" + result.stderr.strip()[-200:] + ")")
            return None
        import zipfile
        with zipfile.ZipFile(wheels[0]) as z:
            z.extractall(cache / "unpacked")
        found = list(cache.glob("**/pagefind_bin/pagefind"))
    binary = found[0]
    binary.chmod(0o755)
    return binary


def bench_pagefind(site: Path, binary: Path) -> dict:
    bundle = site / "pagefind"
    if bundle.exists():
        shutil.rmtree(bundle)
    start = time.perf_counter()
    result = subprocess.run([str(binary), "--site", str(site), "--root-selector", "article",
                             "--force-language", "en", "--quiet"], capture_output=True, text=True)
    index_time = time.perf_counter() - start
    if result.returncode:
        return {"error": result.stderr[-2000:]}
    disk = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    pw, browser = _browser()
    try:
        with static_server(site) as (url, requested):
            page = browser.new_page()
            page.goto(url, wait_until="load")
            before = len(requested)
            ready = page.evaluate(PAGEFIND_PROBE, url)
            init_requests = list(requested[before:])
            times, found = [], []
            for q in QUERIES:
                ms, n, first = page.evaluate(PAGEFIND_QUERY, q)
                times.append(ms)
                found.append(n)
            payload_init = _payload(site, init_requests, lambda p: "/pagefind/" in p)
            payload = _payload(site, requested, lambda p: "/pagefind/" in p)
    finally:
        browser.close()
        pw.stop()
    log(f"search (pagefind): index {index_time:.1f} s, first result median {statistics.median(times):.0f} ms")
    return {"index_s": index_time, "disk": disk, "files": sum(1 for p in bundle.rglob("*") if p.is_file()),
            "ready_ms": ready, "median_ms": statistics.median(times), "max_ms": max(times),
            "times": dict(zip(QUERIES, times)), "found": dict(zip(QUERIES, found)),
            "payload_init": payload_init, "payload": payload}


# ---------------------------------------------------------------------------------------------
# Machine, versions, report

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    import mkdocs
    from importlib.metadata import version
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "mkdocs": mkdocs.__version__, "material": version("mkdocs-material"),
            "os": platform.platform(), "load": os.getloadavg()}


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:.0f} KB"


def verdict(ok: bool, how: str) -> str:
    return ("PASS" if ok else "FAIL") + f" ({how})"


def targets(rows: list[dict], serve: dict | None, search: dict | None) -> list[tuple[str, str, str]]:
    out = []
    for r in rows:
        for key, what in (("ratio_wall", "wall"), ("ratio_cpu", "CPU")):
            x = r[key]
            out.append((f"Own-code ratio at {r['scale']}x ({what})", f"<= {TARGETS['ratio']:.2f}",
                        verdict(x <= TARGETS["ratio"], f"{x:.2f}, " + (
                            f"{(TARGETS['ratio'] - x) / TARGETS['ratio']:.0%} under" if x <= TARGETS["ratio"]
                            else f"{(x - TARGETS['ratio']) / TARGETS['ratio']:.0%} over"))))
    by_scale = {r["scale"]: r for r in rows}
    if 10 in by_scale and 50 in by_scale:
        for key, what in (("per_page_ms", "wall"), ("per_page_cpu_ms", "CPU")):
            a, b = by_scale[10][key], by_scale[50][key]
            growth = b / a - 1
            out.append((f"Time per page, 50x vs 10x ({what})", "within 10%",
                        verdict(abs(growth) <= TARGETS["per_page_growth"],
                                f"{a:.1f} -> {b:.1f} ms/page, {growth:+.0%}")))
    if 1 in by_scale:
        x = by_scale[1]["hooks_wall"]
        out.append(("Full build at 1x", "<= 5 s", verdict(x <= TARGETS["build_1x"], f"{x:.2f} s")))
    if serve:
        x = serve["median"]
        out.append(("Serve rebuild after one data edit, 1x", "<= 3 s", verdict(x <= TARGETS["serve"], f"{x:.2f} s")))
    if search:
        x = search["median_ms"]
        out.append((f"Search first result at {search['scale']}x", "<= 200 ms",
                    verdict(x <= TARGETS["search_ms"], f"{x:.0f} ms median, {search['max_ms']:.0f} ms max")))
        x = search["payload"]["gz"]
        out.append((f"Search payload at {search['scale']}x (gzip)", "<= 1.5 MB",
                    verdict(x <= TARGETS["payload_gz"], f"{mb(x)} gzip, {mb(search['payload']['raw'])} raw")))
    return out


def table(rows: list[dict]) -> list[str]:
    head = ["", *[f"{r['scale']}x" for r in rows]]
    lines = [
        ("Declarations / decisions / entities / budget years",
         lambda r: "{declarations} / {decisions} / {entities} / {budget_years}".format(**r["summary"])),
        ("Pages (HTML)", lambda r: f"{r['pages']}"),
        ("Full build, hooks (median wall)", lambda r: f"{r['hooks_wall']:.2f} s"),
        ("Full build, plain MkDocs (median wall)", lambda r: f"{r['plain_wall']:.2f} s"),
        ("Own-code ratio, wall", lambda r: f"{r['ratio_wall']:.2f}"),
        ("Build CPU time, hooks / plain", lambda r: f"{r['hooks_cpu']:.2f} / {r['plain_cpu']:.2f} s"),
        ("Own-code ratio, CPU", lambda r: f"{r['ratio_cpu']:.2f}"),
        ("Pages per second (wall)", lambda r: f"{r['pages_per_s']:.1f}"),
        ("Time per page (wall / CPU)", lambda r: f"{r['per_page_ms']:.1f} / {r['per_page_cpu_ms']:.1f} ms"),
        ("CPU per MB of HTML, hooks / plain", lambda r: f"{r['hooks_cpu'] / (r['html_bytes'] / 1e6):.2f} / "
                                                          f"{r['plain_cpu'] / (r['html_bytes'] / 1e6):.2f} s"),
        ("Peak memory, hooks / plain", lambda r: f"{r['hooks_rss'] / 2**20:.0f} / {r['plain_rss'] / 2**20:.0f} MiB"),
        ("Site size (of which HTML pages)", lambda r: f"{mb(r['site_bytes'])} ({mb(r['html_bytes'])})"),
        ("search_index.json raw / gzip", lambda r: f"{mb(r['index_raw'])} / {mb(r['index_gz'])}"),
        ("Search index entries", lambda r: f"{r['index_docs']}"),
        ("Average HTML page", lambda r: kb(r["html_bytes"] / r["pages"])),
        ("Declaration page HTML", lambda r: f"{kb(r['decl_page'])} ({r['decl_page_name']}); mean {kb(r['decl_mean'])}"),
        ("Runs", lambda r: f"{r['runs']}"),
    ]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, f in lines:
        out.append("| " + " | ".join([name, *[f(r) for r in rows]]) + " |")
    return out


def search_lines(searches: list[dict]) -> list[str]:
    out = []
    for found in searches:
        for key in ("material", "tuned", "pagefind"):
            x = found.get(key)
            if not x or "median_ms" not in x:
                continue
            p = x["payload"]
            name = {"material": "Material as built", "tuned": "Material tuned", "pagefind": "Pagefind"}[key]
            out.append(f"Search at {found['scale']}x, {name}: ready {x['ready_ms']:.0f} ms, first result "
                       f"median {x['median_ms']:.0f} ms (max {x['max_ms']:.0f}), downloaded {mb(p['raw'])} "
                       f"({mb(p['gz'])} gzip)")
    return out


def print_report(rows, serve, searches, variants, checks) -> None:
    print()
    print("\n".join(table(rows)))
    if serve:
        print(f"\nServe rebuild after one data edit (1x): median {serve['median']:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in serve['times'])})")
    base = {r["scale"]: r for r in rows}
    for v in variants:
        b = base[v["scale"]]
        plain = v.get("plain_cpu", b["plain_cpu"])
        print(f"Variant {v['name']} at {v['scale']}x: {v['hooks_wall']:.2f} s wall, {v['hooks_cpu']:.2f} s CPU "
              f"(baseline {b['hooks_cpu']:.2f}), own-code ratio (CPU) {v['hooks_cpu'] / plain:.2f}, "
              f"same site: {v['same_site']}")
    for line in search_lines(searches):
        print(line)
    print()
    for name, target, result in checks:
        print(f"{name:55s} {target:12s} {result}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,50", help="comma-separated multiples of the corpus")
    parser.add_argument("--runs", type=int, default=5, help="builds per scale and kind (median)")
    parser.add_argument("--quick", action="store_true",
                        help="1 run per scale (3 at 1x), no variants, no profile, search at 10x only")
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=None,
                        help="profile one build at the largest scale (default: on unless --quick)")
    parser.add_argument("--variants", action=argparse.BooleanOptionalAction, default=None,
                        help="measure the recommended engine changes on copies (default: on unless --quick)")
    parser.add_argument("--search-scales", default=None,
                        help="scales to measure search at (default: 10, and 50 too unless --quick)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--pagefind", default="auto", help="auto (pip download to a cache), off, or a binary path")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="scratch folder (git-ignored)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the copies and built sites in --out (several GB at 50x) for inspection")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="where to write the results ('-' for nowhere)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    profile = (not args.quick) if args.profile is None else args.profile
    variants_on = (not args.quick) if args.variants is None else args.variants
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    info = machine()
    log(f"{info['nproc']} CPUs, load {info['load'][0]:.2f}; scales {scales}, {runs} run(s) each")

    rows = []
    for scale in scales:
        # A 1x build takes about two seconds, so a single one is too noisy even for --quick.
        row = bench_scale(scale, max(runs, 3) if scale == 1 else runs, args.out)
        row["phases"] = engine_phases(args.out / f"corpus-{scale}x")
        rows.append(row)
    variants = []
    if variants_on:
        for scale in scales if ENGINE_FIXES else []:
            variants.append(bench_variant("engine-fixes", scale, ENGINE_FIXES, runs, args.out))
        for scale in [x for x in scales if x >= 10]:
            variants.append(bench_variant("engine-fixes+nav", scale, {**ENGINE_FIXES, **NAV_DECADES}, 1,
                                          args.out, plain=True))
    imports = {m: import_cost(m) for m in ("pandas", "jsonschema")}
    prof = profile_build(max(scales), args.out) if profile else None
    serve = None if args.no_serve else bench_serve(args.out)
    searches = []
    if not args.no_browser:
        binary = pagefind_binary(args.pagefind)
        default = "10,50" if not args.quick and 50 in scales else "10"
        for scale in [int(x) for x in (args.search_scales or default).split(",")]:
            if scale not in scales:
                bench_scale(scale, 1, args.out)
            site = args.out / f"site-{scale}x"
            found = {"scale": scale, "material": bench_material_search(site, f"Material, {scale}x")}
            tuned = bench_variant("search-tuned", scale, SEARCH_TUNING, 1, args.out, warm=False,
                                  phases=False) if SEARCH_TUNING else None
            if tuned:
                found["tuned_build"] = {k: v for k, v in tuned.items() if k != "phases"}
            if tuned and tuned["applied"]:
                found["tuned"] = bench_material_search(args.out / f"site-{scale}x-search-tuned",
                                                       f"Material tuned, {scale}x")
            if binary:
                found["pagefind"] = bench_pagefind(site, binary)
            searches.append(found)
    info["load_end"] = os.getloadavg()
    info["minutes"] = (time.time() - started) / 60
    search = next((dict(x["material"], scale=x["scale"]) for x in searches if x["scale"] == 10),
                  dict(searches[0]["material"], scale=searches[0]["scale"]) if searches else None)
    checks = targets(rows, serve, search)
    print_report(rows, serve, searches, variants, checks)
    results = {"machine": info, "rows": rows, "variants": variants, "imports": imports, "serve": serve,
               "searches": searches,
               "profile": prof, "checks": checks, "argv": sys.argv[1:] if argv is None else argv,
               "quick": args.quick, "date": dt.date.today().isoformat()}
    (args.out / "results.json").write_text(json.dumps(results, indent=2, default=str), "utf-8")
    if not args.keep:
        for path in args.out.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
    if str(args.report) != "-":
        import report
        args.report.write_text(report.render(results), "utf-8")
        log(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
