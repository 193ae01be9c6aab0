"""One sheet per breakdown indicator: every unit's figures, the district rows, a chart against 序时进度."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.sheet import BODY_PT, Context, Sheet, line_height, num
from ipcounty.i18n import status_label, tr
from ipcounty.plan.runtime import Indicator
from ipcounty.progress import Report, Row
from ipcounty.render.numbers import PERCENT_FORMAT, excel_format

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.chart.text import RichText

# The columns of an indicator sheet, in order (the unit's name first). File names are on 报送情况 only.
ROW_HEADERS = (
    "col.township",
    "col.target",
    "col.actual",
    "col.gap",
    "col.completion",
    "col.expected",
    "col.status",
    "col.as_of",
    "col.cumulative",
    "col.plan_target",
    "col.note",
)
COL = {key: j for j, key in enumerate(ROW_HEADERS, 1)}
CHART_CM = (8.5, 24.0)  # height, width
PAGE_PT = 595 - 2 * 0.6 * 72 - 12  # A4 landscape's printable height at 100 %, less a margin


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


def formats(ind: Indicator, first: int = 2) -> dict[int, str]:
    """Number formats of the figures from column ``first`` on, by the indicator's unit of measure."""
    value = excel_format(ind.integer)
    return {
        first: value,
        first + 1: value,
        first + 2: value,
        first + 3: PERCENT_FORMAT,
        first + 4: excel_format(ind.integer, expected=True),
    }


def unit_text(ind: Indicator, lang: str) -> str:
    """The unit of measure to show after a name: ``（个）``, or nothing for a yes/no duty."""
    if not ind.unit:
        return ""
    return f"（{ind.unit}）" if lang == "zh" else f" ({ind.unit})"


def note_text(r: Row, report: Report, lang: str) -> str | None:
    """The 备注 of a row: the return's own note, or for a district goal that adds up a breakdown,
    which breakdown it adds up (in words, not a bare code)."""
    served = r.indicator.served_by
    if served and r.note in ("", served):
        breakdown = next((i for i in report.plan.indicators if i.code == served), None)
        name = breakdown.label(lang) if breakdown else served
        return tr("export.served-note", lang, all_units=tr("all_units", lang), name=name)
    return r.note or None


def _row_values(r: Row, label: str, report: Report, lang: str) -> list[Any]:
    return [label, *figures(r, lang), num(r.cumulative_actual), num(r.plan_target), note_text(r, report, lang)]


def add(wb: Workbook, ctx: Context) -> None:
    """A sheet for each breakdown indicator, in the report's order."""
    report = ctx.report
    for code in dict.fromkeys(r.indicator.code for r in ctx.unit_rows):
        rows = [r for r in report.rows if r.indicator.code == code or r.indicator.served_by == code]
        _indicator_sheet(wb, ctx, rows, code)


def _indicator_sheet(wb: Workbook, ctx: Context, rows: list[Row], code: str) -> None:
    lang, report = ctx.lang, ctx.report
    own = [r for r in rows if r.indicator.code == code]
    ind = own[0].indicator
    s = Sheet(
        wb,
        ctx,
        f"{code} {ind.label(lang)}"[:31],
        f"{ctx.title} · {code} {ind.label(lang)}{unit_text(ind, lang)}",
        [tr(h, lang) for h in ROW_HEADERS],
    )
    fmt = formats(ind)
    int_fmt = excel_format(ind.integer)
    fmt.update({COL["col.cumulative"]: int_fmt, COL["col.plan_target"]: int_fmt})
    first = s.row + 1
    for r in own:
        label = tr("district", lang) if r.is_district else r.reporting_unit
        s.add(
            _row_values(r, label, report, lang),
            status=r.status,
            status_col=COL["col.status"],
            bold=r.is_district,
            number_format=fmt,
        )
    last_unit = first + sum(1 for r in own if not r.is_district) - 1
    for r in rows:
        if r.indicator.code != code:
            label = f"{r.indicator.code} {r.indicator.label(lang)}"
            g = formats(r.indicator)
            s.add(
                _row_values(r, label, report, lang),
                status=r.status,
                status_col=COL["col.status"],
                bold=True,
                number_format=g,
            )
    s.finish()
    if ind.kind in ("flow", "stock", "rate") and last_unit >= first:
        _chart(s, ctx, ind, first, last_unit)


def _text_props(size: float, bold: bool = False) -> RichText:
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=int(size * 100), b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _chart(s: Sheet, ctx: Context, ind: Indicator, first: int, last: int) -> None:
    """Bars of target and actual per unit, and the 序时进度 (expected to date) as a line over them."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.text import Text
    from openpyxl.chart.title import Title
    from openpyxl.worksheet.pagebreak import Break

    lang, ws = ctx.lang, s.ws
    key = "export.chart-title" if ind.unit else "export.chart-title-nounit"
    bar = BarChart()
    bar.type = "col"
    bar.add_data(
        Reference(ws, min_col=COL["col.target"], max_col=COL["col.actual"], min_row=first - 1, max_row=last),
        titles_from_data=True,
    )
    bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    line = LineChart()
    line.add_data(Reference(ws, min_col=COL["col.expected"], min_row=first - 1, max_row=last), titles_from_data=True)
    expected = line.series[0]
    expected.smooth = False
    expected.marker.symbol = "dash"
    expected.marker.size = 12
    expected.graphicalProperties.line.solidFill = "C00000"
    expected.graphicalProperties.line.width = 28_575  # 2.25 pt, in EMU
    bar += line
    title = tr(key, lang, code=ind.code, name=ind.label(lang), unit=ind.unit)
    rich = _text_props(12, bold=True)
    rich.p[0].r = [_run(title, 12)]
    bar.title = Title(tx=Text(rich=rich), overlay=False)
    bar.x_axis.txPr = _text_props(10)
    bar.y_axis.txPr = _text_props(10)
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.legend.position = "b"
    bar.legend.txPr = _text_props(10)
    # Keep the chart on the table's page when there is room for it (at the least 6 cm), else on the next.
    table_pt = sum((ws.row_dimensions[i].height or line_height(BODY_PT)) for i in range(1, s.row + 2))
    room_cm = (PAGE_PT - table_pt) / 72 * 2.54
    height: float = min(CHART_CM[0], room_cm)
    anchor = s.row + 2
    if height < 6:
        ws.row_breaks.append(Break(id=s.row))
        height = CHART_CM[0]
    bar.height = height
    bar.width = CHART_CM[1]  # type: ignore[assignment]  # the stub says int; centimetres are float
    ws.add_chart(bar, f"A{anchor}")


def _run(text: str, size: float) -> Any:
    from openpyxl.drawing.text import CharacterProperties, RegularTextRun

    return RegularTextRun(rPr=CharacterProperties(sz=int(size * 100), b=True), t=text)
