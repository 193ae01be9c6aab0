"""The progress report in each output format: terminal (rich), CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ipcounty.contacts import report_contacts
from ipcounty.i18n import status_label, tr
from ipcounty.progress import CSV_COLUMNS, REPORT_JSON_SCHEMA, REPORT_JSON_VERSION, Report, Row
from ipcounty.render.due_view import contact_text, overdue_texts
from ipcounty.render.numbers import fmt_number, fmt_percent, fmt_points

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


def to_csv(rows: Iterable[Row], lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    # csv.writer writes None as an empty field, as DictWriter would after a dict per row.
    in_order = itemgetter(*CSV_COLUMNS)
    w.writerows(in_order(r.csv_values(lang)) for r in rows)
    return buf.getvalue()


def to_dict(report: Report, rows: list[Row], lang: str) -> dict[str, Any]:
    """The report as JSON data: versioned; ``rows`` carry exactly the CSV columns."""
    plan = report.plan
    u, d = report.units, report.district
    return {
        "schema": REPORT_JSON_SCHEMA,
        "version": REPORT_JSON_VERSION,
        "plan": {"id": plan.info.id, "title": plan.info.title, "fingerprint": plan.fingerprint},
        "year": report.year,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "reference_date": report.reference_date.isoformat(),
        "completeness": {
            "expected": u.expected,
            "submitted": u.submitted,
            "missing": u.missing,
            "rejected": u.rejected,
            "conflict": u.conflict,
            "overdue": u.overdue,
            "district": {
                "submitted": d.submitted,
                "missing": d.missing,
                "rejected": d.rejected,
                "conflict": d.conflict,
                "overdue": d.overdue,
            },
        },
        "timeliness": _timeliness_dict(report),
        "columns": list(CSV_COLUMNS),
        "rows": [r.csv_values(lang) for r in rows],
        "submissions": [s.to_dict(lang) for s in report.submissions],
        "evidence": {c: {"claimed": t.claimed, "distinct": t.distinct} for c, t in report.evidence.items()},
        "double_counted": [d.to_dict(lang) for d in report.double_counts],
        "plan_notes": [n.to_dict(lang) for n in report.notes],
    }


def _timeliness_dict(report: Report) -> dict[str, Any] | None:
    """The reporting calendar's verdict per unit (None when the plan sets no calendar)."""
    rule = report.plan.reporting
    if rule is None or report.due_reference is None:
        return None
    return {
        "frequency": rule.frequency,
        "due_day": rule.due_day,
        "reference_date": report.due_reference.isoformat(),
        "units": {
            unit: {
                "period_end": t.period.end.isoformat() if t.period else None,
                "due": t.period.due.isoformat() if t.period else None,
                "overdue": t.overdue,
                "days_overdue": t.days,
            }
            for unit, t in report.timeliness.items()
        },
    }


def heading(report: Report, lang: str) -> str:
    info = report.plan.info
    name = info.short_title or f"{info.region}{info.title}"
    latest = report.latest_as_of()
    if lang == "en":
        text = f"{name} · progress in {report.year}"
        text += f" · returns up to {latest}" if latest else " · no returns"
        text += f" · expected-to-date at {report.reference_date}"
        if report.as_of:
            text += f" · as known on {report.as_of}"
        return text
    text = f"{name} · {report.year}年度进度"
    text += f" · 报送截至 {latest}" if latest else " · 尚无报送"
    text += f" · 序时参考日 {report.reference_date}"
    if report.as_of:
        text += f" · 按 {report.as_of} 已知情况"
    return text


def completeness_line(report: Report, lang: str) -> str:
    """``已报送 8/11，未报送：矿区街道，退回：…，全区填报表：已报送`` (or the English)."""
    u, d = report.units, report.district
    zh = lang == "zh"
    sep, colon = ("、", "：") if zh else (", ", ": ")
    parts = [("已报送" if zh else "Reported") + f" {len(u.submitted)}/{u.expected}"]
    for status, names in (
        ("overdue", u.overdue),
        ("not_submitted", u.missing),
        ("rejected", u.rejected),
        ("conflict", u.conflict),
    ):
        if names:
            parts.append(status_label(status, lang) + colon + sep.join(names))
    if d.submitted:
        state = "已报送" if zh else "reported"
    elif d.overdue:
        state = status_label("overdue", lang)
    else:
        state = status_label("rejected" if d.rejected else "conflict" if d.conflict else "not_submitted", lang)
    parts.append(tr("district_form", lang, words=report.plan.words) + colon + state)
    return ("，" if zh else " · ").join(parts)


