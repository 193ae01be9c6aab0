"""What is never added up, and what has no invented path: rates, ceilings, levels, baselines.

On a small made-up plan (tests/data/levels_plan.yaml): a rate each unit must reach, a ceiling
each unit must stay under, a period count, a stock goal with a YAML baseline and one whose
baseline comes from the district form's 基期值 column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ipcounty.plan import Plan, load_plan
from ipcounty.plan.loader import parse_plan
from ipcounty.progress import Report, Row, compute
from ipcounty.returns.fill import fill_return
from ipcounty.returns.model import Return, Value
from ipcounty.returns.reader import read_return
from ipcounty.returns.template import write_template
from tests.conftest import ROOT

D = dt.date
YEAR_END = D(2025, 12, 31)
LEVELS = ROOT / "tests" / "data" / "levels_plan.yaml"


@pytest.fixture(scope="module")
def levels() -> Plan:
    return load_plan(LEVELS)


def ret(unit: str, values: dict[str, Any], as_of: dt.date = YEAR_END, **baselines: float) -> Return:
    return Return(
        file=f"{unit}.xlsx",
        unit=unit,
        year=as_of.year,
        as_of=as_of,
        values={
            c: Value(c, float(v) if isinstance(v, int) else v, "E11", "", baselines.get(c)) for c, v in values.items()
        },
    )


def units(r1a: float, r1b: float, c1a: float, c1b: float) -> list[Return]:
    return [ret("甲镇", {"R1": r1a, "C1": c1a, "P1": 1}), ret("乙镇", {"R1": r1b, "C1": c1b, "P1": 1})]


def row(rep: Report, unit: str, code: str) -> Row:
    (r,) = [x for x in rep.rows if x.reporting_unit == unit and x.indicator.code == code]
    return r


def test_a_rate_is_never_summed(levels: Plan) -> None:
    rep = compute(levels, units(91.5, 80, 3, 4), 2025, today=D(2026, 1, 5))
    assert (row(rep, "甲镇", "R1").status, row(rep, "乙镇", "R1").status) == ("met", "behind")
    total = row(rep, "全区", "R1")
    assert total.actual is None and total.gap is None and total.completion is None  # not 171.5
    assert (total.units_meeting, total.units_counted, total.status, total.light) == (1, 2, "behind", "red")
    assert total.target == 90 and total.plan_target is None
    everyone = compute(levels, units(91.5, 90, 3, 4), 2025, today=D(2026, 1, 5))
    assert row(everyone, "全区", "R1").status == "met"


def test_the_warning_threshold_comes_from_the_plan(levels: Plan) -> None:
    assert levels.yellow_points == 5
    rep = compute(levels, units(86, 84, 3, 4), 2025, today=D(2026, 1, 5))
    assert row(rep, "甲镇", "R1").light == "yellow"  # 4.4 points short, under 5
    assert row(rep, "乙镇", "R1").light == "red"  # 6.7 points short


def test_a_ceiling_is_within_or_exceeded_and_one_unit_over_is_over(levels: Plan) -> None:
    rep = compute(levels, units(90, 90, 8, 12), 2025, today=D(2026, 1, 5))
    assert (row(rep, "甲镇", "C1").status, row(rep, "甲镇", "C1").light) == ("within", "green")
    assert (row(rep, "乙镇", "C1").status, row(rep, "乙镇", "C1").gap) == ("exceeded", 2)
    total = row(rep, "全区", "C1")
    assert (total.actual, total.target) == (20, 20)  # the sum is at its cap …
    assert (total.status, total.light) == ("exceeded", "red")  # … but one unit broke its own
    # Halfway through the year a ceiling not yet passed is within, never 已完成.
    half = compute(levels, [ret("甲镇", {"R1": 90, "C1": 4, "P1": 0}, D(2025, 6, 30))], 2025, today=D(2025, 7, 5))
    assert row(half, "甲镇", "C1").status == "within"


def test_stock_goals_use_the_baseline_of_the_plan_or_of_the_form(levels: Plan) -> None:
    district = ret("全区", {"S1": 450, "S2": 15}, S2=10)
    rep = compute(levels, [district], 2025, today=D(2026, 1, 5))
    s1 = row(rep, "全区", "S1")  # baseline 300 from the YAML
    assert s1.baseline == 300 and s1.expected == pytest.approx(300 + 300 * 731 / 1096)
    assert (s1.status, round(s1.lag_points or 0, 2)) == ("behind", -8.35)
    s2 = row(rep, "全区", "S2")  # baseline 10 from the district form
    assert s2.baseline == 10 and s2.expected == pytest.approx(10 + 10 * 731 / 1096)
    assert s2.status == "behind"
    blank = compute(levels, [ret("全区", {"S1": 450, "S2": 15})], 2025, today=D(2026, 1, 5))
    assert (row(blank, "全区", "S2").status, row(blank, "全区", "S2").expected) == ("no_baseline", None)


def test_an_earlier_form_gives_the_baseline_when_this_year_leaves_it_blank(levels: Plan) -> None:
    rets = [ret("全区", {"S1": 400, "S2": 12}, D(2024, 12, 31), S2=10), ret("全区", {"S1": 450, "S2": 15})]
    assert row(compute(levels, rets, 2025, today=D(2026, 1, 5)), "全区", "S2").baseline == 10


def test_the_district_form_asks_for_a_baseline_only_where_the_plan_has_none(levels: Plan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    blank = write_template(levels, "全区", 2025, tmp_path / "t.xlsx", today=D(2025, 1, 2))
    ws = load_workbook(blank)["填报表"]
    head = [c.value for c in ws[10]]
    assert head[:8] == ["指标代码", "指标名称", "单位", "年度目标", "本年完成", "备注", "基期值", "填报要求"]
    by_code = {ws.cell(r, 1).value: r for r in range(11, ws.max_row + 1)}
    assert ws.cell(by_code["S2"], 7).protection.locked is False  # asked
    assert ws.cell(by_code["S1"], 7).protection.locked is not False  # the YAML gives 300
    filled = fill_return(
        blank, tmp_path / "f.xlsx", as_of=D(2025, 12, 31), values={"S1": 450, "S2": 15}, baselines={"S2": 10}
    )
    back = read_return(filled, levels)
    assert back.valid, back.findings
    assert back.values["S2"].baseline == 10 and back.values["S1"].baseline is None
    rep = compute(levels, [back], 2025, today=D(2026, 1, 5))
    assert row(rep, "全区", "S2").baseline == 10
    # A unit's return has no 基期值 column.
    unit = load_workbook(write_template(levels, "甲镇", 2025, tmp_path / "u.xlsx", today=D(2025, 1, 2)))["填报表"]
    assert "基期值" not in [c.value for c in unit[10]]


def test_a_bad_baseline_is_an_error_in_its_cell(levels: Plan, tmp_path: Path) -> None:
    blank = write_template(levels, "全区", 2025, tmp_path / "t.xlsx", today=D(2025, 1, 2))
    filled = fill_return(
        blank, tmp_path / "f.xlsx", as_of=D(2025, 12, 31), values={"S1": 450, "S2": 15}, baselines={"S2": "十个"}
    )
    back = read_return(filled, levels)
    assert not back.valid
    assert [f.cell for f in back.findings if f.severity == "error"] == ["G12"]


def test_published_totals_of_a_rate_are_refused() -> None:
    text = LEVELS.read_text(encoding="utf-8").replace(
        "      乙镇: {2024: 90, 2025: 90, 2026: 90}\n  - code: C1",
        "      乙镇: {2024: 90, 2025: 90, 2026: 90}\n    published: {column_totals: {2024: 180}}\n  - code: C1",
    )
    result = parse_plan(text, "levels.yaml")
    codes = [(f.code, f.severity) for f in result.findings]
    assert ("published-total-not-summable", "error") in codes
    (f,) = [f for f in result.findings if f.code == "published-total-not-summable"]
    assert f.line is not None and "R1" in f.message("zh") and "不能相加" in f.message("zh")
