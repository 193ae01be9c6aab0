"""The runtime :class:`~ipcounty.plan.runtime.Plan` from a checked plan file: indicators, targets
by unit and year (and their quarterly or monthly parts), the 全区 sums, the fingerprint, the words."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from ipcounty.i18n.words import PlanWords, derive_words
from ipcounty.plan.runtime import EvidenceColumn, EvidenceSpec, Indicator, Plan, PlanInfo, ReportingRule, UnitName
from ipcounty.plan.scoring import rules_from_model
from ipcounty.plan.scoring_check import canonical_codes
from ipcounty.plan.targets import parse_key
from ipcounty.schedule import Part, holds_level, year_part

if TYPE_CHECKING:
    from ipcounty.plan.model import PlanFile

WORD_FIELDS = ("level", "unit_word", "addressees", "addressees_en", "level_en", "unit_word_en")


def build_plan(m: PlanFile, name: str) -> Plan:
    """The plan the rest of ipcounty reads, from the checked model ``m`` of the file ``name``."""
    uoms = {u.symbol: u for u in m.units_of_measure}
    served_by = {b.serves.goal: b.code for b in m.breakdowns if b.serves and b.serves.compare == "sum"}
    words = plan_words(m)
    district = words.district
    units = [u.name for u in m.units]
    years = range(m.plan.period.start.year, m.plan.period.end.year + 1)
    indicators: list[Indicator] = []
    targets: dict[tuple[str, str, int | None], float] = {}
    parts: dict[tuple[str, str, int], tuple[Part, ...]] = {}

    def indicator(t: Any, **extra: Any) -> Indicator:
        """The fields every kind of target shares, plus what is particular to its section."""
        u = uoms.get(t.unit or "")
        return Indicator(
            code=t.code,
            name=t.name,
            name_en=t.name_en,
            kind=t.kind,
            unit=t.unit or "",
            direction=t.direction,
            wording=t.wording,
            source=t.source,
            integer=u.integer if u else True,
            rate=u.rate if u else False,
            **extra,
        )

    for b in m.breakdowns:
        evidence = None
        if b.evidence:
            columns = tuple(EvidenceColumn(c.name, c.check, c.key) for c in b.evidence.columns)
            evidence = EvidenceSpec(b.evidence.title, b.evidence.item, b.evidence.rows, columns)
        indicators.append(
            indicator(
                b,
                scope=b.scope,
                level="unit",
                section="breakdown",
                evidence=evidence,
                serves=b.serves.goal if b.serves else None,
                compare=b.serves.compare if b.serves else None,
            )
        )
        for unit, value in b.targets.items():
            if isinstance(value, dict):
                _add_parts(b.code, unit, value, targets, parts)
            else:
                targets[(b.code, unit, None)] = value
        # The district row of a breakdown: the sum over units, per year or for the period —
        # never for a rate or a level each unit must hold (its 全区 row counts who meets it). Its
        # schedule is every unit's parts together (a unit with a yearly target adds the year):
        # the piecewise 序时进度 of the sum is then exactly the sum of the units' expectations.
        if holds_level(b.kind, b.scope):
            continue
        if b.scope == "yearly":
            for year in years:
                vals = [targets[(b.code, u, year)] for u in units if (b.code, u, year) in targets]
                if vals:
                    targets[(b.code, district, year)] = sum(vals)
                if any((b.code, u, year) in parts for u in units):
                    merged: dict[tuple[dt.date, dt.date], float] = {}
                    for u in units:
                        if (b.code, u, year) not in targets:
                            continue
                        own = parts.get((b.code, u, year)) or (year_part(year, targets[(b.code, u, year)]),)
                        for p in own:
                            merged[(p.start, p.end)] = merged.get((p.start, p.end), 0.0) + p.target
                    parts[(b.code, district, year)] = tuple(Part(a, z, t) for (a, z), t in sorted(merged.items()))
        else:
            vals = [targets[(b.code, u, None)] for u in units if (b.code, u, None) in targets]
            if vals:
                targets[(b.code, district, None)] = sum(vals)
    # A district goal served by a breakdown given by quarters or months follows the breakdown's
    # schedule (all its years' parts, as a shape: time_share is a ratio), not a straight line.
    for b in m.breakdowns:
        if not (b.serves and b.serves.compare == "sum" and b.scope == "yearly"):
            continue
        if not any((b.code, district, y) in parts for y in years):
            continue
        shape: list[Part] = []
        for y in years:
            if (b.code, district, y) in targets:
                shape += parts.get((b.code, district, y)) or (year_part(y, targets[(b.code, district, y)]),)
        for y in years:
            parts[(b.serves.goal, district, y)] = tuple(shape)
    for d in m.duties:
        indicators.append(indicator(d, scope="yearly", level="unit", section="duty"))
        duty_target = 1.0 if d.kind == "yesno" else d.target
        if duty_target is not None:
            for unit in units:
                for year in years:
                    targets[(d.code, unit, year)] = duty_target
    for g in m.goals:
        indicators.append(
            indicator(
                g,
                scope="period",
                level="district",
                section="goal",
                served_by=served_by.get(g.code),
                baseline=g.baseline,
            )
        )
        if g.target is not None:
            targets[(g.code, district, None)] = g.target
    # The fingerprint names what a return form depends on. The reporting calendar, the warning
    # threshold, the score rules and the supervision text change no form, and the plan's words
    # change no figure, so moving a deadline, a light's threshold or a point, or correcting a word,
    # does not make every return "from another version". Which counters mean the same count
    # (same_as) changes what is accepted, not the form.
    exclude: dict[str, Any] = {
        "reporting": True,
        "warning": True,
        "scoring": True,
        "supervision": True,
        "plan": set(WORD_FIELDS),
        "units_of_measure": {"__all__": {"same_as", "unit_en"}},
    }
    dumped = m.model_dump(mode="json", exclude=exclude)
    canonical = json.dumps(dumped, ensure_ascii=False, sort_keys=True)
    fingerprint = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    info = m.plan
    return Plan(
        path=name,
        fingerprint=fingerprint,
        info=PlanInfo(
            id=info.id,
            title=info.title,
            short_title=info.short_title,
            region=info.region,
            issuer=info.issuer,
            issued=info.issued,
            start=info.period.start,
            end=info.period.end,
        ),
        district_name=district,
        district_aliases=tuple(m.district.aliases),
        units=tuple(UnitName(u.name, tuple(u.aliases)) for u in m.units),
        symbols=tuple(u.symbol for u in m.units_of_measure),
        same_as={u.symbol: tuple(u.same_as) for u in m.units_of_measure if u.same_as},
        indicators=tuple(indicators),
        targets=targets,
        parts=parts,
        file_json=m.model_dump_json(),
        scoring=rules_from_model(m.scoring, canonical_codes(m)) if m.scoring else None,
        reporting=ReportingRule(m.reporting.frequency, m.reporting.due_day) if m.reporting else None,
        supervision=(m.supervision.source, m.supervision.text) if m.supervision else None,
        yellow_points=m.warning.yellow_points,
        words=words,
    )


def _add_parts(
    code: str,
    unit: str,
    value: dict[str, float],
    targets: dict[tuple[str, str, int | None], float],
    parts: dict[tuple[str, str, int], tuple[Part, ...]],
) -> None:
    """A unit's checked ``{"2024": 15}`` / ``{"2024Q1": 3, …}``: each year's target is the sum of
    its parts; a year given by quarters or months keeps them as its schedule."""
    by_year: dict[int, list[Part]] = {}
    for label, v in value.items():
        key = parse_key(label)
        assert key is not None  # checked by PlanChecker._read_parts
        targets[(code, unit, key.year)] = targets.get((code, unit, key.year), 0.0) + v
        if key.grain != "year":
            by_year.setdefault(key.year, []).append(key.part(v))
    for year, own in by_year.items():
        parts[(code, unit, year)] = tuple(sorted(own))


def plan_words(m: PlanFile) -> PlanWords:
    """The plan's words as written, with what it leaves out derived (see :func:`derive_words`)."""
    return derive_words(
        level=m.plan.level,
        unit_word=m.plan.unit_word,
        district=m.district.name,
        region=m.plan.region,
        unit_types=[u.type for u in m.units],
        addressees=m.plan.addressees,
        level_en=m.plan.level_en,
        unit_word_en=m.plan.unit_word_en,
        addressees_en=m.plan.addressees_en,
        units_en=tuple((u.symbol, *w) for u in m.units_of_measure if (w := u.words_en)),
    )
