"""The 评分表 of a year: the report's rows turned into each unit's figures, then scored.

Every figure comes from the report (target, actual, 序时进度 ``expected``, status), so the score
and the report never disagree; how a unit stands (reported, not submitted, rejected, in
conflict) comes from the report's completeness lists, a return sent back from its submissions,
double counting from its 明细 check, and ``overdue`` from the report's timeliness (the status of
its rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ipcounty.errors import UsageError
from ipcounty.i18n import Phrase, phrase, tr
from ipcounty.plan.runtime import Indicator, Plan
from ipcounty.plan.scoring import ScoringRules, exact
from ipcounty.render.numbers import fmt_figure
from ipcounty.returns.layout import YES
from ipcounty.score.engine import Figure, Standing, UnitFigures, UnitScore, score_units

if TYPE_CHECKING:
    from ipcounty.progress.model import Report, Row
    from ipcounty.returns.model import Return


@dataclass(frozen=True)
class ScoreSheet:
    """Every unit's score for ``year``, best first; ``indicators`` are the scored ones, in the
    order of the plan's ``scoring.items``."""

    plan: Plan
    year: int
    as_of: dt.date | None  # the --as-of cut-off, if any
    reference_date: dt.date  # the date 序时进度 is taken at where no return gives one
    rules: ScoringRules
    indicators: tuple[Indicator, ...]
    units: tuple[UnitScore, ...]


def require_rules(plan: Plan, lang: str) -> ScoringRules:
    """The plan's scoring rules, or the usage error that says how to add them."""
    if plan.scoring is None:
        raise UsageError(tr("score-no-rules", lang, path=plan.path))
    return plan.scoring


def score_report(report: Report) -> ScoreSheet:
    """Score every unit of the plan from ``report`` (the plan must have ``scoring:``)."""
    plan = report.plan
    rules = plan.scoring
    if rules is None:
        raise ValueError("the plan has no scoring rules")  # callers check with require_rules
    indicators = tuple(plan.indicator(i.indicator) for i in rules.items)
    codes = {i.code for i in indicators}
    rows: dict[tuple[str, str], Row] = {}
    overdue: set[str] = set(report.units.overdue)  # 逾期未报: also on each of its rows' status
    for row in report.rows:
        if row.is_district:
            continue
        if row.status == "overdue":
            overdue.add(row.reporting_unit)
        if row.indicator.code in codes:
            rows[(row.reporting_unit, row.indicator.code)] = row
    # The year's rejected and conflicting returns by unit, gathered once (not once per unit).
    this_year: dict[tuple[str, str | None], list[Return]] = {}
    for sub in report.submissions:
        if sub.role in ("rejected", "conflict") and sub.ret.year == report.year:
            this_year.setdefault((sub.role, sub.unit), []).append(sub.ret)
    twice = _double_counted(report)
    units = [
        UnitFigures(
            unit,
            _standing(report, unit),
            {i.code: _figure(rows.get((unit, i.code))) for i in indicators},
            overdue=unit in overdue,
            rejected_returns=("rejected", unit) in this_year,
            double_counted=twice.get(unit, ()),
            conflict=_conflict(report, this_year.get(("conflict", unit), [])),
        )
        for unit in plan.unit_names
    ]
    scored = score_units(rules, {i.code: i for i in indicators}, units)
    return ScoreSheet(plan, report.year, report.as_of, report.reference_date, rules, indicators, tuple(scored))


def _standing(report: Report, unit: str) -> Standing:
    c = report.units
    if unit in c.conflict:
        return "conflict"
    if unit in c.rejected:
        return "rejected"
    if unit in c.missing:
        return "not_submitted"
    return "reported"


def _figure(row: Row | None) -> Figure:
    """A report row as the engine's figure: yes/no as 1/0, nothing reported as None."""
    if row is None:
        return Figure(None, None)
    if isinstance(row.actual, str):
        return Figure(exact(row.target), Decimal(1) if row.actual == YES else Decimal(0), exact(row.expected))
    return Figure(exact(row.target), exact(row.actual), exact(row.expected))


def _double_counted(report: Report) -> dict[str, tuple[str, ...]]:
    """By unit: the items it claims this year that another claim also lists (each item once, in
    the report's order), gathered once (not once per unit)."""
    keys: dict[str, list[str]] = {}
    for dc in report.double_counts:
        for unit in dict.fromkeys(c.township for c in dc.claims if c.year == report.year):
            mine = keys.setdefault(unit, [])
            if dc.key not in mine:
                mine.append(dc.key)
    return {unit: tuple(k) for unit, k in keys.items()}


def _conflict(report: Report, rets: list[Return]) -> tuple[Phrase, ...]:
    """The figures two same-dated returns of a unit (``rets``, its returns in conflict this year)
    disagree on, as sentences of the catalogue: "B1 分别填 18 和 21" (at most 3)."""
    if len(rets) < 2:
        return ()
    a, b = rets[0], rets[1]
    out: list[Phrase] = []
    for code, va in a.values.items():
        vb = b.values.get(code)
        if vb is None or va.value == vb.value or code not in {i.code for i in report.plan.indicators}:
            continue
        ind = report.plan.indicator(code)
        out.append(phrase("score.conflict.figures", code=code, one=_show(va.value, ind), other=_show(vb.value, ind)))
    return tuple(out[:3])


def _show(value: object, ind: Indicator) -> str:
    return fmt_figure(value, ind) if isinstance(value, (float, str)) else str(value)
