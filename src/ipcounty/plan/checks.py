"""The plan's own rules, beyond types: names, codes, references, years, units, published totals.

Each finding is placed at the key path it is about (see :class:`~ipcounty.plan.yaml_nodes.Positions`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ipcounty.findings import Finding
from ipcounty.i18n import Phrase, did_you_mean
from ipcounty.plan.build import plan_words
from ipcounty.plan.runtime import NUMERIC_KINDS
from ipcounty.plan.scoring_check import check_scoring
from ipcounty.plan.targets import as_written, fold, in_period, parse_key, read_number, same_amount
from ipcounty.plan.yaml_nodes import PathKey, Positions, dotted
from ipcounty.schedule import holds_level

if TYPE_CHECKING:
    from ipcounty.plan.model import Breakdown, PlanFile


class PlanChecker:
    """The plan's own rules, beyond types: references, years, units, and published totals."""

    def __init__(self, model: PlanFile, name: str, pos: Positions) -> None:
        self.model = model
        self.name = name
        self.pos = pos
        self.findings: list[Finding] = []
        start, end = model.plan.period.start, model.plan.period.end
        self.years = range(start.year, end.year + 1)
        self.words = plan_words(model)
        self.folded = {fold(n): u.name for u in model.units for n in (*u.aliases, u.name)}

    def _add(self, code: str, path: PathKey, severity: str = "error", /, **params: Any) -> None:
        line, col = self.pos.find(path)
        self.findings.append(
            Finding(
                code,
                severity,  # type: ignore[arg-type]  # checked by callers: error or note
                self.name,
                line=line,
                column=col,
                path=dotted(path),
                params=params,
                words=self.words,
            )
        )

    def run(self) -> list[Finding]:
        m = self.model
        p = m.plan.period
        if p.start > p.end:
            self._add("period-reversed", ("plan", "period"), start=p.start, end=p.end)
            return self.findings
        for i, ph in enumerate(m.phases):
            if ph.start > ph.end:
                self._add("period-reversed", ("phases", i), start=ph.start, end=ph.end)
            elif ph.start < p.start or ph.end > p.end:
                self._add("phase-outside-period", ("phases", i), name=ph.name)
        self._check_names()
        self._check_codes()
        self._check_units_en()
        self._check_targets()
        check_scoring(self.model, self._add)
        new_breakdowns = [self._check_breakdown(i, b) for i, b in enumerate(m.breakdowns)]
        self.model = m.model_copy(update={"breakdowns": new_breakdowns})
        return self.findings

    def _check_names(self) -> None:
        seen: set[str] = set()
        entries: list[tuple[str, PathKey]] = [(self.words.district, ("district", "name"))]
        entries += [(a, ("district", "aliases", j)) for j, a in enumerate(self.model.district.aliases)]
        for i, u in enumerate(self.model.units):
            entries.append((u.name, ("units", i, "name")))
            entries += [(a, ("units", i, "aliases", j)) for j, a in enumerate(u.aliases)]
        for name, path in entries:
            if name in seen:
                self._add("duplicate-unit", path, name=name)
            seen.add(name)

    def _check_codes(self) -> None:
        seen: set[str] = set()
        m = self.model
        groups: list[tuple[str, list[Any]]] = [
            ("measures", m.measures),
            ("goals", m.goals),
            ("breakdowns", m.breakdowns),
            ("duties", m.duties),
        ]
        for section, items in groups:
            for i, item in enumerate(items):
                if item.code in seen:
                    self._add("duplicate-code", (section, i, "code"), code=item.code)
                seen.add(item.code)

    def _check_units_en(self) -> None:
        for i, u in enumerate(self.model.units_of_measure):
            if u.unit_en is not None and u.words_en is None:
                self._add("uom-unit-en", ("units_of_measure", i, "unit_en"), symbol=u.symbol)

    def _check_targets(self) -> None:
        m = self.model
        uoms = {u.symbol: u for u in m.units_of_measure}
        measures = {x.code for x in m.measures}
        goals = {g.code for g in m.goals}
        groups: list[tuple[str, list[Any]]] = [
            ("goals", m.goals),
            ("breakdowns", m.breakdowns),
            ("duties", m.duties),
        ]
        for section, items in groups:
            for i, item in enumerate(items):
                base: PathKey = (section, i)
                for j, ref in enumerate(item.measures):
                    if ref not in measures:
                        self._add("unknown-measure", (*base, "measures", j), code=item.code, measure=ref)
                numeric = item.kind in NUMERIC_KINDS
                target = getattr(item, "target", None)
                if not numeric:
                    if item.unit is not None or (target is not None and item.kind == "qualitative"):
                        self._add("unexpected-target", base, code=item.code, kind=item.kind)
                    continue
                if item.unit is None:
                    self._add("missing-unit-of-measure", base, code=item.code)
                    continue
                uom = uoms.get(item.unit)
                if uom is None:
                    self._add(
                        "unknown-unit-of-measure",
                        (*base, "unit"),
                        unit=item.unit,
                        known=tuple(uoms),
                    )
                    continue
                if item.kind == "rate" and not uom.rate:
                    self._add("rate-unit-needed", (*base, "unit"), code=item.code)
                if section != "breakdowns":
                    if target is None:
                        self._add("missing-target", base, code=item.code)
                    else:
                        self._check_value(item.code, (*base, "target"), target, uom.integer, uom.rate, item.unit)
                if section == "breakdowns" and item.serves and item.serves.goal not in goals:
                    self._add("unknown-goal", (*base, "serves", "goal"), code=item.code, goal=item.serves.goal)

    def _check_value(
        self, code: str, path: PathKey, value: float, integer: bool, rate: bool, unit: str | None = None
    ) -> bool:
        """Whether ``value`` is a possible target; says why not otherwise."""
        if value < 0:
            self._add("negative-target", path, value=as_written(value))
        elif integer and value != int(value):
            self._add("fractional-target", path, code=code, unit=unit or "", value=as_written(value))
        elif rate and value > 100:
            self._add("rate-above-100", path, code=code, value=as_written(value))
        else:
            return True
        return False

    def _canonical(self, name: str) -> str | None:
        """The unit ``name`` means, matched after NFKC and space folding (``()`` = ``（）``)."""
        return self.folded.get(fold(name)) if isinstance(name, str) else None

    def _hint(self, name: str) -> Phrase | str:
        return did_you_mean(name, [u.name for u in self.model.units])

    def _number(self, raw: Any, path: PathKey) -> float | None:
        """A target as a number, or None after saying why it is not one."""
        read = read_number(raw)
        if read.value is None:
            self._add("target-not-a-number", path, value=_show(raw))
        elif read.unit is not None:
            self._add("target-with-unit", path, value=_show(raw), number=as_written(read.value), unit=read.unit)
            return None
        elif read.folded:
            self._add("target-normalised", path, "warning", value=_show(raw), number=as_written(read.value))
        return read.value

    def _target(self, b: Breakdown, raw: Any, path: PathKey, integer: bool, rate: bool) -> tuple[float | None, bool]:
        """One target of a breakdown, read and checked: the number (None when it is not one) and
        whether it is a possible target. A number that fails the check is kept, but the published
        sums are not checked against it: they would only repeat this mistake."""
        number = self._number(raw, path)
        if number is None:
            return None, False
        return number, self._check_value(b.code, path, number, integer, rate, b.unit)

    def _check_breakdown(self, i: int, b: Breakdown) -> Breakdown:
        """Check one breakdown and return it with every unit under its stable name and every
        target in its canonical form (a number, or ``{"2024": 15}`` / ``{"2024Q1": 3, …}``)."""
        base: PathKey = ("breakdowns", i)
        uom = next((u for u in self.model.units_of_measure if u.symbol == b.unit), None)
        integer = uom.integer if uom else False
        rate = uom.rate if uom else False
        start, end = self.model.plan.period.start, self.model.plan.period.end
        one_year = len(self.years) == 1
        targets: dict[str, float | dict[str, float]] = {}
        clean = True  # False when a unit or a target could not be read: published sums would lie
        wrong_shape: list[tuple[str, PathKey]] = []
        for unit, value in b.targets.items():
            upath = (*base, "targets", unit)
            canon = self._canonical(unit)
            if canon is None:
                self._add("unknown-township", upath, name=unit, hint=self._hint(str(unit)))
                clean = False
                continue
            if canon in targets:
                self._add("duplicate-unit", upath, name=unit)
                clean = False
                continue
            if fold(canon) != fold(unit):
                self._add("alias-used", upath, "note", code=b.code, alias=unit, name=canon)
            if b.scope == "period":
                if isinstance(value, dict):
                    wrong_shape.append((canon, upath))
                    continue
                number, good = self._target(b, value, upath, integer, rate)
                clean = clean and good
                if number is not None:
                    targets[canon] = number
                continue
            if not isinstance(value, dict):
                if not one_year:
                    wrong_shape.append((canon, upath))
                    continue
                value = {self.years[0]: value}  # a one-year plan may give the year's target alone
                paths = {self.years[0]: upath}
            else:
                paths = {k: (*upath, k) for k in value}
            parts = self._read_parts(b, value, paths, start, end, integer, rate)
            if parts is None:
                clean = False
                continue
            targets[canon] = parts
        if wrong_shape:
            clean = False
            self._wrong_shape(b, wrong_shape)
        if b.published and holds_level(b.kind, b.scope):
            # A rate or a level each unit must hold is never added up: a published total is an error.
            pub = b.published
            if pub.column_totals or pub.row_totals or pub.grand_total is not None:
                self._add("published-total-not-summable", (*base, "published"), code=b.code, name=b.name)
        elif b.published and clean:
            self._check_published(i, b, targets)
        return b.model_copy(update={"targets": targets})

    def _read_parts(
        self,
        b: Breakdown,
        value: dict[Any, Any],
        paths: dict[Any, PathKey],
        start: dt.date,
        end: dt.date,
        integer: bool,
        rate: bool,
    ) -> dict[str, float] | None:
        """A unit's ``{2024: 15}`` / ``{2024Q1: 3, …}`` map, checked; None when it has errors."""
        out: dict[str, float] = {}
        grains: dict[int, str] = {}
        ok = True
        for key, raw in value.items():
            path = paths[key]
            k = parse_key(key)
            if k is None:
                self._add("target-bad-key", path, key=_show(key), example=self.years[0])
                ok = False
                continue
            if not in_period(k, start, end):
                if k.grain == "year":
                    self._add("year-outside-period", path, year=k.year, start=self.years[0], end=self.years[-1])
                else:
                    self._add("part-outside-period", path, key=k.label, start=start, end=end)
                ok = False
                continue
            if grains.setdefault(k.year, k.grain) != k.grain:
                self._add("target-mixed-keys", path, key=k.label, year=k.year)
                ok = False
                continue
            if k.label in out:
                self._add("target-duplicate-key", path, key=k.label)
                ok = False
                continue
            number, good = self._target(b, raw, path, integer, rate)
            ok = ok and good
            if number is not None:
                out[k.label] = number
        return out if ok else None

    def _wrong_shape(self, b: Breakdown, where: list[tuple[str, PathKey]]) -> None:
        """One misunderstanding (a number where years are needed, or the other way) is one finding,
        at the first unit, naming how many units it affects."""
        names = [n for n, _ in where]
        who = "、".join(names[:3]) + (f" 等 {len(names)} 个单位" if len(names) > 3 else "")
        who_en = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        y = self.years
        example = ", ".join(f"{year}: 10" for year in y[:3])
        key = "scope-period-needs-number" if b.scope == "period" else "scope-yearly-needs-years"
        self._add(key, where[0][1], code=b.code, who=who, who_en=who_en, count=len(names), example=example)

    def _check_published(self, i: int, b: Breakdown, targets: dict[str, float | dict[str, float]]) -> None:
        pub = b.published
        assert pub is not None
        base: PathKey = ("breakdowns", i, "published")

        def row_sum(value: float | dict[str, float]) -> float:
            return sum(value.values()) if isinstance(value, dict) else value

        if pub.column_totals:
            for key, published in pub.column_totals.items():
                path = (*base, "column_totals", key)
                k = parse_key(key)
                if k is None:
                    self._add("target-bad-key", path, key=_show(key), example=self.years[0])
                    continue
                if k.year not in self.years:
                    self._add("year-outside-period", path, year=k.year, start=self.years[0], end=self.years[-1])
                    continue
                computed = sum(
                    v
                    for parts in targets.values()
                    if isinstance(parts, dict)
                    for label, v in parts.items()
                    if (pk := parse_key(label)) is not None
                    and pk.year == k.year
                    and (k.grain == "year" or pk.label == k.label)
                )
                if not same_amount(computed, published):
                    self._add(
                        "column-total-mismatch",
                        path,
                        code=b.code,
                        year=k.label,
                        published=as_written(published),
                        computed=as_written(computed),
                    )
        if pub.row_totals:
            for unit, published in pub.row_totals.items():
                path = (*base, "row_totals", unit)
                canon = self._canonical(unit)
                if canon is None:
                    self._add("unknown-township", path, name=unit, hint=self._hint(unit))
                    continue
                computed = row_sum(targets.get(canon, 0))
                if not same_amount(computed, published):
                    self._add(
                        "row-total-mismatch",
                        path,
                        code=b.code,
                        unit=unit,
                        published=as_written(published),
                        computed=as_written(computed),
                    )
        if pub.grand_total is not None:
            computed = sum(row_sum(v) for v in targets.values())
            if not same_amount(computed, pub.grand_total):
                self._add(
                    "grand-total-mismatch",
                    (*base, "grand_total"),
                    code=b.code,
                    published=as_written(pub.grand_total),
                    computed=as_written(computed),
                )


def _show(value: Any) -> str:
    """A value as the user wrote it, for a message."""
    return str(value)
