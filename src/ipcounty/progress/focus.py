"""A report narrowed to the units a user asked about (``report --unit``): every section says
only what concerns them — who reported, who to chase, which files, which items were claimed twice.

The rows are chosen by the command (``select_rows``); this keeps the rest of the report in step
with them, so ``report --unit 税郭镇`` does not ask the user to chase 光明路街道, and ``--strict``
fails only on the units asked about.
"""

from __future__ import annotations

from dataclasses import replace

from ipcounty.progress.model import Completeness, Report


def _kept(done: Completeness, units: set[str]) -> Completeness:
    def only(names: list[str]) -> list[str]:
        return [n for n in names if n in units]

    lists = (done.submitted, done.missing, done.rejected, done.conflict, done.overdue)
    kept = [only(names) for names in lists]
    expected = len({n for names in kept for n in names})
    return Completeness(kept[0], kept[1], kept[2], kept[3], expected, kept[4])


def focused(report: Report, units: set[str]) -> Report:
    """``report`` about ``units`` only (the plan's spellings). A 全区 row stands on every unit (who
    it leaves out and why, the 明细 totals), so with the district among ``units`` the report is
    kept whole."""
    if report.plan.district_name in units:
        return report
    return replace(
        report,
        units=_kept(report.units, units),
        district=Completeness(),
        submissions=[s for s in report.submissions if s.unit in units],
        double_counts=[d for d in report.double_counts if any(c.township in units for c in d.claims)],
        evidence={},
        timeliness={u: t for u, t in report.timeliness.items() if u in units},
    )
