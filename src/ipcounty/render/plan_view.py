"""The plan, shown: a rich view for people and a versioned JSON for programs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from ipcounty.findings import Finding
from ipcounty.i18n import joined, parenthesised, tr
from ipcounty.plan.targets import part_label
from ipcounty.render.numbers import fmt_amount, fmt_answer, fmt_date, fmt_number, fmt_unit_paren, with_wording
from ipcounty.returns.layout import YES
from ipcounty.schedule import holds_level

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ipcounty.plan import Plan

PLAN_JSON_SCHEMA = "ipcounty.plan"
PLAN_JSON_VERSION = 1


def plan_to_dict(plan: Plan, notes: list[Finding], lang: str) -> dict[str, Any]:
    """The plan as JSON data: the file as validated, the derived indicators, and the notes.

    ``plan`` round-trips: ``PlanFile.model_validate(result["plan"])`` gives the same model.
    """
    return {
        "schema": PLAN_JSON_SCHEMA,
        "version": PLAN_JSON_VERSION,
        "fingerprint": plan.fingerprint,
        "path": plan.path,
        "plan": plan.file.model_dump(mode="json"),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "name_en": i.name_en,
                "kind": i.kind,
                "unit": i.unit,
                "direction": i.direction,
                "scope": i.scope,
                "level": i.level,
                "section": i.section,
                "source": i.source,
                "serves": i.serves,
                "served_by": i.served_by,
                "targets": {
                    unit: (
                        {str(y): plan.target(i.code, unit, y) for y in plan.years}
                        if i.scope == "yearly"
                        else plan.target(i.code, unit, plan.years[0])
                    )
                    for unit in (
                        [plan.district_name] if i.level == "district" else [*plan.unit_names, plan.district_name]
                    )
                },
                "plan_target": plan.plan_target(i.code, plan.district_name),
                # Quarterly or monthly targets: each year's parts, as written (2024Q1, 2024-01).
                "parts": {
                    unit: {
                        str(y): {part_label(p): p.target for p in parts}
                        for (c, u, y), parts in plan.parts.items()
                        if c == i.code and u == unit
                    }
                    for unit in dict.fromkeys(u for c, u, _ in plan.parts if c == i.code)
                },
            }
            for i in plan.indicators
        ],
        "notes": [n.to_dict(lang) for n in notes],
    }


def render_plan(plan: Plan, notes: list[Finding], lang: str, console: Console) -> None:
    """The plan for a person: heading, phases, goals, breakdown tables, duties, measures."""
    from rich.text import Text

    info = plan.info
    en = lang == "en"
    console.print(Text(info.title, style="bold"))
    if en:
        parts = [info.region, f"{info.start:%Y-%m-%d} — {info.end:%Y-%m-%d}"]
        parts += [f"{info.issuer} {info.issued}"] if info.issuer and info.issued else []
        parts.append(f"fingerprint {plan.fingerprint}")
    else:  # dates as a Chinese page writes them: 2024年1月1日—2026年12月31日
        parts = [info.region, f"{fmt_date(info.start, lang)}—{fmt_date(info.end, lang)}"]
        issued = fmt_date(info.issued, lang) if isinstance(info.issued, dt.date) else info.issued
        parts += [f"{info.issuer}（{issued}）"] if info.issuer and issued else []
        parts.append(f"指纹 {plan.fingerprint}")
    from ipcounty.render.wrap import wrap_parts

    for line in wrap_parts(parts, " · ", console.width):
        console.print(line, markup=False, no_wrap=True, crop=False, soft_wrap=True)

    if plan.file.phases:
        t = _table(tr("col.phase", lang), tr("col.dates", lang), tr("col.note", lang))
        for ph in plan.file.phases:
            dates = (
                f"{ph.start:%Y-%m}—{ph.end:%Y-%m}"
                if en
                else f"{ph.start.year}年{ph.start.month}月—{ph.end.year}年{ph.end.month}月"
            )
            t.add_row(ph.name, dates, ph.summary or "")
        _section(console, tr("planview.phases", lang), t)

    goals = _table(
        tr("col.code", lang),
        tr("col.indicator", lang),
        tr("col.target", lang),
        tr("col.kind", lang),
        tr("col.source", lang),
        tr("col.measure", lang),
    )
    goal_models = {g.code: g for g in plan.file.goals}
    for ind in plan.indicators:
        if ind.level != "district":
            continue
        g = goal_models[ind.code]
        target = (
            "—"
            if g.target is None
            else with_wording(fmt_amount(fmt_number(g.target), ind.unit, lang), g.wording, lang)
            + (parenthesised(ind.served_by, lang) if ind.served_by else "")
        )
        goals.add_row(
            ind.code,
            ind.label(lang),
            target,
            tr(f"kind.{ind.kind}", lang),
            ind.source,
            ",".join(g.measures),
        )
    _section(console, tr("heading.goals", lang, words=plan.words), goals)

    for b in plan.file.breakdowns:
        ind = plan.indicator(b.code)
        paren = fmt_unit_paren(b.unit, lang, yesno=ind.kind == "yesno")
        title = f"{b.code} {ind.label(lang)}{paren} · {b.source} · {tr(f'scope.{b.scope}', lang)}"
        if b.serves:
            title += f" → {b.serves.goal}"
        years: list[int | None] = list(plan.years) if b.scope == "yearly" else [None]
        # A rate or a level each unit must hold is never added up: no total column, no 全区 row.
        summable = not holds_level(b.kind, b.scope)
        rows = [*plan.unit_names, plan.district_name] if summable else list(plan.unit_names)
        rows = [
            u
            for u in rows
            if u == plan.district_name or any(plan.target(b.code, u, y or plan.years[0]) is not None for y in years)
        ]
        columns, split = _columns(plan, b.code, years, rows)
        headers = [tr("col.township", lang, words=plan.words)]
        headers += [label for label, _ in columns] if years != [None] else [f"{plan.years[0]}—{plan.years[-1]}"]
        if b.scope == "yearly" and summable:
            headers.append(tr("col.total", lang))
        t = _table(*headers, figures_from=1)
        for unit in rows:
            cells = [fmt_number(get(unit)) for _, get in columns]
            if b.scope == "yearly" and summable:
                cells.append(fmt_number(plan.plan_target(b.code, unit)))
            name = district_label(plan, lang) if unit == plan.district_name else unit
            t.add_row(name, *cells, style="bold" if unit == plan.district_name else None)
        _section(console, title, t)
        for unit, year in split:
            schedule = plan.schedule(b.code, unit, year)
            said = joined((f"{part_label(p)}: {fmt_number(p.target)}" for p in schedule), lang)
            console.print(f"  {unit} {year}{tr('sep.colon', lang)}{said}", markup=False, soft_wrap=True)

    if plan.file.duties:
        t = _table(tr("col.code", lang), tr("col.indicator", lang), tr("col.target", lang), tr("col.source", lang))
        for d in plan.file.duties:
            ind = plan.indicator(d.code)
            amount = fmt_amount(fmt_number(d.target), d.unit, lang)
            target = fmt_answer(YES, lang) if d.kind == "yesno" else with_wording(amount, d.wording, lang)
            t.add_row(d.code, ind.label(lang), target, d.source)
        _section(console, tr("unit_duties", lang), t)

    if plan.file.measures:
        t = _table(tr("col.code", lang), tr("col.measure", lang), tr("col.responsible", lang))
        for m in plan.file.measures:
            resp = joined(m.responsible, lang)
            if m.all_units:
                resp += tr("sep.and-more", lang) + tr("all_units", lang, words=plan.words)
            t.add_row(m.code, f"{m.source} {m.title}", resp)
        _section(console, tr("planview.measures", lang), t)

    if plan.scoring is not None:
        from ipcounty.render.score_view import rules_summary

        title, rules, penalties = rules_summary(plan, lang)
        t = _table(tr("col.code", lang), tr("col.indicator", lang), tr("score.rules.col.rule", lang))
        for row in rules:
            t.add_row(*row)
        _section(console, title, t)
        console.print(penalties, markup=False, soft_wrap=True)

    n = len(notes)
    if n:
        console.print(tr("planview.notes-hint", lang, n=n))


def render_notes(notes: list[Finding], lang: str, console: Console) -> None:
    """The consistency notes, each with its place in the YAML."""
    if not notes:
        console.print(tr("planview.no-notes", lang))
        return
    head = tr("planview.notes-head", lang, n=len(notes))
    console.print(head, style="bold")
    for i, n in enumerate(notes, 1):
        console.print(f"{i}. [{n.code}] {n.message(lang)}", markup=False, soft_wrap=True)
        console.print(
            f"   {n.where()}" + (f"  [{n.path}]" if n.path else ""), style="dim", markup=False, soft_wrap=True
        )


def _columns(
    plan: Plan, code: str, years: list[int | None], units: list[str]
) -> tuple[list[tuple[str, Callable[[str], float | None]]], list[tuple[str, int]]]:
    """The target columns of a breakdown table: a year, or its quarters or months when every unit
    splits that year the same way; and the (unit, year) pairs split otherwise (listed below)."""
    columns: list[tuple[str, Callable[[str], float | None]]] = []
    split: list[tuple[str, int]] = []
    for y in years:
        if y is None:
            columns.append(("", lambda u: plan.target(code, u, plan.years[0])))
            continue
        shapes = {u: tuple(part_label(p) for p in plan.parts.get((code, u, y), ())) for u in units}
        given = {s for u, s in shapes.items() if u != plan.district_name and plan.target(code, u, y) is not None}
        if len(given) == 1 and next(iter(given)):
            for i, label in enumerate(next(iter(given))):
                columns.append((label, partial(_part_target, plan, code, year=y, i=i)))
        else:
            columns.append((str(y), partial(_year_target, plan, code, year=y)))
            split += [(u, y) for u in units if u != plan.district_name and shapes[u]]
    return columns, split


def _part_target(plan: Plan, code: str, unit: str, *, year: int, i: int) -> float | None:
    parts = plan.schedule(code, unit, year)
    return parts[i].target if i < len(parts) else None


def _year_target(plan: Plan, code: str, unit: str, *, year: int) -> float | None:
    return plan.target(code, unit, year)


def district_label(plan: Plan, lang: str) -> str:
    """The district's name as the plan spells it (全区, 全县 …), "District" ("County" …) in English."""
    return tr("district", lang, words=plan.words)


def _table(*headers: str, figures_from: int | None = None) -> Any:
    """A plan table; the columns from ``figures_from`` on hold figures, set to the right as the
    report sets them (so 15 and 140 line up by their last digit)."""
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for i, h in enumerate(headers):
        right = figures_from is not None and i >= figures_from
        t.add_column(h, overflow="fold", justify="right" if right else "left")
    return t


def _section(console: Console, title: str, body: RenderableType) -> None:
    console.print()
    console.print(title, style="bold cyan", markup=False)
    console.print(body)
