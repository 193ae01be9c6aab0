"""Which return counts for each unit and year, and what became of every other file.

The latest valid 截至日期 wins; two valid returns with the same date and different figures are
a conflict (both shown, neither used); identical copies are duplicates; a unit whose only
returns have errors is rejected.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ipcounty.progress.model import Submission
from ipcounty.returns.model import Return
from ipcounty.status import Status


@dataclass
class Pick:
    """The outcome of choosing among one unit's returns for one year."""

    used: Return | None = None
    conflict: list[Return] = field(default_factory=list)
    rejected: list[Return] = field(default_factory=list)

    @property
    def status(self) -> Status | None:
        if self.used is not None:
            return None
        if self.conflict:
            return "conflict"
        if self.rejected:
            return "rejected"
        return "not_submitted"


def _same_figures(a: Return, b: Return) -> bool:
    return {c: v.value for c, v in a.values.items()} == {c: v.value for c, v in b.values.items()}


def choose(returns: Sequence[Return], as_of: dt.date | None) -> tuple[dict[tuple[str, int], Pick], list[Submission]]:
    """Decide, for every (unit, year), which return counts; say what became of every file."""
    groups: dict[tuple[str, int], list[Return]] = defaultdict(list)
    subs: list[Submission] = []
    for r in returns:
        if r.skipped:
            subs.append(Submission(r, "skipped", r.skip_reason))
        elif r.unit is None or r.year is None:
            subs.append(Submission(r, "rejected", "unit-or-year-unknown"))
        else:
            groups[(r.unit, r.year)].append(r)
    picks: dict[tuple[str, int], Pick] = {}
    for key, rs in groups.items():
        pick = Pick()
        valid = []
        for r in rs:
            if as_of is not None and r.as_of is not None and r.as_of > as_of:
                subs.append(Submission(r, "after_as_of"))
            elif not r.valid:
                pick.rejected.append(r)
                subs.append(Submission(r, "rejected"))
            else:
                valid.append(r)
        if valid:
            latest = max(r.as_of or dt.date.min for r in valid)
            top = [r for r in valid if (r.as_of or dt.date.min) == latest]
            first = top[0]
            if all(_same_figures(first, r) for r in top[1:]):
                pick.used = first
                subs.append(Submission(first, "used"))
                subs.extend(Submission(r, "duplicate", first.file) for r in top[1:])
            else:
                pick.conflict = top
                subs.extend(Submission(r, "conflict") for r in top)
            in_top = {id(r) for r in top}
            subs.extend(Submission(r, "superseded", latest.isoformat()) for r in valid if id(r) not in in_top)
        picks[key] = pick
    order = {id(r): i for i, r in enumerate(returns)}
    subs.sort(key=lambda s: order[id(s.ret)])
    return picks, subs
