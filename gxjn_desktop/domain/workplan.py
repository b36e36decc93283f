"""The year's work plan (工作安排) and the unit's part of it: plain values, no storage, no Qt.

A :class:`WorkPlan` is what the bureau issues for a year (桂事管发〔2023〕7号 for 2023): the four
indicator targets and the countable goals. A :class:`WorkTask` is one thing the unit records for
a year (a retrofit project, a PV array, a quarterly self-evaluation …). Which fields a task uses
depends on its :class:`TaskKind`; :data:`TASK_FIELDS` says so, and the screen, the workbook and
the packet all follow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.labelled import LabelledEnum
from gxjn_desktop.domain.units import AdminLevel

# ---- the plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalGroup:
    """The units a share goal counts: one 行政层级, 机关 or 事业单位."""

    admin_level: AdminLevel
    organ: bool

    @property
    def label(self) -> str:
        return f"{self.admin_level.label}{'机关' if self.organ else '事业单位'}"


@dataclass(frozen=True)
class Goal:
    """One countable goal of a plan; ``target`` is ``None`` for a figure counted without a goal."""

    goal_id: str
    label: str
    unit: str  # m2, projects, kW, items, pct
    target: Decimal | None
    scope: str
    source: str
    base_units: int | None = None  # the fixed count a share is of (980 党政机关), when the plan gives one
    group: GoalGroup | None = None  # for the 节水型单位 shares


@dataclass(frozen=True)
class WorkPlan:
    year: int
    version: str
    document: str
    title: str
    issuer: str
    issued: date
    source: str
    energy_per_capita_pct: Decimal
    energy_per_area_pct: Decimal
    water_per_capita_pct: Decimal
    co2_per_area_pct: Decimal
    goals: tuple[Goal, ...]
    shipped: bool = True  # False for a file the bureau issued and the unit imported

    def goal(self, goal_id: str) -> Goal:
        return next(g for g in self.goals if g.goal_id == goal_id)


@dataclass(frozen=True)
class PlanChoice:
    """The plan that applies to a year: its own, or the latest earlier one (沿用)."""

    plan: WorkPlan
    year: int

    @property
    def carried_over(self) -> bool:
        return self.plan.year < self.year

    @property
    def label(self) -> str:
        """What every screen and export prints about the plan."""
        if self.carried_over:
            return f"{self.year} 年尚无工作安排，沿用 {self.plan.year} 年工作安排目标（{self.plan.document}）"
        return f"{self.plan.year} 年工作安排（{self.plan.document}）"


def choose_plan(plans: list[WorkPlan], year: int) -> PlanChoice | None:
    """The plan of ``year`` or else the latest earlier one; ``None`` before the first plan."""
    earlier = [p for p in plans if p.year <= year]
    if not earlier:
        return None
    return PlanChoice(max(earlier, key=lambda p: p.year), year)


# ---- the unit's tasks -------------------------------------------------------------------------


class TaskKind(LabelledEnum):
    RETROFIT = "retrofit", "节能改造"  # 既有建筑节能改造
    PV = "pv", "屋顶光伏"
    EMC = "emc", "合同能源管理"
    WATER_SAVING = "water_saving_unit", "节水型单位"
    SAVING_ORG = "saving_org", "节约型机关"
    DEMONSTRATION = "demonstration", "示范单位"
    CHARGING = "charging", "充电桩"  # 新能源汽车充电桩
    ELECTRIC_KITCHEN = "electric_kitchen", "全电厨房"
    STEAM_ELECTRIFICATION = "steam_electrification", "蒸汽系统电气化"  # 医院蒸汽系统电气化
    FOOD_WASTE_EVAL = "food_waste_eval", "反食品浪费自评"  # 反食品浪费季度自评
    GARBAGE_EVAL = "garbage_eval", "垃圾分类测评"  # 垃圾分类季度测评
    PLASTICS_CHECK = "plastics_check", "一次性塑料制品自查"


class TaskStatus(LabelledEnum):
    PLANNED = "planned", "计划"
    IN_PROGRESS = "in_progress", "实施中"
    COMPLETED = "completed", "已完成"
    CREATING = "creating", "创建中"
    BUILT = "built", "已建成"
    REVIEWED = "reviewed", "复核通过"
    YES = "yes", "是"
    NO = "no", "否"

    @property
    def achieved(self) -> bool:
        """Counts towards a goal: a completed project, a unit built (or re-checked), a yes."""
        return self in (TaskStatus.COMPLETED, TaskStatus.BUILT, TaskStatus.REVIEWED, TaskStatus.YES)


PROJECT_STATUSES = (TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED)
CREATION_STATUSES = (TaskStatus.CREATING, TaskStatus.BUILT, TaskStatus.REVIEWED)
YES_NO = (TaskStatus.YES, TaskStatus.NO)


class RetrofitMeasure(LabelledEnum):
    ENVELOPE = "envelope", "围护结构"
    LIGHTING = "lighting", "照明"
    ELEVATOR = "elevator", "电梯"
    HEATING = "heating", "供暖"
    COOLING = "cooling", "制冷"
    OTHER = "other", "其他"


class EmcType(LabelledEnum):
    SHARED_SAVINGS = "shared_savings", "节能效益分享"
    GUARANTEED_SAVINGS = "guaranteed_savings", "节能量保证"
    ENERGY_MANAGEMENT = "energy_management", "能源费用托管"
    OTHER = "other", "其他"


DEMONSTRATION_PROGRAMMES = ("公共机构绿色低碳示范单位", "节约型公共机构示范单位")
FOOD_EVAL_PARTS = ("制度建设", "措施落实", "监督管理", "宣传教育", "食品浪费情况监测统计")


@dataclass(frozen=True)
class WorkTask:
    """One recorded task of a year. ``quantity`` is the kind's countable figure (see TASK_FIELDS)."""

    kind: TaskKind
    year: int
    task_id: int | None = None  # the store's id; None until saved
    day: date | None = None  # 日期: completion, commissioning, evaluation or check date
    quantity: Decimal | None = None
    status: TaskStatus | None = None
    document_no: str = ""
    note: str = ""
    name: str = ""  # project name, 示范 programme, contractor's project …
    measures: tuple[RetrofitMeasure, ...] = ()
    investment_yuan: Decimal | None = None
    saving_tce: Decimal | None = None  # expected saving per year
    meter_code: str = ""  # the PV meter the array feeds
    emc_type: EmcType | None = None
    contractor: str = ""
    term_years: int | None = None
    saving_yuan: Decimal | None = None  # EMC: savings per year
    built_year: int | None = None  # 已建成 year (节水型单位, 节约型机关, 示范)
    quarter: int | None = None  # 1…4 for the quarterly evaluations
    part_scores: tuple[Decimal | None, ...] = ()  # the five parts of FOOD_EVAL_PARTS
    grade: str = ""  # 优秀 / 良好 / 合格 / 不合格 as recorded
    findings: str = ""  # 一次性塑料制品自查 findings


