"""The report in the terminal: a table per indicator (a list at 40–60 columns), then what to chase.

Fits 100 columns, stays usable at 80 (the 截至 column gives way to a line under the table) and
never cuts a figure to "…": below 64 columns each unit becomes a short list entry that wraps.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import TYPE_CHECKING, Any

from ipcounty.contacts import report_contacts
from ipcounty.i18n import clauses, joined, parenthesised, skip_text, status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.due_view import contact_text, overdue_texts
from ipcounty.render.numbers import fmt_percent, fmt_points, fmt_unit_paren, unit_word
from ipcounty.render.report_view import (
    LIGHT_STYLE,
    STATUS_STYLE,
    TABLE_COLUMNS,
    _actual_text,
    _cells,
    _group_key,
    _served_line,
    _target_text,
    _unit_label,
    completeness_line,
    conflict_differences,
    dates_note,
    district_notes,
    evidence_line,
    heading,
    light_text,
)
from ipcounty.render.text_table import StyledLines, TextTable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

WIDE = 92  # from this width the 截至 column fits beside the figures
NARROW = 64  # below this width each unit is a list entry instead of a table row
FOLD_MIN, FOLD_MAX = 14, 28  # the indicator-name column wraps within these widths


def render_table(report: Report, rows: list[Row], lang: str, console: Console) -> None:
    """The terminal view: heading, completeness, a table per indicator, district goals, problems."""
    from rich.text import Text

    width = console.width
    as_list = width < NARROW
    with_date = width >= WIDE  # a narrower table leaves the dates to a line under it
    words = report.plan.words
    console.print(Text(heading(report, lang), style="bold"), soft_wrap=not as_list)
    console.print(completeness_line(report, lang), markup=False, soft_wrap=not as_list)
    console.print(tr("report.lag_legend", lang), style="dim", markup=False, soft_wrap=not as_list)

    def lines(*texts: str, style: str | None = None) -> None:
        for text in texts:
            if text:
                console.print(text, markup=False, soft_wrap=not as_list, style=style)

    unit_head = tr("col.township", lang, words=words)
    unit_rows = [r for r in rows if r.indicator.section != "goal" or r.indicator.served_by]
    for code, group in groupby(unit_rows, key=_group_key):
        items = list(group)
        own = [r for r in items if r.indicator.code == code]
        ind = items[0].indicator
        paren = fmt_unit_paren(ind.unit, lang, yesno=ind.kind == "yesno")
        dot = tr("sep.after-paren", lang)  # （个）· / (个) ·
        title = f"{code} {ind.label(lang)}{paren}{dot}{ind.source} · {tr('scope.' + ind.scope, lang)}"
        console.print()
        console.print(title, style="bold cyan", markup=False, soft_wrap=not as_list)
        t = None
        if not as_list:
            t = _unit_table(console, lang, own, with_date, [_unit_label(r, report, lang) for r in own], unit_head)
        if t is None:
            for r in own:
                _list_entry(console, r, _unit_label(r, report, lang), lang)
        else:
            console.print(t, crop=False)
        if t is None or t.heads[-1] != tr("col.as_of", lang):
            lines(dates_note(own, lang), style="dim")
        lines(*district_notes(report, own, lang))
        lines(*(_served_line(r, items, lang, report) for r in items if r.indicator.code != code))
        total = report.evidence.get(code)
        twice = total is not None and total.claimed != total.distinct
        lines(evidence_line(report, code, lang), style="yellow" if twice else None)
    goal_items = [r for r in rows if r.indicator.section == "goal" and r.indicator.served_by is None]
    if goal_items:
        console.print()
        console.print(tr("heading.goals_form", lang, words=words), style="bold cyan")
        goals: Table | None = None
        if not as_list:
            heads = (tr("col.code", lang), tr("col.indicator", lang))
            # The district's goals are one row each: nothing to rank them against, no 排名 column.
            ranked = any(r.rank is not None for r in goal_items)
            goals = _goals_table(
                console,
                lang,
                goal_items,
                lambda r: (r.indicator.code, r.indicator.label(lang)),
                *heads,
                figures=TABLE_COLUMNS if ranked else TABLE_COLUMNS[:-1],
            )
        if goals is None:
            for r in goal_items:
                _list_entry(console, r, f"{r.indicator.code} {r.indicator.label(lang)}", lang)
        else:
            console.print(goals)
        dates = sorted({r.as_of for r in goal_items if r.as_of})
        if dates:
            lines(
                tr("report.dates", lang, dates=joined((_date(d, lang) for d in dates), lang)),
                style="dim",
            )
        for r in goal_items:
            if r.note:
                lines("  " + tr("report.goal_note", lang, code=r.indicator.code, note=r.note))
    render_problems(report, lang, console)


def _date(day: Any, lang: str) -> str:
    from ipcounty.render.numbers import fmt_date

    return fmt_date(day, lang)


def _fits(console: Console, widths: list[int], with_date: bool, date_width: int) -> tuple[bool, int] | None:
    """The roomiest layout of columns ``widths`` that fits the console whole: (with the 截至 column,
    gap), first with the 截至 column and one space between columns, then without it, then with no
    space; None when even that would not fit. Each column after the first is preceded by the
    box's one-space separator and the gap."""
    tries = [(True, 1), (False, 1), (False, 0)] if with_date else [(False, 1), (False, 0)]
    for date, gap in tries:
        columns = [*widths, date_width] if date else widths
        if sum(columns) + (len(columns) - 1) * (1 + gap) <= console.width:
            return date, gap
    return None


