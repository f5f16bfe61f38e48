"""Benchmarks the knowledge base: writes copies of the project at 1x, 10x and 50x the corpus
(generate.py), measures them (measure.py) and writes BENCHMARKS.md (report.py). Each module imports
only the ones before it.

    .venv/bin/python -m benchmarks --quick            # what `make benchmark` runs
    .venv/bin/python -m benchmarks --scales 1,10 --runs 3 --no-browser
    .venv/bin/python -m benchmarks --root /tmp/old    # measure another checkout (before/after a change)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from . import generate, measure, report

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,50", help="comma-separated multiples of the corpus")
    parser.add_argument("--runs", type=int, default=3, help="cold builds of each kind per scale (median)")
    parser.add_argument("--quick", action="store_true", help="one build of each kind per scale (three at 1x)")
    parser.add_argument("--profile-scale", type=int, default=None,
                        help="profile one cold build at this scale with cProfile (default: the largest; 0: none)")
    parser.add_argument("--serve-scales", default="1,10", help="scales to time `mkdocs serve` rebuilds at")
    parser.add_argument("--search-scales", default="10,50", help="scales to time search at")
    parser.add_argument("--no-browser", action="store_true", help="leave out search")
    parser.add_argument("--root", type=Path, default=generate.ROOT, help="the checkout to measure")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="scratch folder (git-ignored)")
    parser.add_argument("--keep", action="store_true", help="keep the copies and sites in --out")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse a corpus already in --out (kept from an earlier run) with this checkout's "
                             "hooks/, docs/, mkdocs.yml and data/schemas/ copied over it, instead of writing it again")
    parser.add_argument("--report", type=Path, default=generate.ROOT / "BENCHMARKS.md",
                        help="the page to write ('-' for none)")
    args = parser.parse_args(argv)
    ints = lambda text: [int(x) for x in text.split(",") if x.strip()]  # noqa: E731
    args.out.mkdir(parents=True, exist_ok=True)
    results = measure.measure(ints(args.scales), 1 if args.quick else args.runs, args.out, args.root.resolve(),
                              max(ints(args.scales)) if args.profile_scale is None else args.profile_scale,
                              ints(args.serve_scales),
                              [] if args.no_browser else ints(args.search_scales), args.reuse)
    results.update(argv=sys.argv[1:] if argv is None else argv, quick=args.quick,
                   date=dt.date.today().isoformat(), root=str(args.root))
    (args.out / "results.json").write_text(json.dumps(results, indent=2, default=str), "utf-8")
    for line in report.render(results).split("## Full builds")[0].splitlines():
        print(line)
    if not args.keep:
        for path in args.out.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
    if str(args.report) != "-":
        report.write(results, args.report)
        measure.log(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
