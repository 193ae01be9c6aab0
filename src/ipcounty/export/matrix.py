"""完成率: one row per unit, one column per indicator, each cell coloured by its status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.sheet import ORDER, STATUS_FILL, Context, Sheet, display_width, num, put
from ipcounty.i18n import status_label, tr

if TYPE_CHECKING:
    from openpyxl import Workbook


def add(wb: Workbook, ctx: Context) -> None:
    from openpyxl.styles import PatternFill

    zh, lang, report = ctx.zh, ctx.lang, ctx.report
    unit_rows = ctx.unit_rows
    codes = list(dict.fromkeys(r.indicator.code for r in unit_rows))
    inds = {r.indicator.code: r.indicator for r in unit_rows}
    headers = [tr("col.township", lang)] + [f"{c} {inds[c].label(lang)}" for c in codes]
    s = Sheet(
        wb,
        ctx,
        "完成率" if zh else "Completion",
        ctx.title + (" · 完成率（颜色为状态）" if zh else " · completion"),
        headers,
    )
    s.widths = [float(display_width(headers[0]))] + [float(min(display_width(h), 14)) for h in headers[1:]]
    s.ws.row_dimensions[s.row].height = 48  # the indicator names wrap onto three lines
    by = {(r.reporting_unit, r.indicator.code): r for r in unit_rows}
    for unit in [*report.plan.unit_names, report.plan.district_name]:
        cells: list[Any] = [unit]
        statuses: list[str | None] = []
        for c in codes:
            r = by.get((unit, c))
            if r is None:
                cells.append(None)
                statuses.append(None)
                continue
            cells.append(
                r.completion
                if r.completion is not None
                else status_label(r.status, lang)
                if r.actual is None
                else num(r.actual)
            )
            statuses.append(r.status)
        row = s.add(
            cells, bold=unit == report.plan.district_name, number_format={j: "0.0%" for j in range(2, len(cells) + 1)}
        )
        for j, status in enumerate(statuses, 2):
            if status:
                s.ws.cell(row, j).fill = PatternFill("solid", fgColor=STATUS_FILL.get(status, "FFFFFF"))
    s.row += 2
    put(s.ws, s.row, 1, "图例：" if zh else "Legend:")
    for j, key in enumerate(ORDER, 2):
        c = put(s.ws, s.row, j, status_label(key, lang))
        c.fill = PatternFill("solid", fgColor=STATUS_FILL[key])
    s.finish()
