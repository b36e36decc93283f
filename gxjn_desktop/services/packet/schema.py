"""Validating data.json against its JSON Schema (resources/schema/packet-data-1.0.json).

A small validator for the part of JSON Schema 2020-12 that the schema file uses (type, const,
enum, pattern, lengths, bounds, required, properties, additionalProperties, items, oneOf, local
$ref), so reading a packet needs no further package. A keyword it does not know is an error in the
schema file, not silently ignored.

Two forms of one reading: the schema compiled once into nested closures that only say whether a
document fits (the bureau verifies thousands of packets: ~1 ms instead of ~15 ms for a 60 KB
data.json), and the interpreter below that names every problem, run only when the answer is no.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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
    if (_compiled_packet_schema() if schema is None else _compile_root(root))(data):
        return []
    v = _Validator(root)
    v.check(data, root, "")
    return v.problems


# ---- the compiled fast path: the same rules as _Validator.check, answering only yes or no ----------

_Check = Callable[[Any], bool]


@lru_cache(maxsize=1)
def _compiled_packet_schema() -> _Check:
    return _compile_root(load_schema())


class _Refs(dict[str, _Check]):
    """``$ref`` targets while compiling: a definition compiled already is used directly; one that
    is not yet (a later or recursive one) through a function that looks it up at call time."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.compiled: dict[str, _Check] = {}
        for name in names:
            self[name] = self._late(name)

    def _late(self, name: str) -> _Check:
        def late(value: Any) -> bool:
            return self.compiled[name](value)

        return late

    def __getitem__(self, name: str) -> _Check:
        done = self.compiled.get(name)
        return done if done is not None else super().__getitem__(name)


def _compile_root(root: dict[str, Any]) -> _Check:
    defs = root.get("$defs", {})
    refs = _Refs(list(defs))
    for name, sub in defs.items():
        refs.compiled[name] = _compile(sub, refs)
    return _compile(root, refs)


_NUMBERS = (int, float)  # a tuple, not int | float: isinstance is twice as fast with it


def _always(_value: Any) -> bool:
    return True


_EXACT: dict[str, frozenset[type]] = {
    "object": frozenset({dict}),
    "array": frozenset({list}),
    "string": frozenset({str}),
    "integer": frozenset({int}),
    "number": frozenset({int, float}),
    "boolean": frozenset({bool}),
    "null": frozenset({type(None)}),
}
# Which keywords constrain a value of which exact type beyond its type (a node with any other
# keyword, e.g. const, enum, oneOf or $ref, has no value that fits by its type alone).
_CONSTRAINS: dict[str, frozenset[type]] = {
    "pattern": _EXACT["string"], "minLength": _EXACT["string"], "maxLength": _EXACT["string"],
    "minimum": _EXACT["number"], "maximum": _EXACT["number"],
    "items": _EXACT["array"], "minItems": _EXACT["array"], "maxItems": _EXACT["array"],
    "properties": _EXACT["object"], "required": _EXACT["object"], "additionalProperties": _EXACT["object"],
}  # fmt: skip
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "type"}


def _fits_by_type(schema: dict[str, Any]) -> frozenset[type]:
    """The exact Python types of which every value fits ``schema`` (as parsed from JSON: no
    subclasses), so a caller can accept such a value without calling the node's check. A value of
    any other type (or of a subclass) still goes through the full check."""
    if not isinstance(schema.get("type"), str | list):
        return frozenset()
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    exact = frozenset(t for name in names for t in _EXACT[name])
    for key in schema:
        if key in _ANNOTATIONS:
            continue
        constrained = _CONSTRAINS.get(key)
        if constrained is None:
            return frozenset()
        exact -= constrained
    return exact


_MISSING = object()


def _object_check(
    props: dict[str, tuple[frozenset[type], _Check]],
    required: frozenset[str],
    closed: bool,
    extra_check: _Check | None,
    extra_fits: frozenset[type],
    other: bool,
) -> _Check:
    """An object node's check as one function written out for its properties (the hot loop of the
    whole validator: no per-key lookup of what to do, no call for a value that fits by type).

    Built from the schema file's own property names with ``exec``; the names go in as literals
    (``repr``), nothing else from the file becomes code."""
    ns: dict[str, Any] = {
        "_MISSING": _MISSING, "_required": required, "_keys": frozenset(props), "_other": other,
        "_extra": extra_check, "_extra_fits": extra_fits,
    }  # fmt: skip
    lines = [
        "def obj(v):",
        "    if not isinstance(v, dict):",
        "        return _other",
        "    if not _required <= v.keys():",
        "        return False",
    ]
    if closed:
        lines += ["    if not v.keys() <= _keys:", "        return False"]
    for i, (key, (fits, check)) in enumerate(props.items()):
        ns[f"_f{i}"], ns[f"_c{i}"] = fits, check
        present = "" if key in required else "x is not _MISSING and "
        lines += [
            f"    x = v.get({key!r}, _MISSING)",
            f"    if {present}type(x) not in _f{i} and not _c{i}(x):",
            "        return False",
        ]
    if extra_check is not None:
        lines += [
            "    for k, x in v.items():",
            "        if k not in _keys and type(x) not in _extra_fits and not _extra(x):",
            "            return False",
        ]
    lines.append("    return True")
    exec("\n".join(lines), ns)  # see the docstring
    made: _Check = ns["obj"]
    return made


