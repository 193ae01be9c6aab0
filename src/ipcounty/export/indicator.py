"""One sheet per breakdown indicator: every unit's figures, the district rows, a chart against 序时进度."""

from __future__ import annotations

from typing import Any

from ipcounty.export.sheet import BODY_PT, Book, Context, Sheet, num
from ipcounty.i18n import status_label, tr
from ipcounty.plan.runtime import Indicator
from ipcounty.progress import Report, Row
from ipcounty.render.numbers import PERCENT_FORMAT, POINTS_FORMAT, excel_format, fmt_answer, fmt_unit_paren, unit_word
from ipcounty.render.report_view import answer_target, counts_units, units_meeting_text

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
CHART_MIN_CM = 4.4  # lower than this, the chart goes to the next page at full height (4.4 cm still reads)
PAGE_PT = 595 - 2 * 0.6 * 72 - 12  # A4 landscape's printable height at 100 %, less a margin
DEFAULT_ROW_PT = 15  # a row of one line, as Excel sets it for the 11 pt font


def value(r: Row, key: str, lang: str) -> Any:
    """The cell of column ``key`` (a ``col.*`` label key) for row ``r``: a number or a word."""
    return figures(r, lang)[key]


def figures(r: Row, lang: str) -> dict[str, Any]:
    """Every cell of row ``r`` by its column's key (``col.*``): numbers or words."""
    if isinstance(r.actual, str):
        actual: Any = fmt_answer(r.actual, lang)  # 是 / yes, 推进中 / in progress
    else:
        actual = units_meeting_text(r) or num(r.actual)  # a 全区 row counting units: 7/11
    # A yes/no duty's target is stored as 1: its cells say 是 / yes, as the terminal does.
    yes = {k: answer_target(r, v, lang) for k, v in (("t", r.target), ("e", r.expected), ("p", r.plan_target))}
    return {
        "col.target": None if counts_units(r) else num(r.target) if yes["t"] is None else yes["t"] or None,
        "col.actual": actual,
        "col.gap": num(r.gap),
        "col.completion": r.completion,
        "col.time_share": r.time_share,
        "col.expected": num(r.expected) if yes["e"] is None else yes["e"] or None,
        "col.lag_points": r.lag_points,
        "col.status": status_label(r.status, lang),
        "col.light": tr(f"light.{r.light}", lang) if r.light else None,
        "col.rank": r.rank,
        "col.as_of": r.as_of.isoformat() if r.as_of else None,
        "col.cumulative": num(r.cumulative_actual),
        "col.plan_target": num(r.plan_target) if yes["p"] is None else yes["p"] or None,
        "col.baseline": num(r.baseline),
    }


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
    return fmt_unit_paren(ind.unit, lang)


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
    cells = figures(r, lang)
    return [label, *(cells[k] for k in ROW_HEADERS[1:-1]), note_text(r, report, lang)]


def add(book: Book, ctx: Context) -> None:
    """A sheet for each breakdown indicator, in the report's order."""
    report = ctx.report
    for code in dict.fromkeys(r.indicator.code for r in ctx.unit_rows):
        rows = [r for r in report.rows if r.indicator.code == code or r.indicator.served_by == code]
        _indicator_sheet(book, ctx, rows, code)


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


def _indicator_sheet(book: Book, ctx: Context, rows: list[Row], code: str) -> None:
    lang, report = ctx.lang, ctx.report
    own = [r for r in rows if r.indicator.code == code]
    ind = own[0].indicator
    s = Sheet(
        book,
        ctx,
        sheet_name(code, ind.label(lang)),
        f"{ctx.title} · {code} {ind.label(lang)}{unit_text(ind, lang)}",
        [tr(h, lang) for h in ROW_HEADERS],
    )
    s.centred = {COL["col.light"], COL["col.rank"]}
    if ind.kind == "yesno":  # 是/否 in the figure columns, centred as words are (not against 100.0%)
        s.centred |= {COL[k] for k in ("col.target", "col.actual", "col.expected", "col.plan_target")}
    first = s.row + 1
    shown = formats(ROW_HEADERS, ind)
    for r in own:
        label = tr("district", lang) if r.is_district else r.reporting_unit
        s.add(_row_values(r, label, report, lang), bold=r.is_district, number_format=shown)
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


def chart_text(size: float = BODY_PT, bold: bool = False) -> dict[str, Any]:
    """A chart's text (axes, legend): ``size`` pt, so nothing prints under 8 pt (an XlsxWriter font)."""
    return {"size": size, "bold": bold}


def cm_px(cm: float) -> float:
    """Centimetres in the pixels (96 an inch) XlsxWriter sizes a chart in."""
    return cm / 2.54 * 96


def _chart(s: Sheet, ctx: Context, ind: Indicator, first: int, last: int) -> None:
    """Bars of target and actual per unit, and the 序时进度 (expected to date) as a line over them."""
    lang, g = ctx.lang, s.grid
    xlsx = g.book.xlsx
    key = "export.chart-title" if ind.unit else "export.chart-title-nounit"
    bar: Any = xlsx.add_chart({"type": "column"})
    units = [g.name, first - 1, 0, last - 1, 0]  # rows and columns from 0 here
    for col in (COL["col.target"], COL["col.actual"]):
        bar.add_series(
            {
                "name": [g.name, first - 2, col - 1],
                "categories": units,
                "values": [g.name, first - 1, col - 1, last - 1, col - 1],
            }
        )
    line: Any = xlsx.add_chart({"type": "line"})
    col = COL["col.expected"]
    line.add_series(
        {
            "name": [g.name, first - 2, col - 1],
            "categories": units,
            "values": [g.name, first - 1, col - 1, last - 1, col - 1],
            "line": {"color": "#C00000", "width": 2.25},
            "marker": {"type": "dash", "size": 12},
        }
    )
    bar.combine(line)
    bar.set_title(chart_title(tr(key, lang, code=ind.code, name=ind.label(lang), unit=unit_word(ind.unit, lang))))
    bar.set_x_axis({"num_font": chart_text(BODY_PT)})
    bar.set_y_axis({"num_font": chart_text(BODY_PT)})
    bar.set_legend({"position": "bottom", "font": chart_text(BODY_PT)})
    # Keep the chart on the table's page when there is room for it, else on the next.
    table_pt = sum((g.heights.get(i) or DEFAULT_ROW_PT) for i in range(1, s.row + 2))
    room_cm = (PAGE_PT - table_pt) / 72 * 2.54
    height: float = min(CHART_CM[0], room_cm)
    anchor = s.row + 2
    if height < CHART_MIN_CM:
        g.breaks.append(s.row)
        height = CHART_CM[0]
    # As wide as the table, within bounds: 7 px a width unit (the width a file states includes the
    # cell's padding), 96 px an inch. The chart is anchored to the cells it covers, so in a program
    # that draws columns wider (LibreOffice) it widens with them and still ends with the table.
    table_cm = sum((g.widths.get(j) or 8) * 7 for j in range(1, len(s.headers) + 1)) / 96 * 2.54
    width = max(18.0, min(CHART_CM[1], table_cm - 0.1))  # ending 1 mm inside the table's last column
    bar.set_size({"width": cm_px(width), "height": cm_px(height)})
    g.add_chart(bar, anchor)


def chart_title(text: str, size: float = 12) -> dict[str, Any]:
    """A chart title in bold at ``size`` pt, above the plot (an XlsxWriter title)."""
    return {"name": text, "name_font": {"size": size, "bold": True}, "overlay": False}
