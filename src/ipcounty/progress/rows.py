"""The figures of every row: target, actual, 序时进度, expected, gap, completion, status, light, rank.

Every figure comes from :mod:`ipcounty.schedule` and every status, light and rank from
:mod:`ipcounty.status`; this module only applies them to the returns that count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ipcounty.plan import Indicator, Plan
from ipcounty.progress.model import Completeness, Row
from ipcounty.progress.picking import Pick
from ipcounty.returns.layout import NO, YES
from ipcounty.returns.model import Return, Value
from ipcounty.schedule import holds_level, indicator_time_share
from ipcounty.status import Assessment, Status, assess, judge, light, rank_score, ranks
from ipcounty.timeliness import Timeliness
from ipcounty.timeliness import judge as judge_timeliness

_NO_PICK = Pick()  # a unit with no return for the year


class YearCalc:
    """The rows of one year's report; every figure comes from :mod:`ipcounty.schedule` and
    every status, light and rank from :mod:`ipcounty.status`."""

    def __init__(
        self,
        plan: Plan,
        year: int,
        picks: dict[tuple[str, int], Pick],
        reference: dt.date,
        due_reference: dt.date | None = None,
    ) -> None:
        self.plan = plan
        self.year = year
        self.picks = picks
        self.reference = reference
        self.years_so_far = [y for y in plan.years if y <= year]
        self.yellow = plan.yellow_points
        self.timeliness: dict[str, Timeliness] = {}
        rule = plan.reporting
        if rule is not None:
            for unit in plan.reporting_names():
                used = self.pick(unit, year).used
                latest = used.as_of if used is not None else None
                self.timeliness[unit] = judge_timeliness(rule, year, due_reference or reference, latest)

    def overdue(self, unit: str) -> bool:
        """A unit with a valid return that does not cover the period due (逾期未报)."""
        t = self.timeliness.get(unit)
        return t is not None and t.overdue and self.pick(unit, self.year).used is not None

    def pick(self, unit: str, year: int) -> Pick:
        """The returns of ``unit`` for ``year``: what was chosen, else an empty pick (shared: read it,
        never change it)."""
        return self.picks.get((unit, year)) or _NO_PICK

    def completeness(self, units: list[str]) -> Completeness:
        c = Completeness(expected=len(units))
        for u in units:
            status = self.pick(u, self.year).status
            if status is None and self.overdue(u):
                c.overdue.append(u)
                continue
            {None: c.submitted, "conflict": c.conflict, "rejected": c.rejected}.get(status, c.missing).append(u)
        return c

    # ---- the one way a row's figures follow from target, baseline, schedule and actual -----------
    def _fill(
        self, row: Row, ind: Indicator, share: float | None, actual: float | str | None, decided: Status | None = None
    ) -> None:
        """Set time_share, expected, gap, completion, lag_points, status and light of ``row``
        (see :func:`ipcounty.status.assess`)."""
        (row.time_share, row.expected, row.gap, row.completion, row.lag_points, row.status, row.light) = assess(
            kind=ind.kind,
            scope=ind.scope,
            direction=ind.direction,
            target=row.target,
            actual=actual,
            share=share,
            baseline=row.baseline,
            yellow_points=self.yellow,
            decided=decided,
        )

    # ---- rows -------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        plan = self.plan
        out: list[Row] = []
        for ind in plan.unit_indicators():
            unit_rows = [self.unit_row(ind, u) for u in plan.unit_names if plan.has_target(ind.code, u)]
            self._rank(ind, unit_rows)
            total = self.district_sum_row(ind, unit_rows)
            out.extend(unit_rows)
            out.append(total)
            if ind.serves and ind.compare == "sum":
                out.append(self.served_goal_row(plan.indicator(ind.serves), ind, total))
        for ind in plan.district_form_indicators():
            out.append(self.district_goal_row(ind))
        return out

    def _rank(self, ind: Indicator, rows: list[Row]) -> None:
        scores = [
            rank_score(r.completion, r.time_share, ind.direction)
            if self.pick(r.reporting_unit, self.year).used is not None
            else None
            for r in rows
        ]
        for r, k in zip(rows, ranks(scores), strict=True):
            r.rank = k

    def _cumulative(self, ind: Indicator, unit: str) -> tuple[float, list[int]]:
        """Sum of the yearly actuals of a flow from the plan's first year to this one: the one
        rule for cumulative figures (a year without a valid return adds nothing and is listed)."""
        total, missing = 0.0, []
        picks, code = self.picks, ind.code
        for y in self.years_so_far:
            p = picks.get((unit, y))
            used = p.used if p is not None else None
            v = used.values.get(code) if used is not None else None
            value = v.value if v is not None else None
            if isinstance(value, float):
                total += value
            else:
                missing.append(y)
        return total, missing

    def _baseline(self, ind: Indicator, unit: str | None = None) -> float | None:
        """A stock goal's baseline: the plan's, else the 基期值 on ``unit``'s form (the latest
        valid return up to this year that gives one — a later return that leaves it blank does not
        take it away), else None (status ``no_baseline``)."""
        if ind.kind != "stock":
            return None
        if ind.baseline is not None or unit is None:
            return ind.baseline
        for y in reversed(self.years_so_far):
            p = self.pick(unit, y)
            for ret in filter(None, (p.used, *p.earlier)):
                value = ret.values.get(ind.code)
                if value is not None and value.baseline is not None:
                    return value.baseline
        return None

    def _value_record(self, ind: Indicator, unit: str, year: int) -> tuple[Value | None, Return | None]:
        p = self.pick(unit, year)
        if p.used is None:
            return None, None
        return p.used.values.get(ind.code), p.used

    def _own_return(self, row: Row, ind: Indicator, unit: str) -> tuple[Return, Value] | None:
        """What ``row`` takes from ``unit``'s own return for the year: its file, 截至日期 and note.
        None when the row is complete without a figure: no valid return (not submitted, rejected,
        in conflict: judged as such on the schedule), or no value for ``ind`` in it."""
        pick = self.picks.get((unit, self.year)) or _NO_PICK
        if pick.used is None:
            row.source_files = [r.file for r in (pick.conflict or pick.rejected)]
            share = indicator_time_share(self.plan, ind, unit, self.year, self.reference)
            self._fill(row, ind, share, None, decided=pick.status or "not_submitted")
            return None
        ret = pick.used
        value = ret.values.get(ind.code)
        row.source_files = [ret.file]
        row.as_of = ret.as_of
        if value is None:  # cannot happen for a valid return; kept so a bad plan edit shows, not crashes
            row.status, row.light = "rejected", "red"
            return None
        row.note = value.note
        return ret, value

    def _judge_own(self, row: Row, ind: Indicator, unit: str, ret: Return) -> None:
        """Judge ``row.actual`` at the 截至日期 of ``unit``'s return (overdue when it is late)."""
        share = indicator_time_share(self.plan, ind, unit, self.year, ret.as_of or self.reference)
        # ``ret`` is the unit's valid return for the year: overdue when its timeliness says so.
        t = self.timeliness.get(unit)
        self._fill(row, ind, share, row.actual, decided="overdue" if t is not None and t.overdue else None)

    def unit_row(self, ind: Indicator, unit: str) -> Row:
        plan, year, code = self.plan, self.year, ind.code
        target = plan.target(code, unit, year)
        row = Row(
            year,
            unit,
            ind,
            "not_submitted",
            target=target,
            plan_target=plan.plan_target(code, unit),
            baseline=self._baseline(ind, unit) if ind.kind == "stock" else None,
        )
        if ind.kind == "flow":
            if ind.scope == "yearly":
                row.cumulative_target = sum((plan.target(code, unit, y) or 0.0 for y in self.years_so_far), 0.0)
            else:
                row.cumulative_target = target
            row.cumulative_actual, row.missing_years = self._cumulative(ind, unit)
        own = self._own_return(row, ind, unit)
        if own is None:
            return row
        ret, value = own
        row.actual = row.cumulative_actual if ind.kind == "flow" and ind.scope == "period" else value.value
        self._judge_own(row, ind, unit, ret)
        return row

    def district_sum_row(self, ind: Indicator, unit_rows: list[Row]) -> Row:
        """The 全区 row of a breakdown or duty: counts and money summed over the units; a rate, a
        level or a yes/no each unit must hold never summed (met when every unit meets it)."""
        plan = self.plan
        district = plan.district_name
        row = Row(
            self.year,
            district,
            ind,
            "not_submitted",
            is_district=True,
            as_of=self.reference,
            plan_target=plan.plan_target(ind.code, district),
        )
        reported = [r for r in unit_rows if r.actual is not None]
        row.missing_units = [r.reporting_unit for r in unit_rows if r.actual is None]
        # The whole is known up to its units' latest return: that is the date it is judged at.
        row.as_of = min(max((r.as_of for r in reported if r.as_of), default=self.reference), self.reference)
        if ind.kind == "qualitative" or holds_level(ind.kind, ind.scope):
            self._fill_level_total(row, ind, unit_rows, reported)
            return row
        row.target = plan.target(ind.code, district, self.year)
        if ind.kind == "flow":
            row.cumulative_target = _sum(r.cumulative_target for r in unit_rows)
            row.cumulative_actual = _sum(r.cumulative_actual for r in unit_rows)
        bases = [r.baseline for r in unit_rows]
        row.baseline = None if None in bases else _sum(bases)
        # 序时进度 of the whole is the share of its schedule elapsed at that date (100% on 31
        # December), one share for the whole rather than an average of the units' own: what a 通报 prints.
        share = indicator_time_share(plan, ind, district, self.year, row.as_of)
        # For a period flow the amount is cumulative, earlier years of silent units included.
        period_flow = ind.kind == "flow" and ind.scope == "period"
        any_figure = bool(reported) or (
            period_flow and any(len(r.missing_years) < len(self.years_so_far) for r in unit_rows)
        )
        if not any_figure:
            self._fill(row, ind, share, None, decided="not_submitted")
            return row
        row.actual = row.cumulative_actual if period_flow else _sum(r.actual for r in reported)
        self._fill(row, ind, share, row.actual)
        if ind.direction == "at_most" and any(r.status == "exceeded" for r in unit_rows):
            row.status = "exceeded"  # one unit over its cap is over, whatever the sum
            row.light = light(row.status, row.lag_points, self.yellow)
        return row

    def _fill_level_total(self, row: Row, ind: Indicator, unit_rows: list[Row], reported: list[Row]) -> None:
        targets = {r.target for r in unit_rows}
        row.target = targets.pop() if len(targets) == 1 and ind.kind != "yesno" else None
        row.time_share = None if ind.kind == "qualitative" else 1.0
        good: Status = "done" if ind.kind == "qualitative" else "within" if ind.direction == "at_most" else "met"
        row.units_counted = len(reported)
        # An overdue unit's figures are counted (its 完成 shows, 共N个报送 includes it): it meets the
        # target when its figures do, as the attachment shows it (是, 100%), late or not.
        row.units_meeting = sum(1 for r in reported if r.status == good or _meets_on_figures(r, ind))
        if not reported:
            status: Status = "not_submitted"
        elif ind.direction == "at_most":
            status = "exceeded" if any(r.status == "exceeded" for r in unit_rows) else "within"
        elif row.units_meeting == len(unit_rows):
            status = good
        else:
            status = "in_progress" if ind.kind == "qualitative" else "behind"
        row.status = status
        row.light = light(status, None, self.yellow)

    def served_goal_row(self, goal: Indicator, breakdown: Indicator, total: Row) -> Row:
        """The district goal a breakdown adds up to (e.g. 专利开放许可 200 from 附件三's 165): its
        actual is the breakdown's 全区 cumulative amount, the same figure on both rows."""
        plan = self.plan
        district = plan.district_name
        target = plan.target(goal.code, district, self.year)
        row = Row(
            self.year,
            district,
            goal,
            "not_submitted",
            is_district=True,
            as_of=total.as_of,
            target=target,
            plan_target=target,
            cumulative_target=target if goal.kind == "flow" else None,
            baseline=self._baseline(goal),
            note=breakdown.code,
            missing_units=list(total.missing_units),
        )
        share = indicator_time_share(plan, goal, district, self.year, total.as_of or self.reference)
        if total.actual is None:
            self._fill(row, goal, share, None, decided="not_submitted")
            return row
        row.actual = total.cumulative_actual if total.cumulative_actual is not None else total.actual
        if goal.kind == "flow":
            row.cumulative_actual = row.actual if isinstance(row.actual, float) else None
        self._fill(row, goal, share, row.actual)
        return row

    def district_goal_row(self, ind: Indicator) -> Row:
        plan, year = self.plan, self.year
        district = plan.district_name
        target = plan.target(ind.code, district, year)
        row = Row(
            year,
            district,
            ind,
            "not_submitted",
            is_district=True,
            target=target,
            plan_target=target,
            baseline=self._baseline(ind, district),
        )
        if ind.kind == "flow":
            row.cumulative_target = target
        own = self._own_return(row, ind, district)
        if own is None:
            return row
        ret, value = own
        if ind.kind == "flow":
            cumulative, row.missing_years = self._cumulative(ind, district)
            row.actual = row.cumulative_actual = cumulative
        else:
            row.actual = value.value
        self._judge_own(row, ind, district, ret)
        return row