def _type_check(types: list[str]) -> _Check:
    pythons = tuple(t for name in types for t in _TYPES[name])
    numeric = "integer" in types or "number" in types
    if numeric and "boolean" not in types:
        return lambda v: isinstance(v, pythons) and not isinstance(v, bool)
    return lambda v: isinstance(v, pythons)


def _compile(schema: dict[str, Any], refs: _Refs) -> _Check:
    unknown = set(schema) - _KNOWN
    if unknown:
        raise ValueError(f"schema: unsupported keywords {sorted(unknown)}")
    checks: list[_Check] = []
    if "$ref" in schema:
        target = schema["$ref"]
        if not target.startswith("#/$defs/"):
            raise ValueError(f"schema: only local $ref is supported, not {target}")
        checks.append(refs[target[len("#/$defs/") :]])
    types = schema.get("type")
    types = None if types is None else types if isinstance(types, list) else [types]
    type_ok: _Check = _always if types is None else _type_check(types)
    # A node of exactly one container or string type checks its type inside its own closure (one
    # call per value instead of two): ``other`` is what a value of another type gets there.
    sole = types[0] if types is not None and len(types) == 1 else None
    fused: _Check | None = None
    if "const" in schema:
        const = schema["const"]
        checks.append(lambda v: v == const)
    if "enum" in schema:
        enum = schema["enum"]
        checks.append(lambda v: v in enum)
    pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
    min_len, max_len = schema.get("minLength", 0), schema.get("maxLength")
    # A check fused with the node's type check, used when it is the node's only check.
    typed: tuple[_Check, _Check] | None = None
    if pattern is not None or "minLength" in schema or max_len is not None:
        other_str = sole != "string"

        def string(v: Any) -> bool:
            if not isinstance(v, str):
                return other_str
            if pattern is not None and pattern(v) is None:
                return False
            return min_len <= len(v) and (max_len is None or len(v) <= max_len)

        checks.append(string)
        fused = string if sole == "string" else fused
        if types is not None and "string" in types and sole is None:  # e.g. a decimal or null
            rest = _type_check([t for t in types if t != "string"])

            def string_or(v: Any) -> bool:
                if not isinstance(v, str):
                    return rest(v)
                if pattern is not None and pattern(v) is None:
                    return False
                return min_len <= len(v) and (max_len is None or len(v) <= max_len)

            typed = (string, string_or)
    if "minimum" in schema or "maximum" in schema:
        low, high = schema.get("minimum"), schema.get("maximum")

        def bounds(v: Any) -> bool:
            if not isinstance(v, _NUMBERS) or isinstance(v, bool):
                return True
            return (low is None or not v < low) and (high is None or not v > high)

        checks.append(bounds)
        if sole in ("integer", "number"):
            numbers = tuple(_TYPES[sole])

            def bounded(v: Any) -> bool:
                if not isinstance(v, numbers) or isinstance(v, bool):
                    return False
                return (low is None or not v < low) and (high is None or not v > high)

            typed = (bounds, bounded)
    min_items, max_items = schema.get("minItems", 0), schema.get("maxItems")
    item = _compile(schema["items"], refs) if "items" in schema else None
    item_fits = _fits_by_type(schema["items"]) if "items" in schema else frozenset()
    if item is not None or "minItems" in schema or max_items is not None:
        other_list = sole != "array"

        def array(v: Any) -> bool:
            if not isinstance(v, list):
                return other_list
            if len(v) < min_items or (max_items is not None and len(v) > max_items):
                return False
            if item is None:
                return True
            for x in v:  # noqa: SIM110 - a plain loop: no generator per value on the hot path
                if type(x) not in item_fits and not item(x):
                    return False
            return True

        checks.append(array)
        fused = array if sole == "array" else fused
    required = frozenset(schema.get("required", ()))
    # each property: the exact types that fit it by type alone (no call needed), and its check
    props = {k: (_fits_by_type(sub), _compile(sub, refs)) for k, sub in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties", True)
    extra_check = _compile(extra, refs) if isinstance(extra, dict) else None
    extra_fits = _fits_by_type(extra) if isinstance(extra, dict) else frozenset()
    if required or props or extra is not True:
        obj = _object_check(props, required, extra is False, extra_check, extra_fits, sole != "object")
        checks.append(obj)
        fused = obj if sole == "object" else fused
    if "oneOf" in schema:
        options = [_compile(sub, refs) for sub in schema["oneOf"]]
        checks.append(lambda v: sum(1 for o in options if o(v)) == 1)
    if not checks:
        return type_ok
    if len(checks) == 1 and (type_ok is _always or checks[0] is fused):
        return checks[0]
    if len(checks) == 1 and typed is not None and checks[0] is typed[0]:
        return typed[1]
    if len(checks) == 1:
        only = checks[0]
        return lambda v: type_ok(v) and only(v)
    all_checks = tuple(checks)

    def every(v: Any) -> bool:
        if not type_ok(v):
            return False
        for check in all_checks:  # noqa: SIM110 - a plain loop: no generator per value on the hot path
            if not check(v):
                return False
        return True

    return every
