"""Invariants of every report: statuses agree with figures, 全区 rows agree with their units,
period figures agree across rows, and no rate or level is ever added up (SPEC v2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ipcounty.plan import Plan, load_plan
from ipcounty.progress import Report, Row, compute
from ipcounty.returns.model import Return, Value
from ipcounty.schedule import holds_level, indicator_time_share
from ipcounty.status import light
from tests.conftest import ROOT
from tests.test_progress import scenario

D = dt.date
EPS = 1e-9
LEVELS = load_plan(ROOT / "tests" / "data" / "levels_plan.yaml")


def check_status_agrees(r: Row, yellow: float) -> None:
    """The status and light of ``r`` follow from its own figures, nothing else."""
    ind = r.indicator
    a = r.actual if isinstance(r.actual, float) else None
    if ind.kind == "yesno" and isinstance(r.actual, str):
        a = 1.0 if r.actual == "是" else 0.0
    t = r.target
    if r.status == "met":
        if ind.kind == "yesno" and not r.is_district:
            assert r.actual == "是"
        elif r.units_counted is not None:
            assert r.units_meeting == r.units_counted and not r.missing_units
        else:
            assert a is not None and t is not None and a >= t - EPS
    elif r.status == "on_track":
        assert a is not None and r.expected is not None and t is not None
        assert r.expected - EPS <= a < t
        assert r.lag_points is not None and r.lag_points >= -1e-6
    elif r.status == "behind":
        if r.units_counted is not None:
            assert (r.units_meeting or 0) < r.units_counted + len(r.missing_units)
        elif ind.kind == "yesno":
            assert r.actual == "否"
        else:
            assert a is not None and r.expected is not None and a < r.expected
            assert r.lag_points is not None and r.lag_points < 0
    elif r.status == "no_baseline":
        assert r.expected is None and r.baseline is None and ind.kind == "stock"
        assert a is not None and t is not None and a < t
    elif r.status == "within" and r.units_counted is None:
        assert a is not None and t is not None and a <= t + EPS
    elif r.status == "exceeded" and not r.is_district:
        assert a is not None and t is not None and a > t
    if r.status in ("not_submitted", "rejected", "conflict") and not r.is_district:
        assert r.actual is None
    assert r.light == light(r.status, r.lag_points, yellow)
    if r.lag_points is not None and t:
        assert abs(r.lag_points - ((a or 0) - (r.expected or 0)) / t * 100) < 1e-6
    if r.completion is not None and a is not None and t:
        assert abs(r.completion - a / t) < EPS


def check_district_rows(rep: Report) -> None:
    plan = rep.plan
    by_code: dict[str, list[Row]] = {}
    for r in rep.rows:
        by_code.setdefault(r.indicator.code, []).append(r)
    for ind in plan.unit_indicators():
        rows = by_code[ind.code]
        units = [r for r in rows if not r.is_district]
        (total,) = [r for r in rows if r.is_district]
        assert sorted(total.missing_units) == sorted(r.reporting_unit for r in units if r.actual is None)
        if holds_level(ind.kind, ind.scope) or ind.kind == "qualitative":
            # Never summed: the 全区 row counts the units that meet it.
            assert total.actual is None and total.gap is None and total.completion is None
            assert total.cumulative_actual is None and total.plan_target is None
            assert total.units_counted == sum(1 for r in units if r.actual is not None)
            good = "within" if ind.direction == "at_most" else "met"

            # A late (overdue) unit whose own figures meet the level counts too, as its row shows.
            def meets(r: Row, good: str = good, ind: Any = ind) -> bool:
                if r.status == good:
                    return True
                if r.status != "overdue":
                    return False
                if ind.direction == "at_most":
                    return r.gap is not None and r.gap <= 1e-9
                return r.completion is not None and r.completion >= 1 - 1e-9

            assert total.units_meeting == sum(1 for r in units if meets(r))
            continue
        # A count or an amount: the 全区 row is the sum of its units' rows.
        assert total.target == sum(r.target or 0 for r in units)
        # 序时进度 of the whole is taken at its units' latest return, not averaged over their dates.
        dates = [r.as_of for r in units if r.actual is not None and r.as_of]
        assert total.as_of == min(max(dates, default=rep.reference_date), rep.reference_date)
        assert total.time_share == indicator_time_share(plan, ind, plan.district_name, rep.year, total.as_of)
        if ind.kind == "flow":
            assert _close(total.cumulative_actual, sum(r.cumulative_actual or 0 for r in units))
            assert _close(total.cumulative_target, sum(r.cumulative_target or 0 for r in units))
        if ind.kind == "flow" and ind.scope == "period":
            if total.actual is not None:
                # The period's amount since the plan began: the same figure in both columns …
                assert total.actual == total.cumulative_actual
        elif total.actual is not None:
            assert _close(total.actual, sum(r.actual for r in units if isinstance(r.actual, float)))
        if ind.direction == "at_most" and any(r.status == "exceeded" for r in units):
            assert total.status == "exceeded"
        # … and on the row of the district goal it serves.
        if ind.serves and ind.compare == "sum":
            (goal,) = [r for r in by_code[ind.serves] if r.is_district]
            if total.actual is not None:
                assert goal.actual == total.cumulative_actual
                assert goal.cumulative_actual == total.cumulative_actual
            assert goal.missing_units == total.missing_units


def _close(a: float | None, b: float) -> bool:
    return abs((a or 0) - b) < 1e-6


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_report_agrees_with_itself(plan: Plan, data: st.DataObject) -> None:
    rets = data.draw(scenario(plan))
    year = data.draw(st.sampled_from([2024, 2025]))
    rep = compute(plan, rets, year, today=D(2026, 11, 25))
    for r in rep.rows:
        check_status_agrees(r, plan.yellow_points)
    check_district_rows(rep)


@st.composite
def level_returns(draw: st.DrawFn) -> list[Return]:
    rets = []
    for unit in ("甲镇", "乙镇"):
        if draw(st.booleans()) or unit == "甲镇":
            values = {
                "R1": float(draw(st.integers(60, 100))),
                "C1": float(draw(st.integers(0, 15))),
                "P1": float(draw(st.integers(0, 3))),
            }
            day = draw(st.sampled_from([D(2025, 3, 31), D(2025, 6, 30), D(2025, 12, 31)]))
            rets.append(Return(file=f"{unit}.xlsx", unit=unit, year=2025, as_of=day, values=_values(values)))
    base = draw(st.one_of(st.none(), st.integers(0, 20)))
    district = {"S1": float(draw(st.integers(250, 650))), "S2": float(draw(st.integers(0, 25)))}
    values = _values(district)
    values["S2"] = Value("S2", district["S2"], "E12", "", None if base is None else float(base))
    rets.append(Return(file="全区.xlsx", unit="全区", year=2025, as_of=D(2025, 12, 31), values=values))
    return rets


def _values(values: dict[str, Any]) -> dict[str, Value]:
    return {c: Value(c, v, "E11") for c, v in values.items()}


@settings(max_examples=40, deadline=None)
@given(rets=level_returns())
def test_rates_ceilings_and_stocks_agree_with_themselves(rets: list[Return]) -> None:
    rep = compute(LEVELS, rets, 2025, today=D(2025, 12, 31))
    for r in rep.rows:
        check_status_agrees(r, LEVELS.yellow_points)
    check_district_rows(rep)
    # The plan adds up no rate: there is no 全区 target for R1 in any year.
    assert all(LEVELS.target("R1", "全区", y) is None for y in LEVELS.years)
