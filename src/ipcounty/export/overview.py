"""总览: who reported, the unit × indicator status counts, the district goals at a glance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ipcounty.export.sheet import ORDER, Context, Sheet, num, put, text_of
from ipcounty.i18n import status_label, tr
from ipcounty.progress import Row

if TYPE_CHECKING:
    from openpyxl import Workbook


def _status_counts(rows: Iterable[Row]) -> dict[str, int]:
    counts = dict.fromkeys(ORDER, 0)
    for r in rows:
        if r.status in counts:
            counts[r.status] += 1
    return counts


def add(wb: Workbook, ctx: Context) -> None:
    from openpyxl.styles import Font

    zh, lang, report = ctx.zh, ctx.lang, ctx.report
    u = report.units
    s = Sheet(
        wb,
        ctx,
        "总览" if zh else "Overview",
        ctx.title,
        ["项目" if zh else "Item", "数量" if zh else "Count", "说明" if zh else "Detail"],
        first=True,
    )
    sep = "、" if zh else ", "
    s.add(["应报送单位" if zh else "Units expected", u.expected, ""])
    s.add(["已报送" if zh else "Reported", len(u.submitted), sep.join(u.submitted)], status="met", status_col=2)
    s.add(
        ["未报送" if zh else "Not submitted", len(u.missing), sep.join(u.missing)],
        status="not_submitted" if u.missing else None,
        status_col=2,
    )
    s.add(
        ["退回" if zh else "Rejected", len(u.rejected), sep.join(u.rejected)],
        status="rejected" if u.rejected else None,
        status_col=2,
    )
    s.add(
        ["冲突" if zh else "Conflict", len(u.conflict), sep.join(u.conflict)],
        status="conflict" if u.conflict else None,
        status_col=2,
    )
    d = report.district
    dist = "已报送" if d.submitted else "退回" if d.rejected else "冲突" if d.conflict else "未报送"
    s.add(
        [
            tr("district_form", lang),
            len(d.submitted),
            dist if zh else ("reported" if d.submitted else "not reported"),
        ]
    )
    n_double = len(report.double_counts)
    s.add(
        [
            "明细重复计算" if zh else "Items counted twice",
            n_double,
            "见“重复计算”工作表" if zh else "see sheet 'Double counted'",
        ],
        status="conflict" if n_double else None,
        status_col=2,
    )
    s.row += 1
    town_rows = [r for r in report.rows if not r.is_district and r.indicator.section == "breakdown"]
    counts = _status_counts(town_rows)
    put(s.ws, s.row + 1, 1, tr("heading.unit_statuses", lang)).font = Font(bold=True)
    s.row += 1
    for status in ORDER:
        s.add([status_label(status, lang), counts[status], tr(f"explain.{status}", lang)], status=status, status_col=1)
    s.row += 1
    put(s.ws, s.row + 1, 1, tr("heading.goals", lang)).font = Font(bold=True)
    s.row += 1
    goal_rows = [r for r in report.rows if r.indicator.section == "goal"]
    for r in goal_rows:
        detail = (
            f"{text_of(num(r.actual)) or '—'} / {text_of(num(r.target)) or '—'}{r.indicator.unit}"
            f" · {tr('col.expected', lang)} {text_of(num(r.expected)) or '—'} · {status_label(r.status, lang)}"
        )
        s.add(
            [f"{r.indicator.code} {r.indicator.label(lang)}", r.completion, detail],
            status=r.status,
            status_col=3,
            number_format={2: "0.0%"},
        )
    s.finish()