def assess_figure(
    plan: Plan,
    ind: Indicator,
    unit: str,
    year: int,
    as_of: dt.date,
    actual: float | str | None,
    *,
    decided: Status | None = None,
    baseline: float | None = None,
) -> Assessment:
    """Judge ``actual`` of ``unit`` (or the district) for ``ind`` in ``year`` as known at
    ``as_of``: the plan's schedule, target, baseline and warning threshold, one call. What the
    report does for a row; use it for a trend observation or a score item too. For a period
    flow, pass the cumulative amount since the plan began. ``baseline`` (a stock goal's 基期值
    from the district form, ``Row.baseline``) is used when the plan gives none."""
    return assess(
        kind=ind.kind,
        scope=ind.scope,
        direction=ind.direction,
        target=plan.target(ind.code, unit, year),
        actual=actual,
        share=indicator_time_share(plan, ind, unit, year, as_of),
        baseline=(ind.baseline if ind.baseline is not None else baseline) if ind.kind == "stock" else None,
        yellow_points=plan.yellow_points,
        decided=decided,
    )


def _meets_on_figures(r: Row, ind: Indicator) -> bool:
    """An overdue unit's level (D1 是, D2 2/2 人) that meets the target on its own figures."""
    if r.status != "overdue" or ind.kind == "qualitative":
        return False
    number = 1.0 if r.actual == YES else 0.0 if r.actual == NO else r.actual
    if not isinstance(number, float | int):
        return False
    good = "within" if ind.direction == "at_most" else "met"
    return judge(direction=ind.direction, target=r.target, actual=float(number), expected=r.expected) == good


def _sum(values: Iterable[float | str | None]) -> float | None:
    vals = [v for v in values if isinstance(v, float | int)]
    return float(sum(vals)) if vals else None
