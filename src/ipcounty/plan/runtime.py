"""The plan as the rest of ipcounty uses it: plain frozen dataclasses, no pydantic.

The loader builds a :class:`Plan` from the validated pydantic model; the full model stays
available as ``plan.file`` (rebuilt on first use from JSON), for the few places that show the
whole plan. Keeping pydantic out of this module is what lets ``validate`` and ``report`` start
from a cached plan without importing it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ipcounty.i18n.words import DEFAULT_WORDS, PlanWords
from ipcounty.plan.scoring import ScoringRules
from ipcounty.schedule import period_part, year_part

if TYPE_CHECKING:
    from ipcounty.plan.model import PlanFile
    from ipcounty.schedule import Part

Kind = Literal["flow", "stock", "rate", "qualitative", "yesno"]
Direction = Literal["at_least", "at_most"]
Scope = Literal["yearly", "period"]
Level = Literal["unit", "district"]
Frequency = Literal["monthly", "quarterly", "yearly"]

NUMERIC_KINDS: frozenset[str] = frozenset({"flow", "stock", "rate"})

# What a plan's title says besides the work it is about: the years (a document's title names its
# own span), and what kind of paper it is (方案, 要点, 分解表 …), stripped from the end, longest first.
_TITLE_YEARS = re.compile(
    r"[（(][^（）()]*\d{4}[^（）()]*[）)]"  # （2024—2026年）
    r"|\d{4}\s*(?:年度?)?\s*(?:[—–\-~至到]\s*\d{4}\s*年度?)?"  # 2023年 / 2021—2025年 / 2025
    r"|[“\"「]?十[一二三四五六七八九]五[”\"」]?(?:期间|时期)?"  # “十四五”
)
_PAPER_WORDS = (
    "重点任务分解表", "重点任务", "重点工作", "实施方案", "工作方案", "行动方案", "方案",
    "工作要点", "要点", "工作目标", "目标任务", "目标",
    "任务分解表", "分解表", "季度分解", "月度分解", "分解", "重点任务", "工作任务", "任务",
    "工作计划", "计划", "实施意见", "意见", "工作",
)  # fmt: skip


def _subject(title: str, region: str) -> str:
    text = _TITLE_YEARS.sub("", title).strip(" 　的")
    trimmed = True
    while trimmed and text:
        trimmed = False
        for word in _PAPER_WORDS:
            if text.endswith(word):
                text, trimmed = text[: -len(word)].rstrip(" 　的"), True
                break
    # the region once, in front: 枣庄市市中区 also counts as said when the title begins 市中区
    tails = [region[i + 1 :] for i, ch in enumerate(region[:-1]) if ch in "省市州盟"]
    if not any(text.startswith(r) for r in (region, *tails) if r):
        text = region + text.replace(region, "")
    while text.startswith(region + region):
        text = text[len(region) :]
    return text if text != region else f"{region}知识产权"


@dataclass(frozen=True)
class PlanInfo:
    id: str
    title: str
    short_title: str | None
    region: str
    issuer: str | None
    issued: dt.date | None
    start: dt.date
    end: dt.date

    @property
    def name(self) -> str:
        """How headings name the plan: ``short_title``, else the title (with the region in front
        only when the title does not already begin with it: never 测试县测试县…)."""
        if self.short_title:
            return self.short_title
        return self.title if self.title.startswith(self.region) else f"{self.region}{self.title}"

    @property
    def subject(self) -> str:
        """The work a document's title is about, to be followed by 工作 (…{subject}工作进展情况的通报):
        ``short_title``, else the title without its years and its kind of paper, the region once
        in front (青山县2023年知识产权工作要点 → 青山县知识产权). Never ends in 工作."""
        text = self.short_title.strip() if self.short_title else _subject(self.title, self.region)
        while text.endswith("工作") and len(text) > 2:
            text = text[:-2]
        return text


@dataclass(frozen=True)
class ReportingRule:
    """The plan's reporting calendar: how often a return is due, and by which day of the month
    after the period it covers (see :mod:`ipcounty.timeliness`)."""

    frequency: Frequency
    due_day: int


@dataclass(frozen=True)
class EvidenceColumn:
    name: str
    check: str = "text"
    key: bool = False


@dataclass(frozen=True)
class EvidenceSpec:
    """The 明细 table of an indicator: its title, what a row is, how many blank rows, the columns."""

    title: str
    item: str
    rows: int
    columns: tuple[EvidenceColumn, ...]

    @property
    def key(self) -> EvidenceColumn | None:
        return next((c for c in self.columns if c.key), None)


@dataclass(frozen=True)
class UnitName:
    name: str
    aliases: tuple[str, ...] = ()


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
    evidence: EvidenceSpec | None = None

    def label(self, lang: str) -> str:
        """The indicator's name in ``lang`` (the Chinese name when no translation is given)."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Plan:
    """A validated plan and the indicator view derived from it."""

    path: str
    fingerprint: str
    info: PlanInfo
    district_name: str
    district_aliases: tuple[str, ...]
    units: tuple[UnitName, ...]
    symbols: tuple[str, ...]  # every unit of measure the plan declares (件, 亿元, % …)
    indicators: tuple[Indicator, ...]
    # (indicator code, unit name or district name, year or None for period) -> target
    targets: dict[tuple[str, str, int | None], float] = field(repr=False)
    file_json: str = field(repr=False)  # the validated file, for ``file``
    scoring: ScoringRules | None = None  # the 考核评分 rules, when the plan scores
    # unit of measure -> counters that mean the same count (``units_of_measure[].same_as``)
    same_as: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    reporting: ReportingRule | None = None  # no calendar: no timeliness check
    supervision: tuple[str, str] | None = None  # (source, text): the plan on 通报 and 整改
    # ``warning.yellow_points``: behind by less than this many percentage points is yellow, else red.
    yellow_points: float = 10.0
    # Quarterly or monthly targets: (code, unit, year) -> the year's parts, in date order.
    # Absent keys have one part (the year, or the plan period for period goals).
    parts: dict[tuple[str, str, int], tuple[Part, ...]] = field(default_factory=dict, repr=False)
    # The plan's words (区/县, 镇街/单位, 全区, 主送): parameters of every sentence, never literals.
    words: PlanWords = DEFAULT_WORDS

    def __getstate__(self) -> dict[str, Any]:
        # Pickle the fields only, never the cached properties (``file`` would drag pydantic in).
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    @cached_property
    def file(self) -> PlanFile:
        """The whole plan as validated (pydantic), rebuilt on first use."""
        from ipcounty.plan.model import PlanFile

        return PlanFile.model_validate_json(self.file_json)

    @property
    def years(self) -> list[int]:
        return list(self._years)

    @cached_property
    def _years(self) -> tuple[int, ...]:
        return tuple(range(self.info.start.year, self.info.end.year + 1))

    @property
    def unit_names(self) -> list[str]:
        return [u.name for u in self.units]

    @cached_property
    def _by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def indicator(self, code: str) -> Indicator:
        return self._by_code[code]

    def unit_indicators(self) -> list[Indicator]:
        """Indicators on every unit's return, in plan order."""
        return list(self._unit_indicators)

    @cached_property
    def _unit_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.level == "unit")

    @property
    def has_district_form(self) -> bool:
        """Whether the district reports goals itself (a plan with no district goals has no form)."""
        return bool(self._district_form)

    def reporting_names(self) -> list[str]:
        """Who sends returns: every unit, then the district when it has a form of its own."""
        return [*self.unit_names, self.district_name] if self.has_district_form else self.unit_names

    def district_form_indicators(self) -> list[Indicator]:
        """Indicators the district reports itself (goals not computed from a breakdown)."""
        return list(self._district_form)

    @cached_property
    def _district_form(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.level == "district" and not i.served_by)

    def target(self, code: str, unit: str, year: int) -> float | None:
        """The target of ``code`` for ``unit`` in ``year``; the period target for period scope."""
        key_year = year if self._by_code[code].scope == "yearly" else None
        return self.targets.get((code, unit, key_year))

    def has_target(self, code: str, unit: str) -> bool:
        """Whether ``unit`` has a target for ``code`` in any year (or for the period)."""
        return (code, unit) in self._targeted

    @cached_property
    def _targeted(self) -> frozenset[tuple[str, str]]:
        return frozenset((code, unit) for code, unit, _ in self.targets)

    def plan_target(self, code: str, unit: str) -> float | None:
        """The whole-plan target: the sum of yearly targets of a flow, else the period target."""
        ind = self._by_code[code]
        targets = self.targets
        if ind.scope == "period":
            return targets.get((code, unit, None))
        known = [v for y in self._years if (v := targets.get((code, unit, y))) is not None]
        if not known:
            return None
        if ind.kind == "flow":
            return sum(known)
        return known[-1]

    @cached_property
    def _names(self) -> dict[str, tuple[str, bool]]:
        names = {a: (u.name, True) for u in self.units for a in u.aliases}
        names.update({a: (self.district_name, True) for a in self.district_aliases})
        names.update({u.name: (u.name, False) for u in self.units})
        names[self.district_name] = (self.district_name, False)
        return names

    @cached_property
    def _folded_names(self) -> dict[str, tuple[str, bool]]:
        from ipcounty.plan.targets import fold

        folded: dict[str, tuple[str, bool]] = {}
        for spelling, (canon, alias) in self._names.items():
            folded.setdefault(fold(spelling), (canon, alias))
        return folded

    def canonical_unit(self, name: str) -> tuple[str, bool] | None:
        """Map a unit or district name (or an alias) to its stable name; the flag says alias.

        Names match after NFKC and space folding, so ``(）`` for ``（）`` and stray spaces never
        make a name unknown (the caller shows the plan's own spelling, ``canon[0]``)."""
        found = self._names.get(name)
        if found is None:
            from ipcounty.plan.targets import fold

            found = self._folded_names.get(fold(name))
        return found

    def all_names(self) -> list[str]:
        """Every accepted spelling of every unit and of the district."""
        names = [self.district_name, *self.district_aliases]
        for u in self.units:
            names += [u.name, *u.aliases]
        return names

    def schedule(self, code: str, unit: str, year: int) -> tuple[Part, ...]:
        """The schedule of ``code``'s target for ``unit`` in ``year`` (see :mod:`ipcounty.schedule`):
        the year's quarterly or monthly parts when the plan gives them, else one part — the year
        for a yearly target, the plan period for a period goal. Empty when there is no target."""
        given = self.parts.get((code, unit, year))
        if given:
            return given
        target = self.target(code, unit, year)
        if target is None:
            return ()
        if self._by_code[code].scope == "period":
            return (period_part(self.info.start, self.info.end, target),)
        return (year_part(year, target),)

    def as_of_window(self, year: int) -> tuple[dt.date, dt.date]:
        """The dates a return for ``year`` may run to: the year, cut to the plan period."""
        return max(dt.date(year, 1, 1), self.info.start), min(dt.date(year, 12, 31), self.info.end)

    def example_as_of(self, year: int) -> dt.date:
        """The 截至日期 a form shows as its example: 30 September of ``year`` when the plan runs
        then, else the nearest day of the plan in that year (a plan of one quarter: its last day)."""
        first, last = self.as_of_window(year)
        return min(max(dt.date(year, 9, 30), first), last)

    def elapsed_share(self, as_of: dt.date, year: int | None) -> float:
        """Share of the year (or of the plan period when ``year`` is None) elapsed at ``as_of``.

        The day ``as_of`` counts as elapsed: a return dated 31 December is a full year.
        """
        from ipcounty.schedule import elapsed_share

        if year is None:
            return elapsed_share(as_of, self.info.start, self.info.end)
        return elapsed_share(as_of, dt.date(year, 1, 1), dt.date(year, 12, 31))
