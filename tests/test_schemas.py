"""The schemas in data/schemas/ are for other tools too: each is valid JSON Schema with ECMA-262
patterns (what editors and check-jsonschema use), each field has words for an editor's hover,
and every data file passes check-jsonschema against the schema its first line names."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHECKOUT, ROOT, copy_project

SCHEMAS = sorted((ROOT / "data" / "schemas").glob("*.schema.json"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
CHECK = [sys.executable, "-m", "check_jsonschema"]


def data_files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yaml"))


def schema_of(file: Path) -> Path:
    """The schema the file's first line points editors at, resolved from the file's folder."""
    first = file.read_text("utf-8").lstrip("\ufeff").split("\n", 1)[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{file}: the first line must be '# yaml-language-server: $schema=...'"
    return (file.parent / match.group(1)).resolve()


def check_jsonschema(root: Path, files: list[Path] | None = None) -> subprocess.CompletedProcess:
    """scripts/check-schemas (what pre-commit runs): check-jsonschema on every data file of the
    project at `root`, or on `files`, each against the schema its first line names."""
    return subprocess.run([sys.executable, str(CHECKOUT / "scripts" / "check-schemas"),
                           *(str(f.relative_to(root)) for f in files or [])],
                          cwd=root, capture_output=True, text=True, timeout=300)


def test_every_schema_is_valid_json_schema_with_ecma_patterns():
    result = subprocess.run([*CHECK, "--check-metaschema", *map(str, SCHEMAS)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_pattern_editors_cannot_read(tmp_path):
    """The metaschema check really checks patterns as ECMA-262, as the old URL pattern showed."""
    bad = tmp_path / "bad.schema.json"
    bad.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema",
                               "type": "string", "pattern": "^[^\\s\\\"]+$"}), "utf-8")
    result = subprocess.run([*CHECK, "--check-metaschema", str(bad)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0


def test_every_data_file_passes_check_jsonschema():
    files = data_files(ROOT)
    assert files
    result = check_jsonschema(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok -- validation done") == len({schema_of(f) for f in files})


def test_check_jsonschema_finds_a_mistake_in_a_data_file(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "declarations" / "xxi.yaml"
    path.write_text(path.read_text("utf-8").replace("\nordinal: XXI\n", "\nordinal: xxi\n", 1), "utf-8")
    result = check_jsonschema(project)
    assert result.returncode != 0 and "xxi.yaml" in result.stdout, result.stdout
    alone = check_jsonschema(project, [path])
    assert alone.returncode != 0 and "xxi.yaml" in alone.stdout


def _properties(node, path=""):
    """(path, property schema) for every property declared anywhere in a schema."""
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield f"{path}/{key}", value
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}" if key != "properties" else path)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, path)


@pytest.mark.parametrize("schema", SCHEMAS, ids=[s.name for s in SCHEMAS])
def test_every_field_has_words_for_the_editors_hover(schema):
    doc = json.loads(schema.read_text("utf-8"))
    assert doc.get("title"), f"{schema.name} has no title"
    silent = [path for path, prop in _properties(doc)
              if isinstance(prop, dict) and not (prop.get("description") or prop.get("title"))]
    assert not silent, f"{schema.name}: fields without a description: {silent}"
    for name, definition in doc.get("$defs", {}).items():
        assert definition.get("description") or definition.get("title") or "$ref" in definition, name


def test_every_data_file_names_an_existing_schema():
    for file in data_files(ROOT):
        assert schema_of(file).exists(), file
