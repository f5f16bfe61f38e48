"""Times (in CPU seconds) the engine's own phases on one project, without MkDocs: importing it, reading and
checking the data (YAML, schemas) per domain, cross-referencing, and rendering each domain's pages
and open data. Prints JSON. Run by run.py with the copy's hooks/ on PYTHONPATH.

    PYTHONPATH=<copy>/hooks .venv/bin/python benchmarks/phases.py <copy>
"""
from __future__ import annotations

import functools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

# What plain MkDocs imports anyway, so that only the engine's own imports are counted below.
import jinja2, markdown, markupsafe, yaml  # noqa: E401,F401
import mkdocs.commands.build  # noqa: F401
import material  # noqa: F401

spent: dict[str, float] = defaultdict(float)


def timed(name: str, func, consume: bool = False):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            result = func(*args, **kwargs)
            return list(result) if consume and result is not None else result
        finally:
            spent[name] += time.process_time() - start
    return wrapper


def main(root: Path) -> dict:
    start = time.process_time()
    from rcmkb import context, site, validate
    imports = time.process_time() - start

    context.LoadContext.yaml = timed("read YAML + check schema", context.LoadContext.yaml)
    validate.check = timed("of which: schema check", validate.check)
    for domain in site.DOMAINS:
        name = domain.__name__.rsplit(".", 1)[-1]
        domain.load = timed(f"load {name}", domain.load)
        if hasattr(domain, "pages"):
            domain.pages = timed(f"pages {name}", domain.pages, consume=True)
        if hasattr(domain, "datasets"):
            domain.datasets = timed(f"open data {name}", domain.datasets, consume=True)
    site.load = timed("load + cross-references (total)", site.load)

    start = time.process_time()
    build = site.build(root, root / "docs", site_url="https://example.org/")
    total = time.process_time() - start
    return {"imports": imports, "build": total, "pages": len(build.pages),
            "markdown_bytes": sum(len(p.markdown) for p in build.pages),
            "phases": dict(sorted(spent.items(), key=lambda kv: -kv[1]))}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve())))