def _unit_table(
    console: Console, lang: str, rows: list[Row], with_date: bool, labels: list[str], head: str
) -> TextTable | None:
    """The roomiest table of the units' ``rows`` that fits the console whole (see :func:`_fits`);
    None when even the narrowest would cut a cell, and the caller lists the rows instead. Laid
    out as text (:class:`TextTable`), the same as rich's Table made it."""
    from rich.cells import cell_len

    names = [tr(k, lang) for k in TABLE_COLUMNS]
    at = 1 + TABLE_COLUMNS.index("col.status")
    table = TextTable([head, *names], [False, *(k not in ("col.status", "col.light") for k in TABLE_COLUMNS)])
    for r, label in zip(rows, labels, strict=True):
        styles = [""] * at + [STATUS_STYLE.get(r.status, ""), LIGHT_STYLE.get(r.light or "", "")]
        table.add_row([label, *_cells(r, lang)], styles, "bold" if r.is_district else "")
    layout = _fits(console, table.widths(), with_date, max(cell_len(tr("col.as_of", lang)), 5))
    if layout is None:
        return None
    date, table.gap = layout
    if date:
        shown: dict[Any, str] = {}  # the units' dates repeat
        dates = [
            (shown.get(r.as_of) or shown.setdefault(r.as_of, r.as_of.strftime("%m-%d")))
            if r.as_of and not r.is_district
            else ""
            for r in rows
        ]
        table.add_column(tr("col.as_of", lang), False, dates)
    return table


def _goals_table(
    console: Console,
    lang: str,
    rows: list[Row],
    labels: Callable[[Row], tuple[str, ...]],
    *heads: str,
    figures: tuple[str, ...] = TABLE_COLUMNS,
) -> Table | None:
    """The roomiest table of the district's goals that fits the console whole (see :func:`_fits`);
    None when even that would cut a cell, and the caller lists the rows instead.

    A rich Table (a row per goal, a handful): the indicator-name column wraps, and rich would
    crop a column that does not fit (with or without "…"), so the table's natural width is
    worked out from its cells first; only the indicator-name column may give up room (down to
    FOLD_MIN)."""
    from rich.cells import cell_len

    names = [tr(k, lang) for k in figures]
    cells = [[*labels(r), *_cells(r, lang)[: len(figures)]] for r in rows]
    widths = [max([cell_len(h)] + [cell_len(c[i]) for c in cells]) for i, h in enumerate([*heads, *names])]
    widths[len(heads) - 1] = min(FOLD_MIN, widths[len(heads) - 1])  # wraps between FOLD_MIN and FOLD_MAX
    layout = _fits(console, widths, False, 0)
    if layout is None:
        return None
    t = _new_table(lang, *heads, with_date=False, gap=layout[1], figures=figures)
    for r in rows:
        _add(t, r, lang, *labels(r), with_date=False, figures=figures)
    return t


