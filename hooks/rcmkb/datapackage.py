"""The Frictionless Data Package (datapackage.json) that describes every CSV and JSON file of the
open data: each file's fields and types (read from the file itself, so the description cannot
drift from the data), and the primary and foreign keys that tie the tables together."""
from __future__ import annotations

import csv
import io
import json
import re

from . import reuse
from .i18n import t
from .render import Dataset, to_json

# Keys by table (a file name without its extension). A foreign key names the table it points at;
# the description points at that table's CSV when there is one, else at its JSON.
KEYS = {
    "declarations": {"primaryKey": ["ordinal"]},
    "decisions": {"primaryKey": ["declaration", "number"],
                  "foreignKeys": [(["declaration"], "declarations", ["ordinal"])]},
    "entities": {"primaryKey": ["id"],
                 "foreignKeys": [(["parent"], "entities", ["id"]), (["source"], "sources", ["id"])]},
    "sources": {"primaryKey": ["id"]},
    "commitments": {"primaryKey": ["id"],
                    "foreignKeys": [(["declaration", "decision"], "decisions", ["declaration", "number"])]},
    "commitment-asked": {"primaryKey": ["commitment", "entity"],
                         "foreignKeys": [(["commitment"], "commitments", ["id"]),
                                         (["entity"], "entities", ["id"])]},
    "budget-lines": {"primaryKey": ["year", "id"],
                     "foreignKeys": [(["parent"], "budget-lines", ["id"])]},
    "contributions": {"primaryKey": ["year", "country"],
                      "foreignKeys": [(["country"], "entities", ["id"])]},
}
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _type_of_values(values: list) -> str:
    """The Table Schema type of a JSON column."""
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "any"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "integer"
    if kinds <= {int, float}:
        return "number"
    if kinds == {list}:
        return "array"
    if kinds == {dict}:
        return "object"
    if kinds == {str}:
        return "string"
    return "any"


def _type_of_cells(cells: list[str]) -> str:
    """The Table Schema type of a CSV column: integer or number when every filled cell is one."""
    filled = [c for c in cells if c != ""]
    if filled and all(_INTEGER.match(c) for c in filled):
        return "integer"
    if filled and all(_NUMBER.match(c) for c in filled):
        return "number"
    return "string"


def _csv_fields(content: bytes) -> list[dict]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    return [{"name": name, "type": _type_of_cells([r[i] for r in body if i < len(r)])}
            for i, name in enumerate(header)]


def _json_fields(content: bytes) -> list[dict] | None:
    data = json.loads(content)
    if not (isinstance(data, list) and data and all(isinstance(r, dict) for r in data)):
        return None
    names = list(dict.fromkeys(k for r in data for k in r))
    return [{"name": n, "type": _type_of_values([r.get(n) for r in data])} for n in names]


def _resource_name(file: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", file.lower()).strip("-")


def describe(datasets: list[Dataset]) -> dict:
    resources, by_table = [], {}
    for ds in datasets:
        for file, content in ds.files.items():
            table, _, ext = file.rpartition(".")
            if ext not in ("csv", "json") or "/" in file:
                continue
            fields = _csv_fields(content) if ext == "csv" else _json_fields(content)
            if fields is None:     # a JSON document that is not a table: described, not typed
                resources.append({"name": _resource_name(file), "path": file, "title": ds.title,
                                  "description": ds.description, "format": ext,
                                  "mediatype": "application/json", "encoding": "utf-8"})
                continue
            resource = {"name": _resource_name(file), "path": file, "title": ds.title,
                        "description": ds.description, "format": ext,
                        "mediatype": "text/csv" if ext == "csv" else "application/json",
                        "encoding": "utf-8", "profile": "tabular-data-resource",
                        "schema": {"fields": fields}}
            if ext == "csv":
                resource["dialect"] = {"delimiter": ",", "lineTerminator": "\n"}
                resource["schema"]["missingValues"] = [""]
            resources.append(resource)
            by_table.setdefault(table, {})[ext] = resource
    for table, variants in by_table.items():
        keys = KEYS.get(table)
        if not keys:
            continue
        for resource in variants.values():
            names = {f["name"] for f in resource["schema"]["fields"]}
            if all(k in names for k in keys["primaryKey"]):
                resource["schema"]["primaryKey"] = keys["primaryKey"]
            foreign = []
            for fields, target, target_fields in keys.get("foreignKeys", []):
                other = by_table.get(target, {})
                pointed = other.get(resource["format"]) or other.get("csv") or other.get("json")
                if pointed is None or not all(f in names for f in fields):
                    continue
                foreign.append({"fields": fields, "reference": {
                    "resource": "" if pointed is resource else pointed["name"], "fields": target_fields}})
            if foreign:
                resource["schema"]["foreignKeys"] = foreign
    return {"profile": "data-package", "name": "rcm-knowledge-base",
            "title": t("site.name"), "description": t("dataset.datapackage.about"),
            "licenses": reuse.licences(), "resources": resources}


def dataset(datasets: list[Dataset]) -> Dataset:
    return Dataset("datapackage", t("dataset.datapackage"), t("dataset.datapackage.about"),
                   {"datapackage.json": to_json(describe(datasets))})
