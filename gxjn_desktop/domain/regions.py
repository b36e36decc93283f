"""行政区划代码 of 广西 (GB/T 2260): the region, its 14 设区市 and their counties and districts.

The list is reference data (``resources/reference/admin_codes.json``, with its source and version),
read once; a unit's 行政区划代码 must be one of these codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gxjn_desktop.paths import resource_path


@dataclass(frozen=True)
class AdminRegions:
    version: str
    names: dict[str, str]  # code → full name, e.g. 450103 → 南宁市青秀区

    def name(self, code: str) -> str | None:
        return self.names.get(code.strip())


def build_admin_regions(data: dict[str, Any]) -> AdminRegions:
    region = data["region"]
    names = {str(region["code"]): str(region["name"])}
    for city_code, city in data["cities"].items():
        names[str(city_code)] = str(city["name"])
        for code, county in city["counties"].items():
            names[str(code)] = f"{city['name']}{county}"
    return AdminRegions(str(data["version"]), names)


@lru_cache(maxsize=1)
def guangxi_regions() -> AdminRegions:
    path = resource_path("reference", "admin_codes.json")
    return build_admin_regions(json.loads(path.read_text(encoding="utf-8")))
