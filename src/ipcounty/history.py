"""History: every valid return as an observation, and month-by-month tables of completion.

The report keeps, per unit and year, only the latest valid return. Here every valid return of
the year counts: each becomes one observation per indicator — actual, completion, 序时进度,
expected, lag, status and light — computed by the report's own row builder, as the report
would show that unit had the return been its latest (so ``report --as-of <date>`` says the
same). Two valid returns with the same date and different figures are both observations with
status ``conflict``, as in the report; an identical copy (a duplicate) is not counted twice.

The month tables put, per indicator, each unit's completion at its latest return of every
month (blank where it sent none that month, unless carried forward), the district's figure from
the report as of each month's end, and the month's 序时进度 — the district's schedule at the
month's end (or at the cut-off date in the running month).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ipcounty.plan import Indicator, Plan
from ipcounty.progress import Pick, Row, YearCalc, choose, plain_number
from ipcounty.returns.model import Return
from ipcounty.timeliness import Timeliness
from ipcounty.timeliness import judge as judge_timeliness

TREND_JSON_SCHEMA = "ipcounty.trend"
TREND_JSON_VERSION = 1
# SPEC v2 "History — ipcounty trend": the tidy CSV columns and the keys of every JSON row.
OBSERVATION_COLUMNS = (
    "reporting_unit",
    "indicator_code",
    "as_of",
    "actual",
    "completion",
    "time_share",
    "expected",
    "lag_points",
    "status",
    "light",
    "source_file",
)
# Roles of the returns that are observations: valid, within the cut-off, not a mere copy.
OBSERVED_ROLES = frozenset({"used", "superseded", "conflict"})


@dataclass(frozen=True)
class Observation:
    """One indicator of one valid return, judged as the report judges it at the return's date."""

    year: int
    reporting_unit: str
    indicator: Indicator
    as_of: dt.date
    actual: float | str | None
    completion: float | None
    time_share: float | None
    expected: float | None
    lag_points: float | None
    status: str
    light: str | None
    source_file: str
    target: float | None = None

    @property
    def month(self) -> tuple[int, int]:
        return (self.as_of.year, self.as_of.month)

    def csv_values(self) -> dict[str, Any]:
        """The observation as a CSV / JSON row: numbers as in the report's CSV, codes English, dates ISO."""
        return {
            "reporting_unit": self.reporting_unit,
            "indicator_code": self.indicator.code,
            "as_of": self.as_of.isoformat(),
            "actual": self.actual if isinstance(self.actual, str) else plain_number(self.actual),
            "completion": plain_number(self.completion),
            "time_share": plain_number(self.time_share),
            "expected": plain_number(self.expected),
            "lag_points": plain_number(self.lag_points),
            "status": self.status,
            "light": self.light,
            "source_file": self.source_file,
        }


def trend_indicators(plan: Plan) -> list[Indicator]:
    """The indicators a trend shows, in plan order: every unit's form, then the district's own."""
    return [*plan.unit_indicators(), *plan.district_form_indicators()]


# A unit's row as it depends on the returns that count (see :func:`district_by_month`), by
# (year, indicator code, unit, (pick status, overdue, the returns counted each year so far)).
RowMemo = dict[tuple[Any, ...], Row]


def observations(
    plan: Plan,
    returns: Sequence[Return],
    years: Sequence[int],
    *,
    as_of: dt.date | None = None,
    memo: RowMemo | None = None,
) -> list[Observation]:
    """Every valid return of ``years`` (dated up to ``as_of``) as observations, ordered by year,
    indicator, unit (plan order) and date. ``memo`` (given): each unit row made is kept there
    for :func:`month_tables` to reuse."""
    from ipcounty.status import light

    picks, subs = choose(returns, as_of)
    by_year: dict[int, list[Return]] = {}
    conflicted = {id(s.ret) for s in subs if s.role == "conflict"}
    for s in subs:
        r = s.ret
        if s.role in OBSERVED_ROLES and r.year is not None and r.year in years and r.as_of and r.unit:
            by_year.setdefault(r.year, []).append(r)
    out: list[Observation] = []
    for year, rets in by_year.items():
        calc = YearCalc(plan, year, picks, dt.date(year, 12, 31))
        for r in rets:
            assert r.unit is not None and r.as_of is not None
            key = (r.unit, year)
            saved = picks.get(key)
            picks[key] = Pick(used=r)  # this return as the one that counts, everything else as is
            calc.reference = r.as_of
            standing = calc.timeliness.get(r.unit)
            if plan.reporting is not None:
                # Timeliness as the report judges it on the return's own date, this return the latest.
                calc.timeliness[r.unit] = judge_timeliness(plan.reporting, year, r.as_of, r.as_of)
            try:
                rows = _rows_of(plan, calc, r.unit)
                if memo is not None and r.unit != plan.district_name:
                    depends = _depends(calc, r.unit)
                    for row in rows:
                        memo.setdefault((year, row.indicator.code, r.unit, depends), row)
            finally:
                if saved is None:
                    del picks[key]
                else:
                    picks[key] = saved
                if standing is not None:
                    calc.timeliness[r.unit] = standing
            for row in rows:
                status, lit = row.status, row.light
                if id(r) in conflicted:
                    status, lit = "conflict", light("conflict", None, plan.yellow_points)
                out.append(
                    Observation(
                        year,
                        r.unit,
                        row.indicator,
                        r.as_of,
                        row.actual,
                        row.completion,
                        row.time_share,
                        row.expected,
                        row.lag_points,
                        status,
                        lit,
                        r.file,
                        row.target,
                    )
                )
    order = {ind.code: i for i, ind in enumerate(trend_indicators(plan))}
    units = {u: i for i, u in enumerate([*plan.unit_names, plan.district_name])}
    out.sort(key=lambda o: (o.year, order.get(o.indicator.code, 999), units.get(o.reporting_unit, 999), o.as_of))
    return out


