"""Measures copies of the project that generate.py writes: full builds with our hooks against plain
MkDocs building the same pages (the `make export` of the copy), a cProfile of one build, the rebuild
under `mkdocs serve` after a data edit, and Material's search in headless Chromium. Returns plain
data (a dict that __main__ saves as results.json); it judges nothing and writes no report.
"""
from __future__ import annotations

import contextlib
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

from . import generate

EXPORT_HOOK = generate.ROOT / "hooks" / "export.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ["migration", "consular", "smuggling", "reintegration", "guidelines", "workshop",
           "remittances", "observatory", "children", "xenophobia"]


def env_for(project: Path, **extra) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
               PYTHONHASHSEED="0", PYTHONPATH=str(project / "hooks"))
    env.update(extra)
    return env


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# One build in a fresh process: wall time, CPU time and peak memory of that process alone

def run_build(project: Path, site: Path, cold: bool = True, config: str = "mkdocs.yml",
              prefix: list[str] | None = None, **extra_env) -> dict:
    if site.exists():
        shutil.rmtree(site)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)    # the engine's data cache, if any
    cmd = [*(prefix or [sys.executable]), "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", config, "--site-dir", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env=env_for(project, **extra_env),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the build of {project} failed:\n{output.decode(errors='replace')[-4000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024}


def export_plain(project: Path, dest: Path) -> Path:
    """The copy's `make export` (with this checkout's hooks/export.py): sources plain MkDocs builds."""
    hooks = re.search(r"(?m)^hooks:\n((?:[ ]+- .*\n)+)", (project / "mkdocs.yml").read_text("utf-8"))
    listed = re.findall(r"- (.*)", hooks.group(1)) if hooks else []
    (project / "mkdocs.bench-export.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {h.strip()}\n" for h in listed + [str(EXPORT_HOOK)]),
        "utf-8")
    shutil.rmtree(dest, ignore_errors=True)
    run_build(project, dest.with_name(dest.name + "-scratch"), config="mkdocs.bench-export.yml",
              RCM_EXPORT=str(dest))
    shutil.rmtree(dest.with_name(dest.name + "-scratch"))
    return dest


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def site_facts(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts]
    index = (site / "search" / "search_index.json").read_bytes()
    declarations = sorted((site / "declarations").glob("*/index.html"))
    reference = site / "declarations" / "xxi" / "index.html"
    reference = reference if reference.exists() else declarations[0]
    return {"pages": len(pages), "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "html_bytes": sum(p.stat().st_size for p in pages),
            "index_raw": len(index), "index_gz": _gz(index), "index_docs": len(json.loads(index)["docs"]),
            "decl_page": reference.stat().st_size, "decl_page_name": reference.parent.name,
            "decl_mean": statistics.mean(p.stat().st_size for p in declarations)}


# ---------------------------------------------------------------------------------------------
# One scale: the corpus, its plain export, cold builds of both kinds, alternating

OVERLAID = ("hooks", "docs", "mkdocs.yml", "mkdocs.es.yml", "data/schemas")    # what the synthetic data does not depend on


def bench_scale(scale: int, runs: int, out: Path, root: Path, reuse: bool = False) -> dict:
    corpus = out / f"corpus-{scale}x"
    if reuse and corpus.is_dir():
        log(f"{scale}x: reusing {corpus}, with {', '.join(OVERLAID)} from {root}")
        for name in OVERLAID:
            target = corpus / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
            if (root / name).is_dir():
                shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            else:
                shutil.copy2(root / name, target)
        (corpus / "docs" / "overrides").mkdir(parents=True, exist_ok=True)
        summary = generate.count(corpus, scale)
    else:
        log(f"{scale}x: writing the corpus from {root}")
        summary = generate.generate(corpus, scale, root=root)
    plain = export_plain(corpus, out / f"plain-{scale}x")
    sites = {"hooks": (corpus, out / f"site-{scale}x"), "plain": (plain, out / f"site-{scale}x-plain")}
    results = {"hooks": [], "plain": []}
    for i in range(runs):
        for name in (["hooks", "plain"] if i % 2 == 0 else ["plain", "hooks"]):
            r = run_build(*sites[name])
            results[name].append(r)
            log(f"{scale}x: {name} build {i + 1}/{runs}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                f"{r['rss'] / 2**20:.0f} MiB")
    # Then with the engine's cache as the builds above left it: a rebuild with unchanged data.
    results["warm"] = [run_build(*sites["hooks"], cold=False) for _ in range(runs)]
    log(f"{scale}x: hooks build with the cache: {results['warm'][-1]['wall']:.2f} s wall, "
        f"{results['warm'][-1]['cpu']:.2f} s CPU")
    row = {"scale": scale, "summary": summary, "runs": runs, **site_facts(sites["hooks"][1]),
           "plain_pages": site_facts(sites["plain"][1])["pages"]}
    for name, rs in results.items():
        for key in ("wall", "cpu", "rss"):
            row[f"{name}_{key}"] = statistics.median(r[key] for r in rs)
    return row


# ---------------------------------------------------------------------------------------------
# The bilingual build (issue 17): `make build` (both languages) against the English site alone

def _run(cmd: list[str], project: Path, sites: list[Path] = ()) -> dict:
    for site in sites:                          # removed before the clock starts, as in run_build
        shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env=env_for(project), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    with proc.stdout:
        output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)    # the process and the children it waited for
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output.decode(errors='replace')[-4000:]}")
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime}


