"""Progress against the plan for one year: which return counts, and every gap to target.

For each unit and year the latest valid 截至日期 wins; two valid returns with the same date
and different figures are a conflict (both shown, neither used); a unit whose only returns
have errors is ``rejected``; a unit with none is ``not_submitted``. From the chosen returns
come, per unit × indicator: target, actual, gap, completion, expected-to-date (序时进度),
status, cumulative figures since the plan began and the whole-plan target; then a district
row per indicator and the district's own goals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ipcounty.bulk import paused_gc
from ipcounty.findings import Finding
from ipcounty.plan import Indicator, Plan
from ipcounty.returns.layout import STATE_CODES, YES
from ipcounty.returns.model import Return

Status = Literal[
    "met",
    "ahead",
    "on_track",
    "behind",
    "not_submitted",
    "rejected",
    "conflict",
    "no_target",
    "done",
    "in_progress",
    "not_started",
]
Role = Literal["used", "superseded", "duplicate", "conflict", "rejected", "after_as_of", "other_year", "skipped"]

REPORT_JSON_SCHEMA = "ipcounty.report"
REPORT_JSON_VERSION = 1
CSV_COLUMNS = (
    "year",
    "township",
    "indicator_code",
    "indicator_name",
    "unit",
    "as_of",
    "target",
    "actual",
    "gap",
    "completion",
    "expected",
    "status",
    "cumulative_target",
    "cumulative_actual",
    "plan_target",
    "source_file",
)


@dataclass
class Row:
    """One unit × indicator (``township`` is the district's name for district rows)."""

    year: int
    township: str
    indicator: Indicator
    status: Status
    as_of: dt.date | None = None
    target: float | None = None
    actual: float | str | None = None
    gap: float | None = None
    completion: float | None = None
    expected: float | None = None
    cumulative_target: float | None = None
    cumulative_actual: float | None = None
    plan_target: float | None = None
    source_files: list[str] = field(default_factory=list)
    note: str = ""
    is_district: bool = False
    missing_years: list[int] = field(default_factory=list)  # earlier years with no valid return

    @property
    def source_file(self) -> str:
        return "; ".join(self.source_files)

    def csv_values(self, lang: str = "zh") -> dict[str, Any]:
        ind = self.indicator
        return {
            "year": self.year,
            "township": self.township,
            "indicator_code": ind.code,
            "indicator_name": ind.label(lang),
            "unit": ind.unit,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "target": _num(self.target),
            "actual": self.actual if isinstance(self.actual, str) else _num(self.actual),
            "gap": _num(self.gap),
            "completion": None if self.completion is None else round(self.completion, 4),
            "expected": _num(self.expected),
            "status": self.status,
            "cumulative_target": _num(self.cumulative_target),
            "cumulative_actual": _num(self.cumulative_actual),
            "plan_target": _num(self.plan_target),
            "source_file": self.source_file or None,
        }


@dataclass
class Submission:
    """A file read for the report, what it said, and what the report did with it."""

    ret: Return
    role: Role
    reason: str = ""

    def to_dict(self, lang: str) -> dict[str, Any]:
        r = self.ret
        return {
            "file": r.file,
            "township": r.unit,
            "year": r.year,
            "as_of": r.as_of.isoformat() if r.as_of else None,
            "sha256": r.sha256 or None,
            "status": r.status,
            "role": self.role,
            "reason": self.reason or None,
            "findings": [f.to_dict(lang) for f in r.findings],
        }


@dataclass
class Completeness:
    """Who reported for the year: every unit of the plan is in exactly one list."""

    submitted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    expected: int = 0


@dataclass(frozen=True)
class Claim:
    """One return listing an item on its 明细 sheet."""

    township: str
    year: int
    file: str
    cell: str


@dataclass
class DoubleCount:
    """An item (a patent, an enterprise …) claimed by two townships, or again in a later year."""

    indicator: Indicator
    key: str
    claims: list[Claim]

    def message(self, lang: str) -> str:
        from ipcounty.i18n import tr

        item = self.indicator.evidence.item if self.indicator.evidence else ""
        sep = "；" if lang == "zh" else "; "
        claims = sep.join(
            f"{c.township} {c.year}（{c.file} 明细!{c.cell}）"
            if lang == "zh"
            else f"{c.township} {c.year} ({c.file} 明细!{c.cell})"
            for c in self.claims
        )
        return tr("double-counted", lang, item=item, key=self.key, claims=claims)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "code": "double-counted",
            "indicator_code": self.indicator.code,
            "key": self.key,
            "claims": [{"township": c.township, "year": c.year, "file": c.file, "cell": c.cell} for c in self.claims],
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class EvidenceTotal:
    """Items listed for an indicator in the year: as claimed, and counting each item once."""

    claimed: int
    distinct: int


@dataclass
class Report:
    plan: Plan
    year: int
    as_of: dt.date | None  # the --as-of cut-off, if any
    reference_date: dt.date  # the date expected-to-date is taken at where no return gives one
    rows: list[Row]
    submissions: list[Submission]
    units: Completeness
    district: Completeness
    notes: list[Finding] = field(default_factory=list)
    double_counts: list[DoubleCount] = field(default_factory=list)
    evidence: dict[str, EvidenceTotal] = field(default_factory=dict)

    @property
    def problems(self) -> bool:
        """True when a unit is missing, rejected or in conflict (what ``--strict`` fails on)."""
        u, d = self.units, self.district
        return bool(u.missing or u.rejected or u.conflict or d.missing or d.rejected or d.conflict)

    def latest_as_of(self) -> dt.date | None:
        dates = [s.ret.as_of for s in self.submissions if s.role == "used" and s.ret.year == self.year and s.ret.as_of]
        return max(dates) if dates else None


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    if value == int(value):
        return int(value)
    return round(value, 4)


@dataclass
class _Pick:
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


def choose(returns: Sequence[Return], as_of: dt.date | None) -> tuple[dict[tuple[str, int], _Pick], list[Submission]]:
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
    picks: dict[tuple[str, int], _Pick] = {}
    for key, rs in groups.items():
        pick = _Pick()
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
    reference = as_of or min(today, dt.date(year, 12, 31))
    reference = max(reference, dt.date(year, 1, 1))
    with paused_gc():
        picks, subs = choose(returns, as_of)
        for s in subs:
            if s.role == "used" and s.ret.year != year and s.ret.year is not None and s.ret.year > year:
                s.role = "other_year"
        calc = _Calc(plan, year, picks, reference)
        rows = calc.rows()
        units = calc.completeness(plan.unit_names)
        district = calc.completeness([plan.district_name])
        doubles, totals = _double_counting(plan, picks, year)
    return Report(plan, year, as_of, reference, rows, subs, units, district, list(notes), doubles, totals)


def _double_counting(
    plan: Plan, picks: dict[tuple[str, int], _Pick], year: int
) -> tuple[list[DoubleCount], dict[str, EvidenceTotal]]:
    """Items claimed more than once (two townships, or two years up to ``year``), and the year's
    claimed and de-duplicated totals per indicator. Only the returns that count are looked at."""
    # Hundreds of thousands of items: the first claim of each is one plain tuple in a dict per
    # indicator; only an item claimed again gets a list (and, below, Claim objects).
    # The last field of a claim is its place in the reading order, which orders the repeats.
    first: dict[str, dict[str, tuple[str, int, str, str, int]]] = defaultdict(dict)
    again: dict[tuple[str, str], list[tuple[str, int, str, str, int]]] = {}
    counted: dict[str, int] = defaultdict(int)
    seq = 0
    for (unit, y), pick in sorted(picks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if pick.used is None or y > year:
            continue
        file = pick.used.file
        for code, refs in pick.used.item_refs().items():
            if y == year:
                counted[code] += len(refs.keys)
            seen = first[code]
            for key, cell in zip(refs.keys, refs.cells, strict=True):
                if key is None:
                    continue
                seq += 1
                claim = (unit, y, file, cell, seq)
                earlier = seen.setdefault(key, claim)
                if earlier is not claim:
                    again.setdefault((code, key), [earlier]).append(claim)
    doubles: list[DoubleCount] = []
    repeated: dict[str, int] = defaultdict(int)
    for (code, key), raw in sorted(again.items(), key=lambda kv: kv[1][0][4]):
        cs = [Claim(*c[:4]) for c in raw]
        this_year = [c for c in cs if c.year == year]
        if len({(c.township, c.year) for c in cs}) > 1 and this_year:
            doubles.append(DoubleCount(plan.indicator(code), key, cs))
            # All but the first claim of the item are extra (the first may be from an earlier year).
            repeated[code] += len(this_year) - (1 if cs[0].year == year else 0)
    totals = {code: EvidenceTotal(n, n - repeated[code]) for code, n in counted.items()}
    return doubles, totals


class _Calc:
    def __init__(self, plan: Plan, year: int, picks: dict[tuple[str, int], _Pick], reference: dt.date) -> None:
        self.plan = plan
        self.year = year
        self.picks = picks
        self.reference = reference
        self.years_so_far = [y for y in plan.years if y <= year]

    def pick(self, unit: str, year: int) -> _Pick:
        return self.picks.get((unit, year)) or _Pick()

    def completeness(self, units: list[str]) -> Completeness:
        c = Completeness(expected=len(units))
        for u in units:
            status = self.pick(u, self.year).status
            {None: c.submitted, "conflict": c.conflict, "rejected": c.rejected}.get(status, c.missing).append(u)
        return c

    # ---- expected-to-date -------------------------------------------------------------
    def expected(
        self, ind: Indicator, target: float | None, as_of: dt.date, baseline: float | None = None
    ) -> float | None:
        if target is None or ind.kind in ("qualitative", "yesno"):
            return None
        if ind.kind == "rate" or (ind.kind == "stock" and ind.scope == "yearly") or ind.direction == "at_most":
            return target  # a level to hold, not an amount to accumulate
        share = self.plan.elapsed_share(as_of, self.year if ind.scope == "yearly" else None)
        base = baseline or 0.0
        value = base + (target - base) * share
        if ind.integer:
            return float(math.floor(value + 1e-9))
        return round(value, 4)

    @staticmethod
    def status(ind: Indicator, target: float | None, actual: float | str | None, expected: float | None) -> Status:
        if ind.kind == "qualitative":
            return STATE_CODES.get(str(actual), "not_started")  # type: ignore[return-value]
        if target is None:
            return "no_target"
        if ind.kind == "yesno":
            return "met" if actual == YES else "behind"
        if not isinstance(actual, (int, float)):
            return "not_submitted"
        if ind.direction == "at_most":
            return "met" if actual <= target + 1e-9 else "behind"
        if target == 0:
            return "no_target"
        if actual >= target - 1e-9:
            return "met"
        if expected is None:
            return "behind"
        if abs(actual - expected) < 1e-9:
            return "on_track"
        return "ahead" if actual > expected else "behind"

    # ---- rows -------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        plan = self.plan
        out: list[Row] = []
        for ind in plan.unit_indicators():
            unit_rows = [self.unit_row(ind, u) for u in plan.unit_names if self._applies(ind, u)]
            out.extend(unit_rows)
            out.append(self.district_sum_row(ind, unit_rows))
            if ind.serves and ind.compare == "sum":
                out.append(self.served_goal_row(plan.indicator(ind.serves), ind, unit_rows))
        for ind in plan.district_form_indicators():
            out.append(self.district_goal_row(ind))
        return out

    def _applies(self, ind: Indicator, unit: str) -> bool:
        return self.plan.has_target(ind.code, unit)

    def _value(self, ind: Indicator, unit: str, year: int) -> tuple[float | str | None, Return | None]:
        p = self.pick(unit, year)
        if p.used is None:
            return None, None
        v = p.used.values.get(ind.code)
        return (v.value if v else None), p.used

    def _cumulative(self, ind: Indicator, unit: str) -> tuple[float, list[int]]:
        """Sum of the yearly actuals of a flow from the plan's first year to this one."""
        total, missing = 0.0, []
        for y in self.years_so_far:
            value, _ = self._value(ind, unit, y)
            if isinstance(value, float):
                total += value
            else:
                missing.append(y)
        return total, missing

    def unit_row(self, ind: Indicator, unit: str) -> Row:
        plan, year = self.plan, self.year
        target = plan.target(ind.code, unit, year)
        row = Row(year, unit, ind, "not_submitted", target=target, plan_target=plan.plan_target(ind.code, unit))
        if ind.kind == "flow":
            if ind.scope == "yearly":
                row.cumulative_target = sum((plan.target(ind.code, unit, y) or 0.0 for y in self.years_so_far), 0.0)
            else:
                row.cumulative_target = target
        pick = self.pick(unit, year)
        if pick.used is None:
            row.status = pick.status or "not_submitted"
            row.source_files = [r.file for r in (pick.conflict or pick.rejected)]
            row.expected = self.expected(ind, target, self.reference)
            if ind.kind == "flow":
                row.cumulative_actual, row.missing_years = self._cumulative(ind, unit)
            return row
        ret = pick.used
        value = ret.values.get(ind.code)
        row.source_files = [ret.file]
        row.as_of = ret.as_of
        row.note = value.note if value else ""
        if value is None:  # cannot happen for a valid return; kept so a bad plan edit shows, not crashes
            row.status = "rejected"
            return row
        if ind.kind == "flow":
            cumulative, row.missing_years = self._cumulative(ind, unit)
            row.cumulative_actual = cumulative
            actual: float | str | None = cumulative if ind.scope == "period" else value.value
        else:
            actual = value.value
        row.actual = actual
        as_of = ret.as_of or self.reference
        self._fill_numbers(row, ind, target, actual, as_of)
        return row

    def _fill_numbers(
        self,
        row: Row,
        ind: Indicator,
        target: float | None,
        actual: float | str | None,
        as_of: dt.date,
        baseline: float | None = None,
    ) -> None:
        row.expected = self.expected(ind, target, as_of, baseline)
        if isinstance(actual, float) and target is not None:
            if ind.direction == "at_most":
                row.gap = max(actual - target, 0.0)
            else:
                row.gap = max(target - actual, 0.0)
                row.completion = actual / target if target > 0 else None
        row.status = self.status(ind, target, actual, row.expected)

    def district_sum_row(self, ind: Indicator, unit_rows: list[Row]) -> Row:
        plan = self.plan
        district = plan.district_name
        target = plan.target(ind.code, district, self.year)
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
        if ind.kind == "yesno":
            row.target = float(len(unit_rows))
            row.actual = float(sum(1 for r in reported if r.actual == YES))
            row.gap = row.target - row.actual
            row.completion = row.actual / row.target if row.target else None
            row.status = "met" if row.actual >= row.target else ("behind" if reported else "not_submitted")
            return row
        if target is None and ind.section == "duty":
            target = _sum(r.target for r in unit_rows)  # a level each unit must hold, added up
        row.target = target
        if ind.kind == "flow":
            row.cumulative_target = sum((r.cumulative_target or 0.0 for r in unit_rows), 0.0)
            row.cumulative_actual = sum((r.cumulative_actual or 0.0 for r in unit_rows), 0.0)
        row.expected = _sum(r.expected for r in unit_rows)
        if not reported:
            return row
        actual = sum((r.actual for r in reported if isinstance(r.actual, float)), 0.0)
        row.actual = actual
        if target is not None:
            row.gap = max(target - actual, 0.0)
            row.completion = actual / target if target > 0 else None
        if ind.kind == "stock" and ind.scope == "yearly":
            # A level every unit must hold: the district is met only when every unit is.
            row.status = "met" if all(r.status == "met" for r in unit_rows) else "behind"
        else:
            row.status = self.status(ind, target, actual, row.expected)
        return row

    def served_goal_row(self, goal: Indicator, breakdown: Indicator, unit_rows: list[Row]) -> Row:
        """The district goal a breakdown adds up to (e.g. 专利开放许可 200 from 附件三's 165)."""
        plan = self.plan
        district = plan.district_name
        target = plan.target(goal.code, district, self.year)
        row = Row(
            self.year,
            district,
            goal,
            "not_submitted",
            is_district=True,
            as_of=self.reference,
            target=target,
            plan_target=target,
            cumulative_target=target,
        )
        if not any(r.actual is not None for r in unit_rows):
            row.expected = self.expected(goal, target, self.reference, goal.baseline)
            return row
        actual = sum((r.cumulative_actual or 0.0 for r in unit_rows), 0.0)
        row.actual = row.cumulative_actual = actual
        row.note = breakdown.code
        self._fill_numbers(row, goal, target, actual, self.reference, goal.baseline)
        return row

    def district_goal_row(self, ind: Indicator) -> Row:
        plan, year = self.plan, self.year
        district = plan.district_name
        target = plan.target(ind.code, district, year)
        row = Row(year, district, ind, "not_submitted", is_district=True, target=target, plan_target=target)
        if ind.kind == "flow":
            row.cumulative_target = target
        pick = self.pick(district, year)
        if pick.used is None:
            row.status = pick.status or "not_submitted"
            row.source_files = [r.file for r in (pick.conflict or pick.rejected)]
            row.expected = self.expected(ind, target, self.reference, ind.baseline)
            return row
        ret = pick.used
        value = ret.values.get(ind.code)
        row.source_files = [ret.file]
        row.as_of = ret.as_of
        if value is None:
            row.status = "rejected"
            return row
        row.note = value.note
        if ind.kind == "flow":
            cumulative, row.missing_years = self._cumulative(ind, district)
            row.actual = row.cumulative_actual = cumulative
        else:
            row.actual = value.value
        self._fill_numbers(row, ind, target, row.actual, ret.as_of or self.reference, ind.baseline)
        return row


def _sum(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None
