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
EWASTE_SHEET = "废旧电子产品"
TASK_SHEET = "工作任务"  # added after version 1; a workbook without it imports no tasks

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
    Column("起始示数", "initial", 12),
    Column("启用日期", "active_from", 12),
    Column("停用日期", "active_to", 12),
)

EWASTE_COLUMNS = (
    Column("处置日期", "day", 12),
    Column("数量（件）", "items", 10),
    Column("接收单位", "recipient", 30),
    Column("证明编号", "certificate", 18),
    Column("备注", "note", 30),
)

#: 工作任务: one row per work-plan task of the year (docs/template.md, docs/workplan.md). 编号 is
#: the program's; a row without it is a new task. 数量 means what the 类别 counts (m², kW, 个, 分, %).
TASK_COLUMNS = (
    Column("编号", "id", 7),
    Column("类别", "kind", 16),
    Column("季度", "quarter", 6),
    Column("项目名称或示范类别", "name", 26),
    Column("数量", "quantity", 12),
    Column("状态", "status", 10),
    Column("日期", "day", 12),
    Column("文号", "document_no", 22),
    Column("改造措施", "measures", 18),
    Column("投资（元）", "investment", 14),
    Column("预计年节能量（tce）", "saving_tce", 12),
    Column("光伏计量表", "meter", 10),
    Column("合同类型", "emc_type", 14),
    Column("节能服务公司", "contractor", 24),
    Column("合同期限（年）", "term", 10),
    Column("预计年节约费用（元）", "saving_yuan", 14),
    Column("建成年度", "built_year", 9),
    Column("分项得分", "parts", 18),
    Column("发现的问题", "findings", 24),
    Column("备注", "note", 30),
)

#: Fields of an existing meter a workbook may change; the rest are changed in the program,
#: because they change how past months are computed.
METER_EDITABLE = frozenset({"name", "account", "meter_no", "active_to"})

PROFILE_COLUMNS = (
    Column("项目", "item", 26),
    Column("值", "value", 18),
    Column("数据来源", "source", 30),  # where the figure comes from (花名册, 房产证 …): YearProfile.source_notes
    Column("说明", "note", 60),
)

#: The 年度基本情况 sheet: one row per field of the year's profile (基1表) and its signatories.
PROFILE_ITEMS = (
    ("people", "用能人数（人）", "办公区实际办公使用的总人数，含编外人员；必填，整数"),
    ("building_area_m2", "建筑面积（m²）", "办公区建筑面积，不含住宅区和附属宿舍楼；必填"),
    ("staff_quota", "编制人数（人）", ""),
    ("heated_area_m2", "供暖面积（m²）", "广西一般为 0"),
    ("data_centre", "有数据中心机房", "是 / 否"),
    ("data_centre_area_m2", "数据中心机房面积（m²）", "有机房时必填"),
    ("fuel_vehicles", "燃油公务车（辆）", ""),
    ("new_energy_vehicles", "新能源公务车（辆）", ""),
    ("canteen", "有食堂", "是 / 否"),
    ("canteen_seats", "食堂座位数", ""),
    ("head", "单位负责人", "报表表尾签署"),
    ("statistician", "统计负责人", "报表表尾签署"),
    ("preparer", "填表人", "报表表尾签署"),
    ("report_date", "报出日期", "如 2026-01-10"),
)
PROFILE_SHEET = "年度基本情况"

HEADER_ROW = 1  # the first data row is 2

#: The 单位信息 sheet: the unit's identity, one row per field. The import leaves the unit as it is
#: (it is changed in the program); ``gxjn-cli unit init --from`` creates a unit from this sheet and
#: 年度基本情况.
UNIT_SHEET = "单位信息"
UNIT_COLUMNS = (
    Column("项目", "item", 20),
    Column("值", "value", 40),
    Column("说明", "note", 60),
)
UNIT_ITEMS = (
    ("name", "单位名称", "与法人证书一致；必填"),
    ("uscc", "统一社会信用代码", "18 位，见法人证书；必填"),
    ("admin_code", "行政区划代码", "6 位数字，如 450103；必填"),
    (
        "institution_type",
        "机构类型",
        "国家机关、事业单位-教育、事业单位-科技、事业单位-文化、事业单位-卫生、事业单位-体育、事业单位-其他、社会团体 之一；必填",
    ),
    ("admin_level", "行政层级", "区直、市直 或 县级及以下；工作安排的目标按它统计"),
    ("party_organ", "党政机关", "是 或 否；不填为否；是党政机关时机构类型须为国家机关"),
    ("climate_zone", "气候区", "夏热冬暖 或 夏热冬冷；不填为夏热冬暖"),
    ("address", "地址", ""),
    ("manager", "节能管理员", "姓名"),
    ("manager_phone", "联系电话", ""),
)
