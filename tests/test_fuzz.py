"""Property-based fuzzing of the real data (Hypothesis): mutate one data file at a time (byte
flips, truncation, inserted text, structural YAML and CSV changes, type swaps) and check that the
engine either builds the site or stops with a clear message: a DataError naming files, never a
traceback, and never longer than a time bound.

`make test` runs a fixed number of examples with a fixed seed (RCM_FUZZ_EXAMPLES, 20 by default, under two minutes);
`make fuzz` runs many more with fresh randomness each time.
"""
from __future__ import annotations

import copy
import csv
import io
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from conftest import ROOT
from injection import nodes
from rcmkb import site
from rcmkb.errors import DataError

EXAMPLES = int(os.environ.get("RCM_FUZZ_EXAMPLES", "20"))
RANDOM = os.environ.get("RCM_FUZZ_RANDOM") == "1"       # make fuzz: new examples every run
BOUND = float(os.environ.get("RCM_FUZZ_SECONDS", "60"))  # one build, on a busy two-core machine
FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*")
               if p.is_file() and p.suffix in (".yaml", ".csv", ".txt", ".json"))

ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["<script>alert(1)</script>", "xxi/999", "\n", "*[X]: y", "=cmd|' /C calc'!A0",
                     "IIII", "../../etc/passwd", "2016-02-30", "-1", "1e999", "\u202e", "&a [*a]"]),
)


@st.composite
def mutations(draw):
    rel = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "structure"]))
    if kind == "flip":
        return rel, kind, draw(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                                        min_size=1, max_size=4))
    if kind == "truncate":
        return rel, kind, draw(st.floats(0, 1))
    if kind == "insert":
        return rel, kind, (draw(st.floats(0, 1)), draw(st.text(min_size=1, max_size=12)))
    return rel, kind, (draw(st.sampled_from(["swap", "delete", "duplicate", "rename"])),
                       draw(st.integers(0, 10_000)), draw(ODD_VALUES))


def _structural(rel: str, text: str, how: str, pick: int, value) -> str:
    if rel.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        r = rows[pick % len(rows)]
        c = pick % max(len(r), 1)
        if how == "swap" and r:
            r[c] = str(value)
        elif how == "delete" and r:
            del r[c]
        elif how == "duplicate":
            rows.insert(pick % len(rows), list(r))
        else:
            rows[0] = list(reversed(rows[0]))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    paths = [p for p, _ in nodes(doc) if p]
    if not paths:
        return text
    path = paths[pick % len(paths)]
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "swap":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == "rename" and isinstance(parent, dict):
        parent[str(value)[:20] or "x"] = parent.pop(last)
    first = text.split("\n", 1)[0] + "\n" if text.startswith("#") else ""
    try:
        return first + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return text


def mutate(data: bytes, rel: str, kind: str, arg) -> bytes:
    if kind == "flip":
        out = bytearray(data)
        for where, byte in arg:
            if out:
                out[int(where * len(out))] = byte
        return bytes(out)
    if kind == "truncate":
        return data[: int(arg * len(data))]
    if kind == "insert":
        where, text = arg
        at = int(where * len(data))
        return data[:at] + text.encode("utf-8", "surrogatepass") + data[at:]
    how, pick, value = arg
    return _structural(rel, data.decode("utf-8"), how, pick, value).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "project"
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, root / name)
    return root


class _TooLong(Exception):
    pass


def _alarm(signum, frame):
    raise _TooLong()


def _fuzz(project, mutation):
    rel, kind, arg = mutation
    path = project / rel
    original = path.read_bytes()
    path.write_bytes(mutate(original, rel, kind, arg))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, BOUND)
    start = time.monotonic()
    try:
        site.build(project, project / "docs", site_url="https://example.org/")
    except DataError as error:
        report = error.report()
        assert error.problems and "Traceback" not in report
        for problem in error.problems:
            assert problem.file and problem.message, problem
            assert problem.file.startswith(("data/", "docs/")), problem
    except _TooLong:
        pytest.fail(f"{rel} after {kind} {arg!r}: the build ran longer than {BOUND} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        path.write_bytes(original)
    assert time.monotonic() - start < BOUND


_settings = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
                     print_blob=True)


@seed(20261201)
@_settings
@given(mutation=mutations())
def test_mutated_data_builds_or_stops_with_a_clear_message(project, mutation):
    _fuzz(project, mutation)
