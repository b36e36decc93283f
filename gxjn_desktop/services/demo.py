"""The demo unit: a county-level office with two full years of realistic monthly data.

Shows every kind of entry a newcomer meets: two electricity accounts (one behind a 150/5 A CT,
倍率 30) with a data-centre sub-meter, water, canteen gas, gasoline and diesel fuel cards,
rooftop PV, canteen and garbage data, one meter replacement and one confirmed rollover. The
earlier year is complete and every warning explained; the later year keeps some warnings open.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import (
    CanteenMonth,
    EwasteDisposal,
    Explanation,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
    Source,
)
from gxjn_desktop.domain.units import (
    AdminLevel,
    ClimateZone,
    Contact,
    InstitutionType,
    Signatories,
    Unit,
    YearProfile,
    uscc_check_character,
)
from gxjn_desktop.domain.workplan import EmcType, RetrofitMeasure, TaskKind, TaskStatus, WorkTask
from gxjn_desktop.services.checks import check_period, load_rules_config
from gxjn_desktop.validation.findings import Finding, Severity
from gxjn_desktop.validation.rules_workplan import grade_bands

DEMO_UNIT_NAME = "隆安县机关事务服务中心（示例单位）"
_USCC_BODY = "12450123MB1965432"
ENTERED_BY = "张敏"

# Seasonal shape of a Guangxi office (air conditioning from May to October), mean 1.0.
_SEASON = (0.78, 0.72, 0.80, 0.92, 1.10, 1.28, 1.36, 1.34, 1.20, 1.00, 0.82, 0.80)
_SEASON_MEAN = sum(_SEASON) / 12


def _d(x: float, places: int = 2) -> Decimal:
    return Decimal(f"{x:.{places}f}")


def demo_years(today: date) -> tuple[int, int]:
    """The two calendar years before the current one."""
    return today.year - 2, today.year - 1


def _monthly(rng: random.Random, mean: float, seasonal: float, years: int, trend: float = 0.0) -> list[float]:
    """Monthly amounts: a mean, a share of seasonal swing, noise, and a change per year."""
    out = []
    for i in range(12 * years):
        shape = 1 + seasonal * (_SEASON[i % 12] / _SEASON_MEAN - 1)
        out.append(mean * shape * (1 + trend) ** (i // 12) * rng.uniform(0.95, 1.05))
    return out


def build_demo_ledger(today: date | None = None) -> Ledger:
    today = today or date.today()
    y1, y2 = demo_years(today)
    rng = random.Random(20230207)
    unit = Unit(
        name=DEMO_UNIT_NAME,
        uscc=_USCC_BODY + uscc_check_character(_USCC_BODY),
        admin_code="450123",
        institution_type=InstitutionType.ORGAN,
        climate_zone=ClimateZone.HOT_SUMMER_WARM_WINTER,
        address="广西南宁市隆安县城厢镇示例路 1 号",
        contacts=(Contact("节能管理员", ENTERED_BY, "0771-6520000"),),
        admin_level=AdminLevel.COUNTY,
        party_government_organ=True,
    )
    start = date(y1, 1, 1)
    meters: tuple[Meter, ...] = (
        Meter(
            "E1",
            "主楼电表（南网户号 0301）",
            Carrier.ELECTRICITY,
            MeterKind.REGISTER,
            UseTag.BUILDING,
            "0301000123",
            "GX2019-88121",
            6,
            Decimal("3162.47"),
            start,
            multipliers=(MultiplierChange(start, Decimal(30)),),
        ),
        Meter(
            "E2",
            "附楼及食堂电表（户号 0302）",
            Carrier.ELECTRICITY,
            MeterKind.REGISTER,
            UseTag.BUILDING,
            "0301000456",
            "GX2017-40233",
            5,
            None,
            start,
        ),
        Meter(
            "E3",
            "数据中心机房分表",
            Carrier.ELECTRICITY,
            MeterKind.REGISTER,
            UseTag.DATA_CENTRE,
            "",
            "DC-01",
            6,
            Decimal("51234.0"),
            start,
            parent_code="E1",
        ),
        Meter(
            "W1",
            "自来水总表",
            Carrier.WATER,
            MeterKind.REGISTER,
            UseTag.BUILDING,
            "W-77120",
            "LA-2016-0031",
            5,
            Decimal("40412"),
            start,
        ),
        Meter(
            "G1",
            "食堂天然气表",
            Carrier.NATURAL_GAS,
            MeterKind.REGISTER,
            UseTag.CANTEEN,
            "RQ-20981",
            "G4-3321",
            5,
            Decimal("12877.4"),
            start,
        ),
        Meter(
            "V1",
            "公务车汽油（加油卡）",
            Carrier.GASOLINE,
            MeterKind.QUANTITY,
            UseTag.VEHICLE,
            "油卡 9000012",
            "",
            None,
            None,
            start,
        ),
        Meter(
            "V2",
            "公务车柴油（加油卡）",
            Carrier.DIESEL,
            MeterKind.QUANTITY,
            UseTag.VEHICLE,
            "油卡 9000013",
            "",
            None,
            None,
            start,
        ),
        Meter(
            "P1",
            "屋顶光伏发电表（50 kW）",
            Carrier.PV,
            MeterKind.REGISTER,
            UseTag.BUILDING,
            "",
            "PV-50-01",
            6,
            Decimal("18420"),
            start,
        ),
    )
    e1 = _monthly(rng, 39000, 1.0, 2, -0.02)
    e2 = _monthly(rng, 6100, 0.8, 2, -0.01)
    e3 = [v * 0.085 for v in e1]
    water = _monthly(rng, 205, 0.4, 2, 0.005)
    gas = _monthly(rng, 880, 0.1, 2, -0.01)
    gasoline = _monthly(rng, 520, 0.0, 2, -0.03)
    diesel = _monthly(rng, 140, 0.0, 2, -0.02)
    pv = _monthly(rng, 5200, 0.5, 2)
    # E2 starts where its 5-digit register rolls over in March of the second year.
    e2_initial = Decimal(100000) - _d(sum(e2[:14]), 1) - Decimal(400)
    meters = tuple(replace(m, initial_reading=e2_initial) if m.code == "E2" else m for m in meters)
    # Every meter's 倍率 history starts when it entered the ledger (E1 has its CT ratio of 30).
    meters = tuple(
        m if m.code == "E1" else replace(m, multipliers=(MultiplierChange(start, Decimal(1)),)) for m in meters
    )

    prices = {"E1": 0.68, "E2": 0.71, "W1": 3.92, "G1": 4.05, "V1": 7.85, "V2": 7.42}
    records: list[MonthlyRecord] = []
    replacements: list[MeterReplacement] = []
    readings = {m.code: m.initial_reading or Decimal(0) for m in meters}
    series = {"E1": e1, "E2": e2, "E3": e3, "W1": water, "G1": gas, "V1": gasoline, "V2": diesel, "P1": pv}
    for i in range(24):
        year, month = (y1, i + 1) if i < 12 else (y2, i - 11)
        entered = datetime(year + (month == 12), month % 12 + 1, 5, 9, 30)
        read_day = date(year, month, 28)
        for m in meters:
            amount = series[m.code][i]
            cost = None if m.code in ("E3", "P1") else int(_d(amount * prices[m.code] * 100, 0))
            if m.kind is MeterKind.QUANTITY:
                q = _d(amount, 2)
                records.append(
                    MonthlyRecord(
                        m.code,
                        year,
                        month,
                        quantity=q,
                        cost_fen=cost,
                        source=Source.INVOICE,
                        note="",
                        entered_by=ENTERED_BY,
                        entered_at=entered,
                    )
                )
                continue
            multiplier = m.multiplier_on(read_day)
            advance = _d(amount / float(multiplier), 2 if m.code == "E1" else 1)
            if m.code == "W1" and (year, month) == (y1, 6):
                # The old water meter failed on 16 June; the new one starts at 0 (always entered).
                old_final = readings["W1"] + _d(float(advance) * 0.5, 0)
                replacements.append(
                    MeterReplacement(
                        "W1",
                        date(y1, 6, 16),
                        old_final,
                        Decimal(0),
                        ReplacementReason.FAULT,
                        "LA-2016-0031",
                        "LA-2024-0107",
                        "旧表停走，供水公司换表单 No.0623",
                    )
                )
                readings["W1"] = Decimal(0) + (advance - _d(float(advance) * 0.5, 0))
                reading = readings["W1"]
            else:
                reading = readings[m.code] + advance
                readings[m.code] = reading
            rollover = False
            top = m.register_max
            if top is not None and reading >= top:
                reading -= top
                readings[m.code] = reading
                rollover = True
            records.append(
                MonthlyRecord(
                    m.code,
                    year,
                    month,
                    reading=reading,
                    cost_fen=cost,
                    source=Source.BILL if cost else Source.READING,
                    reading_date=read_day,
                    rollover_confirmed=rollover,
                    note="表计满码翻转，已核对" if rollover else "",
                    entered_by=ENTERED_BY,
                    entered_at=entered,
                )
            )
    canteen, garbage = [], []
    for i in range(24):
        year, month = (y1, i + 1) if i < 12 else (y2, i - 11)
        diners = int(5200 * rng.uniform(0.93, 1.07)) - (600 if month in (2, 10) else 0)
        waste = _d(diners * 0.118 * rng.uniform(0.92, 1.08) * (0.96 if year == y2 else 1), 1)
        canteen.append(CanteenMonth(year, month, waste, diners, _d(diners * 0.62 * rng.uniform(0.95, 1.05), 1)))
        kg = {
            GarbageCategory.RECYCLABLE: _d(310 * rng.uniform(0.9, 1.1), 1),
            GarbageCategory.HAZARDOUS: _d(2.5 * rng.uniform(0.6, 1.4), 1),
            GarbageCategory.KITCHEN: waste,
            GarbageCategory.OTHER: _d(880 * rng.uniform(0.9, 1.1), 1),
        }
        garbage.append(GarbageMonth(year, month, kg, {}, sum(kg.values(), Decimal(0)), _d(rng.uniform(90, 97), 1)))
    profiles = {
        y1: YearProfile(
            y1,
            120,
            Decimal(8000),
            98,
            canteen=True,
            canteen_seats=160,
            fuel_vehicles=4,
            new_energy_vehicles=1,
            data_centre=True,
            data_centre_area_m2=Decimal(60),
            source_notes={"people": "人事股花名册（含编外）年平均", "building_area_m2": "房产证及附楼测绘报告"},
            signatories=Signatories("李建国", "黄丽", ENTERED_BY, date(y1 + 1, 1, 10)),
        ),
        y2: YearProfile(
            y2,
            124,
            Decimal(8000),
            98,
            canteen=True,
            canteen_seats=160,
            fuel_vehicles=3,
            new_energy_vehicles=2,
            data_centre=True,
            data_centre_area_m2=Decimal(60),
            source_notes={"people": "人事股花名册（含编外）年平均", "building_area_m2": "同上年"},
            signatories=Signatories("李建国", "", ENTERED_BY, None),
        ),
    }
    ewaste = (
        EwasteDisposal(date(y1, 11, 20), 36, "广西某再生资源回收有限公司", "HS-2024-1187", "报废电脑、打印机"),
        EwasteDisposal(date(y2, 9, 12), 22, "广西某再生资源回收有限公司", "HS-2025-0932", "报废显示器"),
    )
    document = "隆安县机关事务管理局关于下达{}年度公共机构能耗定额的通知（示例）"
    quotas = tuple(
        q
        for y in (y1, y2)
        for q in (
            Quota(
                y,
                QuotaIndicator.TOTAL_ENERGY_TCE,
                QuotaLevel.ISSUED,
                Decimal(105),
                Basis.EQUIVALENT,
                document.format(y),
            ),
            Quota(
                y,
                QuotaIndicator.WATER_PER_CAPITA,
                QuotaLevel.ISSUED,
                Decimal("19.5") if y == y2 else Decimal(22),
                Basis.EQUIVALENT,
                document.format(y),
            ),
            Quota(
                y,
                QuotaIndicator.ENERGY_PER_AREA,
                QuotaLevel.CONSTRAINT,
                Decimal(15),
                Basis.EQUIVALENT,
                "定额标准表（示例，非正式标准）约束值",
            ),
            Quota(
                y,
                QuotaIndicator.ENERGY_PER_AREA,
                QuotaLevel.GUIDE,
                Decimal(9),
                Basis.EQUIVALENT,
                "定额标准表（示例，非正式标准）引导值",
            ),
        )
    )
    ledger = Ledger(
        unit,
        profiles,
        meters,
        tuple(records),
        tuple(replacements),
        tuple(canteen),
        tuple(garbage),
        ewaste,
        quotas=quotas,
        tasks=_demo_tasks(y1, y2),
    )
    return _with_explanations(ledger, today)


def _demo_tasks(y1: int, y2: int) -> tuple[WorkTask, ...]:
    """The demo's part of the work plan: projects, statuses and quarterly self-evaluations."""
    k, s, d = TaskKind, TaskStatus, Decimal
    food = ((d(22), d(18), d(17), d(13), d(18)), (d(23), d(19), d(18), d(14), d(18)))
    tasks = [
        WorkTask(
            k.PV,
            y1,
            day=date(y1, 1, 1),
            quantity=d(50),
            status=s.COMPLETED,
            name="主楼屋顶分布式光伏",
            meter_code="P1",
            document_no="隆发改能源〔2022〕12号",
            note="自发自用，余电上网",
        ),
        WorkTask(
            k.RETROFIT,
            y1,
            day=date(y1, 9, 30),
            quantity=d(3200),
            status=s.COMPLETED,
            name="主楼照明及空调节能改造",
            measures=(RetrofitMeasure.LIGHTING, RetrofitMeasure.COOLING),
            investment_yuan=d(286000),
            saving_tce=d("18.5"),
            document_no="隆事管〔" + str(y1) + "〕5号",
        ),
        WorkTask(
            k.SAVING_ORG,
            y1,
            day=date(y1, 12, 15),
            status=s.BUILT,
            built_year=y1,
            document_no="桂事管函〔" + str(y1) + "〕88号",
            note="自治区评价验收通过",
        ),
        WorkTask(k.WATER_SAVING, y1, status=s.CREATING, note="已完成水平衡测试"),
        WorkTask(k.CHARGING, y1, day=date(y1, 6, 1), quantity=d(2), note="机关院内慢充桩"),
        WorkTask(
            k.PLASTICS_CHECK, y1, day=date(y1, 6, 20), status=s.YES, findings="食堂仍有少量一次性塑料吸管，已停用"
        ),
        WorkTask(
            k.SAVING_ORG, y2, day=date(y2, 11, 20), status=s.REVIEWED, built_year=y1, note="节约型机关“回头看”复核通过"
        ),
        WorkTask(
            k.WATER_SAVING,
            y2,
            day=date(y2, 10, 10),
            status=s.BUILT,
            built_year=y2,
            document_no="桂水节约〔" + str(y2) + "〕21号",
        ),
        WorkTask(
            k.EMC,
            y2,
            day=date(y2, 3, 1),
            status=s.IN_PROGRESS,
            name="食堂热水系统能源费用托管",
            emc_type=EmcType.ENERGY_MANAGEMENT,
            contractor="广西某节能服务有限公司",
            term_years=8,
            saving_yuan=d(42000),
            saving_tce=d("6.2"),
        ),
        WorkTask(
            k.RETROFIT,
            y2,
            quantity=d(1800),
            status=s.IN_PROGRESS,
            name="附楼外窗及屋面隔热改造",
            measures=(RetrofitMeasure.ENVELOPE,),
            investment_yuan=d(410000),
            saving_tce=d("9.8"),
        ),
        WorkTask(k.CHARGING, y2, day=date(y2, 4, 1), quantity=d(4)),
        WorkTask(k.ELECTRIC_KITCHEN, y2, day=date(y2, 8, 28), status=s.YES, note="燃气灶具改为电磁灶"),
    ]
    bands = grade_bands(load_rules_config())
    for year, parts in ((y1, food[0]), (y2, food[1])):
        for q in (1, 2, 3, 4):
            quarter_parts = (parts[0] - (4 - q), *parts[1:])  # 制度建设 improves through the year
            score = sum(quarter_parts, d(0))
            tasks.append(
                WorkTask(
                    k.FOOD_WASTE_EVAL,
                    year,
                    day=date(year, 3 * q, 25),
                    quantity=score,
                    quarter=q,
                    part_scores=quarter_parts,
                    grade=bands.grade(score),
                )
            )
            tasks.append(WorkTask(k.GARBAGE_EVAL, year, day=date(year, 3 * q, 26), quantity=d(88) + q, quarter=q))
    return tuple(tasks)


