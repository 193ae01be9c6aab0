"""One sheet per breakdown indicator: every unit's figures, the district rows, a bar chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.sheet import Context, Sheet, num
from ipcounty.i18n import status_label, tr
from ipcounty.progress import Row
from ipcounty.render.report_view import VIEW_COLUMNS

if TYPE_CHECKING:
    from openpyxl import Workbook

ROW_HEADERS = (
    *VIEW_COLUMNS,
    "col.cumulative",
    "col.plan_target",
    "col.file",
    "col.note",
)


def figures(r: Row, lang: str) -> list[Any]:
    """target, actual, gap, completion, expected, status, as-of: the figures every sheet shows."""
    return [
        num(r.target),
        num(r.actual),
        num(r.gap),
        r.completion,
        num(r.expected),
        status_label(r.status, lang),
        r.as_of.isoformat() if r.as_of else None,
    ]


def _row_values(r: Row, label: str, lang: str) -> list[Any]:
    return [
        label,
        *figures(r, lang),
        num(r.cumulative_actual),
        num(r.plan_target),
        r.source_file or None,
        r.note or None,
    ]


def add(wb: Workbook, ctx: Context) -> None:
    """A sheet for each breakdown indicator, in the report's order."""
    report = ctx.report
    for code in dict.fromkeys(r.indicator.code for r in ctx.unit_rows):
        rows = [r for r in report.rows if r.indicator.code == code or r.indicator.served_by == code]
        _indicator_sheet(wb, ctx, rows, code)


def _indicator_sheet(wb: Workbook, ctx: Context, rows: list[Row], code: str) -> None:
    from openpyxl.chart import BarChart, Reference

    lang = ctx.lang
    own = [r for r in rows if r.indicator.code == code]
    ind = own[0].indicator
    s = Sheet(
        wb,
        ctx,
        f"{code} {ind.label(lang)}"[:31],
        f"{ctx.title} · {code} {ind.label(lang)}（{ind.unit}）",
        [tr(h, lang) for h in ROW_HEADERS],
    )
    first = s.row + 1
    for r in own:
        label = tr("district", lang) if r.is_district else r.reporting_unit
        s.add(_row_values(r, label, lang), status=r.status, status_col=7, bold=r.is_district, number_format={5: "0.0%"})
    last_unit = first + sum(1 for r in own if not r.is_district) - 1
    for r in rows:
        if r.indicator.code != code:
            label = f"{r.indicator.code} {r.indicator.label(lang)}"
            s.add(_row_values(r, label, lang), status=r.status, status_col=7, bold=True, number_format={5: "0.0%"})
    if ind.kind not in ("flow", "stock", "rate"):
        s.finish()
        return
    chart = BarChart()
    chart.type = "col"
    chart.title = f"{code} {ind.label(lang)}：{tr('col.target', lang)} / {tr('col.actual', lang)}"
    chart.y_axis.title = ind.unit
    data = Reference(s.ws, min_col=2, max_col=3, min_row=first - 1, max_row=last_unit)
    cats = Reference(s.ws, min_col=1, min_row=first, max_row=last_unit)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height = 8
    chart.width = 22
    s.ws.add_chart(chart, f"A{s.row + 3}")
    s.finish()