@dataclass(frozen=True)
class TaskField:
    """One field a kind uses, as the screen and the workbook show it."""

    name: str  # WorkTask attribute
    label: str
    unit: str = ""
    required: bool = False


_COMMON_TAIL = (TaskField("document_no", "文号"), TaskField("note", "备注"))
TASK_FIELDS: dict[TaskKind, tuple[TaskField, ...]] = {
    TaskKind.RETROFIT: (
        TaskField("name", "项目名称", required=True),
        TaskField("quantity", "改造面积", "m²", required=True),
        TaskField("measures", "改造措施"),
        TaskField("investment_yuan", "投资", "元"),
        TaskField("saving_tce", "预计年节能量", "tce"),
        TaskField("status", "状态", required=True),
        TaskField("day", "完成日期"),
    ),
    TaskKind.PV: (
        TaskField("name", "项目名称", required=True),
        TaskField("quantity", "装机容量", "kW", required=True),
        TaskField("day", "并网投运日期"),
        TaskField("meter_code", "光伏计量表编号"),
        TaskField("status", "状态", required=True),
    ),
    TaskKind.EMC: (
        TaskField("name", "项目名称", required=True),
        TaskField("emc_type", "合同类型", required=True),
        TaskField("contractor", "节能服务公司"),
        TaskField("term_years", "合同期限", "年"),
        TaskField("saving_yuan", "预计年节约费用", "元"),
        TaskField("saving_tce", "预计年节能量", "tce"),
        TaskField("status", "状态", required=True),
        TaskField("day", "签约日期"),
    ),
    TaskKind.WATER_SAVING: (
        TaskField("status", "状态", required=True),
        TaskField("built_year", "建成年度"),
        TaskField("day", "日期"),
    ),
    TaskKind.SAVING_ORG: (
        TaskField("status", "状态", required=True),
        TaskField("built_year", "建成年度"),
        TaskField("day", "日期"),
    ),
    TaskKind.DEMONSTRATION: (
        TaskField("name", "示范类别", required=True),
        TaskField("status", "状态", required=True),
        TaskField("built_year", "建成年度"),
        TaskField("day", "日期"),
    ),
    TaskKind.CHARGING: (
        TaskField("quantity", "现有充电桩", "个", required=True),
        TaskField("day", "日期"),
    ),
    TaskKind.ELECTRIC_KITCHEN: (TaskField("status", "是否建成", required=True), TaskField("day", "建成日期")),
    TaskKind.STEAM_ELECTRIFICATION: (
        TaskField("status", "是否完成", required=True),
        TaskField("day", "完成日期"),
    ),
    TaskKind.FOOD_WASTE_EVAL: (
        TaskField("quarter", "季度", required=True),
        TaskField("part_scores", "分项得分"),
        TaskField("quantity", "自评得分", "分", required=True),
        TaskField("grade", "等级"),
        TaskField("day", "自评日期"),
    ),
    TaskKind.GARBAGE_EVAL: (
        TaskField("quarter", "季度", required=True),
        TaskField("quantity", "投放准确率", "%", required=True),
        TaskField("day", "测评日期"),
    ),
    TaskKind.PLASTICS_CHECK: (
        TaskField("status", "是否已自查", required=True),
        TaskField("findings", "发现的问题"),
        TaskField("day", "自查日期"),
    ),
}
TASK_FIELDS = {k: (*v, *_COMMON_TAIL) for k, v in TASK_FIELDS.items()}

