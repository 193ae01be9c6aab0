"""序时进度 the way the office reads it: the schedule, the status and the light, one table.

Each case is (kind, scope, direction, target, baseline, actual, 截至日期) → time_share, expected,
lag_points, status, light, as SPEC v2 "序时进度 — how progress is judged" states them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ipcounty.plan import Plan
from ipcounty.progress import assess_figure, compute
from ipcounty.schedule import (
    Part,
    elapsed_share,
    month_part,
    period_part,
    quarter_part,
    time_share,
    year_part,
)
from ipcounty.status import assess, judge, light, rank_score, ranks
from tests.test_progress import ret, row

D = dt.date
PLAN_START, PLAN_END = D(2024, 1, 1), D(2026, 12, 31)  # 1096 days (2024 is a leap year)


def share_for(kind: str, scope: str, as_of: dt.date, target: float) -> float:
    if kind == "rate" or (kind == "stock" and scope == "yearly"):
        return 1.0  # a level to hold
    part = period_part(PLAN_START, PLAN_END, target) if scope == "period" else year_part(as_of.year, target)
    return time_share(as_of, [part])


CASES = [
    # id, kind, scope, direction, target, baseline, actual, as_of, time_share, expected, lag_points, status, light
    ("target 1 at two-thirds of a period", "flow", "period", "at_least", 1, None, 0, D(2025, 12, 31),
     731 / 1096, 731 / 1096, -100 * 731 / 1096, "behind", "red"),
    ("15 on 30 June, 7 done: behind by 2.9 points", "flow", "yearly", "at_least", 15, None, 7, D(2025, 6, 30),
     181 / 365, 15 * 181 / 365, (7 - 15 * 181 / 365) / 15 * 100, "behind", "yellow"),
    ("15 on 30 June, 8 done: on schedule", "flow", "yearly", "at_least", 15, None, 8, D(2025, 6, 30),
     181 / 365, 15 * 181 / 365, (8 - 15 * 181 / 365) / 15 * 100, "on_track", "green"),
    ("leap year: 29 February is day 60 of 366", "flow", "yearly", "at_least", 15, None, 3, D(2024, 2, 29),
     60 / 366, 15 * 60 / 366, (3 - 15 * 60 / 366) / 15 * 100, "on_track", "green"),
    ("leap year: 30 June is day 182 of 366", "flow", "yearly", "at_least", 15, None, 5, D(2024, 6, 30),
     182 / 366, 15 * 182 / 366, (5 - 15 * 182 / 366) / 15 * 100, "behind", "red"),
    ("the day itself counts: 1 January", "flow", "yearly", "at_least", 365, None, 1, D(2025, 1, 1),
     1 / 365, 1.0, 0.0, "on_track", "green"),
    ("met before the year ends", "flow", "yearly", "at_least", 10, None, 10, D(2025, 3, 31),
     90 / 365, 10 * 90 / 365, (10 - 10 * 90 / 365) * 10, "met", "green"),
    ("ceiling under its cap", "flow", "yearly", "at_most", 10, None, 8, D(2025, 6, 30),
     181 / 365, 10 * 181 / 365, None, "within", "green"),
    ("ceiling over its cap", "flow", "yearly", "at_most", 10, None, 12, D(2025, 6, 30),
     181 / 365, 10 * 181 / 365, None, "exceeded", "red"),
    ("rate at its target", "rate", "period", "at_least", 90, None, 90, D(2025, 6, 30),
     1.0, 90, 0.0, "met", "green"),
    ("rate below its target", "rate", "period", "at_least", 90, None, 85, D(2025, 6, 30),
     1.0, 90, (85 - 90) / 90 * 100, "behind", "yellow"),
    ("rate far below its target", "rate", "period", "at_least", 90, None, 70, D(2025, 6, 30),
     1.0, 90, (70 - 90) / 90 * 100, "behind", "red"),
    ("stock with a baseline", "stock", "period", "at_least", 600, 300, 450, D(2025, 12, 31),
     731 / 1096, 300 + 300 * 731 / 1096, (450 - 300 - 300 * 731 / 1096) / 600 * 100, "behind", "yellow"),
    ("stock with a baseline, ahead", "stock", "period", "at_least", 600, 300, 520, D(2025, 12, 31),
     731 / 1096, 300 + 300 * 731 / 1096, (520 - 300 - 300 * 731 / 1096) / 600 * 100, "on_track", "green"),
    ("stock without a baseline: no invented path", "stock", "period", "at_least", 600, None, 450, D(2025, 12, 31),
     731 / 1096, None, None, "no_baseline", None),
    ("stock without a baseline, already met", "stock", "period", "at_least", 600, None, 610, D(2025, 12, 31),
     731 / 1096, None, None, "met", "green"),
    ("a level every unit holds (不少于2人)", "stock", "yearly", "at_least", 2, None, 1, D(2025, 3, 31),
     1.0, 2, -50.0, "behind", "red"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "scope", "direction", "target", "baseline", "actual", "as_of", "share", "exp", "lag", "status", "colour"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_schedule_table(
    kind: str,
    scope: str,
    direction: str,
    target: float,
    baseline: float | None,
    actual: float,
    as_of: dt.date,
    share: float,
    exp: float | None,
    lag: float | None,
    status: str,
    colour: str | None,
) -> None:
    got_share = share_for(kind, scope, as_of, target)
    a = assess(
        kind=kind,
        scope=scope,
        direction=direction,
        target=float(target),
        actual=float(actual),
        share=got_share,
        baseline=baseline,
    )
    assert a.time_share == pytest.approx(share)
    assert (a.expected is None) == (exp is None) and (exp is None or a.expected == pytest.approx(exp))
    assert (a.lag_points is None) == (lag is None) and (lag is None or a.lag_points == pytest.approx(lag))
    assert (a.status, a.light) == (status, colour)
    assert a.completion == pytest.approx(actual / target)


def test_the_office_sentence() -> None:
    """完成年度目标的 46.7%，滞后序时进度 2.9 个百分点."""
    a = assess(
        kind="flow",
        scope="yearly",
        direction="at_least",
        target=15.0,
        actual=7.0,
        share=time_share(D(2025, 6, 30), [year_part(2025, 15)]),
    )
    assert (f"{a.completion:.1%}", f"{-(a.lag_points or 0):.1f}") == ("46.7%", "2.9")


def test_piecewise_schedule_for_quarterly_targets() -> None:
    parts = [quarter_part(2024, 1, 3), quarter_part(2024, 2, 4), quarter_part(2024, 3, 4), quarter_part(2024, 4, 4)]
    assert parts[0] == Part(D(2024, 1, 1), D(2024, 3, 31), 3)
    assert time_share(D(2024, 3, 31), parts) == pytest.approx(3 / 15)  # Q1 done
    assert time_share(D(2024, 5, 15), parts) == pytest.approx((3 + 4 * 45 / 91) / 15)  # Q2 running (45 of 91 days)
    assert time_share(D(2024, 12, 31), parts) == 1.0
    assert time_share(D(2023, 12, 31), parts) == 0.0
    # Monthly parts: February of a leap year has 29 days.
    months = [month_part(2024, m, 1) for m in range(1, 13)]
    assert months[1].end == D(2024, 2, 29)
    assert time_share(D(2024, 2, 15), months) == pytest.approx((1 + 15 / 29) / 12)
    # Nothing due in any part: the share of the days.
    assert time_share(D(2024, 6, 30), [quarter_part(2024, q, 0) for q in (1, 2, 3, 4)]) == 182 / 366


def test_elapsed_share_edges() -> None:
    assert elapsed_share(D(2025, 12, 31), D(2025, 1, 1), D(2025, 12, 31)) == 1.0
    assert elapsed_share(D(2026, 3, 1), D(2025, 1, 1), D(2025, 12, 31)) == 1.0
    assert elapsed_share(D(2024, 12, 31), D(2025, 1, 1), D(2025, 12, 31)) == 0.0
    assert elapsed_share(D(2024, 12, 31), PLAN_START, PLAN_END) == 366 / 1096


@pytest.mark.parametrize(
    ("status", "lag", "colour"),
    [
        ("met", None, "green"),
        ("on_track", 3.0, "green"),
        ("within", None, "green"),
        ("done", None, "green"),
        ("behind", -9.99, "yellow"),
        ("behind", -10.0, "red"),
        ("behind", None, "red"),
        ("exceeded", None, "red"),
        ("not_submitted", None, "red"),
        ("overdue", None, "red"),
        ("rejected", None, "red"),
        ("conflict", None, "red"),
        ("no_baseline", None, None),
        ("no_target", None, None),
        ("in_progress", None, None),
    ],
)
def test_lights(status: str, lag: float | None, colour: str | None) -> None:
    assert light(status, lag) == colour


def test_yellow_points_come_from_the_plan() -> None:
    assert light("behind", -12.0, yellow_points=15) == "yellow"
    assert light("behind", -12.0) == "red"


def test_ranks_share_ties_and_put_units_without_a_return_last() -> None:
    assert ranks([0.1, 0.3, 0.1, None, -0.2]) == [2, 1, 2, 5, 4]
    assert ranks([None, None]) == [None, None]
    assert rank_score(0.8, 1.0) == pytest.approx(-0.2)
    assert rank_score(0.8, 1.0, "at_most") == pytest.approx(0.2)  # further under a cap is better


def test_judge_needs_a_target_and_a_figure() -> None:
    assert judge(direction="at_least", target=None, actual=3.0, expected=1.0) == "no_target"
    assert judge(direction="at_least", target=5.0, actual=None, expected=1.0) == "not_submitted"
    assert judge(direction="at_least", target=0.3, actual=0.1 + 0.2, expected=0.1) == "met"


def test_a_target_of_one_is_behind_with_nothing_done(plan: Plan) -> None:
    """`龙山路街道 B2 目标 1 完成 0` at the end of 2025 is behind, not on schedule."""
    rep = compute(plan, [ret(plan, "龙山路街道", 2025, D(2025, 12, 31), {"B2": 0})], 2025, today=D(2026, 1, 5))
    r = row(rep, "龙山路街道", "B2")
    assert (r.target, r.actual, r.status, r.light) == (1, 0, "behind", "red")
    assert r.time_share == 731 / 1096 and r.expected == 731 / 1096


def test_assess_figure_is_what_the_report_does(plan: Plan) -> None:
    rep = compute(plan, [ret(plan, "税郭镇", 2025, D(2025, 6, 30), {"B1": 7})], 2025, today=D(2025, 7, 5))
    r = row(rep, "税郭镇", "B1")
    a = assess_figure(plan, plan.indicator("B1"), "税郭镇", 2025, D(2025, 6, 30), 7.0)
    assert (a.time_share, a.expected, a.lag_points, a.status, a.light) == (
        r.time_share,
        r.expected,
        r.lag_points,
        r.status,
        r.light,
    )
    assert (r.status, r.light, r.rank) == ("behind", "yellow", 1)