def _new_table(
    lang: str, *first: str, with_date: bool, gap: int = 1, figures: tuple[str, ...] = TABLE_COLUMNS
) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, gap, 0, 0))
    for i, head in enumerate(first):
        if i == len(first) - 1 and len(first) > 1:
            t.add_column(head, overflow="fold", min_width=FOLD_MIN, max_width=FOLD_MAX)  # wraps, never cut
        else:
            t.add_column(head, no_wrap=True)
    for key in figures:
        right = key not in ("col.status", "col.light")
        t.add_column(tr(key, lang), justify="right" if right else "left", no_wrap=True)
    if with_date:
        t.add_column(tr("col.as_of", lang), no_wrap=True)
    return t


def _add(t: Table, r: Row, lang: str, *labels: str, with_date: bool, figures: tuple[str, ...] = TABLE_COLUMNS) -> None:
    from rich.text import Text

    cells: list[Any] = [*labels, *_cells(r, lang)[: len(figures)]]
    at = len(labels) + TABLE_COLUMNS.index("col.status")
    cells[at] = Text(cells[at], style=STATUS_STYLE.get(r.status, ""))
    cells[at + 1] = Text(cells[at + 1], style=LIGHT_STYLE.get(r.light or "", ""))
    if with_date:
        cells.append(r.as_of.strftime("%m-%d") if r.as_of and not r.is_district else "")
    t.add_row(*cells, style="bold" if r.is_district else None)


def _list_entry(console: Console, r: Row, label: str, lang: str) -> None:
    """One unit as a list entry: name, status, light and rank; then its figures (wrapping)."""
    from rich.cells import cell_len
    from rich.text import Text

    verdict = Text()
    verdict.append(status_label(r.status, lang), style=STATUS_STYLE.get(r.status, ""))
    if r.light:
        verdict.append(" ")
        verdict.append(light_text(r, lang), style=LIGHT_STYLE.get(r.light, ""))
    if r.rank is not None:
        verdict.append(" " + tr("report.list_rank", lang, rank=r.rank))
    name = Text(label, style="bold" if r.is_district else "")
    if cell_len(label) + 2 + verdict.cell_len <= console.width:
        console.print(Text.assemble(name, "  ", verdict))
    else:  # a long name on its own line, so the status never breaks across two
        console.print(name)
        console.print(Text.assemble("  ", verdict))
    if r.indicator.kind == "qualitative":
        return  # its state is the status above
    if r.is_district and r.units_counted is not None:
        return  # 全区 counts the units that meet the level: the line under the list says 7/11 达标
    actual, target = _actual_text(r, lang), _target_text(r, lang)
    unit = "" if r.indicator.kind == "yesno" else unit_word(r.indicator.unit, lang, target)
    if lang == "en" and unit and unit not in ("%", "‰"):
        unit = " " + unit  # 468/600 items, but 91.30/90.00%
    if actual:
        console.print(
            tr(
                "report.list_done",
                lang,
                actual=actual,
                target=target or "—",
                unit=unit,
                completion=fmt_percent(r.completion) or "—",
            ),
            markup=False,
        )
    elif target:
        console.print(tr("report.list_target", lang, target=target, unit=unit), markup=False)
    if r.time_share is not None:
        lag = fmt_points(r.lag_points) or "—"
        console.print(tr("report.list_schedule", lang, time_share=fmt_percent(r.time_share), lag=lag), markup=False)


