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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ipcounty.bulk import paused_gc
from ipcounty.findings import Finding
from ipcounty.plan import Indicator, Plan
from ipcounty.returns.model import Return, Value
from ipcounty.schedule import completion, expected, holds_level, indicator_time_share, lag_points
from ipcounty.status import Assessment, Light, Status, assess, judge, light, rank_score, ranks
from ipcounty.timeliness import Timeliness
from ipcounty.timeliness import judge as judge_timeliness

Role = Literal["used", "superseded", "duplicate", "conflict", "rejected", "after_as_of", "other_year", "skipped"]

REPORT_JSON_SCHEMA = "ipcounty.report"
REPORT_JSON_VERSION = 2
# SPEC v2 "The report": the CSV columns and the keys of every JSON row, in this order.
CSV_COLUMNS = (
    "year",
    "reporting_unit",
    "indicator_code",
    "indicator_name",
    "unit",
    "as_of",
    "target",
    "actual",
    "gap",
    "completion",
    "time_share",
    "expected",
    "lag_points",
    "status",
    "light",
    "rank",
    "cumulative_target",
    "cumulative_actual",
    "plan_target",
    "baseline",
    "source_file",
)


@dataclass
class Row:
    """One unit × indicator (``reporting_unit`` is the district's name for district rows).

    Figures are unrounded (rounding is for display): ``time_share`` 序时进度 (0–1), ``expected``
    = baseline + (target − baseline) × time_share, ``completion`` = actual / target,
    ``lag_points`` = (actual − expected) / target × 100 (positive = ahead), ``light`` and
    ``rank`` (per indicator among units; None on district rows) from :mod:`ipcounty.status`.
    On a 全区 row, ``missing_units`` lists the units whose figures are not in it and, for a rate
    or a level each unit must hold (never summed), ``units_meeting`` / ``units_counted`` say how
    many units meet it.
    """

    year: int
    reporting_unit: str
    indicator: Indicator
    status: Status
    as_of: dt.date | None = None
    target: float | None = None
    actual: float | str | None = None
    gap: float | None = None
    completion: float | None = None
    time_share: float | None = None
    expected: float | None = None
    lag_points: float | None = None
    light: Light | None = None
    rank: int | None = None
    cumulative_target: float | None = None
    cumulative_actual: float | None = None
    plan_target: float | None = None
    baseline: float | None = None
    source_files: list[str] = field(default_factory=list)
    note: str = ""
    is_district: bool = False
    missing_years: list[int] = field(default_factory=list)  # earlier years with no valid return
    missing_units: list[str] = field(default_factory=list)  # 全区 rows: units not in the figures
    units_meeting: int | None = None  # 全区 rows of rates and levels: units that meet the target
    units_counted: int | None = None  # … out of this many units with a valid figure

    @property
    def township(self) -> str:
        """Old name of :attr:`reporting_unit` (contract v1), kept for code not yet moved."""
        return self.reporting_unit

    @property
    def source_file(self) -> str:
        return "; ".join(self.source_files)

    def csv_values(self, lang: str = "zh") -> dict[str, Any]:
        ind = self.indicator
        return {
            "year": self.year,
            "reporting_unit": self.reporting_unit,
            "indicator_code": ind.code,
            "indicator_name": ind.label(lang),
            "unit": ind.unit,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "target": _num(self.target),
            "actual": self.actual if isinstance(self.actual, str) else _num(self.actual),
            "gap": _num(self.gap),
            "completion": _num(self.completion),
            "time_share": _num(self.time_share),
            "expected": _num(self.expected),
            "lag_points": _num(self.lag_points),
            "status": self.status,
            "light": self.light,
            "rank": self.rank,
            "cumulative_target": _num(self.cumulative_target),
            "cumulative_actual": _num(self.cumulative_actual),
            "plan_target": _num(self.plan_target),
            "baseline": _num(self.baseline),
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
    overdue: list[str] = field(default_factory=list)  # a valid return, but not covering the period due


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
    # The plan's reporting calendar at ``due_reference`` (the --as-of date, else today): every
    # unit's and the district's standing (see ipcounty.timeliness); empty without a calendar.
    timeliness: dict[str, Timeliness] = field(default_factory=dict)
    due_reference: dt.date | None = None
    # How the user reaches a file again from where they ran the report: the returns folder as
    # they typed it, and the command (with their --plan) that checks one file in full.
    returns_folder: str = ""
    validate_command: str = "ipcounty validate"

    @property
    def problems(self) -> bool:
        """True when a unit is missing, overdue, rejected or in conflict (what ``--strict`` fails on)."""
        u, d = self.units, self.district
        return bool(
            u.missing or u.overdue or u.rejected or u.conflict or d.missing or d.overdue or d.rejected or d.conflict
        )

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
        calc = _Calc(plan, year, picks, reference, due_reference)
        rows = calc.rows()
        units = calc.completeness(plan.unit_names)
        district = calc.completeness([plan.district_name] if plan.has_district_form else [])
        doubles, totals = _double_counting(plan, picks, year)
    return Report(
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
    """The rows of one year's report; every figure comes from :mod:`ipcounty.schedule` and
    every status, light and rank from :mod:`ipcounty.status`."""

    def __init__(
        self,
        plan: Plan,
        year: int,
        picks: dict[tuple[str, int], _Pick],
        reference: dt.date,
        due_reference: dt.date | None = None,
    ) -> None:
        self.plan = plan
        self.year = year
        self.picks = picks
        self.reference = reference
        self.years_so_far = [y for y in plan.years if y <= year]
        self.yellow = plan.yellow_points
        self.timeliness: dict[str, Timeliness] = {}
        rule = plan.reporting
        if rule is not None:
            for unit in plan.reporting_names():
                used = self.pick(unit, year).used
                latest = used.as_of if used is not None else None
                self.timeliness[unit] = judge_timeliness(rule, year, due_reference or reference, latest)

    def overdue(self, unit: str) -> bool:
        """A unit with a valid return that does not cover the period due (逾期未报)."""
        t = self.timeliness.get(unit)
        return t is not None and t.overdue and self.pick(unit, self.year).used is not None

    def pick(self, unit: str, year: int) -> _Pick:
        return self.picks.get((unit, year)) or _Pick()

    def completeness(self, units: list[str]) -> Completeness:
        c = Completeness(expected=len(units))
        for u in units:
            status = self.pick(u, self.year).status
            if status is None and self.overdue(u):
                c.overdue.append(u)
                continue
            {None: c.submitted, "conflict": c.conflict, "rejected": c.rejected}.get(status, c.missing).append(u)
        return c

    # ---- the one way a row's figures follow from target, baseline, schedule and actual -----------
    def _fill(
        self, row: Row, ind: Indicator, share: float | None, actual: float | str | None, decided: Status | None = None
    ) -> None:
        """Set time_share, expected, gap, completion, lag_points, status and light of ``row``
        (see :func:`ipcounty.status.assess`)."""
        a = assess(
            kind=ind.kind,
            scope=ind.scope,
            direction=ind.direction,
            target=row.target,
            actual=actual,
            share=share,
            baseline=row.baseline,
            yellow_points=self.yellow,
            decided=decided,
        )
        row.time_share, row.expected, row.gap, row.completion = a.time_share, a.expected, a.gap, a.completion
        row.lag_points, row.status, row.light = a.lag_points, a.status, a.light

    # ---- rows -------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        plan = self.plan
        out: list[Row] = []
        for ind in plan.unit_indicators():
            unit_rows = [self.unit_row(ind, u) for u in plan.unit_names if plan.has_target(ind.code, u)]
            self._rank(ind, unit_rows)
            total = self.district_sum_row(ind, unit_rows)
            out.extend(unit_rows)
            out.append(total)
            if ind.serves and ind.compare == "sum":
                out.append(self.served_goal_row(plan.indicator(ind.serves), ind, total))
        for ind in plan.district_form_indicators():
            out.append(self.district_goal_row(ind))
        return out

    def _rank(self, ind: Indicator, rows: list[Row]) -> None:
        scores = [
            rank_score(r.completion, r.time_share, ind.direction)
            if self.pick(r.reporting_unit, self.year).used is not None
            else None
            for r in rows
        ]
        for r, k in zip(rows, ranks(scores), strict=True):
            r.rank = k

    def _value(self, ind: Indicator, unit: str, year: int) -> tuple[float | str | None, Return | None]:
        p = self.pick(unit, year)
        if p.used is None:
            return None, None
        v = p.used.values.get(ind.code)
        return (v.value if v else None), p.used

    def _cumulative(self, ind: Indicator, unit: str) -> tuple[float, list[int]]:
        """Sum of the yearly actuals of a flow from the plan's first year to this one: the one
        rule for cumulative figures (a year without a valid return adds nothing and is listed)."""
        total, missing = 0.0, []
        for y in self.years_so_far:
            value, _ = self._value(ind, unit, y)
            if isinstance(value, float):
                total += value
            else:
                missing.append(y)
        return total, missing

    def _baseline(self, ind: Indicator, unit: str | None = None) -> float | None:
        """A stock goal's baseline: the plan's, else the 基期值 on ``unit``'s form (the latest
        valid return up to this year that gives one), else None (status ``no_baseline``)."""
        if ind.kind != "stock":
            return None
        if ind.baseline is not None or unit is None:
            return ind.baseline
        for y in reversed(self.years_so_far):
            value, _ = self._value_record(ind, unit, y)
            if value is not None and value.baseline is not None:
                return value.baseline
        return None

    def _value_record(self, ind: Indicator, unit: str, year: int) -> tuple[Value | None, Return | None]:
        p = self.pick(unit, year)
        if p.used is None:
            return None, None
        return p.used.values.get(ind.code), p.used

    def unit_row(self, ind: Indicator, unit: str) -> Row:
        plan, year = self.plan, self.year
        target = plan.target(ind.code, unit, year)
        row = Row(
            year,
            unit,
            ind,
            "not_submitted",
            target=target,
            plan_target=plan.plan_target(ind.code, unit),
            baseline=self._baseline(ind, unit),
        )
        if ind.kind == "flow":
            if ind.scope == "yearly":
                row.cumulative_target = sum((plan.target(ind.code, unit, y) or 0.0 for y in self.years_so_far), 0.0)
            else:
                row.cumulative_target = target
            row.cumulative_actual, row.missing_years = self._cumulative(ind, unit)
        pick = self.pick(unit, year)
        if pick.used is None:
            row.source_files = [r.file for r in (pick.conflict or pick.rejected)]
            share = indicator_time_share(plan, ind, unit, year, self.reference)
            self._fill(row, ind, share, None, decided=pick.status or "not_submitted")
            return row
        ret = pick.used
        value = ret.values.get(ind.code)
        row.source_files = [ret.file]
        row.as_of = ret.as_of
        if value is None:  # cannot happen for a valid return; kept so a bad plan edit shows, not crashes
            row.status, row.light = "rejected", "red"
            return row
        row.note = value.note
        row.actual = row.cumulative_actual if ind.kind == "flow" and ind.scope == "period" else value.value
        share = indicator_time_share(plan, ind, unit, year, ret.as_of or self.reference)
        self._fill(row, ind, share, row.actual, decided="overdue" if self.overdue(unit) else None)
        return row

    def district_sum_row(self, ind: Indicator, unit_rows: list[Row]) -> Row:
        """The 全区 row of a breakdown or duty: counts and money summed over the units; a rate, a
        level or a yes/no each unit must hold never summed (met when every unit meets it)."""
        plan = self.plan
        district = plan.district_name
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
        row.missing_units = [r.reporting_unit for r in unit_rows if r.actual is None]
        # The whole is known up to its units' latest return: that is the date it is judged at.
        row.as_of = min(max((r.as_of for r in reported if r.as_of), default=self.reference), self.reference)
        if ind.kind == "qualitative" or holds_level(ind.kind, ind.scope):
            self._fill_level_total(row, ind, unit_rows, reported)
            return row
        row.target = plan.target(ind.code, district, self.year)
        if ind.kind == "flow":
            row.cumulative_target = _sum(r.cumulative_target for r in unit_rows)
            row.cumulative_actual = _sum(r.cumulative_actual for r in unit_rows)
        bases = [r.baseline for r in unit_rows]
        row.baseline = None if None in bases else _sum(bases)
        # 序时进度 of the whole is the share of its schedule elapsed at that date (100% on 31
        # December), one share for the whole rather than an average of the units' own: what a 通报 prints.
        row.time_share = indicator_time_share(plan, ind, district, self.year, row.as_of)
        target = row.target
        stock_path = ind.kind == "stock" and row.baseline is None
        if target is not None and row.time_share is not None and not stock_path:
            row.expected = expected(target, row.time_share, row.baseline if ind.kind == "stock" else None)
        exp = row.expected
        # For a period flow the amount is cumulative, earlier years of silent units included.
        period_flow = ind.kind == "flow" and ind.scope == "period"
        any_figure = bool(reported) or (
            period_flow and any(len(r.missing_years) < len(self.years_so_far) for r in unit_rows)
        )
        if not any_figure:
            row.status = "not_submitted"
            row.light = "red"
            return row
        row.actual = row.cumulative_actual if period_flow else _sum(r.actual for r in reported)
        number = row.actual if isinstance(row.actual, float) else None
        if number is not None and target is not None:
            row.gap = max(number - target, 0.0) if ind.direction == "at_most" else max(target - number, 0.0)
            row.completion = completion(number, target)
            if exp is not None and ind.direction != "at_most":
                row.lag_points = lag_points(number, exp, target)
        status = judge(direction=ind.direction, target=target, actual=number, expected=exp)
        if ind.direction == "at_most" and any(r.status == "exceeded" for r in unit_rows):
            status = "exceeded"  # one unit over its cap is over, whatever the sum
        row.status = status
        row.light = light(status, row.lag_points, self.yellow)
        return row

    def _fill_level_total(self, row: Row, ind: Indicator, unit_rows: list[Row], reported: list[Row]) -> None:
        targets = {r.target for r in unit_rows}
        row.target = targets.pop() if len(targets) == 1 and ind.kind != "yesno" else None
        row.time_share = None if ind.kind == "qualitative" else 1.0
        good: Status = "done" if ind.kind == "qualitative" else "within" if ind.direction == "at_most" else "met"
        row.units_counted = len(reported)
        # An overdue unit's figures are counted (its 完成 shows, 共N个报送 includes it): it meets the
        # target when its figures do, as the attachment shows it (是, 100%), late or not.
        row.units_meeting = sum(1 for r in reported if r.status == good or _meets_on_figures(r, ind))
        if not reported:
            status: Status = "not_submitted"
        elif ind.direction == "at_most":
            status = "exceeded" if any(r.status == "exceeded" for r in unit_rows) else "within"
        elif row.units_meeting == len(unit_rows):
            status = good
        else:
            status = "in_progress" if ind.kind == "qualitative" else "behind"
        row.status = status
        row.light = light(status, None, self.yellow)

    def served_goal_row(self, goal: Indicator, breakdown: Indicator, total: Row) -> Row:
        """The district goal a breakdown adds up to (e.g. 专利开放许可 200 from 附件三's 165): its
        actual is the breakdown's 全区 cumulative amount, the same figure on both rows."""
        plan = self.plan
        district = plan.district_name
        target = plan.target(goal.code, district, self.year)
        row = Row(
            self.year,
            district,
            goal,
            "not_submitted",
            is_district=True,
            as_of=total.as_of,
            target=target,
            plan_target=target,
            cumulative_target=target if goal.kind == "flow" else None,
            baseline=self._baseline(goal),
            note=breakdown.code,
            missing_units=list(total.missing_units),
        )
        share = indicator_time_share(plan, goal, district, self.year, total.as_of or self.reference)
        if total.actual is None:
            self._fill(row, goal, share, None, decided="not_submitted")
            return row
        row.actual = total.cumulative_actual if total.cumulative_actual is not None else total.actual
        if goal.kind == "flow":
            row.cumulative_actual = row.actual if isinstance(row.actual, float) else None
        self._fill(row, goal, share, row.actual)
        return row

    def district_goal_row(self, ind: Indicator) -> Row:
        plan, year = self.plan, self.year
        district = plan.district_name
        target = plan.target(ind.code, district, year)
        row = Row(
            year,
            district,
            ind,
            "not_submitted",
            is_district=True,
            target=target,
            plan_target=target,
            baseline=self._baseline(ind, district),
        )
        if ind.kind == "flow":
            row.cumulative_target = target
        pick = self.pick(district, year)
        if pick.used is None:
            row.source_files = [r.file for r in (pick.conflict or pick.rejected)]
            share = indicator_time_share(plan, ind, district, year, self.reference)
            self._fill(row, ind, share, None, decided=pick.status or "not_submitted")
            return row
        ret = pick.used
        value = ret.values.get(ind.code)
        row.source_files = [ret.file]
        row.as_of = ret.as_of
        if value is None:
            row.status, row.light = "rejected", "red"
            return row
        row.note = value.note
        if ind.kind == "flow":
            cumulative, row.missing_years = self._cumulative(ind, district)
            row.actual = row.cumulative_actual = cumulative
        else:
            row.actual = value.value
        share = indicator_time_share(plan, ind, district, year, ret.as_of or self.reference)
        self._fill(row, ind, share, row.actual, decided="overdue" if self.overdue(district) else None)
        return row


def assess_figure(
    plan: Plan,
    ind: Indicator,
    unit: str,
    year: int,
    as_of: dt.date,
    actual: float | str | None,
    *,
    decided: Status | None = None,
    baseline: float | None = None,
) -> Assessment:
    """Judge ``actual`` of ``unit`` (or the district) for ``ind`` in ``year`` as known at
    ``as_of``: the plan's schedule, target, baseline and warning threshold, one call. What the
    report does for a row; use it for a trend observation or a score item too. For a period
    flow, pass the cumulative amount since the plan began. ``baseline`` (a stock goal's 基期值
    from the district form, ``Row.baseline``) is used when the plan gives none."""
    return assess(
        kind=ind.kind,
        scope=ind.scope,
        direction=ind.direction,
        target=plan.target(ind.code, unit, year),
        actual=actual,
        share=indicator_time_share(plan, ind, unit, year, as_of),
        baseline=(ind.baseline if ind.baseline is not None else baseline) if ind.kind == "stock" else None,
        yellow_points=plan.yellow_points,
        decided=decided,
    )


def _meets_on_figures(r: Row, ind: Indicator) -> bool:
    """An overdue unit's level (D1 是, D2 2/2 人) that meets the target on its own figures."""
    if r.status != "overdue" or ind.kind == "qualitative":
        return False
    number = 1.0 if r.actual == "是" else 0.0 if r.actual == "否" else r.actual
    if not isinstance(number, float | int):
        return False
    good = "within" if ind.direction == "at_most" else "met"
    return judge(direction=ind.direction, target=r.target, actual=float(number), expected=r.expected) == good


def _sum(values: Iterable[float | str | None]) -> float | None:
    vals = [v for v in values if isinstance(v, float | int)]
    return float(sum(vals)) if vals else None
