"""The progress report as people read it: the terminal table, Markdown, and the sentences both
share (heading, completeness, notes). CSV and JSON, for programs, are in ``report_data``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from typing import TYPE_CHECKING, Any

from ipcounty.i18n import joined, status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.numbers import (
    fmt_answer,
    fmt_date,
    fmt_figure,
    fmt_number,
    fmt_percent,
    fmt_points,
    fmt_unit_paren,
    unit_word,
)
from ipcounty.returns.layout import YES

if TYPE_CHECKING:
    from rich.console import Console

# The columns a person reads for each unit × indicator (label keys of i18n), in every view.
VIEW_COLUMNS = (
    "col.township",
    "col.target",
    "col.actual",
    "col.gap",
    "col.completion",
    "col.expected",
    "col.status",
    "col.as_of",
)

# The columns of the terminal and Markdown tables (label keys of i18n), after the unit's name.
TABLE_COLUMNS = (
    "col.target",
    "col.actual",
    "col.completion",
    "col.time_share",
    "col.lag_points",
    "col.status",
    "col.light",
    "col.rank",
)

STATUS_STYLE = {
    "met": "green",
    "done": "green",
    "on_track": "green",
    "within": "green",
    "in_progress": "cyan",
    "behind": "bold red",
    "exceeded": "bold red",
    "not_started": "red",
    "not_submitted": "magenta",
    "overdue": "magenta",
    "rejected": "bold red",
    "conflict": "bold yellow",
    "no_target": "dim",
    "no_baseline": "dim",
}
LIGHT_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red"}


def heading(report: Report, lang: str) -> str:
    """``市中区… · 2025年度进度 · 报送截至2025年12月31日 · 序时参考日2025年12月31日`` (no space
    between Chinese words and a Chinese date)."""
    info = report.plan.info
    name = info.name
    latest = report.latest_as_of()
    if lang == "en":
        text = f"{name} · progress in {report.year}"
        text += f" · returns up to {fmt_date(latest, lang)}" if latest else " · no returns"
        text += f" · time elapsed taken at {fmt_date(report.reference_date, lang)}"
        if report.as_of:
            text += f" · as known on {fmt_date(report.as_of, lang)}"
        return text
    text = f"{name} · {report.year}年度进度"
    text += f" · 报送截至{fmt_date(latest, lang)}" if latest else " · 尚无报送"
    text += f" · 序时参考日{fmt_date(report.reference_date, lang)}"
    if report.as_of:
        text += f" · 按{fmt_date(report.as_of, lang)}已知情况"
    return text


def completeness_line(report: Report, lang: str) -> str:
    """``已报送 8/11，未报送：矿区街道，退回：…，全区填报表：已报送`` (or the English)."""
    u, d = report.units, report.district
    colon = tr("sep.colon", lang)
    # A plan of district goals only has no units to count.
    parts = [tr("report.reported-n", lang, n=len(u.submitted), expected=u.expected)] if u.expected else []
    for status, names in (
        ("overdue", u.overdue),
        ("not_submitted", u.missing),
        ("rejected", u.rejected),
        ("conflict", u.conflict),
    ):
        if names:
            parts.append(status_label(status, lang) + colon + joined(names, lang))
    if not d.expected:
        return tr("sep.parts", lang).join(parts)  # the plan has no district form
    if d.submitted:
        state = tr("report.reported", lang)
    elif d.overdue:
        state = status_label("overdue", lang)
    else:
        state = status_label("rejected" if d.rejected else "conflict" if d.conflict else "not_submitted", lang)
    parts.append(tr("district_form", lang, words=report.plan.words) + colon + state)
    return tr("sep.parts", lang).join(parts)


def _group_key(r: Row) -> str:
    """Rows of a breakdown and of the district goal it adds up to go together."""
    return r.indicator.served_by or r.indicator.code


def counts_units(r: Row) -> bool:
    """Whether ``r`` is a 全区 row that counts units meeting a level each unit holds (专职人员 ≥ 2):
    it shows ``7/11`` and has no 全区 target."""
    return r.is_district and r.units_counted is not None


def units_meeting_text(r: Row) -> str | None:
    """``7/11``: the units meeting the level out of all units, for a 全区 row that counts units."""
    if counts_units(r) and r.actual is None and r.status != "not_submitted":
        return f"{r.units_meeting}/{(r.units_counted or 0) + len(r.missing_units)}"  # never a sum of rates
    return None


def answer_target(r: Row, value: float | None, lang: str) -> str | None:
    """What a yes/no duty asks, as every output writes its target, 序时应完成 and 计划目标: 是 / yes
    (its target is stored as 1); "" for its 全区 row or no target; None for any other indicator."""
    if r.indicator.kind != "yesno":
        return None
    return "" if r.is_district or value is None else fmt_answer(YES, lang)


def _target_text(r: Row, lang: str) -> str:
    if counts_units(r):
        return ""  # a level each unit holds (专职人员 ≥ 2): the 全区 row counts units (7/11), no 全区 target
    answer = answer_target(r, r.target, lang)
    return fmt_figure(r.target, r.indicator) if answer is None else answer


def _actual_text(r: Row, lang: str) -> str:
    if isinstance(r.actual, str):
        return fmt_answer(r.actual, lang)
    return units_meeting_text(r) or fmt_figure(r.actual, r.indicator)


def _unit_label(r: Row, report: Report, lang: str) -> str:
    if r.is_district:
        return tr("district", lang, words=report.plan.words)
    return r.reporting_unit


def light_text(r: Row, lang: str) -> str:
    """绿灯 / 黄灯 / 红灯 (green / yellow / red), "" for a row without a light."""
    return tr(f"light.{r.light}", lang) if r.light else ""


def rank_text(r: Row) -> str:
    return str(r.rank) if r.rank is not None else ""


def _cells(r: Row, lang: str) -> list[str]:
    """The figures of TABLE_COLUMNS for one row, as a person reads them."""
    return [
        _target_text(r, lang),
        _actual_text(r, lang),
        fmt_percent(r.completion),
        fmt_percent(r.time_share),
        fmt_points(r.lag_points),
        status_label(r.status, lang),
        light_text(r, lang),
        rank_text(r),
    ]


def district_notes(report: Report, rows: list[Row], lang: str) -> list[str]:
    """What a 全区 row leaves out or does not add up, one sentence each (none when complete).

    ``全区未含：孟庄镇（冲突，只计入2024年）、矿区街道（未报送）`` and, for a rate or a level,
    ``全区：8/11 达标（比率、水平不相加）``."""
    words = report.plan.words
    out: list[str] = []
    # Each left-out unit's own row, from the whole report: with --unit 全区 the units' rows are not shown.
    codes = {r.indicator.code for r in rows if r.is_district and r.missing_units}
    by_unit = {
        (x.indicator.code, x.reporting_unit): x for x in report.rows if not x.is_district and x.indicator.code in codes
    }
    for r in rows:
        if not r.is_district or r.indicator.section == "goal":
            continue
        if r.units_counted is not None and r.status != "not_submitted":
            out.append(
                tr(
                    "report.units_meeting",
                    lang,
                    words=words,
                    meeting=r.units_meeting,
                    total=r.units_counted + len(r.missing_units),
                )
            )
        if r.missing_units:
            items = []
            for name in r.missing_units:
                unit_row = by_unit.get((r.indicator.code, name))
                status = status_label(unit_row.status, lang) if unit_row else ""
                earlier = _earlier_years(unit_row, report) if unit_row else []
                if earlier:
                    years = joined(earlier, lang)
                    items.append(tr("report.missing_unit_earlier", lang, unit=name, status=status, years=years))
                else:
                    items.append(tr("report.missing_unit", lang, unit=name, status=status))
            out.append(tr("report.units_missing", lang, words=words, units=joined(items, lang)))
    return out


def _earlier_years(r: Row, report: Report) -> list[int]:
    """Earlier years of a period count that the 全区 cumulative amount includes for ``r``."""
    ind = r.indicator
    if ind.kind != "flow" or ind.scope != "period":
        return []
    years = [y for y in report.plan.years if y < report.year]
    return [y for y in years if y not in r.missing_years]


def dates_note(rows: list[Row], lang: str) -> str:
    """``截至：12月31日（光明路街道 11月30日）``: the usual date of the units' returns, and the
    units whose return is of another date; "" when no unit row has a date."""
    dated = [r for r in rows if r.as_of and not r.is_district]
    if not dated:
        return ""
    from collections import Counter

    common = Counter(r.as_of for r in dated).most_common(1)[0][0]
    others = [f"{r.reporting_unit} {_short_date(r.as_of, lang)}" for r in dated if r.as_of != common]
    text = _short_date(common, lang)
    if others:
        text += tr("report.dates_others", lang, others=joined(others, lang))
    return tr("report.dates", lang, dates=text)


def _short_date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return day.isoformat() if lang == "en" else f"{day.month}月{day.day}日"


def evidence_line(report: Report, code: str, lang: str) -> str:
    """``  明细：申报 108 项，去重后 107 项（其中 1 项重复计算）`` for an indicator with 明细, else ""."""
    total = report.evidence.get(code)
    if total is None:
        return ""
    dup = total.claimed - total.distinct
    text = "  " + tr("report.evidence", lang, claimed=total.claimed, distinct=total.distinct)
    return text + (tr("report.double_counted", lang, n=dup) if dup else "")


def _served_line(goal_row: Row, items: list[Row], lang: str, report: Report) -> str:
    ind = goal_row.indicator
    breakdown_total = next((r.plan_target for r in items if r.is_district and r.indicator.code != ind.code), None)
    words = report.plan.words
    line = tr(
        "served_goal",
        lang,
        words=words,
        code=ind.code,
        name=ind.label(lang),
        actual=_actual_text(goal_row, lang) or "—",
        target=fmt_figure(goal_row.target, ind),
        unit=unit_word(ind.unit, lang, fmt_figure(goal_row.target, ind)),
        completion=fmt_percent(goal_row.completion),
        time_share=fmt_percent(goal_row.time_share),
        status=status_phrase(goal_row, lang),
    )
    if breakdown_total is not None and breakdown_total != goal_row.target:
        allocated = fmt_figure(breakdown_total, ind)
        line += tr(
            "served_goal_allocated", lang, words=words, allocated=allocated, unit=unit_word(ind.unit, lang, allocated)
        )
    return line


def status_phrase(r: Row, lang: str) -> str:
    """The status as a sentence says it: ``滞后序时进度 20.2 个百分点`` when behind by a known
    amount, else the status label (已完成, 达到序时进度 …)."""
    if r.status == "behind" and r.lag_points is not None:
        return tr("report.behind_by", lang, points=fmt_points(-r.lag_points).lstrip("+"))
    return status_label(r.status, lang)


def render_table(report: Report, rows: list[Row], lang: str, console: Console) -> None:
    """The terminal view (see :mod:`ipcounty.render.report_table`)."""
    from ipcounty.bulk import paused_gc
    from ipcounty.render.report_table import render_table as render

    # Every row's cells and lines, and no cycles among them: made without the cyclic collector
    # walking them again and again (see ipcounty.bulk), 30 of 330 ms over 10,000 units.
    with paused_gc():
        render(report, rows, lang, console)


def to_markdown(report: Report, rows: list[Row], lang: str) -> str:
    """A Markdown page: heading, completeness, one table per indicator, then the district goals."""
    out = [f"# {heading(report, lang)}", "", completeness_line(report, lang), ""]
    words = report.plan.words

    def table(items: list[Row], label: Callable[[Row], str], *, goals: bool = False) -> list[str]:
        # The district's goals: one row each, named by indicator, nothing to rank them against.
        first = tr("col.indicator", lang) if goals else tr("col.township", lang, words=words)
        figures = TABLE_COLUMNS[:-1] if goals and all(r.rank is None for r in items) else TABLE_COLUMNS
        headers = [first, *(tr(k, lang) for k in figures), tr("col.as_of", lang)]
        # Figures to the right, as on the terminal (a Markdown viewer lines 15 and 140 up by their last digit).
        align = ["---|", *("---|" if k in ("col.status", "col.light") else "---:|" for k in figures), "---|"]
        lines = ["| " + " | ".join(headers) + " |", "|" + "".join(align)]
        for r in items:
            cells = [label(r), *_cells(r, lang)[: len(figures)], r.as_of.isoformat() if r.as_of else ""]
            cells = [c.replace("|", "\\|") for c in cells]
            if r.is_district and not goals:
                cells = [f"**{c}**" if c else c for c in cells]
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    shown = [r for r in rows if r.indicator.section != "goal" or r.indicator.served_by]
    for code, group in groupby(shown, key=_group_key):
        items = list(group)
        own = [r for r in items if r.indicator.code == code]
        ind = own[0].indicator if own else items[0].indicator
        out += [f"## {code} {ind.label(lang)}{fmt_unit_paren(ind.unit, lang, yesno=ind.kind == 'yesno')}", ""]
        out += [*table(own, lambda r: _unit_label(r, report, lang)), ""]
        served = [n.strip() for n in district_notes(report, own, lang)]
        served += [_served_line(r, items, lang, report).strip() for r in items if r.indicator.code != code]
        evidence = evidence_line(report, code, lang).strip()
        served += [evidence] if evidence else []
        out += [*served, ""] if served else []
    goals = [r for r in rows if r.indicator.section == "goal" and not r.indicator.served_by]
    if goals:
        out += ["## " + tr("heading.goals", lang, words=report.plan.words), ""]
        out += [*table(goals, lambda r: f"{r.indicator.code} {r.indicator.label(lang)}", goals=True), ""]
    if report.double_counts:
        out += ["## " + tr("heading.double_counted", lang), ""]
        out += [f"- {d.message(lang)}" for d in report.double_counts] + [""]
    return "\n".join(out)


def render_problems(report: Report, lang: str, console: Console) -> None:
    """What needs chasing (see :mod:`ipcounty.render.report_table`)."""
    from ipcounty.render.report_table import render_problems as render

    render(report, lang, console)


def conflict_differences(files: list[str], report: Report, lang: str | None = None) -> str:
    """How two conflicting returns among ``files`` differ: ``B1: 18 ≠ 21`` (the first three codes);
    with ``lang`` (a document: 通报, 催报), in words: ``新增有效发明专利数量分别为18和21``.
    Empty when fewer than two of them are in ``report``."""
    rets = [s.ret for s in report.submissions if s.ret.file in files]
    if len(rets) < 2:
        return ""
    a, b = rets[0], rets[1]
    codes = [c for c in a.values if b.values.get(c) and a.values[c].value != b.values[c].value]
    if lang is not None:
        worded = []
        for c in codes[:3]:
            ind = report.plan.indicator(c)
            va, vb = a.values[c].value, b.values[c].value
            worded.append(
                tr("conflict.differs", lang, name=ind.label(lang), a=fmt_figure(va, ind), b=fmt_figure(vb, ind))
            )
        return tr("conflict.differs_sep", lang).join(worded)
    parts = [f"{c}: {fmt_number(_f(a.values[c].value))} ≠ {fmt_number(_f(b.values[c].value))}" for c in codes[:3]]
    return "; ".join(parts)


def _f(value: Any) -> float | None:
    return value if isinstance(value, float) else None
