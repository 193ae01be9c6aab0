"""Sheet 趋势: per indicator, the unit × month table of completion and a line chart of the
district's completion by month against the 序时进度 line (see :mod:`ipcounty.history`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.indicator import chart_text, chart_title
from ipcounty.export.sheet import Context, display_width, print_setup, put, set_style
from ipcounty.i18n import status_label, tr
from ipcounty.render.numbers import fmt_unit_paren

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ipcounty.history import Cell, MonthTable

LABEL_WIDTH = 40  # column A at most this wide; longer labels wrap on taller rows
CHART_ROWS = 16  # rows a chart takes below its table (7.5 cm at the default row height)
PERCENT = "0.0%"


def add(wb: Workbook, ctx: Context) -> None:
    from ipcounty.history import month_tables, observations

    report = ctx.report
    plan = report.plan
    returns = [s.ret for s in report.submissions]
    obs = observations(plan, returns, [report.year], as_of=report.as_of)
    tables = month_tables(plan, returns, report.year, obs, as_of=report.as_of, today=report.reference_date)
    ws = wb.create_sheet(tr("trend-sheet", ctx.lang)[:31])
    put(ws, 1, 1, f"{ctx.title} · {tr('trend-sheet-title', ctx.lang)}")
    from openpyxl.styles import Font

    ws.cell(1, 1).font = Font(bold=True, size=14)
    put(ws, 2, 1, tr("trend-legend", ctx.lang, district=plan.district_name))
    from openpyxl.worksheet.pagebreak import Break

    row = 4
    widths = [display_width(tr("col.township", ctx.lang))]
    for t in tables:
        if t.indicator.level != "unit" or not t.months:
            continue
        if row > 4:
            ws.row_breaks.append(Break(id=row - 1))  # one indicator per printed page
        row = _block(ws, ctx, t, row, widths)
    goals = [t for t in tables if t.indicator.level == "district" and t.months]
    if goals:
        if row > 4:
            ws.row_breaks.append(Break(id=row - 1))
        row = _goals(ws, ctx, goals, row, widths)
    from openpyxl.utils import get_column_letter

    ws.column_dimensions["A"].width = max(12, min(max(widths), LABEL_WIDTH) + 2)
    for j in range(2, 2 + max((len(t.months) for t in tables), default=0)):
        ws.column_dimensions[get_column_letter(j)].width = 8
    ws.freeze_panes = "A4"
    print_setup(ws, ctx, title_rows=None)


def _header(ws: Worksheet, row: int, first: str, t: MonthTable, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from ipcounty.export.sheet import HEAD_FILL

    for j, text in enumerate([first, *(tr(f"trend.month.{m}", lang) for m in t.months)], 1):
        c = put(ws, row, j, text)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor=HEAD_FILL)
        c.alignment = Alignment(horizontal="center")


def _value(cell: Cell | None, kind: str, lang: str) -> Any:
    if cell is None:
        return None
    if cell.status == "conflict":
        return status_label("conflict", lang)
    if kind == "qualitative":
        return status_label(cell.status, lang)
    if kind == "yesno" and isinstance(cell.actual, str):
        return cell.actual if lang == "zh" else tr(f"trend.yesno.{cell.actual}", lang)  # yes / no
    return cell.completion


def _put_row(ws: Worksheet, row: int, label: str, values: list[Any], *, bold: bool = False) -> None:
    first = put(ws, row, 1, label)
    set_style(first, "font", bold=bold)
    lines = -(-display_width(label) // LABEL_WIDTH)
    if lines > 1:
        set_style(first, "alignment", wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * lines
    for j, v in enumerate(values, 2):
        c = put(ws, row, j, v)
        set_style(c, "alignment", horizontal="right")
        if isinstance(v, float):
            c.number_format = PERCENT
        if bold:
            set_style(c, "font", bold=True)


def _block(ws: Worksheet, ctx: Context, t: MonthTable, row: int, widths: list[int]) -> int:
    """One indicator: title, header, a row per unit, the district row, the 序时进度 row, a chart."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font

    from ipcounty.schedule import holds_level

    lang, plan = ctx.lang, ctx.report.plan
    ind = t.indicator
    paren = fmt_unit_paren(ind.unit, lang, yesno=ind.kind == "yesno")
    put(ws, row, 1, f"{ind.code} {ind.label(lang)}{paren}").font = Font(bold=True, size=12)
    head = row + 1
    _header(ws, head, tr("col.township", lang), t, lang)
    r = head
    for unit, cells in t.units:
        r += 1
        _put_row(ws, r, unit, [_value(c, ind.kind, lang) for c in cells])
        widths.append(display_width(unit))
    r += 1
    district_row = r
    district = plan.district_name if lang == "zh" else tr("district", lang)
    _put_row(ws, r, district, [_value(c, ind.kind, lang) for c in t.district], bold=True)
    r += 1
    share_row = r
    _put_row(ws, r, tr("col.time_share", lang), list(t.time_share))
    numeric = ind.kind in ("flow", "stock") and not holds_level(ind.kind, ind.scope)
    if not numeric or not any(isinstance(c.completion if c else None, float) for c in t.district):
        return r + 2
    chart = LineChart()
    # No axis titles (a rotated one reads like an arrow): the title says what is drawn, in %.
    chart.title = chart_title(tr("trend-chart-title", lang, code=ind.code, name=ind.label(lang)))
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.x_axis.txPr = chart_text()
    chart.y_axis.txPr = chart_text()
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.position = "b"
        chart.legend.txPr = chart_text()
    chart.y_axis.majorGridlines = None
    last_col = 1 + len(t.months)
    data = Reference(ws, min_col=1, max_col=last_col, min_row=district_row, max_row=share_row)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=last_col, min_row=head, max_row=head))
    completion, schedule = chart.series
    completion.smooth = False  # straight segments: a month's figure, not a fitted curve
    schedule.smooth = False
    completion.marker.symbol = "circle"
    completion.graphicalProperties.line.solidFill = "1F4E78"
    completion.graphicalProperties.line.width = 28575  # 2.25 pt
    schedule.graphicalProperties.line.solidFill = "C00000"
    schedule.graphicalProperties.line.dashStyle = "dash"
    schedule.marker.symbol = "none"
    chart.height = 7.5
    chart.width = 22
    ws.add_chart(chart, f"A{r + 2}")
    return r + 2 + CHART_ROWS


def _goals(ws: Worksheet, ctx: Context, tables: list[MonthTable], row: int, widths: list[int]) -> int:
    """The district's own goals: one row each, completion (or state) at the month's latest return."""
    from openpyxl.styles import Font

    lang = ctx.lang
    put(ws, row, 1, tr("trend-sheet-goals", lang, district=ctx.report.plan.district_name)).font = Font(
        bold=True, size=12
    )
    _header(ws, row + 1, tr("col.indicator", lang), tables[0], lang)
    r = row + 1
    for t in tables:
        r += 1
        cells = t.units[0][1] if t.units else [None] * len(t.months)
        label = f"{t.indicator.code} {t.indicator.label(lang)}"
        _put_row(ws, r, label, [_value(c, t.indicator.kind, lang) for c in cells])
        widths.append(display_width(label))
    return r + 2
