"""Who to call about a unit: the 填报人 and 联系电话 of its latest return.

Every return carries them in its header block; the latest one (by year, then 截至日期) that gives
either is the unit's contact, whatever became of that return (a rejected file still names the
clerk who sent it). Returns dated after ``--as-of`` are not known at that date and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ipcounty.progress.model import Report, Submission
from ipcounty.returns.model import Return


@dataclass(frozen=True)
class Contact:
    reporter: str
    phone: str
    file: str
    year: int | None
    as_of: dt.date | None


def contacts(submissions: Iterable[Submission]) -> dict[str, Contact]:
    """Each unit's contact, from the latest return that names a 填报人 or a 联系电话."""
    best: dict[str, tuple[tuple[int, dt.date], Return]] = {}
    for s in submissions:
        r = s.ret
        unit = s.unit
        if s.role in ("skipped", "after_as_of") or unit is None or not (r.reporter or r.phone):
            continue
        key = (r.year or 0, r.as_of or dt.date.min)
        held = best.get(unit)
        if held is None or key >= held[0]:
            best[unit] = (key, r)  # the Contact is made for the winner only (thousands of returns)
    return {
        unit: Contact(r.reporter.strip(), r.phone.strip(), r.file, r.year, r.as_of) for unit, (_, r) in best.items()
    }


def report_contacts(report: Report) -> dict[str, Contact]:
    """The contacts known to ``report`` (every year's returns it read, up to its --as-of)."""
    return contacts(report.submissions)