_CAUSES = {
    "USE-VS-PREV2": ("气候异常", "{season}，空调负荷随气温变化"),
    "USE-VS-LAST-YEAR": ("气候异常", "与上年同月气温差异较大"),
    "USE-OUTSIDE-12M": ("气候异常", "{season}用量处于全年高位或低位"),
    "USE-OUTLIER": ("设备检修或故障", "当月空调主机检修后集中运行，已核对账单"),
    "SAME-VALUE-3": ("估算数据", "按加油卡月度限额加油，已核对发票"),
    "YOY-CARRIER": ("其他", "已核对全年账单，变化属实"),
    "PROFILE-CHANGE": ("人数变化", "新增编外人员，已核对花名册"),
    "TARGET-MISSED": ("其他", "已制定整改措施：加强空调温度管理"),
    "CANTEEN-WASTE-BAND": ("其他", "节假日就餐人次少，已核对台账"),
    "PRICE-BAND": ("其他", "执行分时电价，已核对账单"),
    "QUOTA-PACE": ("人数变化", "用能人数增加，已制定节水措施"),
    "COST-QUANTITY-PAIR": ("其他", "已核对"),
}


def _explain(f: Finding, when: datetime) -> Explanation:
    cause, text = _CAUSES.get(f.rule_id, ("其他", "已核对原始凭证，数据属实"))
    season = "夏季" if f.location.month_number in (5, 6, 7, 8, 9) else "冬春季"
    return Explanation(f.rule_id, f.location.key, f.fingerprint, cause, text.format(season=season), ENTERED_BY, when)


def _with_explanations(ledger: Ledger, today: date) -> Ledger:
    """Explain every warning of the earlier year and about half of the later year's."""
    y1, y2 = demo_years(today)
    explanations: list[Explanation] = []
    for year, share in ((y1, 1.0), (y2, 0.5)):
        warnings = [
            f for f in check_period(ledger, Period.parse(year), today).findings if f.severity is Severity.WARNING
        ]
        keep = warnings if share == 1.0 else warnings[::2]
        explanations += [_explain(f, datetime(year + 1, 1, 8, 10, 0)) for f in keep]
    return replace(ledger, explanations=tuple(explanations))
