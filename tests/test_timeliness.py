"""Timeliness: which period is due by a date, and whether a unit's latest return misses it."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from ipcounty.plan import read_plan
from ipcounty.plan.runtime import ReportingRule
from ipcounty.timeliness import judge, latest_due, next_due, periods

D = dt.date

# frequency, due_day, reference date, latest 截至日期 (None: no valid return),
# → overdue?, days overdue, (last day of the period that was due, its deadline) or None
TABLE = [
    # monthly, due on the 5th: September is due by 5 October, the 5th itself still on time
    ("monthly", 5, D(2025, 10, 5), D(2025, 8, 31), False, 0, (D(2025, 8, 31), D(2025, 9, 5))),
    ("monthly", 5, D(2025, 10, 6), D(2025, 8, 31), True, 1, (D(2025, 9, 30), D(2025, 10, 5))),
    ("monthly", 5, D(2025, 10, 6), D(2025, 9, 30), False, 0, (D(2025, 9, 30), D(2025, 10, 5))),
    ("monthly", 5, D(2025, 10, 6), D(2025, 10, 3), False, 0, (D(2025, 9, 30), D(2025, 10, 5))),
    # a return dated before the period's last day does not cover it
    ("monthly", 5, D(2025, 10, 31), D(2025, 9, 28), True, 26, (D(2025, 9, 30), D(2025, 10, 5))),
    ("monthly", 5, D(2025, 10, 31), None, True, 26, (D(2025, 9, 30), D(2025, 10, 5))),
    # nothing due before the first deadline of the year
    ("monthly", 5, D(2025, 2, 5), None, False, 0, None),
    ("monthly", 5, D(2025, 2, 6), None, True, 1, (D(2025, 1, 31), D(2025, 2, 5))),
    # December is due in January of the next year; later, December stays the period due
    ("monthly", 5, D(2025, 12, 31), D(2025, 11, 30), False, 0, (D(2025, 11, 30), D(2025, 12, 5))),
    ("monthly", 5, D(2026, 1, 6), D(2025, 11, 30), True, 1, (D(2025, 12, 31), D(2026, 1, 5))),
    ("monthly", 5, D(2026, 3, 1), D(2025, 12, 31), False, 0, (D(2025, 12, 31), D(2026, 1, 5))),
    # a due day past the month's end means its last day (February)
    ("monthly", 31, D(2025, 3, 1), None, True, 1, (D(2025, 1, 31), D(2025, 2, 28))),
    ("monthly", 31, D(2025, 3, 1), D(2025, 1, 31), False, 0, (D(2025, 1, 31), D(2025, 2, 28))),
    # quarterly, due on the 10th of the month after the quarter
    ("quarterly", 10, D(2025, 7, 10), D(2025, 3, 31), False, 0, (D(2025, 3, 31), D(2025, 4, 10))),
    ("quarterly", 10, D(2025, 7, 11), D(2025, 3, 31), True, 1, (D(2025, 6, 30), D(2025, 7, 10))),
    ("quarterly", 10, D(2025, 9, 30), D(2025, 6, 30), False, 0, (D(2025, 6, 30), D(2025, 7, 10))),
    ("quarterly", 10, D(2025, 11, 20), D(2025, 8, 31), True, 41, (D(2025, 9, 30), D(2025, 10, 10))),
    ("quarterly", 10, D(2025, 4, 1), None, False, 0, None),
    # yearly, due on 15 January
    ("yearly", 15, D(2025, 12, 31), None, False, 0, None),
    ("yearly", 15, D(2026, 1, 15), D(2025, 9, 30), False, 0, None),
    ("yearly", 15, D(2026, 1, 16), D(2025, 9, 30), True, 1, (D(2025, 12, 31), D(2026, 1, 15))),
    ("yearly", 15, D(2026, 2, 1), D(2025, 12, 31), False, 0, (D(2025, 12, 31), D(2026, 1, 15))),
]


@pytest.mark.parametrize(("frequency", "due_day", "reference", "latest", "overdue", "days", "period"), TABLE)
def test_timeliness_table(
    frequency: str,
    due_day: int,
    reference: dt.date,
    latest: dt.date | None,
    overdue: bool,
    days: int,
    period: tuple[dt.date, dt.date] | None,
) -> None:
    rule = ReportingRule(frequency, due_day)  # type: ignore[arg-type]
    got = judge(rule, 2025, reference, latest)
    assert (got.overdue, got.days) == (overdue, days)
    assert (None if got.period is None else (got.period.end, got.period.due)) == period


def test_february_of_a_leap_year_ends_on_the_29th() -> None:
    rule = ReportingRule("monthly", 31)
    assert periods(rule, 2024)[0].due == D(2024, 2, 29)
    assert periods(rule, 2024)[1].end == D(2024, 2, 29)
    assert judge(rule, 2024, D(2024, 3, 1), None).days == 1


def test_periods_cover_the_year_without_gaps() -> None:
    for frequency, n in (("monthly", 12), ("quarterly", 4), ("yearly", 1)):
        ps = periods(ReportingRule(frequency, 5), 2024)  # type: ignore[arg-type]
        assert len(ps) == n
        assert ps[0].start == D(2024, 1, 1) and ps[-1].end == D(2024, 12, 31)
        for a, b in itertools.pairwise(ps):
            assert b.start == a.end + dt.timedelta(days=1)
            assert a.due < b.due


def test_the_calendar_is_made_once_and_cannot_be_changed_by_a_caller() -> None:
    """A report asks for the periods once per unit: they are kept per rule and year, so a list
    handed out is the caller's own."""
    rule = ReportingRule("quarterly", 10)
    mine = periods(rule, 2025)
    mine.clear()
    assert len(periods(rule, 2025)) == 4
    assert latest_due(rule, 2025, D(2025, 7, 11)).end == D(2025, 6, 30)  # type: ignore[union-attr]
    assert latest_due(rule, 2025, D(2025, 7, 10)).end == D(2025, 3, 31)  # type: ignore[union-attr]


