"""The progress report's data: rows, what became of each file, who reported, double claims.

Everything here is plain data with its CSV/JSON form; the figures are made by
:mod:`ipcounty.progress.rows`, the choice of returns by :mod:`ipcounty.progress.picking`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ipcounty.findings import Finding
from ipcounty.plan import Indicator, Plan
from ipcounty.render.numbers import fmt_answer, unit_word
from ipcounty.returns.model import Return
from ipcounty.status import Light, Status
from ipcounty.timeliness import Timeliness

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
        """The row as CSV and JSON carry it: :data:`CSV_COLUMNS` and their values."""
        return dict(zip(CSV_COLUMNS, self.csv_row(lang), strict=True))

    def csv_row(self, lang: str = "zh") -> tuple[Any, ...]:
        """The values of :data:`CSV_COLUMNS`, in their order (one CSV line)."""
        ind = self.indicator
        actual = self.actual
        return (
            self.year,
            self.reporting_unit,
            ind.code,
            ind.label(lang),
            unit_word(ind.unit, lang),
            self.as_of.isoformat() if self.as_of else None,
            plain_number(self.target),
            fmt_answer(actual, lang) if isinstance(actual, str) else plain_number(actual),
            plain_number(self.gap),
            plain_number(self.completion),
            plain_number(self.time_share),
            plain_number(self.expected),
            plain_number(self.lag_points),
            self.status,
            self.light,
            self.rank,
            plain_number(self.cumulative_target),
            plain_number(self.cumulative_actual),
            plain_number(self.plan_target),
            plain_number(self.baseline),
            "; ".join(self.source_files) or None,
        )


@dataclass
class Submission:
    """A file read for the report, what it said, and what the report did with it."""

    ret: Return
    role: Role
    reason: str = ""

    @property
    def unit(self) -> str | None:
        """The unit the file counts for: its 镇街, or — when that cell could not be read (a
        misspelt name) — the unit its template stamp or file name names (see progress.picking)."""
        return self.ret.unit or self.ret.unit_hint or None

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
            "reason": self.reason.partition("/")[0] or None,  # unreadable/os-io: the code, unreadable
            "reason_detail": self.reason.partition("/")[2] or None,  # …and why (os-io), or None
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
        from ipcounty.i18n import clauses, tr
        from ipcounty.render.numbers import item_word

        item = item_word(self.indicator.evidence.item, lang, one=True) if self.indicator.evidence else ""
        claims = clauses(
            (
                tr("double-counted.claim", lang, unit=c.township, year=c.year, file=c.file, cell=c.cell)
                for c in self.claims
            ),
            lang,
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


def plain_number(value: float | None) -> float | int | None:
    """A figure as CSV and JSON carry it: a whole number as an int, any other to four decimals."""
    if value is None:
        return None
    whole = int(value)
    if value == whole:
        return whole
    if type(value) is not float:
        return round(value, 4)
    rounded = _rounded.get(value)
    if rounded is None:
        if len(_rounded) >= _ROUNDED_MAX:
            _rounded.clear()
        rounded = _rounded[value] = round(value, 4)
    return rounded


# Figures repeat across a report's rows (the same 序时进度, expected and completion for every
# unit with the same target and date), and rounding a float to four decimals goes through its
# decimal digits: each is rounded once. Bounded, for a program that imports ipcounty and runs long.
_rounded: dict[float, float] = {}
_ROUNDED_MAX = 100_000
