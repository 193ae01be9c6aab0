"""The bulletin's 附件: progress of each unit by indicator, the district goals, the returns.

Every cell is a report row's field in the one number format of :mod:`ipcounty.render.numbers`.
"""

from __future__ import annotations

from ipcounty.documents.model import Attachment, Table
from ipcounty.documents.names import unit_label
from ipcounty.i18n import status_label, tr
from ipcounty.progress.model import Report, Row
from ipcounty.render.numbers import fmt_answer, fmt_date, fmt_figure, fmt_percent, fmt_points, fmt_unit_paren
from ipcounty.returns.layout import YES

_FIGURES = frozenset({1, 2, 3, 4, 5})
_NAMES = frozenset({0})  # a unit's name on one line (光明路街道, not 光明路街 over 道), English too


def _actual(r: Row, lang: str) -> str:
    if isinstance(r.actual, str):
        return fmt_answer(r.actual, lang)
    if r.actual is None and r.units_counted is not None:
        return f"{r.units_meeting}/{r.units_counted + len(r.missing_units)}"
    if r.actual is None:
        return status_label(r.status, lang)
    return fmt_figure(r.actual, r.indicator, lang=lang)


def _cells(label: str, r: Row, lang: str) -> tuple[str, ...]:
    ind = r.indicator
    if ind.kind == "yesno" and not r.is_district:
        target = fmt_answer(YES, lang) if r.target else ""
    elif r.is_district and r.units_counted is not None:
        target = ""  # a level each unit holds: the 全区 row counts units (7/11), no 全区 target
    else:
        target = fmt_figure(r.target, ind, lang=lang)
    return (
        label,
        target,
        _actual(r, lang),
        fmt_percent(r.completion),
        fmt_percent(r.time_share),
        fmt_points(r.lag_points),
        status_label(r.status, lang),
        tr(f"light.{r.light}", lang) if r.light else "",
        str(r.rank) if r.rank is not None else "",
    )


def _header(first: str, lang: str) -> tuple[str, ...]:
    return (
        first,
        tr("col.target", lang),
        tr("col.actual", lang),
        tr("col.completion", lang),
        tr("col.time_share", lang),
        tr("col.lag_points", lang),
        tr("col.status", lang),
        tr("col.light", lang),
        tr("col.rank", lang),
    )


def units_table(report: Report, lang: str) -> list[tuple[str, Table]]:
    """One table per indicator on the units' returns: every unit, then the district's row."""
    out: list[tuple[str, Table]] = []
    header = _header(tr("col.township", lang), lang)
    for ind in report.plan.unit_indicators():
        rows = [r for r in report.rows if r.indicator.code == ind.code]
        if not rows:
            continue
        district = tr("district", lang)
        body = tuple(_cells(district if r.is_district else r.reporting_unit, r, lang) for r in rows)
        caption = f"{ind.code} {ind.label(lang)}{fmt_unit_paren(ind.unit, lang)}"
        widths = (2.1, 0.9, 1.2, 1.3, 1.3, 1.3, 2.0, 1.0, 0.8)
        out.append((caption, Table(header, body, _FIGURES, widths, _NAMES)))
    return out


def goals_table(report: Report, lang: str) -> Table | None:
    """The district's own goals (and the goals a breakdown adds up to), one row each."""
    rows = [r for r in report.rows if r.is_district and r.indicator.section == "goal"]
    if not rows:
        return None
    header = _header(tr("col.indicator", lang), lang)[:-1]
    body = tuple(_cells(f"{r.indicator.code} {r.indicator.label(lang)}", r, lang)[:-1] for r in rows)
    return Table(header, body, _FIGURES, (3.5, 0.9, 1.2, 1.3, 1.4, 1.3, 2.0, 1.0))


def returns_table(report: Report, lang: str) -> Table:
    """Each unit's returns: the latest 截至日期 used, and on time, overdue, missing, rejected or
    in conflict (with the days overdue)."""
    # The 截至日期 of the return each unit's rows (and the district form's goals) were read from.
    used = {
        r.reporting_unit: r.as_of
        for r in report.rows
        if r.as_of and r.source_files and (not r.is_district or r.indicator.section == "goal")
    }
    u, d = report.units, report.district
    state: dict[str, str] = {}
    for names, key in (
        (u.submitted + d.submitted, "on_time"),
        (u.overdue + d.overdue, "overdue"),
        (u.missing + d.missing, "not_submitted"),
        (u.rejected + d.rejected, "rejected"),
        (u.conflict + d.conflict, "conflict"),
    ):
        for n in names:
            state[n] = key
    rows = []
    for unit in [*report.plan.unit_names, report.plan.district_name]:
        key = state.get(unit, "not_submitted")
        label = tr("bulletin.state.on_time", lang) if key == "on_time" else status_label(key, lang)
        t = report.timeliness.get(unit)
        detail = tr("due.overdue_days", lang, days=t.days) if t is not None and t.overdue else ""
        name = unit_label(unit, report.plan, lang)
        rows.append((name, fmt_date(used.get(unit), lang), label, detail))
    header = (
        tr("col.township", lang),
        tr("bulletin.col.latest", lang),
        tr("bulletin.col.state", lang),
        tr("bulletin.col.detail", lang),
    )
    return Table(header, tuple(rows), frozenset(), (2.2, 2, 1.6, 1.6), _NAMES)


def attachments(report: Report, lang: str) -> list[Attachment]:
    """附件1 各单位分指标进展情况表, 附件2 目标进展情况表 (when the plan has district goals),
    附件3 报送情况表."""
    note = (tr("bulletin.att.note", lang),)
    made: list[tuple[str, tuple[tuple[str, Table], ...], tuple[str, ...]]] = [
        (tr("bulletin.att.units", lang), tuple(units_table(report, lang)), note)
    ]
    goals = goals_table(report, lang)
    if goals is not None:
        made.append((tr("bulletin.att.goals", lang), (("", goals),), note))
    made.append((tr("bulletin.att.returns", lang), (("", returns_table(report, lang)),), ()))
    return [
        Attachment(tr("bulletin.att.label", lang, n=i + 1), title, tables, notes)
        for i, (title, tables, notes) in enumerate(made)
    ]
