"""Validating data.json against its JSON Schema (resources/schema/packet-data-1.0.json).

A small validator for the part of JSON Schema 2020-12 that the schema file uses (type, const,
enum, pattern, lengths, bounds, required, properties, additionalProperties, items, oneOf, local
$ref), so reading a packet needs no further package. A keyword it does not know is an error in the
schema file, not silently ignored.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from gxjn_desktop.paths import resource_path

SCHEMA_FILE = "packet-data-1.0.json"
MAX_PROBLEMS = 20  # enough to say what is wrong; a hostile file could otherwise produce millions

_KNOWN = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum", "pattern",
    "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "required", "properties",
    "additionalProperties", "items", "oneOf",
}  # fmt: skip

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resource_path("schema", SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


class _Validator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.problems: list[str] = []

    def resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"schema: only local $ref is supported, not {ref}")
        found: dict[str, Any] = self.root["$defs"][ref[len("#/$defs/") :]]
        return found

    def ok(self, value: Any, schema: dict[str, Any], path: str) -> bool:
        """Whether ``value`` fits, without recording problems (for oneOf)."""
        saved, self.problems = self.problems, []
        self.check(value, schema, path)
        fits = not self.problems
        self.problems = saved
        return fits

    def fail(self, path: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{path or '/'}：{message}")

    def check(self, value: Any, schema: dict[str, Any], path: str) -> None:
        unknown = set(schema) - _KNOWN
        if unknown:
            raise ValueError(f"schema: unsupported keywords {sorted(unknown)}")
        if "$ref" in schema:
            self.check(value, self.resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, t) for t in types):
                self.fail(path, f"应为 {'/'.join(types)}，实为 {type(value).__name__}")
                return
        if "const" in schema and value != schema["const"]:
            self.fail(path, f"应为 {schema['const']!r}")
        if "enum" in schema and value not in schema["enum"]:
            self.fail(path, f"取值 {value!r} 不在允许的范围内")
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                self.fail(path, f"“{value[:40]}”格式不符")
            if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
                self.fail(path, "长度不符")
        if _is_type(value, "number"):
            if "minimum" in schema and value < schema["minimum"]:
                self.fail(path, f"小于 {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                self.fail(path, f"大于 {schema['maximum']}")
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
                self.fail(path, "项数不符")
            if "items" in schema:
                for i, item in enumerate(value):
                    self.check(item, schema["items"], f"{path}/{i}")
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    self.fail(path, f"缺少 {key}")
            props = schema.get("properties", {})
            extra = schema.get("additionalProperties", True)
            for key, item in value.items():
                if key in props:
                    self.check(item, props[key], f"{path}/{key}")
                elif extra is False:
                    self.fail(path, f"不应有 {key}")
                elif isinstance(extra, dict):
                    self.check(item, extra, f"{path}/{key}")
        if "oneOf" in schema:
            matches = sum(self.ok(value, s, path) for s in schema["oneOf"])
            if matches != 1:
                self.fail(path, "不符合任何一种允许的形式" if matches == 0 else "同时符合多种形式")


def schema_problems(data: Any, schema: dict[str, Any] | None = None) -> list[str]:
    """Where ``data`` does not fit the packet-data schema, in Chinese (empty when it fits)."""
    root = schema or load_schema()
    v = _Validator(root)
    v.check(data, root, "")
    return v.problems
