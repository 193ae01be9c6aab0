"""Where the plan disagrees with itself: notes for ``ipcounty plan --check``, never errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.findings import Finding
from ipcounty.plan.runtime import Plan
from ipcounty.plan.targets import as_written, same_amount
from ipcounty.plan.yaml_nodes import PathKey, Positions, dotted
from ipcounty.render.numbers import UnitWord

if TYPE_CHECKING:
    from ipcounty.plan.model import PlanFile


def consistency_notes(plan: Plan, m: PlanFile, name: str, pos: Positions | None = None) -> list[Finding]:
    """Where the plan disagrees with itself: breakdown sums that differ from the goal they serve,
    and breakdowns that serve a goal measured differently. Notes, never errors."""
    notes: list[Finding] = []
    where = pos or Positions()
    goals = {g.code: g for g in m.goals}
    for i, b in enumerate(m.breakdowns):
        if not b.serves or b.serves.goal not in goals:
            continue
        goal = goals[b.serves.goal]
        path: PathKey = ("breakdowns", i, "serves")
        line, col = where.find(path)
        breakdown = {"code": b.code, "name": b.name, "name_en": b.name_en or b.name}
        served = {"goal": goal.code, "goal_name": goal.name, "goal_name_en": goal.name_en or goal.name}
        if b.serves.compare == "sum":
            allocated = plan.plan_target(b.code, plan.district_name)
            if allocated is None or goal.target is None or same_amount(allocated, goal.target):
                continue
            code = "breakdown-differs"
            params = {
                **breakdown,
                "allocated": as_written(allocated),
                "unit": UnitWord(b.unit or ""),
                **served,
                "target": as_written(goal.target),
                "diff": f"{allocated - goal.target:+g}",
            }
        else:
            code = "breakdown-not-comparable"
            params = {
                **breakdown,
                "unit": UnitWord(b.unit or ""),
                **served,
                "goal_unit": UnitWord(goal.unit or ""),
                "why": b.serves.why or "",
            }
        notes.append(
            Finding(code, "note", name, line=line, column=col, path=dotted(path), words=plan.words, params=params)
        )
    return notes
