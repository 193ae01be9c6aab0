"""The progress report for one year: the one entry point, :func:`compute`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ipcounty.bulk import kept, paused_gc
from ipcounty.findings import Finding
from ipcounty.plan import Plan
from ipcounty.progress.double_count import double_counting
from ipcounty.progress.model import Report
from ipcounty.progress.picking import choose
from ipcounty.progress.rows import YearCalc
from ipcounty.returns.model import Return


def compute(
    plan: Plan,
    returns: Sequence[Return],
    year: int,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    notes: Iterable[Finding] = (),
) -> Report:
    """The progress report for ``year`` from ``returns`` (all years; earlier ones feed cumulatives)."""
    today = today or dt.date.today()
    # 序时进度 is read within the report's year: a 2025 report made on 10 January 2026 (or
    # --as-of then) judges 2025 at 31 December; the timeliness check keeps the real date.
    reference = min(as_of or today, dt.date(year, 12, 31))
    reference = max(reference, dt.date(year, 1, 1))
    # Deadlines run past the year's end (December is due in January), so timeliness is judged at
    # the --as-of date or today, not at the year-end cap of the schedule.
    due_reference = as_of or today
    with paused_gc():
        picks, subs = choose(returns, as_of)
        for s in subs:
            if s.role == "used" and s.ret.year != year and s.ret.year is not None and s.ret.year > year:
                s.role = "other_year"
        calc = YearCalc(plan, year, picks, reference, due_reference)
        rows = calc.rows()
        units = calc.completeness(plan.unit_names)
        district = calc.completeness([plan.district_name] if plan.has_district_form else [])
        doubles, totals = double_counting(plan, picks, year)
    report = Report(
        plan,
        year,
        as_of,
        reference,
        rows,
        subs,
        units,
        district,
        list(notes),
        doubles,
        totals,
        timeliness=calc.timeliness,
        due_reference=due_reference if plan.reporting else None,
    )
    return kept(report)