def bench_bilingual(project: Path, out: Path, root: Path, runs: int = 5) -> dict:
    """English alone (`mkdocs build`), both languages side by side (what `make build` runs) and one
    after the other, alternating, with the engine's cache warm as a second `make build` finds it.
    CPU time counts both processes of the side-by-side build. `root`: the checkout whose
    scripts/build_site.py is measured."""
    build_site = root / "scripts" / "build_site.py"
    kinds = {"english": [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                         str(out / "bi-en")],
             "both": [sys.executable, str(build_site), str(out / "bi-both")],
             "serial": [sys.executable, str(build_site), "--one-at-a-time", str(out / "bi-serial")]}
    _run(kinds["both"], project)                # fills the cache
    times = {kind: [] for kind in kinds}
    for i in range(runs):
        for kind, cmd in (kinds.items() if i % 2 == 0 else reversed(kinds.items())):
            site = Path(cmd[-1])
            times[kind].append(_run(cmd, project, [site, site.with_name(site.name + ".es-new")]))
    row = {"scale": 1, "runs": runs}
    for kind, rs in times.items():
        for key in ("wall", "cpu"):
            row[f"{kind}_{key}"] = statistics.median(r[key] for r in rs)
    log(f"bilingual: English {row['english_wall']:.2f} s wall / {row['english_cpu']:.2f} s CPU; both side by side "
        f"{row['both_wall']:.2f} / {row['both_cpu']:.2f} s; one after the other {row['serial_wall']:.2f} / "
        f"{row['serial_cpu']:.2f} s")
    return row


# ---------------------------------------------------------------------------------------------
# Where the time goes: cProfile of one build with the hooks