def validate_hint(report: Report, file: str) -> str:
    """The command that shows every finding of ``file``, to paste where the report was run."""
    import os

    path = os.path.join(report.returns_folder, file) if report.returns_folder else file
    return f'{report.validate_command} "{path}"'


def render_problems(report: Report, lang: str, console: Console) -> None:
    """What needs chasing: missing, rejected and conflicting returns, and skipped files."""
    year = report.year
    lines = StyledLines()
    u, d = report.units, report.district
    people = report_contacts(report)
    sent = {s.unit for s in report.submissions if s.unit}

    def contact_line(unit: str) -> None:
        who = contact_text(people.get(unit), lang, ever_sent=unit in sent)
        lines.append(tr("contact.line", lang, unit=unit, contact=who), "dim")

    overdue = u.overdue + d.overdue
    if overdue:
        texts = overdue_texts(report, overdue, lang)
        lines.append(tr("due.overdue_line", lang, units=clauses(texts, lang)), "magenta")
        for n in overdue:
            contact_line(n)
    missing = u.missing + d.missing
    if missing:
        lines.append(tr("report.not-submitted-line", lang, units=joined(missing, lang)), "magenta")
        for n in missing:
            contact_line(n)
    subs = [s for s in report.submissions if s.ret.year in (year, None)]
    for s in subs:
        r = s.ret
        if s.role == "rejected":
            errors = [f for f in r.findings if f.severity == "error"]
            head = tr("report.rejected-line", lang, file=r.file, unit=r.unit_label(lang), n=len(errors))
            lines.append(head, "bold red")
            if r.reporter or r.phone:
                who = tr("contact.known", lang, reporter=r.reporter or "—", phone=r.phone or "—")
                lines.append("    " + who, "dim")
            for f in errors[:3]:
                lines.append(f"    {f.location or '—'}  {f.message(lang)}")
            if len(errors) > 3:
                lines.append(f"    … {len(errors) - 3} more")
            lines.append(f"    {validate_hint(report, r.file)}", "dim")
    conflicts = [s for s in subs if s.role == "conflict"]
    for key, group in groupby(
        sorted(conflicts, key=lambda s: (s.ret.unit or "", s.ret.as_of or 0)), key=lambda s: (s.ret.unit, s.ret.as_of)
    ):
        files = [s.ret.file for s in group]
        diff = conflict_differences(files, report)
        text = tr(
            "report.conflict-line",
            lang,
            unit=key[0] or "?",
            date=_date(key[1], lang),
            n=len(files),
            files=joined(files, lang),
            diff=parenthesised(diff, lang) if diff else "",
        )
        lines.append(text, "bold yellow")
        if key[0]:
            contact_line(key[0])
    for double in report.double_counts:
        lines.append(tr("report.double-line", lang, message=double.message(lang)), "bold yellow")
    warned = [s for s in subs if s.ret.status == "warning" and s.role in ("used", "superseded")]
    if warned:
        lines.append(tr("report.warned-line", lang, files=joined((s.ret.file for s in warned), lang)), "yellow")
    skipped = [s for s in report.submissions if s.role == "skipped"]
    if skipped:
        # Grouped by why: a pipe or an unreadable folder is worth a look, a lock file is not.
        by_reason: dict[str, list[str]] = {}
        for s in skipped:
            by_reason.setdefault(s.ret.skip_reason, []).append(s.ret.file)
        parts = [joined(files, lang) + parenthesised(skip_text(why, lang), lang) for why, files in by_reason.items()]
        lines.append(tr("report.skipped-line", lang, parts=clauses(parts, lang)), "dim")
    if not lines:
        return
    console.print()
    console.print(tr("report.todo", lang), style="bold cyan")
    console.print(lines, soft_wrap=True)  # one print: thousands of units to chase (see StyledLines)
