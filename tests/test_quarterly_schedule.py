"""序时进度 of targets written by quarter or by month, read from a plan: the targets of the finished
parts plus the running part's target × its elapsed share, over the year's target (SPEC v2)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcounty.plan.loader import parse_plan
from ipcounty.plan.runtime import Plan
from ipcounty.schedule import expected, indicator_time_share

D = dt.date
PLAN = """
schema_version: 1
plan: {id: q, title: 季度计划, region: 某县, period: {start: 2024-01-01, end: 2024-12-31}}
units_of_measure: [{symbol: 件}]
units: [{name: 甲镇}, {name: 乙镇}, {name: 丙乡}]
breakdowns:
  - code: Q
    source: 表
    name: 专利授权量
    kind: flow
    unit: 件
    scope: yearly
    targets:
      甲镇: {2024Q1: 3, 2024Q2: 4, 2024Q3: 4, 2024Q4: 4}
      乙镇: 12
      丙乡: {2024-01: 0, 2024-02: 2, 2024-03: 1, 2024-04: 1, 2024-05: 1, 2024-06: 1,
             2024-07: 1, 2024-08: 1, 2024-09: 1, 2024-10: 1, 2024-11: 1, 2024-12: 1}
    published: {column_totals: {2024Q1: 3, 2024: 39}, grand_total: 39}
"""
Q1, Q2 = 91, 91  # days in 2024Q1, 2024Q2 (a leap year)


@pytest.fixture(scope="module")
def plan() -> Plan:
    result = parse_plan(PLAN, "q.yaml")
    assert result.plan is not None, [f.message("zh") for f in result.errors]
    return result.plan


# (unit, date, time_share, expected) — 甲镇 by quarter (15 in the year), 乙镇 one number for the
# year, 丙乡 by month (12, nothing due in January), 全县 all three together (39).
TABLE = [
    ("甲镇", D(2024, 1, 1), 3 * (1 / Q1) / 15, 3 * (1 / Q1)),
    ("甲镇", D(2024, 2, 15), 3 * (46 / Q1) / 15, 3 * (46 / Q1)),
    ("甲镇", D(2024, 3, 31), 3 / 15, 3.0),
    ("甲镇", D(2024, 4, 15), (3 + 4 * 15 / Q2) / 15, 3 + 4 * 15 / Q2),
    ("甲镇", D(2024, 6, 30), 7 / 15, 7.0),
    ("甲镇", D(2024, 9, 30), 11 / 15, 11.0),
    ("甲镇", D(2024, 12, 31), 1.0, 15.0),
    ("乙镇", D(2024, 6, 30), 182 / 366, 12 * 182 / 366),
    ("丙乡", D(2024, 1, 31), 0.0, 0.0),
    ("丙乡", D(2024, 2, 29), 2 / 12, 2.0),
    ("丙乡", D(2024, 3, 16), (2 + 16 / 31) / 12, 2 + 16 / 31),
    ("丙乡", D(2024, 6, 30), 6 / 12, 6.0),
    ("全县", D(2024, 6, 30), (7 + 12 * 182 / 366 + 6) / 39, 7 + 12 * 182 / 366 + 6),
    ("全县", D(2024, 12, 31), 1.0, 39.0),
]


@pytest.mark.parametrize(("unit", "day", "share", "due"), TABLE, ids=[f"{u}-{d}" for u, d, _, _ in TABLE])
def test_time_share_and_expected_by_quarter_and_month(
    plan: Plan, unit: str, day: dt.date, share: float, due: float
) -> None:
    ind = plan.indicator("Q")
    got = indicator_time_share(plan, ind, unit, 2024, day)
    assert got == pytest.approx(share)
    target = plan.target("Q", unit, 2024)
    assert target is not None
    assert expected(target, got) == pytest.approx(due)


def test_a_year_given_by_parts_has_their_sum_as_its_target(plan: Plan) -> None:
    assert [plan.target("Q", u, 2024) for u in ("甲镇", "乙镇", "丙乡", "全县")] == [15, 12, 12, 39]
    assert [p.target for p in plan.schedule("Q", "甲镇", 2024)] == [3, 4, 4, 4]
    assert len(plan.schedule("Q", "丙乡", 2024)) == 12
    assert len(plan.schedule("Q", "乙镇", 2024)) == 1


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("2024Q4: 4}", "2024Q4: 4, 2025Q1: 2}", "part-outside-period"),
        ("2024Q4: 4}", "2024Q4: 4, 2024: 1}", "target-mixed-keys"),
        ("column_totals: {2024Q1: 3,", "column_totals: {2024Q1: 4,", "column-total-mismatch"),
        ("2024Q2: 4, 2024Q3", "2024Q2: 4, 2024Q5: 1, 2024Q3", "target-bad-key"),
    ],
)
def test_parts_that_cannot_be_are_errors(old: str, new: str, code: str) -> None:
    assert old in PLAN
    result = parse_plan(PLAN.replace(old, new, 1), "q.yaml")
    assert [f.code for f in result.errors] == [code]


def test_plan_json_lists_each_years_parts_as_written(plan: Plan) -> None:
    from ipcounty.render.plan_view import plan_to_dict

    (q,) = [i for i in plan_to_dict(plan, [], "zh")["indicators"] if i["code"] == "Q"]
    assert q["parts"]["甲镇"] == {"2024": {"2024Q1": 3, "2024Q2": 4, "2024Q3": 4, "2024Q4": 4}}
    assert "乙镇" not in q["parts"] and len(q["parts"]["丙乡"]["2024"]) == 12
