"""Checks a loaded YAML document against its JSON Schema in data/schemas/, reporting each
failure with its line and a plain-words fix."""
from __future__ import annotations

import difflib
import re
import json
from functools import lru_cache
from pathlib import Path

from . import safefs
from .errors import DataError, Problems
from .yamlio import Lines, line_of

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "array": "a list", "object": "a set of fields",
               "null": "empty"}


def _whole_pattern(validator, pattern, instance, schema):
    """'pattern' with \\A...\\Z semantics: a schema's '^...$' must match the whole value, so that
    'xxi\\n' is not an id (Python's '$' also matches before a final line break)."""
    if not validator.is_type(instance, "string"):
        return
    strict = re.sub(r"(?<!\\)\$$", r"\\Z", re.sub(r"^\^", r"\\A", pattern))
    if not re.search(strict, instance):
        from jsonschema import ValidationError
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _strict():
    """Draft 2020-12 with whole-value patterns; built on first use (jsonschema is imported late)."""
    from jsonschema import Draft202012Validator, validators
    return validators.extend(Draft202012Validator, {"pattern": _whole_pattern})


@lru_cache(maxsize=None)
def _validator(schema_dir: str, name: str, fingerprint: tuple):
    """One validator per schema as its files are now (`fingerprint`), so that a schema edited under
    `mkdocs serve` is applied on the next build. jsonschema is imported here, when a file is
    checked: a build whose data all comes from the engine's cache does not need it."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
    folder = Path(schema_dir)
    resources = [(p.name, Resource.from_contents(read_json(p), DRAFT202012))
                 for p in sorted(folder.glob("*.schema.json"))]
    registry = Registry().with_resources(resources)
    return _strict()(registry.contents(name), registry=registry)


def read_json(path: Path):
    """A schema file, read through safefs; a broken one stops the build with its name."""
    problems = Problems()
    rel = "/".join(Path(path).parts[-3:])      # data/schemas/x.schema.json, data/budget/x.schema.json
    text = safefs.read_text(Path(path), rel, problems)
    if text is not None:
        try:
            return json.loads(text)
        except ValueError as e:
            problems.add(rel, getattr(e, "lineno", 0), f"this schema is not valid JSON ({e.msg}). "
                                                       "Restore it from version control.")
    raise DataError(problems.items)


def check(doc, lines: Lines, schema_dir: Path, schema: str, rel: str, problems: Problems) -> bool:
    """Validate `doc`; report every failure. True when the document is valid."""
    fingerprint = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                        for p in sorted(Path(schema_dir).glob("*.schema.json")))
    validator = _validator(str(schema_dir), schema, fingerprint)
    for path in Path(schema_dir).glob("*.schema.json"):    # read once, used by every check
        safefs.note(path)
    ok = True
    for error in _leaves(validator.iter_errors(doc)):
        ok = False
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            extra = [k for k in error.instance if k not in allowed]
            path = path + (extra[0],) if extra else path   # the unknown key's own line
        problems.add(rel, line_of(lines, path), _explain(error, path, lines))
    return ok


def _leaves(errors):
    """Report the most specific failure, not the umbrella 'oneOf/anyOf failed' above it."""
    for error in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        if error.validator in ("anyOf", "oneOf") and error.context:
            best = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
            yield best
        else:
            yield error


def _where(path: tuple) -> str:
    parts = [f"item {p + 1}" if isinstance(p, int) else f"'{p}'" for p in path]
    return " in ".join(reversed(parts)) if parts else "the file"


def _explain(error, path, lines) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint")
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        key = unknown[0] if unknown else "?"
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else "remove it, or use one of: " + ", ".join(allowed)
        return f"unknown field '{key}' ({fix})"
    if kind == "required":
        field = error.message.split("'")[1] if "'" in error.message else error.message
        if not hint and field == "locator":    # say what a locator is, not only that it is missing
            hint = ("where in the source: the section, paragraph, decision, slide or footnote, e.g. "
                    "'The Process, paragraph 3'; 'whole document' if it rests on the whole document")
        return f"the required field '{field}' is missing from {_where(path)}. Add a line '{field}: ...'" + (
            f" ({hint})." if hint else ".")
    if kind == "type":
        want = error.validator_value
        want = " or ".join(_TYPE_WORDS.get(t, t) for t in (want if isinstance(want, list) else [want]))
        got = type(error.instance).__name__
        got = {"str": "text", "int": "a whole number", "float": "a number", "bool": "true/false",
               "list": "a list", "dict": "a set of fields", "NoneType": "empty"}.get(got, got)
        return f"{_where(path)} should be {want}, but it is {got}" + (
            " (put text in quotes if it looks like a number or true/false)." if want == "text" else ".")
    if kind == "enum":
        return f"{_where(path)} is '{error.instance}', which is not allowed. Use one of: " + ", ".join(
            map(str, error.validator_value)) + "."
    if kind == "pattern":
        return f"{_where(path)} is '{error.instance}', which is not " + (hint or "in the expected form") + "."
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{_where(path)} is {error.instance}, but it must not be below {error.validator_value}."
    if kind in ("minItems", "minLength"):
        return f"{_where(path)} is empty; fill it in or remove the field."
    if kind == "uniqueItems":
        return f"{_where(path)} lists the same value twice; keep one."
    return f"{_where(path)}: {hint or error.message}"
