"""Sheet 趋势: per indicator, the unit × month table of completion and a line chart of the
district's completion by month against the 序时进度 line (see :mod:`ipcounty.history`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.grid import Grid, style_of
from ipcounty.export.indicator import chart_text, chart_title, cm_px
from ipcounty.export.sheet import HEAD_STYLE, Book, Context, display_width, print_setup
from ipcounty.i18n import status_label, tr
from ipcounty.render.numbers import fmt_unit_paren

if TYPE_CHECKING:
    from ipcounty.history import Cell, MonthTable

LABEL_WIDTH = 40  # column A at most this wide; longer labels wrap on taller rows
CHART_ROWS = 16  # rows a chart takes below its table (7.5 cm at the default row height)
PERCENT = "0.0%"


def add(book: Book, ctx: Context) -> None:
    from ipcounty.history import month_tables, observations, report_memo

    report = ctx.report
    plan = report.plan
    returns = [s.ret for s in report.submissions]
    # Each unit row is made once: the report's, each return's at its date, then the months' own.
    memo = report_memo(report)
    obs = observations(plan, returns, [report.year], as_of=report.as_of, memo=memo)
    tables = month_tables(plan, returns, report.year, obs, as_of=report.as_of, today=report.reference_date, memo=memo)
    g = book.sheet(tr("trend-sheet", ctx.lang)[:31])
    g.put(1, 1, f"{ctx.title} · {tr('trend-sheet-title', ctx.lang)}", bold=True, size=14)
    g.put(2, 1, tr("trend-legend", ctx.lang, district=plan.district_name))
    row = 4
    widths = [display_width(tr("col.township", ctx.lang))]
    for t in tables:
        if t.indicator.level != "unit" or not t.months:
            continue
        if row > 4:
            g.breaks.append(row - 1)  # one indicator per printed page
        row = _block(g, ctx, t, row, widths)
    goals = [t for t in tables if t.indicator.level == "district" and t.months]
    if goals:
        if row > 4:
            g.breaks.append(row - 1)
        row = _goals(g, ctx, goals, row, widths)
    g.widths[1] = max(12, min(max(widths), LABEL_WIDTH) + 2)
    for j in range(2, 2 + max((len(t.months) for t in tables), default=0)):
        g.widths[j] = 8
    g.freeze = 4
    print_setup(g, ctx, title_row=None)


def _header(g: Grid, row: int, first: str, t: MonthTable, lang: str) -> None:
    for j, text in enumerate([first, *(tr(f"trend.month.{m}", lang) for m in t.months)], 1):
        g.put(row, j, text, **HEAD_STYLE, horizontal="center")


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


def _put_row(g: Grid, row: int, label: str, values: list[Any], *, bold: bool = False) -> None:
    lines = -(-display_width(label) // LABEL_WIDTH)
    if lines > 1:
        g.put(row, 1, label, style_of(bold=bold, wrap=True, vertical="top"))
        g.heights[row] = 15 * lines
    else:
        g.put(row, 1, label, style_of(bold=bold))
    share, other = (
        style_of(horizontal="right", bold=bold, number_format=PERCENT),
        style_of(horizontal="right", bold=bold),
    )
    for j, v in enumerate(values, 2):
        if v is not None:
            g.put(row, j, v, share if isinstance(v, float) else other)


def _block(g: Grid, ctx: Context, t: MonthTable, row: int, widths: list[int]) -> int:
    """One indicator: title, header, a row per unit, the district row, the 序时进度 row, a chart."""
    from ipcounty.schedule import holds_level

    lang, plan = ctx.lang, ctx.report.plan
    ind = t.indicator
    paren = fmt_unit_paren(ind.unit, lang, yesno=ind.kind == "yesno")
    g.put(row, 1, f"{ind.code} {ind.label(lang)}{paren}", bold=True, size=12)
    head = row + 1
    _header(g, head, tr("col.township", lang), t, lang)
    r = head
    for unit, cells in t.units:
        r += 1
        _put_row(g, r, unit, [_value(c, ind.kind, lang) for c in cells])
        widths.append(display_width(unit))
    r += 1
    district_row = r
    district = plan.district_name if lang == "zh" else tr("district", lang)
    _put_row(g, r, district, [_value(c, ind.kind, lang) for c in t.district], bold=True)
    r += 1
    share_row = r
    _put_row(g, r, tr("col.time_share", lang), list(t.time_share))
    numeric = ind.kind in ("flow", "stock") and not holds_level(ind.kind, ind.scope)
    if not numeric or not any(isinstance(c.completion if c else None, float) for c in t.district):
        return r + 2
    chart: Any = g.book.xlsx.add_chart({"type": "line"})
    # No axis titles (a rotated one reads like an arrow): the title says what is drawn, in %.
    chart.set_title(chart_title(tr("trend-chart-title", lang, code=ind.code, name=ind.label(lang))))
    chart.set_x_axis({"num_font": chart_text()})
    chart.set_y_axis({"num_format": "0%", "min": 0, "num_font": chart_text(), "major_gridlines": {"visible": False}})
    chart.set_legend({"position": "bottom", "font": chart_text()})
    last = len(t.months)  # the last month's column, from 0
    months = [g.name, head - 1, 1, head - 1, last]
    chart.add_series(
        {
            "name": [g.name, district_row - 1, 0],
            "categories": months,
            "values": [g.name, district_row - 1, 1, district_row - 1, last],
            "marker": {"type": "circle"},
            "line": {"color": "#1F4E78", "width": 2.25},
        }
    )
    chart.add_series(
        {
            "name": [g.name, share_row - 1, 0],
            "categories": months,
            "values": [g.name, share_row - 1, 1, share_row - 1, last],
            "marker": {"type": "none"},
            "line": {"color": "#C00000", "dash_type": "dash"},
        }
    )
    chart.set_size({"width": cm_px(22), "height": cm_px(7.5)})
    g.add_chart(chart, r + 2)
    return r + 2 + CHART_ROWS


def _goals(g: Grid, ctx: Context, tables: list[MonthTable], row: int, widths: list[int]) -> int:
    """The district's own goals: one row each, completion (or state) at the month's latest return."""
    lang = ctx.lang
    g.put(row, 1, tr("trend-sheet-goals", lang, district=ctx.report.plan.district_name), bold=True, size=12)
    _header(g, row + 1, tr("col.indicator", lang), tables[0], lang)
    r = row + 1
    for t in tables:
        r += 1
        cells = t.units[0][1] if t.units else [None] * len(t.months)
        label = f"{t.indicator.code} {t.indicator.label(lang)}"
        _put_row(g, r, label, [_value(c, t.indicator.kind, lang) for c in cells])
        widths.append(display_width(label))
    return r + 2
