"""The engine on its own, without MkDocs: strict YAML reading and the error wording."""
from __future__ import annotations

from rcmkb import yamlio
from rcmkb.errors import Problems


def load(tmp_path, text):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    problems = Problems()
    return yamlio.load(path, "data/x.yaml", problems), problems


def test_no_and_on_stay_text_and_dates_stay_text(tmp_path):
    (doc, lines), problems = load(tmp_path, "country: NO\nswitch: on\nwhen: 2016-11-17\nflag: true\nn: 3\n")
    assert not problems
    assert doc == {"country": "NO", "switch": "on", "when": "2016-11-17", "flag": True, "n": 3}
    assert lines[("when",)] == 3


def test_lines_of_nested_values(tmp_path):
    (doc, lines), _ = load(tmp_path, "decisions:\n  - number: 1\n    text: a\n  - number: 2\n    text: b\n")
    assert lines[("decisions", 1, "text")] == 5
    assert yamlio.line_of(lines, ("decisions", 1, "missing")) == 4