def _group_key(r: Row) -> str:
    """Rows of a breakdown and of the district goal it adds up to go together."""
    return r.indicator.served_by or r.indicator.code


def _target_text(r: Row) -> str:
    if r.indicator.kind == "yesno" and not r.is_district:
        return "是" if r.target else ""
    return fmt_number(r.target)


def _actual_text(r: Row) -> str:
    if isinstance(r.actual, str):
        return r.actual
    return fmt_number(r.actual)


def _unit_label(r: Row, report: Report, lang: str) -> str:
    if r.is_district:
        return tr("district", lang, words=report.plan.words)
    return r.reporting_unit


def _light_text(r: Row, lang: str) -> str:
    return tr(f"light.{r.light}", lang) if r.light else ""


def _cells(r: Row, lang: str) -> list[str]:
    """The figures of TABLE_COLUMNS for one row, as a person reads them."""
    actual = _actual_text(r)
    if r.is_district and r.units_counted is not None and r.actual is None:
        actual = f"{r.units_meeting}/{len(r.missing_units) + r.units_counted}"
    return [
        _target_text(r),
        actual,
        fmt_percent(r.completion),
        fmt_percent(r.time_share),
        fmt_points(r.lag_points),
        status_label(r.status, lang),
        _light_text(r, lang),
        str(r.rank) if r.rank is not None else "",
    ]


