"""The progress computation: which return counts, and the numbers and statuses it gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ipcounty.findings import Finding
from ipcounty.plan import Plan
from ipcounty.progress import Report, Row, compute
from ipcounty.returns.model import Return, Value
from ipcounty.returns.template import rows_for
from tests.conftest import TOWNS

D = dt.date


def ret(
    plan: Plan,
    unit: str,
    year: int,
    as_of: dt.date,
    values: dict[str, Any] | None = None,
    file: str | None = None,
    errors: bool = False,
) -> Return:
    """An in-memory return: every indicator of the unit filled (0 / 是 / 推进中) unless given."""
    vals: dict[str, Any] = {}
    for row in rows_for(plan, unit, year):
        ind = row.indicator
        vals[ind.code] = "是" if ind.kind == "yesno" else "推进中" if ind.kind == "qualitative" else 0.0
    vals.update(values or {})
    r = Return(
        file=file or f"{year}/{unit}_{as_of}.xlsx",
        sha256="0" * 64,
        unit=unit,
        year=year,
        as_of=as_of,
        values={c: Value(c, float(v) if isinstance(v, int) else v, "E1") for c, v in vals.items()},
    )
    if errors:
        r.findings.append(Finding("empty-value", "error", r.file, "填报表", "E13"))
    return r


def row(report: Report, unit: str, code: str) -> Row:
    (r,) = [x for x in report.rows if x.reporting_unit == unit and x.indicator.code == code]
    return r


def test_missing_township_is_a_row(plan: Plan) -> None:
    rep = compute(plan, [ret(plan, "税郭镇", 2025, D(2025, 12, 31), {"B1": 15})], 2025, today=D(2026, 11, 25))
    r = row(rep, "矿区街道", "B1")
    assert (r.status, r.actual, r.target, r.expected) == ("not_submitted", None, 10, 10)
    assert "矿区街道" in rep.units.missing and rep.units.submitted == ["税郭镇"]
    assert rep.problems


def test_rejected_only_return(plan: Plan) -> None:
    bad = ret(plan, "文化路街道", 2025, D(2025, 12, 31), {"B1": 12}, errors=True)
    rep = compute(plan, [bad], 2025, today=D(2026, 11, 25))
    r = row(rep, "文化路街道", "B1")
    assert (r.status, r.actual, r.source_file) == ("rejected", None, bad.file)
    assert rep.units.rejected == ["文化路街道"]
    assert [s.role for s in rep.submissions] == ["rejected"]


def test_a_valid_earlier_return_beats_a_rejected_later_one(plan: Plan) -> None:
    good = ret(plan, "永安镇", 2025, D(2025, 6, 30), {"B1": 9})
    bad = ret(plan, "永安镇", 2025, D(2025, 9, 30), {"B1": 12}, errors=True)
    rep = compute(plan, [good, bad], 2025, today=D(2026, 11, 25))
    r = row(rep, "永安镇", "B1")
    assert (r.actual, r.as_of, r.source_file) == (9, D(2025, 6, 30), good.file)
    assert {s.ret.file: s.role for s in rep.submissions} == {good.file: "used", bad.file: "rejected"}


def test_resubmitted_latest_date_wins(plan: Plan) -> None:
    first = ret(plan, "税郭镇", 2025, D(2025, 6, 30), {"B1": 7})
    second = ret(plan, "税郭镇", 2025, D(2025, 12, 31), {"B1": 16})
    rep = compute(plan, [second, first], 2025, today=D(2026, 11, 25))
    r = row(rep, "税郭镇", "B1")
    assert (r.actual, r.status, r.source_file) == (16, "met", second.file)
    roles = {s.ret.file: s.role for s in rep.submissions}
    assert roles == {first.file: "superseded", second.file: "used"}


def test_conflict_shows_both_and_picks_neither(plan: Plan) -> None:
    a = ret(plan, "孟庄镇", 2025, D(2025, 12, 31), {"B1": 18}, file="a.xlsx")
    b = ret(plan, "孟庄镇", 2025, D(2025, 12, 31), {"B1": 21}, file="b.xlsx")
    rep = compute(plan, [a, b], 2025, today=D(2026, 11, 25))
    r = row(rep, "孟庄镇", "B1")
    assert (r.status, r.actual, r.source_files) == ("conflict", None, ["a.xlsx", "b.xlsx"])
    assert rep.units.conflict == ["孟庄镇"]
    assert row(rep, "全区", "B1").actual is None or row(rep, "全区", "B1").actual == 0


def test_identical_duplicates_are_not_a_conflict(plan: Plan) -> None:
    a = ret(plan, "孟庄镇", 2025, D(2025, 12, 31), {"B1": 18}, file="a.xlsx")
    b = ret(plan, "孟庄镇", 2025, D(2025, 12, 31), {"B1": 18}, file="copy of a.xlsx")
    rep = compute(plan, [a, b], 2025, today=D(2026, 11, 25))
    assert row(rep, "孟庄镇", "B1").actual == 18
    assert {s.ret.file: s.role for s in rep.submissions} == {"a.xlsx": "used", "copy of a.xlsx": "duplicate"}


def test_period_goal_cumulates_since_the_plan_began(plan: Plan) -> None:
    rets = [
        ret(plan, "税郭镇", 2024, D(2024, 12, 31), {"B2": 1, "B3": 4}),
        ret(plan, "税郭镇", 2025, D(2025, 12, 31), {"B2": 0, "B3": 6}),
    ]
    rep = compute(plan, rets, 2025, today=D(2026, 11, 25))
    b2 = row(rep, "税郭镇", "B2")  # 2 for 2024-2026: actual is the cumulative amount
    assert (b2.target, b2.actual, b2.gap, b2.plan_target) == (2, 1, 1, 2)
    assert b2.time_share == 731 / 1096  # the elapsed share of the period, not rounded
    assert b2.expected == 2 * 731 / 1096  # 1.33: one done is behind
    assert b2.status == "behind"
    b3 = row(rep, "税郭镇", "B3")  # yearly: actual is this year's, cumulative beside it
    assert (b3.target, b3.actual, b3.cumulative_target, b3.cumulative_actual, b3.plan_target) == (5, 6, 10, 10, 15)
    assert b3.status == "met"


def test_as_of_mid_year_expected_is_not_rounded(plan: Plan) -> None:
    early = ret(plan, "税郭镇", 2025, D(2025, 6, 30), {"B1": 7})
    late = ret(plan, "税郭镇", 2025, D(2025, 9, 30), {"B1": 12})
    rep = compute(plan, [early, late], 2025, as_of=D(2025, 7, 31), today=D(2026, 11, 25))
    r = row(rep, "税郭镇", "B1")
    assert r.as_of == D(2025, 6, 30)  # the later return was not known on 31 July
    assert r.expected == 15 * 181 / 365  # 7.44, not rounded: 7 done is behind by 2.9 points
    assert (r.status, round(r.lag_points or 0, 1), r.light) == ("behind", -2.9, "yellow")
    assert {s.ret.file: s.role for s in rep.submissions}[late.file] == "after_as_of"
    # (judged on 1 October, while the September return still covers the month due)
    r2 = row(compute(plan, [late], 2025, today=D(2025, 10, 1)), "税郭镇", "B1")
    assert (r2.expected, r2.status) == (15 * 273 / 365, "on_track")  # 11.2; 12 done


def test_money_expected_is_not_rounded(plan: Plan) -> None:
    r = ret(plan, "全区", 2025, D(2025, 6, 30), {"G08": 1.2})
    rep = compute(plan, [r], 2025, today=D(2025, 7, 1))  # before the return is overdue
    g08 = row(rep, "全区", "G08")
    assert g08.expected == 3 * (366 + 181) / 1096
    assert g08.status == "behind"


def test_stock_rate_and_qualitative_goals(plan: Plan) -> None:
    rets = [
        ret(plan, "全区", 2024, D(2024, 12, 31), {"G01": 380, "G12": 88}),
        ret(plan, "全区", 2025, D(2025, 12, 31), {"G01": 450, "G12": 91.5, "Q1": "已完成", "Q2": "未启动"}),
    ]
    rep = compute(plan, rets, 2025, today=D(2026, 11, 25))
    g01 = row(rep, "全区", "G01")  # stock: the latest level, not a sum; no baseline, no path
    assert (g01.actual, g01.target, g01.gap) == (450, 600, 150)
    assert (g01.expected, g01.status, g01.light) == (None, "no_baseline", None)
    assert g01.cumulative_actual is None
    g12 = row(rep, "全区", "G12")  # rate: a threshold to hold
    assert (g12.actual, g12.expected, g12.status) == (91.5, 90, "met")
    assert row(rep, "全区", "Q1").status == "done"
    assert row(rep, "全区", "Q2").status == "not_started"
    assert row(rep, "全区", "Q3").status == "in_progress"


def test_served_goal_row_sits_beside_the_breakdown(plan: Plan) -> None:
    rets = [ret(plan, t, 2025, D(2025, 12, 31), {"B3": 5}) for t in TOWNS]
    rep = compute(plan, rets, 2025, today=D(2026, 11, 25))
    g09 = row(rep, "全区", "G09")
    assert (g09.target, g09.actual, g09.gap) == (200, 55, 145)
    assert row(rep, "全区", "B3").target == 55 and row(rep, "全区", "B3").plan_target == 165


def test_yes_no_duty(plan: Plan) -> None:
    rets = [
        ret(plan, "税郭镇", 2025, D(2025, 12, 31), {"D1": "否"}),
        ret(plan, "永安镇", 2025, D(2025, 12, 31), {"D1": "是"}),
    ]
    rep = compute(plan, rets, 2025, today=D(2026, 11, 25))
    assert row(rep, "税郭镇", "D1").status == "behind"
    assert row(rep, "永安镇", "D1").status == "met"
    district = row(rep, "全区", "D1")  # never summed: how many units meet it
    assert (district.actual, district.units_meeting, district.units_counted) == (None, 1, 2)
    assert district.status == "behind" and len(district.missing_units) == 9


def test_other_plan_works_without_any_shizhong_assumption(other_plan: Plan) -> None:
    r = Return(
        file="x.xlsx",
        unit="高新区管委会",
        year=2025,
        as_of=D(2025, 12, 31),
        values={"F1": Value("F1", 800.5, "E11"), "F2": Value("F2", 15.0, "E12")},
    )
    rep = compute(other_plan, [r], 2025, today=D(2026, 11, 25))
    f2 = row(rep, "高新区管委会", "F2")
    assert (f2.target, f2.actual, f2.status, f2.cumulative_target) == (14, 15, "met", 36)
    f1 = row(rep, "高新区管委会", "F1")
    assert (f1.target, f1.actual) == (2000, 800.5)
    assert row(rep, "全县", "K1").actual == 800.5
    assert rep.units.missing == ["东城镇", "白云乡", "县科技局"]
    assert [x.reporting_unit for x in rep.rows if x.indicator.code == "F2"] == ["高新区管委会", "全县"]


# ---- properties ------------------------------------------------------------------------------
@st.composite
def scenario(draw: st.DrawFn, plan: Plan) -> list[Return]:
    rets: list[Return] = []
    for unit in [*TOWNS, "全区"]:
        for year in (2024, 2025):
            n = draw(st.integers(0, 2))
            for k in range(n):
                values: dict[str, Any] = {}
                for trow in rows_for(plan, unit, year):
                    ind = trow.indicator
                    if ind.kind == "yesno":
                        values[ind.code] = draw(st.sampled_from(["是", "否"]))
                    elif ind.kind == "qualitative":
                        values[ind.code] = draw(st.sampled_from(["已完成", "推进中", "未启动"]))
                    elif ind.rate:
                        values[ind.code] = float(draw(st.integers(0, 100)))
                    else:
                        values[ind.code] = float(draw(st.integers(0, 30)))
                day = draw(st.sampled_from([D(year, 3, 31), D(year, 6, 30), D(year, 12, 31)]))
                rets.append(
                    ret(
                        plan,
                        unit,
                        year,
                        day,
                        values,
                        file=f"{year}/{unit}-{k}.xlsx",
                        errors=draw(st.booleans()) and draw(st.booleans()),
                    )
                )
    return rets


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_report_invariants(plan: Plan, data: st.DataObject) -> None:
    rets = data.draw(scenario(plan))
    rep = compute(plan, rets, 2025, today=D(2026, 11, 25))
    # Nothing read is missing from the submissions list.
    assert sorted(s.ret.file for s in rep.submissions) == sorted(r.file for r in rets)
    # Every unit is in exactly one completeness list.
    u = rep.units
    assert sorted(u.submitted + u.overdue + u.missing + u.rejected + u.conflict) == sorted(TOWNS)
    for code in ("B1", "B2", "B3", "B4", "B5"):
        unit_rows = [r for r in rep.rows if r.indicator.code == code and not r.is_district]
        district = row(rep, "全区", code)
        period = district.indicator.scope == "period"
        actuals = [r.cumulative_actual if period else r.actual for r in unit_rows]
        # 全区 actual = sum of the townships' actuals (cumulative ones for a period goal).
        assert (district.actual or 0) == sum(a for a in actuals if isinstance(a, float))
    # A level each unit must hold is never summed.
    assert row(rep, "全区", "D2").actual is None
    for r in rep.rows:
        if r.gap is not None:
            assert r.gap >= 0
        if isinstance(r.actual, float) and r.target and r.indicator.direction == "at_least" and not r.is_district:
            if r.status == "met":
                assert r.actual >= r.target
            elif r.status == "on_track":
                assert r.expected is not None and r.actual >= r.expected
            elif r.status == "no_baseline":
                assert r.expected is None and r.actual < r.target
            elif r.status == "overdue":  # figures kept, the unit listed as overdue
                assert r.reporting_unit in u.overdue and r.completion is not None
            else:
                assert r.status == "behind" and r.actual < r.target
                assert r.expected is not None and r.actual < r.expected
        if r.indicator.kind == "flow" and r.indicator.scope == "yearly" and not r.is_district:
            # Cumulative = the sum of each year's chosen figure.
            yearly = [
                row(compute(plan, rets, y, today=D(2026, 11, 25)), r.reporting_unit, r.indicator.code).actual
                for y in (2024, 2025)
            ]
            assert r.cumulative_actual == sum(v for v in yearly if isinstance(v, float))
            break  # one full cross-check per example keeps the test fast
