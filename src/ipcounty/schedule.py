"""序时进度: how much of a target's schedule has elapsed, and what was expected by then.

The one place for the schedule rule (SPEC v2, "序时进度 — how progress is judged"). Every output
— report, export, score, bulletin, trend — takes ``time_share``, ``expected``, ``completion`` and
``lag_points`` from here; :mod:`ipcounty.status` turns them into a status, a light and a rank.

A schedule is a sequence of :class:`Part` (start, end, target): one part for a yearly target
(1 January – 31 December) or a period goal (the plan's first to last day), several for quarterly
or monthly targets. The day of ``as_of`` itself counts as elapsed: a return dated 31 December
covers the whole year, one dated 1 January a day of it. Leap years count 366 days.

All functions are pure and never round: rounding is for display (:mod:`ipcounty.render.numbers`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ipcounty.plan.runtime import Indicator, Plan

__all__ = [
    "Part",
    "completion",
    "elapsed_share",
    "expected",
    "holds_level",
    "indicator_time_share",
    "lag_points",
    "month_part",
    "period_part",
    "quarter_part",
    "time_share",
    "year_part",
]


class Part(NamedTuple):
    """One stretch of a schedule: from ``start`` to ``end`` (both days included), ``target`` due."""

    start: dt.date
    end: dt.date
    target: float


def elapsed_share(as_of: dt.date, start: dt.date, end: dt.date) -> float:
    """Share of the days ``start``…``end`` elapsed at ``as_of``, the day itself included.

    0 before ``start``, 1 from ``end`` on: ``elapsed_share(2025-06-30, 2025-01-01, 2025-12-31)``
    is 181/365.
    """
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def time_share(as_of: dt.date, parts: Sequence[Part]) -> float:
    """序时进度 of a schedule at ``as_of``: the targets of the finished parts plus the running
    part's target × its elapsed share, over the sum of the parts' targets.

    With one part this is :func:`elapsed_share` of that part. When every part's target is 0 the
    share of the whole span's days is returned (nothing is due, but time still passes).
    An empty schedule has elapsed entirely (1.0).
    """
    if not parts:
        return 1.0
    if len(parts) == 1:
        p = parts[0]
        return elapsed_share(as_of, p.start, p.end)
    total = sum(p.target for p in parts)
    if total <= 0:
        return elapsed_share(as_of, min(p.start for p in parts), max(p.end for p in parts))
    due = sum(p.target * elapsed_share(as_of, p.start, p.end) for p in parts)
    return due / total


def expected(target: float, share: float, baseline: float | None = None) -> float:
    """Expected-to-date: ``baseline + (target − baseline) × share``, not rounded.

    ``baseline`` is the level at the schedule's start (0, or None, for a flow)."""
    base = baseline or 0.0
    return base + (target - base) * share


def completion(actual: float, target: float) -> float | None:
    """``actual / target`` (0.467 for 7 of 15); None when the target is 0 or less."""
    return actual / target if target > 0 else None


def lag_points(actual: float, expected_value: float, target: float) -> float | None:
    """``(actual − expected) / target × 100``: percentage points, positive = ahead of schedule.

    7 done of 15 on 30 June 2025 (expected 7.44) gives −2.92. None when the target is 0 or less."""
    if target <= 0:
        return None
    return (actual - expected_value) / target * 100


# ---- parts for the usual schedules -------------------------------------------------------------
def year_part(year: int, target: float) -> Part:
    """A yearly target: 1 January – 31 December of ``year``."""
    start, end = _year_span(year)
    return _make_part(Part, (start, end, target))


@lru_cache(maxsize=256)
def _year_span(year: int) -> tuple[dt.date, dt.date]:
    # A report asks for a year's part once per unit and indicator: the two dates made once.
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# A Part made without its generated ``__new__`` (Python code; this is C): the same tuple.
_make_part = tuple.__new__


def period_part(start: dt.date, end: dt.date, target: float) -> Part:
    """A period goal: one target from the plan's first day to its last."""
    return Part(start, end, target)


def quarter_part(year: int, quarter: int, target: float) -> Part:
    """A quarterly target (``2024Q1``: 1 January – 31 March 2024)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not 1-4")
    first = 3 * (quarter - 1) + 1
    last = first + 2
    return Part(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]), target)


def month_part(year: int, month: int, target: float) -> Part:
    """A monthly target (``2024-02``: 1 – 29 February 2024)."""
    return Part(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), target)


# ---- which schedule an indicator follows ------------------------------------------------------
def holds_level(kind: str, scope: str) -> bool:
    """A rate, a yes/no, or a level every unit must hold each year (a yearly stock such as
    "不少于2人"): nothing accumulates, so its 序时进度 is 1 from the first day."""
    return kind in ("rate", "yesno") or (kind == "stock" and scope == "yearly")


def indicator_time_share(plan: Plan, ind: Indicator, unit: str, year: int, as_of: dt.date) -> float | None:
    """序时进度 of ``ind`` for ``unit`` (or the district's name) in ``year`` at ``as_of``.

    1 for a level to hold (:func:`holds_level`); the elapsed share of the plan's schedule for
    the target otherwise (the year, the plan period, or the year's quarterly / monthly parts);
    None for a qualitative goal or when there is no target."""
    if ind.kind == "qualitative":
        return None
    if holds_level(ind.kind, ind.scope):
        return 1.0
    parts = plan.schedule(ind.code, unit, year)
    if not parts:
        return None
    return time_share(as_of, parts)