def profile_build(scale: int, out: Path, top: int = 15) -> dict:
    corpus = out / f"corpus-{scale}x"
    stats_file = out / f"profile-{scale}x.pstats"
    log(f"{scale}x: profiling one build")
    run_build(corpus, out / "site-profile", prefix=[sys.executable, "-m", "cProfile", "-o", str(stats_file)])
    stats = pstats.Stats(str(stats_file))
    hooks = str(corpus / "hooks")
    rows = [{"where": f"{_short(file, hooks)}:{line}({name})", "own": file.startswith(hooks),
             "tottime": tt, "cumtime": ct, "calls": nc}
            for (file, line, name), (cc, nc, tt, ct, callers) in stats.stats.items()]
    own = [r for r in rows if r["own"]]
    return {"scale": scale, "total": stats.total_tt,
            "own_total": sum(r["tottime"] for r in own),
            "own_tottime": sorted(own, key=lambda r: -r["tottime"])[:top],
            "own_cumulative": sorted(own, key=lambda r: -r["cumtime"])[:top],
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


def _get(url: str, timeout: float = 10) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.geturl(), r.read().decode("utf-8", errors="replace")


def bench_serve(scale: int, out: Path, edits: int = 3) -> dict:
    """Edit a declaration's text under `mkdocs serve` on the scale's corpus (restored afterwards).
    The page is watched as a browser does under `serve`: MkDocs' live-reload request, which
    answers when a newer build is on show, then the page once (polling the page instead would
    add the cost of serving it many times to the rebuild's CPU time)."""
    project = out / f"corpus-{scale}x"
    files = sorted((project / "data" / "declarations").glob("*.yaml"))
    data_file = next((f for f in files if f.stem == "xxi"), files[-1])
    original = data_file.read_text("utf-8")
    port = free_port()
    log(f"{scale}x serve: mkdocs serve on 127.0.0.1:{port}, editing {data_file.relative_to(project)}")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env_for(project, RCM_SITE_URL=f"http://127.0.0.1:{port}/"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, cpus = [], []
    try:
        deadline, base = time.time() + 600, None
        while time.time() < deadline and base is None:
            with contextlib.suppress(OSError):
                base, _ = _get(f"http://127.0.0.1:{port}/")
            time.sleep(0.2)
        if base is None:
            raise SystemExit("mkdocs serve did not start")
        page = base.rstrip("/") + f"/declarations/{data_file.stem}/"
        for k in range(1, edits + 1):
            marker = f"Benchmarkedit{k}x{port}"
            epoch = int(re.search(r"livereload\((\d+), \d+\)", _get(page)[1]).group(1))
            data_file.write_text(_edit_first_text(original, marker), "utf-8")
            start, cpu = time.perf_counter(), _cpu_of(proc.pid)
            while time.perf_counter() - start < 300:
                with contextlib.suppress(OSError):
                    epoch = int(_get(f"http://127.0.0.1:{port}/livereload/{epoch}/{k}", timeout=120)[1])
                    if marker in _get(page)[1]:
                        break
                time.sleep(0.2)      # only when the server did not answer, or showed another build
            else:
                raise SystemExit(f"the served page never showed the edit {marker}")
            times.append(time.perf_counter() - start)
            cpus.append(_cpu_of(proc.pid) - cpu)
            log(f"{scale}x serve: edit {k}: the page changed after {times[-1]:.2f} s ({cpus[-1]:.2f} s CPU)")
            time.sleep(1.0)
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
        if proc.poll() is None:
            proc.kill()
        data_file.write_text(original, "utf-8")
    return {"scale": scale, "median": statistics.median(times), "times": times,
            "cpu_median": statistics.median(cpus), "cpus": cpus,
            "file": str(data_file.relative_to(project))}


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _edit_first_text(text: str, marker: str) -> str:
    """Add a word at the end of the first line of the first text block (a preamble paragraph)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if re.match(r"\s+(en|es): [|>]-?\s*$", line) and lines[i + 1].strip():
            lines[i + 1] += " " + marker
            return "\n".join(lines)
    raise SystemExit("no text block to edit")


# ---------------------------------------------------------------------------------------------
# Material's search in headless Chromium, against the built site served on 127.0.0.1

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
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()


PROBE = """
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


def _wait(page, expression: str, timeout: float = 60) -> None:
    """Poll `expression` until it is true. Playwright's wait_for_function evaluates its predicate
    with eval(), which the site's Content-Security-Policy refuses; page.evaluate is not subject to it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"never true within {timeout:.0f} s: {expression}")
        time.sleep(0.005)


def bench_search(scale: int, site: Path) -> dict:
    from playwright.sync_api import sync_playwright
    selector = "[data-md-component=search-query]"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with static_server(site) as (url, requested):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url, wait_until="domcontentloaded")
                page.evaluate(PROBE)
                _wait(page, "window.__bench.ready > 0", timeout=180)
                ready = page.evaluate("window.__bench.ready")
                times = []
                for q in QUERIES:
                    page.fill(selector, "")
                    page.press(selector, "Backspace")
                    _wait(page, "document.querySelector('.md-search-result__list').children.length == 0")
                    page.fill(selector, q[:-1])      # no keyup, so no search yet
                    page.evaluate("window.__bench.t0 = 0; window.__bench.t1 = 0; window.__bench.armed = true")
                    page.press(selector, q[-1])
                    _wait(page, "window.__bench.t1 > 0", timeout=60)
                    times.append(page.evaluate("window.__bench.t1 - window.__bench.t0"))
                files = {p: (site / p.lstrip("/")).read_bytes() for p in set(requested)
                         if (p.endswith("search_index.json") or "/workers/" in p or "/lunr/" in p)
                         and (site / p.lstrip("/")).is_file()}
        finally:
            browser.close()
    log(f"{scale}x search: ready after {ready:.0f} ms, first result median {statistics.median(times):.0f} ms")
    return {"scale": scale, "ready_ms": ready, "median_ms": statistics.median(times), "max_ms": max(times),
            "queries": QUERIES, "times": times, "payload_raw": sum(map(len, files.values())),
            "payload_gz": sum(min(len(b), _gz(b)) for b in files.values())}


# ---------------------------------------------------------------------------------------------
# The machine

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    from importlib.metadata import version
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
            "os": platform.platform(), "load": os.getloadavg()}


# ---------------------------------------------------------------------------------------------
# Everything, in order

def measure(scales: list[int], runs: int, out: Path, root: Path, profile_scale: int | None,
            serve_scales: list[int], search_scales: list[int], reuse: bool = False) -> dict:
    started = time.time()
    info = machine()
    log(f"{info['nproc']} CPUs, load {info['load'][0]:.2f}; scales {scales}, {runs} run(s) each")
    results = {"machine": info, "rows": [], "profile": None, "serve": [], "search": []}

    def progress():   # what is measured so far, for `python -m benchmarks.report out/partial.json`
        info["load_end"], info["minutes"] = os.getloadavg(), (time.time() - started) / 60
        (out / "partial.json").write_text(json.dumps(results, indent=2, default=str), "utf-8")

    for scale in scales:
        # A 1x build takes about two seconds, so one alone is too noisy even for --quick.
        results["rows"].append(bench_scale(scale, max(runs, 3) if scale == 1 else runs, out, root, reuse))
        progress()
        if scale == 1:
            results["bilingual"] = bench_bilingual(out / "corpus-1x", out, root, max(runs, 5))
            progress()
    if profile_scale in scales:
        results["profile"] = profile_build(profile_scale, out)
        progress()
    for s in [s for s in serve_scales if s in scales]:
        results["serve"].append(bench_serve(s, out))
        progress()
    for s in [s for s in search_scales if s in scales]:
        results["search"].append(bench_search(s, out / f"site-{s}x"))
        progress()
    return results