def _depends(calc: YearCalc, unit: str) -> tuple[Any, ...] | None:
    """What ``unit``'s rows depend on in ``calc`` (None: made afresh, a return without a date):
    its pick's status, whether it is overdue, the returns that count each year so far. Rows of
    the same unit and indicator with the same dependencies hold the same figures, but for the
    序时进度 of a unit with no valid return (judged on ``calc``'s date): which no 全区 row adds up."""
    pick = calc.pick(unit, calc.year)
    if pick.used is not None and pick.used.as_of is None:
        return None
    counted = tuple(id(calc.pick(unit, y).used) for y in calc.years_so_far)
    return (pick.status, calc.overdue(unit), counted)


def report_memo(report: Any) -> RowMemo:
    """The unit rows of ``report`` (a :class:`~ipcounty.progress.Report`) that hold a valid
    return, keyed as :func:`month_tables` reuses them: the report's own figures for the month
    whose returns and standing are the report's."""
    from ipcounty.progress import choose

    plan, year = report.plan, report.year
    picks, _ = choose([s.ret for s in report.submissions], report.as_of)
    calc = YearCalc.__new__(YearCalc)  # only what _depends reads: no rows are made here
    calc.plan, calc.year, calc.picks = plan, year, picks
    calc.years_so_far = [y for y in plan.years if y <= year]
    calc.timeliness = dict(report.timeliness)
    memo: RowMemo = {}
    for row in report.rows:
        unit = row.reporting_unit
        if row.is_district or row.indicator.level != "unit" or row.indicator.section == "goal":
            continue
        used = calc.pick(unit, year).used
        if used is None:
            continue  # a unit without a valid return: its row is judged on the report's date
        if row.source_files != [used.file] or row.as_of != used.as_of:
            continue  # not made from this pick (never expected): made afresh instead
        depends = _depends(calc, unit)
        if depends is not None:
            memo.setdefault((year, row.indicator.code, unit, depends), row)
    return memo


def _rows_of(plan: Plan, calc: YearCalc, unit: str) -> list[Row]:
    if unit == plan.district_name:
        return [calc.district_goal_row(ind) for ind in plan.district_form_indicators()]
    return [calc.unit_row(ind, unit) for ind in plan.unit_indicators() if plan.has_target(ind.code, unit)]


# ---- month by month -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One unit × month: the figures of the month's latest return (or, carried, an earlier one)."""

    completion: float | None
    actual: float | str | None
    status: str
    light: str | None
    as_of: dt.date
    source_file: str
    carried: bool = False  # shown from an earlier month (--carry-forward)
    units_meeting: int | None = None  # district cells of a rate or level: units that meet it …
    units_counted: int | None = None  # … of this many with a valid figure


@dataclass
class MonthTable:
    """One indicator's unit × month table for one year."""

    indicator: Indicator
    year: int
    months: list[int]  # 1 … the last month shown
    units: list[tuple[str, list[Cell | None]]] = field(default_factory=list)
    district: list[Cell | None] = field(default_factory=list)  # the report as of each month's end
    time_share: list[float | None] = field(default_factory=list)  # the month's 序时进度
    month_ends: list[dt.date] = field(default_factory=list)


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_ends(year: int, reference: dt.date) -> list[dt.date]:
    """The end of each month of ``year`` up to ``reference`` (itself, in its running month)."""
    if reference < dt.date(year, 1, 1):
        return []
    last = 12 if reference.year > year else reference.month
    ends = [last_day(year, m) for m in range(1, last + 1)]
    if ends and reference < ends[-1]:
        ends[-1] = reference
    return ends