def render_table(report: Report, rows: list[Row], lang: str, console: Console) -> None:
    """The terminal view: heading, completeness, a table per indicator, district goals, problems."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(heading(report, lang), style="bold"), soft_wrap=True)
    console.print(completeness_line(report, lang), markup=False, soft_wrap=True)

    unit_rows = [r for r in rows if r.indicator.section != "goal" or r.indicator.served_by]
    wide = console.width >= 92  # the 截至 column needs room; below that the dates follow each table

    def new_table(*first: str, with_date: bool = True) -> Table:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
        for i, head in enumerate(first):
            if i == len(first) - 1 and len(first) > 1:
                t.add_column(head, overflow="fold", min_width=10, max_width=28)
            else:
                t.add_column(head, no_wrap=True)
        for key in TABLE_COLUMNS:
            right = key not in ("col.status", "col.light")
            t.add_column(tr(key, lang), justify="right" if right else "left", no_wrap=True)
        if with_date:
            t.add_column(tr("col.as_of", lang), no_wrap=True)
        return t

    def add(t: Table, r: Row, *labels: str, with_date: bool = True) -> None:
        style = "bold" if r.is_district else None
        cells: list[Any] = [*labels, *_cells(r, lang)]
        cells[len(labels) + 5] = Text(cells[len(labels) + 5], style=STATUS_STYLE.get(r.status, ""))
        cells[len(labels) + 6] = Text(cells[len(labels) + 6], style=LIGHT_STYLE.get(r.light or "", ""))
        if with_date:
            cells.append(r.as_of.strftime("%m-%d") if r.as_of and not r.is_district else "")
        t.add_row(*cells, style=style)

    for code, group in groupby(unit_rows, key=_group_key):
        items = list(group)
        ind = items[0].indicator
        title = f"{code} {ind.label(lang)}（{ind.unit or '是/否'}）· {ind.source} · {tr('scope.' + ind.scope, lang)}"
        t = new_table(tr("col.township", lang, words=report.plan.words), with_date=wide)
        served = [r for r in items if r.indicator.code != code]
        for r in items:
            if r.indicator.code == code:
                add(t, r, _unit_label(r, report, lang), with_date=wide)
        console.print()
        console.print(title, style="bold cyan", markup=False, soft_wrap=True)
        console.print(t)
        for r in served:
            console.print(_served_line(r, items, lang, report), markup=False, soft_wrap=True)
        line = evidence_line(report, code, lang)
        if line:
            console.print(line, markup=False, soft_wrap=True, style="yellow" if "≠" in line else None)
    goal_items = [r for r in rows if r.indicator.section == "goal" and r.indicator.served_by is None]
    if goal_items:
        console.print()
        console.print(tr("heading.goals_form", lang, words=report.plan.words), style="bold cyan")
        t = new_table(tr("col.code", lang), tr("col.indicator", lang), with_date=False)
        for r in goal_items:
            add(t, r, r.indicator.code, r.indicator.label(lang), with_date=False)
        console.print(t)
        dates = sorted({r.as_of.isoformat() for r in goal_items if r.as_of})
        if dates:
            console.print(("  截至 " if lang == "zh" else "  as of ") + ", ".join(dates), style="dim")
        notes = [r for r in goal_items if r.note]
        for r in notes:
            console.print(f"  {r.indicator.code} {tr('col.note', lang)}：{r.note}", markup=False, soft_wrap=True)
    render_problems(report, lang, console)


def evidence_line(report: Report, code: str, lang: str) -> str:
    """``  明细：申报 108 项，去重后 107 项（1 项重复计算）`` for an indicator with 明细, else ""."""
    total = report.evidence.get(code)
    if total is None:
        return ""
    dup = total.claimed - total.distinct
    if lang == "en":
        text = f"  items listed: {total.claimed}, counted once: {total.distinct}"
        return text + (f" (≠: {dup} counted twice)" if dup else "")
    text = f"  明细：申报 {total.claimed} 项，去重后 {total.distinct} 项"
    return text + (f"（≠ {dup} 项重复计算）" if dup else "")


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
        actual=_actual_text(goal_row) or "—",
        target=fmt_number(goal_row.target),
        unit=ind.unit,
        completion=fmt_percent(goal_row.completion),
        time_share=fmt_percent(goal_row.time_share),
        status=status_label(goal_row.status, lang),
    )
    if breakdown_total is not None and breakdown_total != goal_row.target:
        line += tr("served_goal_allocated", lang, words=words, allocated=fmt_number(breakdown_total), unit=ind.unit)
    return line


def render_problems(report: Report, lang: str, console: Console) -> None:
    """What needs chasing: missing, rejected and conflicting returns, and skipped files."""
    from rich.text import Text

    zh = lang == "zh"
    year = report.year
    lines: list[Text] = []
    u, d = report.units, report.district
    people = report_contacts(report)
    sent = {s.ret.unit for s in report.submissions if s.ret.unit}

    def contact_line(unit: str) -> Text:
        who = contact_text(people.get(unit), lang, ever_sent=unit in sent)
        return Text(tr("contact.line", lang, unit=unit, contact=who), style="dim")

    overdue = u.overdue + d.overdue
    if overdue:
        texts = overdue_texts(report, overdue, lang)
        lines.append(Text(tr("due.overdue_line", lang, units=("；" if zh else "; ").join(texts)), style="magenta"))
        lines.extend(contact_line(n) for n in overdue)
    missing = u.missing + d.missing
    if missing:
        sep = "、" if zh else ", "
        lines.append(
            Text(
                ("未报送：" if zh else "Not submitted: ")
                + sep.join(missing)
                + ("。请联系催报。" if zh else ". Chase them."),
                style="magenta",
            )
        )
        lines.extend(contact_line(n) for n in missing)
    subs = [s for s in report.submissions if s.ret.year in (year, None)]
    for s in subs:
        r = s.ret
        if s.role == "rejected":
            errors = [f for f in r.findings if f.severity == "error"]
            head = (
                f"退回：{r.file}（{r.unit_label(lang)}，{len(errors)} 处错误）"
                if zh
                else f"Rejected: {r.file} ({r.unit_label(lang)}, {len(errors)} error(s))"
            )
            lines.append(Text(head, style="bold red"))
            if r.reporter or r.phone:
                who = tr("contact.known", lang, reporter=r.reporter or "—", phone=r.phone or "—")
                lines.append(Text("    " + who, style="dim"))
            for f in errors[:3]:
                lines.append(Text(f"    {f.location or '—'}  {f.message(lang)}"))
            if len(errors) > 3:
                lines.append(Text(f"    … {len(errors) - 3} more"))
            lines.append(Text(f'    ipcounty validate "{r.file}"', style="dim"))
    conflicts = [s for s in subs if s.role == "conflict"]
    for key, group in groupby(
        sorted(conflicts, key=lambda s: (s.ret.unit or "", s.ret.as_of or 0)), key=lambda s: (s.ret.unit, s.ret.as_of)
    ):
        files = [s.ret.file for s in group]
        diff = _differences(files, report)
        text = (
            f"冲突：{key[0]} 同一截至日期 {key[1]} 有 {len(files)} 份数字不同的填报表："
            + "、".join(files)
            + (f"（{diff}）" if diff else "")
            + "。请核实哪份正确，删除或改正另一份。"
            if zh
            else f"Conflict: {key[0]} sent {len(files)} returns dated {key[1]} with different figures: "
            + ", ".join(files)
            + (f" ({diff})" if diff else "")
            + ". Find out which is right; remove the other."
        )
        lines.append(Text(text, style="bold yellow"))
        if key[0]:
            lines.append(contact_line(key[0]))
    for double in report.double_counts:
        lines.append(Text(("重复计算：" if zh else "Double counted: ") + double.message(lang), style="bold yellow"))
    warned = [s for s in subs if s.ret.status == "warning" and s.role in ("used", "superseded")]
    if warned:
        names = "、".join(s.ret.file for s in warned) if zh else ", ".join(s.ret.file for s in warned)
        lines.append(
            Text((f"有警告（已按规范读取）：{names}" if zh else f"Read with warnings: {names}"), style="yellow")
        )
    skipped = [s for s in report.submissions if s.role == "skipped"]
    if skipped:
        names = ("、" if zh else ", ").join(s.ret.file for s in skipped)
        lines.append(Text((f"已跳过（不是填报表）：{names}" if zh else f"Skipped (not returns): {names}"), style="dim"))
    if not lines:
        return
    console.print()
    console.print("需要处理" if zh else "To do", style="bold cyan")
    for line in lines:
        console.print(line, soft_wrap=True)


def _differences(files: list[str], report: Report) -> str:
    rets = [s.ret for s in report.submissions if s.ret.file in files]
    if len(rets) < 2:
        return ""
    a, b = rets[0], rets[1]
    codes = [c for c in a.values if b.values.get(c) and a.values[c].value != b.values[c].value]
    parts = [f"{c}: {fmt_number(_f(a.values[c].value))} ≠ {fmt_number(_f(b.values[c].value))}" for c in codes[:3]]
    return "; ".join(parts)


def _f(value: Any) -> float | None:
    return value if isinstance(value, float) else None


def to_markdown(report: Report, rows: list[Row], lang: str) -> str:
    """A Markdown page: heading, completeness, one table per indicator, then the district goals."""
    out = [f"# {heading(report, lang)}", "", completeness_line(report, lang), ""]
    words = report.plan.words
    headers = [tr("col.township", lang, words=words), *(tr(k, lang) for k in TABLE_COLUMNS), tr("col.as_of", lang)]

    def table(items: list[Row], label: Callable[[Row], str]) -> list[str]:
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        for r in items:
            cells = [label(r), *_cells(r, lang), r.as_of.isoformat() if r.as_of else ""]
            cells = [c.replace("|", "\\|") for c in cells]
            if r.is_district:
                cells = [f"**{c}**" if c else c for c in cells]
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    shown = [r for r in rows if r.indicator.section != "goal" or r.indicator.served_by]
    for code, group in groupby(shown, key=_group_key):
        items = list(group)
        own = [r for r in items if r.indicator.code == code]
        ind = own[0].indicator if own else items[0].indicator
        out += [f"## {code} {ind.label(lang)}（{ind.unit}）", ""]
        out += [*table(own, lambda r: _unit_label(r, report, lang)), ""]
        served = [_served_line(r, items, lang, report).strip() for r in items if r.indicator.code != code]
        evidence = evidence_line(report, code, lang).strip()
        served += [evidence] if evidence else []
        out += [*served, ""] if served else []
    goals = [r for r in rows if r.indicator.section == "goal" and not r.indicator.served_by]
    if goals:
        out += ["## " + tr("heading.goals", lang, words=report.plan.words), ""]
        out += [*table(goals, lambda r: f"{r.indicator.code} {r.indicator.label(lang)}"), ""]
    if report.double_counts:
        out += ["## " + ("重复计算" if lang == "zh" else "Double counted"), ""]
        out += [f"- {d.message(lang)}" for d in report.double_counts] + [""]
    return "\n".join(out)