def test_next_due_is_the_return_to_send_next() -> None:
    rule = ReportingRule("monthly", 5)
    assert next_due(rule, 2025, D(2025, 10, 5)) == latest_due(rule, 2025, D(2025, 10, 6))
    assert next_due(rule, 2025, D(2025, 10, 6)).due == D(2025, 11, 5)  # type: ignore[union-attr]
    assert next_due(rule, 2025, D(2026, 1, 6)) is None


def test_the_bundled_plan_reports_monthly_by_the_fifth(plan) -> None:  # type: ignore[no-untyped-def]
    assert plan.reporting == ReportingRule("monthly", 5)


@pytest.mark.parametrize(
    ("section", "detail"),
    [
        ("reporting: {frequency: weekly, due_day: 5}", "reporting.frequency"),
        ("reporting: {frequency: monthly, due_day: 0}", "reporting.due_day"),
        ("reporting: {frequency: monthly, due_day: 32}", "reporting.due_day"),
        ("reporting: {frequency: monthly, due: 5}", "reporting"),
    ],
)
def test_a_bad_reporting_section_names_its_key(write_plan, section: str, detail: str) -> None:  # type: ignore[no-untyped-def]
    path: Path = write_plan("reporting: {frequency: monthly, due_day: 5}", section)
    result = read_plan(path)
    assert result.plan is None
    assert any(detail in (f.path or "") for f in result.errors), [f.path for f in result.errors]


def test_a_plan_without_reporting_has_no_calendar(write_plan) -> None:  # type: ignore[no-untyped-def]
    result = read_plan(write_plan("reporting: {frequency: monthly, due_day: 5}", ""))
    assert result.plan is not None and result.plan.reporting is None


def test_a_report_marks_a_stale_unit_overdue_and_strict_fails(plan) -> None:  # type: ignore[no-untyped-def]
    from ipcounty.progress import compute
    from tests.test_progress import ret, row

    units = [*plan.unit_names, plan.district_name]
    rets = [ret(plan, u, 2025, D(2025, 9, 30)) for u in units if u != "永安镇"]
    rets.append(ret(plan, "永安镇", 2025, D(2025, 8, 31), {"B1": 9}))
    on_time = compute(plan, rets, 2025, today=D(2025, 10, 5))  # September is due by the 5th
    assert on_time.units.overdue == [] and not on_time.problems
    late = compute(plan, rets, 2025, today=D(2025, 10, 6))
    assert late.units.overdue == ["永安镇"] and "永安镇" not in late.units.submitted
    assert late.timeliness["永安镇"].days == 1 and late.problems  # what --strict fails on
    r = row(late, "永安镇", "B1")
    assert (r.status, r.light, r.actual) == ("overdue", "red", 9)  # the figures stay
    assert row(late, "税郭镇", "B1").status != "overdue"
    # --as-of judges at that date: on 5 October nobody was late yet
    assert compute(plan, rets, 2025, as_of=D(2025, 10, 5), today=D(2026, 6, 1)).units.overdue == []


def test_report_json_and_csv_carry_overdue(runner) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io
    import json

    from ipcounty.cli import app
    from tests.conftest import PLAN_PATH, ROOT

    args = ["--plan", str(PLAN_PATH), "report", "2025", "--returns", str(ROOT / "examples" / "returns")]
    r = runner.invoke(app, [*args, "--as-of", "2026-01-10", "--format", "json"])
    data = json.loads(r.stdout)
    assert data["completeness"]["overdue"] == ["光明路街道"]
    assert "光明路街道" not in data["completeness"]["submitted"]
    t = data["timeliness"]
    assert (t["frequency"], t["due_day"], t["reference_date"]) == ("monthly", 5, "2026-01-10")
    assert t["units"]["光明路街道"] == {
        "period_end": "2025-12-31",
        "due": "2026-01-05",
        "overdue": True,
        "days_overdue": 5,
    }
    assert t["units"]["税郭镇"]["overdue"] is False
    r = runner.invoke(app, [*args, "--as-of", "2026-01-10", "--format", "csv"])
    rows = [x for x in csv.DictReader(io.StringIO(r.stdout)) if x["reporting_unit"] == "光明路街道"]
    assert rows and {x["status"] for x in rows} == {"overdue"} and {x["light"] for x in rows} == {"red"}
    r = runner.invoke(app, [*args, "--as-of", "2026-01-05", "--strict"])
    assert "逾期未报" not in r.stdout.splitlines()[1]  # on the 5th December is still on time
