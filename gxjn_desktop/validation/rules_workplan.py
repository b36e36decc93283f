"""The work-plan tasks (工作任务, domain.md §8): PV meters, retrofit areas, evaluation scores."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.workplan import GradeBands, TaskKind, WorkTask
from gxjn_desktop.validation.catalogue import RuleContext, RulesConfig, rule
from gxjn_desktop.validation.findings import Finding, Location

HUNDRED = Decimal(100)
SCORED = (TaskKind.FOOD_WASTE_EVAL, TaskKind.GARBAGE_EVAL)  # a score out of 100 and a percentage


def grade_bands(config: RulesConfig) -> GradeBands:
    """The 反食品浪费 grade thresholds of rules.json (TASK-GRADE)."""
    t = config.rules["TASK-GRADE"].thresholds
    return GradeBands(t["excellent_min"], t["good_min"], t["pass_min"])


def task_location(task: WorkTask, field: str) -> Location:
    """``meter`` is ``task``, ``month`` the year, ``field`` ``<kind>#<id>.<field>``."""
    return Location.of_task(task.year, f"{task.kind.value}#{task.task_id or 0}.{field}")


def _tasks(ctx: RuleContext, kind: TaskKind | tuple[TaskKind, ...]) -> list[WorkTask]:
    """The year's tasks of ``kind``; a quarterly one only in a period that includes its quarter."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    out = []
    for t in ctx.ledger.tasks_of(ctx.period.year):
        if t.kind not in kinds:
            continue
        if t.quarter is not None and not set(range(3 * t.quarter - 2, 3 * t.quarter + 1)) & set(ctx.period.months):
            continue
        out.append(t)
    return out


def _name(t: WorkTask) -> str:
    quarter = f"第 {t.quarter} 季度" if t.quarter else ""
    return f"{t.year} 年{quarter}{t.kind.label}{'“' + t.name + '”' if t.name else ''}"


@rule("TASK-PV-METER", "屋顶光伏项目须指明它接入的光伏计量表（发电量取自月度抄表，不重复填写）")
def pv_meter(ctx: RuleContext) -> list[Finding]:
    out = []
    for t in _tasks(ctx, TaskKind.PV):
        code = t.meter_code.strip()
        meter = next((m for m in ctx.ledger.meters if m.code == code), None) if code else None
        if meter is not None and meter.carrier is Carrier.PV:
            continue
        if not code:
            what = "没有填写光伏计量表"
        elif meter is None:
            what = f"填写的计量表 {code} 不存在"
        else:
            what = f"填写的计量表 {code} 计量的是{meter.carrier.label}，不是光伏发电"
        out.append(
            ctx.finding(
                "TASK-PV-METER",
                task_location(t, "meter_code"),
                f"{_name(t)}（{plain(t.quantity or Decimal(0))} kW）{what}",
                "请在“计量器具”中登记光伏发电表（品种选“光伏发电”），再在该项目中选择它",
                (code, meter.carrier.value if meter else ""),
            )
        )
    return out


@rule("TASK-RETROFIT-AREA", "节能改造面积不应超过本单位当年建筑面积的 max_share_pct%")
def retrofit_area(ctx: RuleContext) -> list[Finding]:
    share = ctx.threshold("TASK-RETROFIT-AREA", "max_share_pct")
    profile = ctx.ledger.profiles.get(ctx.period.year)
    if profile is None or profile.building_area_m2 <= 0:
        return []
    limit = profile.building_area_m2 * share / HUNDRED
    out = []
    for t in _tasks(ctx, TaskKind.RETROFIT):
        if t.quantity is None or t.quantity <= limit:
            continue
        out.append(
            ctx.finding(
                "TASK-RETROFIT-AREA",
                task_location(t, "quantity"),
                f"{_name(t)}的改造面积 {plain(t.quantity)} m² 大于本单位 {t.year} 年建筑面积 "
                f"{plain(profile.building_area_m2)} m²",
                "请核对改造面积（按实际改造的建筑面积填写，不要按墙面、灯具等数量折算）",
                (plain(t.quantity), plain(profile.building_area_m2)),
            )
        )
    return out


@rule("TASK-SCORE-RANGE", "反食品浪费自评得分、分项得分和垃圾分类投放准确率须在 min–max 之间")
def score_range(ctx: RuleContext) -> list[Finding]:
    low = ctx.threshold("TASK-SCORE-RANGE", "min")
    high = ctx.threshold("TASK-SCORE-RANGE", "max")
    out = []
    for t in _tasks(ctx, SCORED):
        checks = [("quantity", "自评得分" if t.kind is TaskKind.FOOD_WASTE_EVAL else "投放准确率", t.quantity)]
        checks += [(f"part_scores.{i}", "分项得分", v) for i, v in enumerate(t.part_scores)]
        for field, what, v in checks:
            if v is None or low <= v <= high:
                continue
            out.append(
                ctx.finding(
                    "TASK-SCORE-RANGE",
                    task_location(t, field),
                    f"{_name(t)}的{what} {plain(v)} 不在 {plain(low)}–{plain(high)} 之间",
                    "得分按百分制填写，准确率按百分数填写（90 表示 90%）",
                    (plain(v),),
                )
            )
    return out


@rule("TASK-GRADE", "反食品浪费自评等级须与得分相符（≥excellent_min 优秀，≥good_min 良好，≥pass_min 合格，其余不合格）")
def grade_matches(ctx: RuleContext) -> list[Finding]:
    bands = grade_bands(ctx.config)
    out = []
    for t in _tasks(ctx, TaskKind.FOOD_WASTE_EVAL):
        if t.quantity is None or not t.grade:
            continue
        expected = bands.grade(t.quantity)
        if t.grade == expected:
            continue
        out.append(
            ctx.finding(
                "TASK-GRADE",
                task_location(t, "grade"),
                f"{_name(t)}得分 {plain(t.quantity)}，等级应为“{expected}”，填写的是“{t.grade}”",
                f"请按得分确定等级（{plain(bands.excellent)} 分及以上优秀，{plain(bands.good)} 分及以上良好，"
                f"{plain(bands.passing)} 分及以上合格），或核对得分",
                (plain(t.quantity), t.grade),
            )
        )
    return out
