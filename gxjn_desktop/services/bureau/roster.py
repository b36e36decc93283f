"""The roster: the units a bureau expects packets from (an .xlsx, columns in docs/bureau.md),
compared with what arrived."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.units import InstitutionType, admin_code_problem, uscc_problem
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.safe_zip import check_zip

ROSTER_HEADER = ("统一社会信用代码", "单位名称", "行政区划代码", "机构类型", "行政层级")
_TYPE_WORDS = (
    {t.label: t.value for t in InstitutionType}
    | {t.label.split("-")[-1]: t.value for t in InstitutionType}
    | {"团体组织": "03", "社会团体": "03", "机关": "01"}
)


@dataclass(frozen=True)
class RosterEntry:
    uscc: str
    name: str
    admin_code: str
    institution_type: str
    level: str


@dataclass
class RosterComparison:
    missing: list[RosterEntry] = field(default_factory=list)
    not_on_roster: list[dict[str, Any]] = field(default_factory=list)
    differences: list[dict[str, Any]] = field(default_factory=list)
    expected: int = 0
    arrived: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "expected": self.expected,
            "arrived": self.arrived,
            "missing": [e.__dict__ for e in self.missing],
            "not_on_roster": self.not_on_roster,
            "differences": self.differences,
        }


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip()


def type_code(text: str) -> str:
    """机构类型 as a code (01, 021…026, 03) from a code or its label; Excel drops leading zeros."""
    t = text.strip()
    if t in _TYPE_WORDS:
        return _TYPE_WORDS[t]
    if t.isdigit():
        for code in (t, t.zfill(2), t.zfill(3)):
            if code in {x.value for x in InstitutionType}:
                return code
    raise ValueError(f"无法识别的机构类型“{text}”")


def read_roster(path: Path) -> list[RosterEntry]:
    if not path.is_file():
        raise UserError(f"找不到名录文件 {path}", "请检查 --roster 的路径")
    check_zip(path, "名录工作簿")
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        rows = wb.get_sheet_by_index(0).to_python()
    except Exception as exc:  # calamine's own errors for broken or hostile files
        raise UserError(f"{path.name} 无法读取（{exc.__class__.__name__}）", "请重新保存为 .xlsx 后再试") from exc
    header = tuple(_text(h) for h in (rows[0] if rows else ()))[: len(ROSTER_HEADER)]
    if header != ROSTER_HEADER:
        raise UserError(f"名录 {path.name} 的表头不符", f"第一行应为：{'、'.join(ROSTER_HEADER)}（见 docs/bureau.md）")
    out: list[RosterEntry] = []
    problems: list[str] = []
    seen: set[str] = set()
    for i, row in enumerate(rows[1:], start=2):
        cells = [_text(v) for v in (list(row) + [""] * 5)[:5]]
        if not any(cells):
            continue
        uscc, name, admin, kind, level = cells
        uscc = uscc.upper()
        problem = uscc_problem(uscc) or admin_code_problem(admin)
        try:
            code = type_code(kind)
        except ValueError as exc:
            problem = problem or str(exc)
            code = ""
        if uscc in seen:
            problem = problem or f"统一社会信用代码 {uscc} 重复"
        if problem:
            problems.append(f"第 {i} 行：{problem}")
            continue
        seen.add(uscc)
        out.append(RosterEntry(uscc, name, admin, code, level))
    if problems:
        more = f"等 {len(problems)} 处" if len(problems) > 3 else ""
        raise UserError(f"名录 {path.name} 有错误：{'；'.join(problems[:3])}{more}", "请改正名录后重新合并")
    return out


def compare_roster(roster: list[RosterEntry], units: list[dict[str, Any]]) -> RosterComparison:
    """``units``: the units with a counted packet for the period (uscc, name, admin_code, institution_type)."""
    by_uscc = {u["uscc"]: u for u in units}
    listed = {e.uscc: e for e in roster}
    cmp = RosterComparison(expected=len(roster), arrived=sum(1 for e in roster if e.uscc in by_uscc))
    for e in roster:
        u = by_uscc.get(e.uscc)
        if u is None:
            cmp.missing.append(e)
            continue
        diffs = [
            {"field": label, "roster": want, "packet": got}
            for label, want, got in (
                ("单位名称", e.name, u["name"]),
                ("行政区划代码", e.admin_code, u["admin_code"]),
                ("机构类型", e.institution_type, u["institution_type"]),
            )
            if want != got
        ]
        if diffs:
            cmp.differences.append({"uscc": e.uscc, "name": e.name, "fields": diffs})
    cmp.not_on_roster = [
        {"uscc": u["uscc"], "name": u["name"], "admin_code": u["admin_code"]} for u in units if u["uscc"] not in listed
    ]
    return cmp