def reference_date(year: int, as_of: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The last day a trend of ``year`` covers: the cut-off, else today, within the year."""
    day = as_of or today or dt.date.today()
    return max(min(day, dt.date(year, 12, 31)), dt.date(year, 1, 1))


def month_tables(
    plan: Plan,
    returns: Sequence[Return],
    year: int,
    obs: Sequence[Observation],
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    carry_forward: bool = False,
    memo: RowMemo | None = None,
) -> list[MonthTable]:
    """Per indicator, the unit × month table of ``year`` (see the module's docstring). ``memo``:
    unit rows already made (by :func:`observations`, :func:`report_memo`) to reuse."""
    from ipcounty.schedule import indicator_time_share

    ends = month_ends(year, reference_date(year, as_of, today))
    districts = district_by_month(plan, returns, year, ends, memo)
    latest: dict[tuple[str, str, int], Observation] = {}  # (unit, code, month) -> the month's latest
    for o in obs:
        if o.year != year:
            continue
        key = (o.reporting_unit, o.indicator.code, o.as_of.month)
        held = latest.get(key)
        if held is None or o.as_of > held.as_of:
            latest[key] = o
    tables: list[MonthTable] = []
    for ind in trend_indicators(plan):
        table = MonthTable(ind, year, [e.month for e in ends], month_ends=ends)
        units = [plan.district_name] if ind.level == "district" else plan.unit_names
        for unit in units:
            if ind.level == "unit" and not plan.has_target(ind.code, unit):
                continue
            cells: list[Cell | None] = []
            before: Cell | None = None
            for end in ends:
                seen = latest.get((unit, ind.code, end.month))
                if seen is not None:
                    before = _cell(seen)
                    cells.append(before)
                elif carry_forward and before is not None:
                    cells.append(Cell(**{**before.__dict__, "carried": True}))
                else:
                    cells.append(None)
            table.units.append((unit, cells))
        if ind.level == "unit":
            table.district = [_district_cell(by.get(ind.code), end) for by, end in zip(districts, ends, strict=True)]
        table.time_share = [indicator_time_share(plan, ind, plan.district_name, year, end) for end in ends]
        tables.append(table)
    return tables


def _cell(o: Observation) -> Cell:
    return Cell(o.completion, o.actual, o.status, o.light, o.as_of, o.source_file)


def district_by_month(
    plan: Plan, returns: Sequence[Return], year: int, ends: Sequence[dt.date], memo: RowMemo | None = None
) -> list[dict[str, Row]]:
    """Per month end, the 全区 row of every breakdown as ``report --as-of <end>`` made that day has it.

    One pass over the year rather than a report a month. A unit's row is made once for each set
    of returns that count for it (this year's and the earlier years' that feed its cumulative
    figures) and standing (overdue or not), and reused for the months that share them: the rest
    of what moves with the month in a row — the 序时进度 of a unit that has sent nothing valid —
    is not what the 全区 row adds up. Timeliness is judged once per (month end, latest return
    date), not once per unit. The 全区 rows themselves are the report's (``district_sum_row``);
    a test compares every month with the report made on that day. ``memo``: rows already made,
    by the same key (:func:`_depends`), reused and added to."""
    made: RowMemo = memo if memo is not None else {}
    judged: dict[tuple[dt.date, dt.date | None], Timeliness] = {}
    out: list[dict[str, Row]] = []
    indicators = plan.unit_indicators()
    rule = plan.reporting
    calc: YearCalc | None = None
    targeted = {i.code: [u for u in plan.unit_names if plan.has_target(i.code, u)] for i in indicators}
    days = sorted(r.as_of for r in returns if r.as_of is not None)
    seen = -1
    for end in ends:
        known = bisect.bisect_right(days, end)  # returns dated by this month's end
        if known != seen:  # else no return is newer than last month's end: the same ones count
            picks, _ = choose(returns, end)
            seen = known
        if calc is None:
            calc = YearCalc(plan, year, picks, end, end)
        else:
            calc.picks, calc.reference = picks, end
        if rule is not None:
            # What YearCalc does for every unit on its own, once per distinct latest date.
            for unit in plan.reporting_names():
                used = calc.pick(unit, year).used
                latest = used.as_of if used is not None else None
                standing = judged.get((end, latest))
                if standing is None:
                    standing = judged[(end, latest)] = judge_timeliness(rule, year, end, latest)
                calc.timeliness[unit] = standing
        # What a unit's rows depend on this month (None: made afresh, a return without a date).
        state = {unit: _depends(calc, unit) for unit in plan.unit_names}
        rows: dict[str, Row] = {}
        for unit_ind in indicators:
            code = unit_ind.code
            unit_rows: list[Row] = []
            for unit in targeted[code]:
                depends = state[unit]
                if depends is None:
                    unit_rows.append(calc.unit_row(unit_ind, unit))
                    continue
                key = (year, code, unit, depends)
                row = made.get(key)
                if row is None:
                    row = made[key] = calc.unit_row(unit_ind, unit)
                unit_rows.append(row)
            rows[code] = calc.district_sum_row(unit_ind, unit_rows)
        out.append(rows)
    return out


def _district_cell(row: Row | None, end: dt.date) -> Cell | None:
    if row is None or row.status == "not_submitted":
        return None
    return Cell(
        row.completion,
        row.actual,
        row.status,
        row.light,
        end,
        "",
        units_meeting=row.units_meeting,
        units_counted=row.units_counted,
    )
