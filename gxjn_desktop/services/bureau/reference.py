"""The bureau's reference file (resources/reference/bureau.json): region names and check thresholds."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import resource_path


@lru_cache(maxsize=1)
def bureau_reference() -> dict[str, Any]:
    path = resource_path("reference", "bureau.json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"无法读取参考数据文件 {path}：{exc}", "请重新安装 gxjn") from exc
    if "version" not in data:
        raise UserError(f"参考数据文件 {path} 没有版本号", "每个参考数据文件都必须写明 version")
    return data


def region_name(code: str) -> str:
    names: dict[str, str] = bureau_reference()["admin_divisions"]["names"]
    return names.get(code, "")


def county_name(code: str) -> str:
    """A county-level division's own name (450123 → 隆安县) from the GB/T 2260 list of
    ``resources/reference/admin_codes.json``; "" for a code the list does not have."""
    from gxjn_desktop.domain.regions import guangxi_regions

    regions = guangxi_regions()
    full, city = regions.name(code) or "", regions.name(code[:4] + "00") or ""
    return full[len(city) :] if city and full.startswith(city) and full != city else ""
