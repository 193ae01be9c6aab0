"""What a plan YAML may say, as pydantic models: the schema the loader validates against.

Nothing here knows about one county: the units, the years, the goals and their units of
measure all come from the file. The rest of ipcounty works with :mod:`ipcounty.plan.runtime`,
which needs no pydantic at all (so ``validate`` and ``report`` start fast).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ipcounty.plan.runtime import Direction, Kind, Scope


class _Strict(BaseModel):
    # A name or title YAML reads as a number (``title: 2024``) is text.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Period(_Strict):
    start: dt.date
    end: dt.date


class PlanInfo(_Strict):
    id: str = Field(min_length=1)
    title: str
    short_title: str | None = None
    region: str
    issuer: str | None = None
    issued: dt.date | None = None
    period: Period
    source: str | None = None
    # The plan's words (see ipcounty.i18n.words): 区/县/市 as in 全区 and 区级目标; what a
    # reporting unit is called (镇街, 单位, 部门); 主送. Unset, the loader derives them.
    level: str | None = Field(default=None, min_length=1, max_length=4)
    unit_word: str | None = Field(default=None, min_length=1, max_length=8)
    addressees: str | list[str] = []
    addressees_en: str | list[str] = []  # 主送 in English output (one string splits at ";")
    level_en: str | None = None
    unit_word_en: str | None = None


class UnitOfMeasure(_Strict):
    symbol: str = Field(min_length=1)
    integer: bool = True
    rate: bool = False
    same_as: list[str] = []  # counters meaning the same count (件 for 个): accepted with a warning
    # The unit in English output: one word (``sets``) or [singular, plural] (``[set, sets]``);
    # unset, the catalogue's word (件 → items), else the symbol itself.
    # Any shape is read here; PlanChecker says what to write when it is neither (``uom-unit-en``).
    unit_en: Any = None

    @property
    def words_en(self) -> tuple[str, str] | None:
        """``unit_en`` as (singular, plural) when it is one word or two, else None."""
        v = self.unit_en
        words = [v] if isinstance(v, str) else v if isinstance(v, list) else None
        if not words or len(words) > 2 or not all(isinstance(w, str) and w.strip() for w in words):
            return None
        return words[0].strip(), words[-1].strip()


class District(_Strict):
    name: str | None = None  # unset: 全 + the plan's level (全区, 全县 …)
    aliases: list[str] = []


class Unit(_Strict):
    """A reporting unit of the breakdowns: a town, a street, a department, a park committee."""

    name: str = Field(min_length=1)
    type: str | None = None
    aliases: list[str] = []


class Phase(_Strict):
    name: str
    start: dt.date
    end: dt.date
    source: str | None = None
    summary: str | None = None


class Measure(_Strict):
    code: str
    source: str
    title: str
    all_units: bool = False
    responsible: list[str] = []


class _Target(_Strict):
    code: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    source: str
    name: str
    name_en: str | None = None
    kind: Kind
    unit: str | None = None
    direction: Direction = "at_least"
    wording: str | None = None
    measures: list[str] = []


class Goal(_Target):
    """A district goal of the plan (二(二)): one target for the whole period."""

    area: str | None = None
    target: float | None = Field(default=None, ge=0)
    baseline: float | None = Field(default=None, ge=0)
    deadline: dt.date | None = None


class Serves(_Strict):
    goal: str
    compare: Literal["sum", "none"] = "sum"
    why: str | None = None


class Published(_Strict):
    """The totals printed in the annex table, kept so the loader can check the arithmetic."""

    # Keys are years, quarters or months as in ``targets`` (read by ipcounty.plan.targets).
    column_totals: dict[int | str, float] | None = None
    row_totals: dict[str, float] | None = None
    grand_total: float | None = None


class EvidenceColumn(_Strict):
    """One column of a 明细 table. ``check`` says what the cell must hold; ``key`` marks the
    column that identifies an item (a patent number, a credit code) for double counting."""

    name: str = Field(min_length=1)
    check: Literal["text", "patent", "invention_patent", "credit_code", "date", "year", "count"] = "text"
    key: bool = False


class Evidence(_Strict):
    """The items behind a count, listed on the return's 明细 sheet."""

    title: str
    item: str  # what one row is, for messages: 专利, 企业, 指导站 …
    rows: int = Field(default=15, ge=1, le=500)
    columns: list[EvidenceColumn] = Field(min_length=1)


class Breakdown(_Target):
    """A goal split per unit (an annex table), per year or for the whole period."""

    scope: Scope
    serves: Serves | None = None
    evidence: Evidence | None = None
    # unit -> one number, or {2024: 15} / {2024Q1: 3, …} / {2024-01: 1, …}: the loader reads
    # and checks these itself (ipcounty.plan.targets) so that each mistake gets its own message.
    targets: dict[str, Any] = {}
    published: Published | None = None


class Duty(_Target):
    """Something every unit must have in place every year (an office, staff)."""

    target: float | None = Field(default=None, ge=0)


class ScoringItem(_Strict):
    """One scored indicator: its weight by bands (or in proportion), and points per unit short or over.

    Numbers are checked by :mod:`ipcounty.plan.scoring_check` (not by constraints here), so every
    mistake gets a message that says the fix in the user's language."""

    indicator: str
    points: float | None = None
    bands: list[list[float]] | None = None  # [[completion floor, share of points], …], highest first
    per_shortfall: float | None = None
    per_excess: float | None = None
    max_bonus: float | None = None
    max_deduction: float | None = None


class Penalties(_Strict):
    """Points off a unit's score for how it reported, whatever its figures."""

    not_submitted: float = 0
    overdue: float = 0
    rejected: float = 0
    conflict: float = 0
    double_counted_per_item: float = 0


class Scoring(_Strict):
    """The 考核评分 rules: a unit's score = start + its items' points − its penalties."""

    note: str | None = None  # shown above the score sheet, e.g. "示例规则，按本地考核办法调整"
    start: float = 0
    basis: Literal["year", "schedule"] = "year"
    decimals: int = 2  # each item's points are rounded half up to this many decimals
    no_target: Literal["zero", "full"] = "zero"  # an item a unit has no target for: 0, or all its points
    items: list[ScoringItem] = []
    penalties: Penalties = Penalties()


class WarningLevels(_Strict):
    """``warning:``: how far behind 序时进度 a unit may be before its light turns red."""

    yellow_points: float = Field(default=10, gt=0, le=100)


class Reporting(_Strict):
    """When returns are due: a return covering a period is due by day ``due_day`` of the month
    after the period ends (a day past the month's end means its last day)."""

    frequency: Literal["monthly", "quarterly", "yearly"]
    due_day: int = Field(ge=1, le=31)


class Supervision(_Strict):
    """What the plan says about units that fall behind (通报, 整改): quoted in the bulletin's
    下步要求, with the section it comes from."""

    source: str = Field(min_length=1)
    text: str = Field(min_length=1)


class PlanFile(_Strict):
    """The whole YAML file, as written."""

    schema_version: Literal[1]
    plan: PlanInfo
    units_of_measure: list[UnitOfMeasure] = []
    district: District = District()
    units: list[Unit] = []
    phases: list[Phase] = []
    measures: list[Measure] = []
    goals: list[Goal] = []
    breakdowns: list[Breakdown] = []
    duties: list[Duty] = []
    scoring: Scoring | None = None
    reporting: Reporting | None = None
    warning: WarningLevels = WarningLevels()
    supervision: Supervision | None = None
