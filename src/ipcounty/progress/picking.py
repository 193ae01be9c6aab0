"""Which return counts for each unit and year, and what became of every other file.

The latest valid 截至日期 wins; two valid returns with the same date and different figures are
a conflict (both shown, neither used); identical copies are duplicates; a unit whose only
returns have errors is rejected. A return whose unit could not be read belongs to the unit its
template stamp or file name names (``Return.unit_hint``), as a rejected return.
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
    # Beside a used return, the other valid ones (superseded, duplicates), latest first: what it leaves
    # blank that does not change — a stock goal's 基期值 — may still be given by one of them.
    earlier: list[Return] = field(default_factory=list)

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
    # Every file gets exactly one Submission, listed in the order the files were read: each is put
    # at its file's place (``said``) rather than sorted there afterwards.
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    said: list[Submission | None] = [None] * len(returns)
    for i, r in enumerate(returns):
        if r.skipped:
            said[i] = Submission(r, "skipped", r.skip_reason)
        elif r.year is None or not (unit := r.unit or r.unit_hint):
            said[i] = Submission(r, "rejected", "unit-or-year-unknown")
        else:
            # A return whose 镇街 cell could not be read (a misspelt name) counts as a rejected
            # return of the unit its stamp or file name names: that unit has reported, and is told
            # what to fix, rather than chased as if nothing had come.
            groups[(unit, r.year)].append(i)
    picks: dict[tuple[str, int], Pick] = {}
    for key, places in groups.items():
        if len(places) == 1:  # the usual unit and year: one file
            i = places[0]
            r = returns[i]
            if as_of is not None and r.as_of is not None and r.as_of > as_of:
                picks[key], said[i] = Pick(), Submission(r, "after_as_of")
            elif not r.valid or r.unit is None:
                picks[key], said[i] = Pick(rejected=[r]), Submission(r, "rejected")
            else:
                picks[key], said[i] = Pick(used=r), Submission(r, "used")
            continue
        pick = Pick()
        valid = []
        for i in places:
            r = returns[i]
            if as_of is not None and r.as_of is not None and r.as_of > as_of:
                said[i] = Submission(r, "after_as_of")
            elif not r.valid or r.unit is None:
                pick.rejected.append(r)
                said[i] = Submission(r, "rejected")
            else:
                valid.append(i)
        if valid:
            latest = max(returns[i].as_of or dt.date.min for i in valid)
            top = [i for i in valid if (returns[i].as_of or dt.date.min) == latest]
            first = returns[top[0]]
            if all(_same_figures(first, returns[i]) for i in top[1:]):
                pick.used = first
                rest = [returns[i] for i in valid if i != top[0]]
                pick.earlier = sorted(rest, key=lambda r: r.as_of or dt.date.min, reverse=True)
                said[top[0]] = Submission(first, "used")
                for i in top[1:]:
                    said[i] = Submission(returns[i], "duplicate", first.file)
            else:
                pick.conflict = [returns[i] for i in top]
                for i in top:
                    said[i] = Submission(returns[i], "conflict")
            for i in valid:
                if said[i] is None:
                    said[i] = Submission(returns[i], "superseded", latest.isoformat())
        picks[key] = pick
    return picks, [s for s in said if s is not None]
