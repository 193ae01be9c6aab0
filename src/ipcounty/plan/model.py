"""The plan as typed data: what the YAML may say (pydantic models) and the flat list of
indicators the rest of ipcounty works with.

Nothing here knows about one county: the units, the years, the goals and their units of
measure all come from the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["flow", "stock", "rate", "qualitative", "yesno"]
Direction = Literal["at_least", "at_most"]
Scope = Literal["yearly", "period"]
Level = Literal["unit", "district"]

NUMERIC_KINDS: frozenset[str] = frozenset({"flow", "stock", "rate"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class UnitOfMeasure(_Strict):
    symbol: str = Field(min_length=1)
    integer: bool = True
    rate: bool = False


class District(_Strict):
    name: str = "全区"
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

    column_totals: dict[int, float] | None = None
    row_totals: dict[str, float] | None = None
    grand_total: float | None = None


class Breakdown(_Target):
    """A goal split per unit (an annex table), per year or for the whole period."""

    scope: Scope
    serves: Serves | None = None
    targets: dict[str, float | dict[int, float]]
    published: Published | None = None


class Duty(_Target):
    """Something every unit must have in place every year (an office, staff)."""

    target: float | None = Field(default=None, ge=0)


class PlanFile(_Strict):
    """The whole YAML file, as written."""

    schema_version: Literal[1]
    plan: PlanInfo
    units_of_measure: list[UnitOfMeasure]
    district: District = District()
    units: list[Unit] = Field(min_length=1)
    phases: list[Phase] = []
    measures: list[Measure] = []
    goals: list[Goal] = []
    breakdowns: list[Breakdown] = []
    duties: list[Duty] = []


@dataclass(frozen=True, slots=True)
class Indicator:
    """One line of a return or a report, whatever section of the plan it came from.

    ``level`` says who reports it: ``unit`` (every township's return) or ``district`` (the
    district form). ``scope`` is ``yearly`` when each year has its own target and ``period``
    when one target covers the whole plan. ``served_by`` is set on a district goal whose
    actual is the sum of a breakdown's unit actuals.
    """

    code: str
    name: str
    name_en: str | None
    kind: Kind
    unit: str
    direction: Direction
    wording: str | None
    scope: Scope
    level: Level
    source: str
    integer: bool
    rate: bool
    section: Literal["goal", "breakdown", "duty"]
    serves: str | None = None
    compare: str | None = None
    served_by: str | None = None
    baseline: float | None = None

    def label(self, lang: str) -> str:
        """The indicator's name in ``lang`` (the Chinese name when no translation is given)."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Plan:
    """A validated plan and the indicator view derived from it."""

    file: PlanFile
    path: str
    fingerprint: str
    indicators: tuple[Indicator, ...]
    # (indicator code, unit name or district name, year or None for period) -> target
    targets: dict[tuple[str, str, int | None], float]

    @property
    def info(self) -> PlanInfo:
        return self.file.plan

    @property
    def years(self) -> list[int]:
        p = self.file.plan.period
        return list(range(p.start.year, p.end.year + 1))

    @property
    def district_name(self) -> str:
        return self.file.district.name

    @property
    def unit_names(self) -> list[str]:
        return [u.name for u in self.file.units]

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def unit_indicators(self) -> list[Indicator]:
        """Indicators on every unit's return, in plan order."""
        return [i for i in self.indicators if i.level == "unit"]

    def district_form_indicators(self) -> list[Indicator]:
        """Indicators the district reports itself (goals not computed from a breakdown)."""
        return [i for i in self.indicators if i.level == "district" and not i.served_by]

    def target(self, code: str, unit: str, year: int) -> float | None:
        """The target of ``code`` for ``unit`` in ``year``; the period target for period scope."""
        ind = self.indicator(code)
        key_year = year if ind.scope == "yearly" else None
        return self.targets.get((code, unit, key_year))

    def plan_target(self, code: str, unit: str) -> float | None:
        """The whole-plan target: the sum of yearly targets of a flow, else the period target."""
        ind = self.indicator(code)
        if ind.scope == "period":
            return self.targets.get((code, unit, None))
        values = [self.targets.get((code, unit, y)) for y in self.years]
        known = [v for v in values if v is not None]
        if not known:
            return None
        if ind.kind == "flow":
            return sum(known)
        return known[-1]

    def canonical_unit(self, name: str) -> tuple[str, bool] | None:
        """Map a unit or district name (or an alias) to its stable name; the flag says alias."""
        if name == self.district_name:
            return name, False
        if name in self.file.district.aliases:
            return self.district_name, True
        for u in self.file.units:
            if name == u.name:
                return u.name, False
            if name in u.aliases:
                return u.name, True
        return None

    def all_names(self) -> list[str]:
        """Every accepted spelling of every unit and of the district."""
        names = [self.district_name, *self.file.district.aliases]
        for u in self.file.units:
            names += [u.name, *u.aliases]
        return names

    def elapsed_share(self, as_of: dt.date, year: int | None) -> float:
        """Share of the year (or of the plan period when ``year`` is None) elapsed at ``as_of``.

        The day ``as_of`` counts as elapsed: a return dated 31 December is a full year.
        """
        if year is None:
            start, end = self.info.period.start, self.info.period.end
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if as_of < start:
            return 0.0
        if as_of >= end:
            return 1.0
        return ((as_of - start).days + 1) / ((end - start).days + 1)
