"""One sheet per breakdown indicator: every unit's figures, the district rows, a chart against 序时进度."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.sheet import BODY_PT, Context, Sheet, num
from ipcounty.i18n import status_label, tr
from ipcounty.plan.runtime import Indicator
from ipcounty.progress import Report, Row
from ipcounty.render.numbers import PERCENT_FORMAT, POINTS_FORMAT, excel_format

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.chart.text import RichText
    from openpyxl.chart.title import Title

# The columns of an indicator sheet, in order (the unit's name first). File names are on 报送情况 only.
ROW_HEADERS = (
    "col.township",
    "col.target",
    "col.actual",
    "col.gap",
    "col.completion",
    "col.time_share",
    "col.expected",
    "col.lag_points",
    "col.status",
    "col.light",
    "col.rank",
    "col.as_of",
    "col.cumulative",
    "col.plan_target",
    "col.note",
)
COL = {key: j for j, key in enumerate(ROW_HEADERS, 1)}
CHART_CM = (8.5, 27.0)  # height, greatest width
CHART_MIN_CM = 5.5  # lower than this, the chart goes to the next page at full height
PAGE_PT = 595 - 2 * 0.6 * 72 - 12  # A4 landscape's printable height at 100 %, less a margin
DEFAULT_ROW_PT = 15  # a row of one line, as Excel sets it for the 11 pt font


def value(r: Row, key: str, lang: str) -> Any:
    """The cell of column ``key`` (a ``col.*`` label key) for row ``r``: a number or a word."""
    figures: dict[str, Any] = {
        "col.target": num(r.target),
        "col.actual": num(r.actual),
        "col.gap": num(r.gap),
        "col.completion": r.completion,
        "col.time_share": r.time_share,
        "col.expected": num(r.expected),
        "col.lag_points": r.lag_points,
        "col.status": status_label(r.status, lang),
        "col.light": tr(f"light.{r.light}", lang) if r.light else None,
        "col.rank": r.rank,
        "col.as_of": r.as_of.isoformat() if r.as_of else None,
        "col.cumulative": num(r.cumulative_actual),
        "col.plan_target": num(r.plan_target),
        "col.baseline": num(r.baseline),
    }
    return figures[key]


def number_format(key: str, ind: Indicator) -> str | None:
    """How column ``key`` shows its numbers, by the indicator's unit of measure."""
    if key in ("col.completion", "col.time_share"):
        return PERCENT_FORMAT
    if key == "col.lag_points":
        return POINTS_FORMAT
    if key == "col.expected":
        return excel_format(ind.integer, expected=True)
    if key in ("col.target", "col.actual", "col.gap", "col.cumulative", "col.plan_target", "col.baseline"):
        return excel_format(ind.integer)
    return None


def formats(keys: tuple[str, ...], ind: Indicator) -> dict[int, str]:
    """Column number → number format for a row whose columns are ``keys``."""
    return {j: f for j, key in enumerate(keys, 1) if (f := number_format(key, ind))}


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
    return [label, *(value(r, k, lang) for k in ROW_HEADERS[1:-1]), note_text(r, report, lang)]


def add(wb: Workbook, ctx: Context) -> None:
    """A sheet for each breakdown indicator, in the report's order."""
    report = ctx.report
    for code in dict.fromkeys(r.indicator.code for r in ctx.unit_rows):
        rows = [r for r in report.rows if r.indicator.code == code or r.indicator.served_by == code]
        _indicator_sheet(wb, ctx, rows, code)


def sheet_name(code: str, label: str) -> str:
    """``B1 新增有效发明专利数量``: Excel allows 31 characters; an English label is cut at a word
    (``B1 New invention patents in``), never inside one (``… in for``)."""
    name = f"{code} {label}"
    if len(name) <= 31:
        return name
    cut = name[:31]
    if name[31] != " " and " " in cut[len(code) + 1 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-")


def _indicator_sheet(wb: Workbook, ctx: Context, rows: list[Row], code: str) -> None:
    lang, report = ctx.lang, ctx.report
    own = [r for r in rows if r.indicator.code == code]
    ind = own[0].indicator
    s = Sheet(
        wb,
        ctx,
        sheet_name(code, ind.label(lang)),
        f"{ctx.title} · {code} {ind.label(lang)}{unit_text(ind, lang)}",
        [tr(h, lang) for h in ROW_HEADERS],
    )
    s.centred = {COL["col.light"], COL["col.rank"]}
    first = s.row + 1
    for r in own:
        label = tr("district", lang) if r.is_district else r.reporting_unit
        s.add(
            _row_values(r, label, report, lang),
            bold=r.is_district,
            number_format=formats(ROW_HEADERS, ind),
        )
        s.colour(COL["col.status"], r.status, r.light)
        s.colour(COL["col.light"], r.status, r.light)
    last_unit = first + sum(1 for r in own if not r.is_district) - 1
    for r in rows:
        if r.indicator.code != code:
            label = f"{r.indicator.code} {tr('col.goal', lang)}"  # its full name is on 区级目标
            s.add(_row_values(r, label, report, lang), bold=True, number_format=formats(ROW_HEADERS, r.indicator))
            s.colour(COL["col.status"], r.status, r.light)
            s.colour(COL["col.light"], r.status, r.light)
    s.finish()
    if ind.kind in ("flow", "stock", "rate") and last_unit >= first:
        _chart(s, ctx, ind, first, last_unit)


def chart_text(size: float = BODY_PT, bold: bool = False) -> RichText:
    """A chart's text properties (axes, legend): ``size`` pt, so nothing prints under 8 pt."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=int(size * 100), b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _chart(s: Sheet, ctx: Context, ind: Indicator, first: int, last: int) -> None:
    """Bars of target and actual per unit, and the 序时进度 (expected to date) as a line over them."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.utils import get_column_letter
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
    bar.title = chart_title(tr(key, lang, code=ind.code, name=ind.label(lang), unit=ind.unit))
    bar.x_axis.txPr = chart_text(BODY_PT)
    bar.y_axis.txPr = chart_text(BODY_PT)
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.legend.position = "b"
    bar.legend.txPr = chart_text(BODY_PT)
    # Keep the chart on the table's page when there is room for it, else on the next.
    table_pt = sum((ws.row_dimensions[i].height or DEFAULT_ROW_PT) for i in range(1, s.row + 2))
    room_cm = (PAGE_PT - table_pt) / 72 * 2.54
    height: float = min(CHART_CM[0], room_cm)
    anchor = s.row + 2
    if height < CHART_MIN_CM:
        ws.row_breaks.append(Break(id=s.row))
        height = CHART_CM[0]
    bar.height = height
    # As wide as the table (Excel: 7 px a width unit and 5 px a column, 96 px an inch), within bounds.
    table_cm = sum(
        (ws.column_dimensions[get_column_letter(j)].width or 8) * 7 + 5 for j in range(1, len(s.headers) + 1)
    )
    bar.width = max(18.0, min(CHART_CM[1], table_cm / 96 * 2.54))  # type: ignore[assignment]  # stub: int
    ws.add_chart(bar, f"A{anchor}")


def _run(text: str, size: float) -> Any:
    from openpyxl.drawing.text import CharacterProperties, RegularTextRun

    return RegularTextRun(rPr=CharacterProperties(sz=int(size * 100), b=True), t=text)


def chart_title(text: str, size: float = 12) -> Title:
    """A chart title in bold at ``size`` pt."""
    from openpyxl.chart.text import Text
    from openpyxl.chart.title import Title

    rich = chart_text(size, bold=True)
    rich.p[0].r = [_run(text, size)]
    return Title(tx=Text(rich=rich), overlay=False)
