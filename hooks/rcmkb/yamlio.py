"""Strict YAML reading: duplicate keys are errors, only true/false are booleans, dates stay text,
and every value keeps the line it came from."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

# A path into a loaded document: keys and list indexes, e.g. ("decisions", 17, "text").
Path_ = tuple
Lines = dict  # Path_ -> 1-based line


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader with YAML 1.2 booleans and no implicit timestamps."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tf":
    _StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list(_first))


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        problems.add(rel, line, "this file is not saved as UTF-8 text. Open it in your editor and "
                                "save it again with the UTF-8 encoding.")
        return None
    return text.removeprefix("\ufeff")


def load(path: Path, rel: str, problems: Problems) -> tuple[Any, Lines] | None:
    """Load one YAML file; on failure report to `problems` and return None."""
    text = read_text(path, rel, problems)
    if text is None:
        return None
    if not re.sub(r"(?m)^\s*#.*$", "", text).strip():
        problems.add(rel, 1, "this file is empty. Fill it in (see the Contribute page) or delete it.")
        return None
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(rel, number, "this line is indented with a tab. YAML only accepts spaces: "
                                      "replace the tab with spaces.")
            return None
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        what = (e.problem or "the YAML cannot be read").rstrip(".")
        started = ""
        if e.context_mark and e.problem_mark and e.context_mark.line < e.problem_mark.line:
            started = f" The {(e.context or 'part').removeprefix('while parsing a ')} that is not " \
                      f"closed starts on line {e.context_mark.line + 1}."
        problems.add(rel, line, f"this is not valid YAML ({what}).{started} Check the indentation, "
                                "the colons, the brackets and the quotes on this line and the lines before it.")
        return None
    finally:
        loader.dispose()
    lines: Lines = {}
    before = len(problems.items)
    value = _convert(node, (), lines, loader, rel, problems)
    if len(problems.items) > before:
        return None
    return value, lines


def _convert(node, path, lines, loader, rel, problems):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path + ("<key>",), {}, loader, rel, problems)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in out:
                problems.add(rel, line, f"the field '{key}' appears twice here (first on line "
                                        f"{lines[path + (key,)]}). Keep one of them.")
                continue
            lines[path + (key,)] = line
            out[key] = _convert(value_node, path + (key,), lines, loader, rel, problems)
            lines[path + (key,)] = line  # the key's line, not the value's, names the field
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, loader, rel, problems)
                for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def line_of(lines: Lines, path: tuple) -> int:
    """The line of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 0)