STATUS_CHOICES: dict[TaskKind, tuple[TaskStatus, ...]] = {
    TaskKind.RETROFIT: PROJECT_STATUSES,
    TaskKind.PV: PROJECT_STATUSES,
    TaskKind.EMC: PROJECT_STATUSES,
    TaskKind.WATER_SAVING: CREATION_STATUSES,
    TaskKind.SAVING_ORG: CREATION_STATUSES,
    TaskKind.DEMONSTRATION: CREATION_STATUSES,
    TaskKind.ELECTRIC_KITCHEN: YES_NO,
    TaskKind.STEAM_ELECTRIFICATION: YES_NO,
    TaskKind.PLASTICS_CHECK: YES_NO,
}


@dataclass(frozen=True)
class GradeBands:
    """反食品浪费 grades by score (lower bounds from rules.json; domain.md §5.3)."""

    excellent: Decimal
    good: Decimal
    passing: Decimal

    def grade(self, score: Decimal) -> str:
        if score >= self.excellent:
            return "优秀"
        if score >= self.good:
            return "良好"
        if score >= self.passing:
            return "合格"
        return "不合格"


GRADES = ("优秀", "良好", "合格", "不合格")


def task_problems(task: WorkTask) -> list[str]:
    """Every reason ``task`` cannot be saved as it is, in Chinese (rules judge the rest)."""
    out: list[str] = []
    fields = {f.name: f for f in TASK_FIELDS[task.kind]}
    for f in fields.values():
        if f.required and getattr(task, f.name) in (None, "", ()):
            out.append(f"{task.kind.label}：{f.label}不能为空")
    allowed = STATUS_CHOICES.get(task.kind)
    if task.status is not None and allowed is not None and task.status not in allowed:
        choices = "、".join(s.label for s in allowed)
        out.append(f"{task.kind.label}的状态只能是{choices}，不能是“{task.status.label}”")
    if task.quantity is not None and task.quantity < 0:
        out.append(f"{task.kind.label}：{fields['quantity'].label}不能为负数")
    if task.quarter is not None and not 1 <= task.quarter <= 4:
        out.append(f"{task.kind.label}：季度应为 1–4，而不是 {task.quarter}")
    for name in ("investment_yuan", "saving_tce", "saving_yuan"):
        v = getattr(task, name)
        if v is not None and v < 0:
            out.append(f"{task.kind.label}：{fields[name].label}不能为负数")
    if task.term_years is not None and task.term_years <= 0:
        out.append(f"{task.kind.label}：合同期限须大于 0 年")
    if task.grade and task.grade not in GRADES:
        out.append(f"等级只能是{'、'.join(GRADES)}")
    if task.part_scores and len(task.part_scores) != len(FOOD_EVAL_PARTS):
        out.append(f"反食品浪费自评的分项得分应有 {len(FOOD_EVAL_PARTS)} 项")
    if task.day is not None and task.day.year > task.year + 1:
        out.append(f"{task.kind.label}的日期 {task.day.isoformat()} 晚于 {task.year + 1} 年")
    return out


@dataclass(frozen=True)
class TaskSummary:
    """The unit's year in the plan's terms (what the packet carries and the bureau sums)."""

    retrofit_area_m2: Decimal = Decimal(0)  # completed projects
    pv_projects: int = 0  # commissioned (completed) arrays
    pv_capacity_kw: Decimal = Decimal(0)
    pv_generation_kwh: Decimal | None = None  # from the PV meters' monthly records
    emc_projects: int = 0  # in progress or completed
    ewaste_items: int = 0
    saving_org: bool = False  # 节约型机关 built by this year (cumulative)
    water_saving_unit: bool = False
    charging_piles: int = 0
    new_energy_vehicles: int = 0
    fleet: int = 0
    electric_kitchen: bool = False
    steam_electrified: bool = False
    notes: dict[str, str] = field(default_factory=dict)
