"""The benchmarks' synthetic corpus is data the engine accepts: a rule added to the data (a new
required field, a new check) must reach benchmarks/generate.py too, or `make benchmark` breaks
long after the change that broke it."""
from __future__ import annotations

import sys

from conftest import CHECKOUT, ROOT
from rcmkb import site
from rcmkb.errors import DataError

sys.path.insert(0, str(CHECKOUT))
from benchmarks import generate  # noqa: E402


def test_the_synthetic_corpus_loads_and_builds(tmp_path):
    dest = tmp_path / "corpus"
    counts = generate.generate(dest, scale=2, root=ROOT)
    assert counts["declarations"] > len(list((ROOT / "data" / "declarations").glob("*.yaml")))
    try:
        site.build(dest, dest / "docs", site_url="https://example.org/")
    except DataError as error:
        raise AssertionError("benchmarks/generate.py writes data the engine refuses:\n" + error.report())
