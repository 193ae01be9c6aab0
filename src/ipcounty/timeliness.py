"""When a return is due, and whether a unit is late (逾期未报).

The plan's ``reporting: {frequency, due_day}`` says: a return covering a period (a month, a
quarter, the year) is due by day ``due_day`` of the month after the period ends; the due day
itself is still on time. At a reference date, the period that matters is the latest one of the
report's year whose deadline has passed. A unit whose latest valid return (its 截至日期) does not
reach that period's last day is overdue, by the days since the deadline. Pure functions on dates:
the report, the bulletin and the reminders all ask here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ipcounty.plan.runtime import Frequency, ReportingRule

_PARTS: dict[str, int] = {"monthly": 12, "quarterly": 4, "yearly": 1}


@dataclass(frozen=True)
class DuePeriod:
    """One period a return covers: its place in the year (month 1–12, quarter 1–4, or 1 for the
    year), its first and last day, and the last day a return covering it is on time."""

    frequency: Frequency
    year: int
    index: int
    start: dt.date
    end: dt.date
    due: dt.date


@dataclass(frozen=True)
class Timeliness:
    """A unit's standing at a reference date: the latest period due (None when nothing is due
    yet), whether its latest valid return misses it, and by how many days."""

    period: DuePeriod | None
    overdue: bool
    days: int = 0


def _day(year: int, month: int, day: int) -> dt.date:
    """Day ``day`` of the month, or the month's last day when it has fewer days."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods(rule: ReportingRule, year: int) -> list[DuePeriod]:
    """The periods of ``year`` in order, each with its deadline."""
    return list(_periods(rule, year))


@lru_cache(maxsize=64)
def _periods(rule: ReportingRule, year: int) -> tuple[DuePeriod, ...]:
    # The same for every unit of a plan (a report asks once per unit): made once per rule and year.
    parts = _PARTS[rule.frequency]
    months = 12 // parts
    out: list[DuePeriod] = []
    for index in range(1, parts + 1):
        first_month = (index - 1) * months + 1
        last_month = first_month + months - 1
        start = dt.date(year, first_month, 1)
        end = _day(year, last_month, 31)
        due_year, due_month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)
        out.append(DuePeriod(rule.frequency, year, index, start, end, _day(due_year, due_month, rule.due_day)))
    return tuple(out)


def latest_due(rule: ReportingRule, year: int, reference: dt.date) -> DuePeriod | None:
    """The latest period of ``year`` whose deadline has passed at ``reference`` (None if none)."""
    return next((p for p in reversed(_periods(rule, year)) if p.due < reference), None)


def next_due(rule: ReportingRule, year: int, reference: dt.date) -> DuePeriod | None:
    """The first period of ``year`` whose deadline is ``reference`` or later: the return to send
    next (None once the year's last deadline has passed)."""
    return next((p for p in _periods(rule, year) if p.due >= reference), None)


def judge(rule: ReportingRule, year: int, reference: dt.date, latest_as_of: dt.date | None) -> Timeliness:
    """Whether a unit whose latest valid return is dated ``latest_as_of`` (None: no valid return)
    is overdue for ``year`` at ``reference``, and by how many days."""
    period = latest_due(rule, year, reference)
    if period is None:
        return Timeliness(None, False)
    if latest_as_of is not None and latest_as_of >= period.end:
        return Timeliness(period, False)
    return Timeliness(period, True, (reference - period.due).days)
