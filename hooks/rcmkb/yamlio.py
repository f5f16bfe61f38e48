"""Strict YAML reading: duplicate keys are errors, only true/false are booleans, dates stay text,
and every value keeps the line it came from."""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from . import safefs
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


# Limits: no real data file comes near them; a file past them is malformed or an attack
# (a "billion laughs" file expands a few hundred bytes into gigabytes through aliases).
MAX_DEPTH = 32          # nesting of mappings and lists
MAX_ALIASES = 100       # *alias uses in one file (the project's data uses none)
MAX_NODES = 200_000     # values in one file once aliases are expanded
MAX_INT = 2**63 - 1     # whole numbers fit in 64 bits
# Characters that no data text needs and that hide or break things: C0 and C1 controls (tab,
# line feed and carriage return aside), DEL, and the bidirectional overrides that can make a
# text read differently from what it holds.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null")}


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be read (see safefs)."""
    return safefs.read_text(path, rel, problems)


def forbidden_characters(text: str, rel: str, problems: Problems) -> bool:
    """Report characters no data file may hold (at most 5 lines per file). True if any."""
    found = 0
    for number, line in enumerate(text.split("\n"), 1):
        m = _FORBIDDEN.search(line)
        if m:
            found += 1
            if found <= 5:
                problems.add(rel, number, f"this line holds the invisible character U+{ord(m.group()):04X} "
                             f"at column {m.start() + 1}, which data may not contain. Delete it (retype "
                             "the line if your editor does not show it).")
    return bool(found)


def load(path: Path, rel: str, problems: Problems) -> tuple[Any, Lines] | None:
    """Load one YAML file; on failure report to `problems` and return None."""
    text = read_text(path, rel, problems)
    if text is None:
        return None
    return loads(text, rel, problems)


def loads(text: str, rel: str, problems: Problems) -> tuple[Any, Lines] | None:
    """Load YAML text as if read from `rel`; on failure report to `problems` and return None."""
    if not re.sub(r"(?m)^\s*#.*$", "", text).strip():
        problems.add(rel, 1, "this file is empty. Fill it in (see the Contribute page) or delete it.")
        return None
    if forbidden_characters(text, rel, problems):
        return None
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(rel, number, "this line is indented with a tab. YAML only accepts spaces: "
                                      "replace the tab with spaces.")
            return None
    try:
        if not _within_limits(text, rel, problems):
            return None
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        _syntax_error(e, rel, problems)
        return None
    except yaml.YAMLError as e:   # a reader error: no line to point at
        problems.add(rel, 0, f"this is not valid YAML ({str(e).splitlines()[0][:120]}). Check the file "
                             "in your editor.")
        return None
    if node is None:
        problems.add(rel, 1, "this file is empty. Fill it in (see the Contribute page) or delete it.")
        return None
    lines: Lines = {}
    before = len(problems.items)
    value = _Converter(loader, rel, problems).convert(node, (), lines)
    if len(problems.items) > before:
        return None
    return value, lines


def _syntax_error(e: yaml.MarkedYAMLError, rel: str, problems: Problems) -> None:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 0
    what = (e.problem or "the YAML cannot be read").rstrip(".")
    what = _FORBIDDEN.sub(lambda m: f"U+{ord(m.group()):04X}", what)[:160]
    started = ""
    if e.context_mark and e.problem_mark and e.context_mark.line < e.problem_mark.line:
        started = f" The {(e.context or 'part').removeprefix('while parsing a ')} that is not " \
                  f"closed starts on line {e.context_mark.line + 1}."
    problems.add(rel, line, f"this is not valid YAML ({what}).{started} Check the indentation, "
                            "the colons, the brackets and the quotes on this line and the lines before it.")


def _within_limits(text: str, rel: str, problems: Problems) -> bool:
    """Walk the YAML events (stopping early) to enforce the nesting and alias limits before
    anything is built; a file a thousand levels deep is refused at level 33."""
    loader = _StrictLoader(text)
    depth = aliases = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.add(rel, line, f"the data is nested more than {MAX_DEPTH} levels deep "
                                 "here. Check the indentation and the brackets: no data file needs this.")
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    problems.add(rel, line, f"this file uses more than {MAX_ALIASES} YAML aliases "
                                 "(*name). Write the values out instead.")
                    return False
    finally:
        loader.dispose()
    return True


class _Converter:
    """Builds plain Python values from a YAML node tree, keeping each value's line, and refusing
    what the data never needs: tags, merge keys, recursive or exploding aliases, huge numbers."""

    def __init__(self, loader, rel: str, problems: Problems):
        self.loader, self.rel, self.problems = loader, rel, problems
        self.nodes = 0
        self.active: set[int] = set()   # nodes being converted: a node inside itself is a loop
        self.stopped = False

    def fail(self, node, message: str) -> None:
        if not self.stopped:
            self.problems.add(self.rel, node.start_mark.line + 1, message)

    def convert(self, node, path, lines, depth: int = 0):
        if self.stopped:
            return None
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            self.fail(node, f"this file expands to more than {MAX_NODES:,} values or {MAX_DEPTH} "
                            "levels (through YAML aliases). Write the values out instead of aliasing them.")
            self.stopped = True
            return None
        if id(node) in self.active:
            self.fail(node, "this YAML alias refers to the value that contains it, which never ends. "
                            "Remove the alias.")
            self.stopped = True
            return None
        lines[path] = node.start_mark.line + 1
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path, lines, depth)
            if isinstance(node, yaml.SequenceNode):
                if node.tag != "tag:yaml.org,2002:seq":
                    return self.fail(node, self.tag_message(node.tag))
                return [self.convert(item, path + (i,), lines, depth + 1) for i, item in enumerate(node.value)]
            return self.scalar(node)
        finally:
            self.active.discard(id(node))

    def mapping(self, node, path, lines, depth):
        if node.tag != "tag:yaml.org,2002:map":
            return self.fail(node, self.tag_message(node.tag))
        out: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "merge keys ('<<:') are not used in this project's data. Write "
                                    "the fields out in full.")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a field name must be plain text, not a list or a set of fields. "
                                    "Check the colons and the indentation.")
                continue
            key = self.scalar(key_node)
            key = "" if key is None else str(key)
            if key in out:
                self.fail(key_node, f"the field '{key}' appears twice here (first on line "
                                    f"{lines[path + (key,)]}). Keep one of them.")
                continue
            lines[path + (key,)] = line
            out[key] = self.convert(value_node, path + (key,), lines, depth + 1)
            lines[path + (key,)] = line  # the key's line, not the value's, names the field
        return out

    def tag_message(self, tag: str) -> str:
        shown = tag.replace("tag:yaml.org,2002:", "!!")[:60]
        return (f"the YAML tag '{shown}' is not used in this project's data. Remove it (put text in "
                "quotes if it starts with '!').")

    def scalar(self, node):
        if node.tag not in _SCALAR_TAGS:
            return self.fail(node, self.tag_message(node.tag))
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > 25:
            return self.fail(node, f"the number {node.value[:20]}... is far too large. Check it.")
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return self.fail(node, f"'{node.value[:40]}' cannot be read as a {node.tag.rsplit(':', 1)[-1]}. "
                                   "Put it in quotes if it is text.")
        if isinstance(value, str):
            bad = _FORBIDDEN.search(value) or re.search("[\r\u2028\u2029]", value)
            if bad:
                return self.fail(node, f"this value holds the invisible character U+{ord(bad.group()):04X} "
                                       "(written as an escape such as \\r or \\u in quotes), which data "
                                       "may not contain. Remove it.")
            return value
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int) and not -MAX_INT - 1 <= value <= MAX_INT:
            return self.fail(node, f"the number {value} is larger than any this site accepts (64 bits). "
                                   "Check it.")
        if isinstance(value, float) and not math.isfinite(value):
            return self.fail(node, f"'{node.value}' is not a finite number. Write the number out, or "
                                   "put it in quotes if it is text.")
        return value


def line_of(lines: Lines, path: tuple) -> int:
    """The line of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 0)
