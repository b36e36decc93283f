"""Loading the reference files under resources/reference/ (coefficients, factors, targets, rules)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.reference import ReferenceData, build_reference_data
from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import resource_path

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
