"""The entry workbook's layout, shared by the writer and the reader (documented in docs/template.md).

Changing a sheet name, a header or the meaning of a column is a new ``TEMPLATE_VERSION``; the
reader refuses workbooks of another version with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_KIND = "gxjn-entry-workbook"
TEMPLATE_VERSION = "1"
MARK_SHEET = "_gxjn"  # hidden: kind, version, unit USCC, year

README_SHEET = "填写说明"
RECORDS_SHEET = "月度台账"
REPLACEMENTS_SHEET = "换表记录"
CANTEEN_SHEET = "食堂"
GARBAGE_SHEET = "垃圾分类"
METERS_SHEET = "计量器具"

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    width: int = 12


RECORD_COLUMNS = (
    Column("计量器具编号", "meter", 12),
    Column("名称", "name", 28),
    Column("品种", "carrier", 10),
    Column("单位", "unit", 6),
    Column("年", "year", 6),
    Column("月", "month", 5),
    Column("本期示数", "reading", 14),
    Column("用量（直接填量）", "quantity", 16),
    Column("金额（元）", "cost", 14),
    Column("来源", "source", 8),
    Column("抄表日期", "reading_date", 12),
    Column("表计翻转", "rollover", 9),
    Column("备注", "note", 30),
)

REPLACEMENT_COLUMNS = (
    Column("计量器具编号", "meter", 12),
    Column("换表日期", "day", 12),
    Column("旧表止码", "old_final", 14),
    Column("新表起码", "new_initial", 14),
    Column("原因", "reason", 10),
    Column("旧表号", "old_no", 16),
    Column("新表号", "new_no", 16),
    Column("备注", "note", 30),
)

CANTEEN_COLUMNS = (
    Column("年", "year", 6),
    Column("月", "month", 5),
    Column("餐厨垃圾（kg）", "food_waste", 14),
    Column("就餐人次", "diners", 12),
    Column("食材采购（kg）", "food_purchased", 14),
    Column("备注", "note", 30),
)

GARBAGE_COLUMNS = (
    Column("年", "year", 6),
    Column("月", "month", 5),
    Column("可回收物（kg）", "recyclable", 14),
    Column("有害垃圾（kg）", "hazardous", 14),
    Column("厨余垃圾（kg）", "kitchen", 14),
    Column("其他垃圾（kg）", "other", 14),
    Column("合计（kg）", "total", 12),
    Column("投放准确率（%）", "accuracy", 14),
    Column("备注", "note", 30),
)

METER_COLUMNS = (
    Column("计量器具编号", "code", 12),
    Column("名称", "name", 28),
    Column("品种", "carrier", 10),
    Column("单位", "unit", 6),
    Column("填报方式", "kind", 10),
    Column("用途", "use", 12),
    Column("户号", "account", 16),
    Column("表号", "meter_no", 16),
    Column("倍率", "multiplier", 8),
    Column("表盘整数位数", "digits", 12),
    Column("所属总表", "parent", 10),
)

HEADER_ROW = 1  # the first data row is 2
