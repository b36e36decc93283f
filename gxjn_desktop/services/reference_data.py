"""Loading the reference files under resources/reference/ (coefficients, factors, targets, rules,
work plans) and the work plans a bureau issued later, kept in the data folder."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.plan_schema import PLAN_HINT, parse_plan
from gxjn_desktop.domain.reference import ReferenceData, build_reference_data
from gxjn_desktop.domain.workplan import WorkPlan
from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import imported_plan_dir, resource_path

MAX_PLAN_BYTES = 256 * 1024  # the 2023 plan is 5 KB
MAX_JSON_DEPTH = 8  # the plan format nests 4 deep

REFERENCE_FILES = {
    "coefficients": "coefficients.json",
    "emission_factors": "emission_factors.json",
    "targets": "targets.json",
    "rules": "rules.json",
}


def reference_dir() -> Path:
    return resource_path("reference")


def read_reference_file(name: str, folder: Path | None = None) -> dict[str, Any]:
    path = (folder or reference_dir()) / REFERENCE_FILES[name]
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"缺少参考数据文件 {path}", "请重新安装 gxjn") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"参考数据文件 {path} 格式错误：{exc}", "请使用机关事务管理局发布的原文件") from exc
    if "version" not in data:
        raise UserError(f"参考数据文件 {path} 没有版本号", "每个参考数据文件都必须写明 version")
    return data


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> ReferenceData:
    return build_reference_data(
        read_reference_file("coefficients", folder),
        read_reference_file("emission_factors", folder),
        read_reference_file("targets", folder),
    )


def shipped_work_plan_files(folder: Path | None = None) -> list[Path]:
    """The plan files shipped under resources/reference/ (``workplan-YYYY.json``)."""
    return sorted((folder or reference_dir()).glob("workplan-*.json"))


def load_work_plans(data_dir: Path | None = None, folder: Path | None = None) -> list[WorkPlan]:
    """Every plan: the shipped ones, then those imported into ``data_dir`` (an import never
    replaces a shipped year; see services.workplan.plans)."""
    plans = {p.year: p for p in (read_plan_file(f, shipped=True) for f in shipped_work_plan_files(folder))}
    if data_dir is not None:
        for f in imported_work_plan_files(data_dir):
            plan = read_plan_file(f)
            plans.setdefault(plan.year, plan)
    return [plans[y] for y in sorted(plans)]


def json_depth(text: str) -> int:
    """The deepest nesting of ``[`` / ``{`` in ``text``, counted outside strings, without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


def read_plan_file(path: Path, *, shipped: bool = False) -> WorkPlan:
    """Read one plan file as a hostile file: size capped before reading, nesting before parsing,
    numbers read exactly, every field checked; :class:`UserError` (in Chinese) for anything wrong."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"找不到工作安排文件 {path}", "请检查文件路径") from exc
    if size > MAX_PLAN_BYTES:
        raise UserError(
            f"工作安排文件 {name} 过大（{size} 字节，上限 {MAX_PLAN_BYTES} 字节），不是有效的工作安排", PLAN_HINT
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"工作安排文件 {name} 不是 UTF-8 文本", PLAN_HINT) from exc
    if json_depth(text) > MAX_JSON_DEPTH:
        raise UserError(f"工作安排文件 {name} 嵌套层数过多，不是有效的工作安排", PLAN_HINT)
    try:
        data = json.loads(text, parse_float=str, parse_int=str, parse_constant=_refuse_constant)
    except ValueError as exc:
        raise UserError(f"工作安排文件 {name} 不是有效的 JSON：{exc}", PLAN_HINT) from exc
    return parse_plan(data, name, shipped=shipped)


def imported_work_plan_files(data_dir: Path) -> list[Path]:
    return sorted(imported_plan_dir(data_dir).glob("workplan-*.json"))
