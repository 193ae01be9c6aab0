"""What every sheet of the meeting workbook shares: the context, styles, safe cells, print set-up.

A new sheet is a module of this package with one function ``add(wb, ctx)`` listed in
:data:`ipcounty.export.workbook.SHEETS`. It writes its table through :class:`Sheet` (title row,
header row, widths, print set-up done by :meth:`Sheet.finish`), or, for a sheet laid out by hand,
writes cells with :func:`put` and calls :func:`print_setup` once at the end.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ipcounty.i18n import tr
from ipcounty.progress import Report, Row
from ipcounty.status import GREEN, RED

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# 亮灯 (SPEC v2): the colour of a status cell is its row's light; statuses with no light (no target,
# no baseline, qualitative in progress / not started) are grey.
LIGHT_FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
LIGHT_TEXT = {"green": "006100", "yellow": "9C5700", "red": "9C0006"}
NO_LIGHT_FILL = "EDEDED"
# A status's colour where no row says how far behind (legends, the submissions' roles).
STATUS_FILL = {
    **{code: LIGHT_FILL["green"] for code in GREEN},
    **{code: LIGHT_FILL["red"] for code in RED},
    "behind": LIGHT_FILL["yellow"],
    "used": LIGHT_FILL["green"],
}


def fill_colour(status: str | None, light: str | None = None) -> str | None:
    """The fill of a status cell: the light's colour, else the status's, else grey (None: no fill)."""
    if light:
        return LIGHT_FILL.get(light, NO_LIGHT_FILL)
    if status is None:
        return None
    return STATUS_FILL.get(status, NO_LIGHT_FILL)


HEAD_FILL = "1F4E78"
ORDER = (
    "met",
    "on_track",
    "behind",
    "within",
    "exceeded",
    "no_baseline",
    "not_submitted",
    "overdue",
    "rejected",
    "conflict",
)
EXCEL_MAX_TEXT = 32_767


@dataclass(frozen=True)
class Context:
    """What every sheet builder gets: the report, the language and the workbook's title line."""

    report: Report
    lang: str
    title: str
    footer: str = ""

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    @property
    def unit_rows(self) -> list[Row]:
        """Unit × indicator rows of the breakdowns (the 全区 sum rows included), report order."""
        return [r for r in self.report.rows if r.indicator.level == "unit" and r.indicator.section != "goal"]


def display_width(text: str) -> int:
    """Columns a string takes on screen or paper: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_of(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def num(v: float | str | None) -> float | str | None:
    if isinstance(v, float) and v == int(v):
        return int(v)
    return v


def put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write ``value`` as data: a string that looks like a formula stays a string; text longer
    than Excel can hold is cut with a note saying how long it was (never silently)."""
    c = ws.cell(row, col)
    if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
        tail = f"…（全文 {len(value)} 字，超出 Excel 单元格上限，见原始填报表）"
        value = value[: EXCEL_MAX_TEXT - len(tail)] + tail
    c.value = value
    if isinstance(value, str) and value.startswith("="):
        c.data_type = "s"
    return c


# Paper: A4 landscape, 10 mm side margins. LibreOffice prints an Excel width unit at about 7 pt (Excel
# at about 5.3), so PRINT_UNITS fill the page at 86 %: the 11 pt body, footer and chart text at 9.5 pt.
# Wider tables would be shrunk below 8 pt by fit-to-width, so long text wraps and the widest columns
# narrow down to the budget; a table that still needs more than OVERFLOW × the budget prints over
# several pages' width, its first column repeated, rather than in small print.
PRINT_UNITS = 130
BODY_PT = 11
TITLE_PT = 14
FOOTER_PT = 11
OVERFLOW = 1.1  # at most 10 % over the budget: 78 % scale, 8.6 pt
TEXT_LEAST = 12.0  # a text column keeps room for six CJK characters a line
MAX_COL = 60  # no column wider than this: longer text wraps
MAX_ROW_PT = 409  # the tallest row Excel allows
SHORT = 14  # text up to this many display columns (dates, statuses, names) never wraps


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in Excel's header/footer language


def print_setup(
    ws: Worksheet, ctx: Context, *, title_rows: str | None = "3:3", pages_wide: int = 1, title_cols: str | None = None
) -> None:
    """A4 landscape, fit to ``pages_wide`` pages across, header rows repeated on every printed
    page, and a footer on every page: plan, year and 截至 on the left, the page number in the middle,
    the sheet's name on the right."""
    ps = ws.page_setup
    ps.orientation = "landscape"
    ps.paperSize = ws.PAPERSIZE_A4
    ps.fitToWidth = pages_wide
    ps.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    m = ws.page_margins
    m.left = m.right = 0.4
    m.top = m.bottom = 0.6
    m.header = m.footer = 0.3
    ws.print_options.horizontalCentered = False
    contain_overflow(ws)
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.HeaderFooter.scaleWithDoc = False  # the footer keeps its size however much the sheet shrinks
    ws.HeaderFooter.alignWithMargins = True
    foot = ws.oddFooter
    assert foot is not None
    foot.left.text = _footer_text(ctx.footer)
    foot.left.size = FOOTER_PT
    foot.center.text = tr("export.page", ctx.lang, page="&P", pages="&N")
    foot.center.size = FOOTER_PT
    foot.right.text = "&A"  # the sheet's name
    foot.right.size = FOOTER_PT


def contain_overflow(ws: Worksheet) -> None:
    """Text that would run past the table's last column (a heading, a legend line) is wrapped over
    the columns to its right instead: LibreOffice prints overflowing text, and fit-to-width would
    shrink the whole page to make room for it."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    last = ws.max_column
    widths = [ws.column_dimensions[get_column_letter(j)].width or 8.43 for j in range(1, last + 1)]
    merged = {c for rng in ws.merged_cells.ranges for row in rng.rows for c in row}
    alignments: Any = getattr(ws.parent, "_alignments")  # noqa: B009  # the cells' alignments, by index
    for row in ws.iter_rows():
        for c in row:
            if not isinstance(c.value, str):
                continue
            col = int(c.column or 1)
            style = getattr(c, "_style", None)
            if (c.row, col) in merged or alignments[style.alignmentId if style else 0].wrap_text:
                continue
            room = sum(widths[col - 1 :])
            if max(line_units(part) for part in c.value.split("\n")) <= widths[col - 1]:
                continue
            if any(ws.cell(int(c.row or 1), j).value not in (None, "") for j in range(col + 1, last + 1)):
                continue  # a filled neighbour stops the overflow: nothing prints past the table
            if col < last:
                ws.merge_cells(start_row=c.row, start_column=col, end_row=c.row, end_column=last)
            c.alignment = Alignment(horizontal=c.alignment.horizontal, vertical="top", wrap_text=True)
            size = float(c.font.sz or BODY_PT) if c.font is not None else BODY_PT
            lines = lines_needed(c.value, room * BODY_PT / size)
            height = ws.row_dimensions[int(c.row or 1)].height or 0
            ws.row_dimensions[int(c.row or 1)].height = min(MAX_ROW_PT, max(height, lines * line_height(size) + 2))


@functools.lru_cache(maxsize=65536)
def line_units(text: str) -> float:
    """The width of one line of ``text`` in Excel width units at the body size (CJK ≈ 2.1).
    Cached: the same names, words and figures recur on every sheet."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)  # Excel's 11 pt CJK


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` units wide."""
    room = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(line_units(part) / room)) for part in text.split("\n"))


def line_height(size: float = BODY_PT) -> float:
    """Points per line of text (CJK fonts are taller than the Latin default)."""
    return size * 1.45


def fit_widths(natural: list[float], least: list[float], budget: float = PRINT_UNITS) -> list[float]:
    """Column widths within ``budget``: the widest columns narrow first (their text wraps), none
    below ``least``. When even the least widths exceed the budget they are returned as they are."""
    if sum(natural) <= budget:
        return [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    if sum(least) >= budget:
        return list(least)
    lo_cap, hi_cap = 0.0, max(natural)
    for _ in range(40):
        cap = (lo_cap + hi_cap) / 2
        if sum(max(lo, min(n, cap)) for n, lo in zip(natural, least, strict=True)) > budget:
            hi_cap = cap
        else:
            lo_cap = cap
    return [max(lo, min(n, lo_cap)) for n, lo in zip(natural, least, strict=True)]


# A named font on every cell: a cell without one prints in LibreOffice's serif. 等线 is what Excel and
# WPS use on a Chinese Windows (and what LibreOffice replaces with the system's CJK sans).
FONT_NAMES = {"zh": "等线", "en": "Calibri"}


def font(ctx: Context, *, bold: bool = False, size: float = BODY_PT, color: str | None = None) -> Any:
    """The workbook's font, at ``size``, bold or not, in ``color`` (hex) or the default."""
    from openpyxl.styles import Font

    return Font(name=FONT_NAMES.get(ctx.lang, "Calibri"), size=size, bold=bold, color=color)


def use_default_font(wb: Workbook, ctx: Context) -> None:
    """Make the workbook's font the default of every cell, styled or not."""
    from openpyxl.utils.indexed_list import IndexedList

    base = font(ctx)
    base.family = 2
    wb._fonts = IndexedList([base])  # type: ignore[attr-defined]
    wb._named_styles["Normal"].font = base  # type: ignore[attr-defined]


def name_every_font(wb: Workbook, ctx: Context) -> None:
    """Give the workbook's font name to every cell whose font has none (``Font(bold=True)``)."""
    from copy import copy

    name = FONT_NAMES.get(ctx.lang, "Calibri")
    # Font by font rather than cell by cell: each nameless font gets one named copy, and every cell
    # that uses it the copy's index.
    fonts: Any = getattr(wb, "_fonts")  # noqa: B009
    renamed: dict[int, int] = {}
    for i, f in enumerate(list(fonts)):
        if not f.name:
            named: Any = copy(f)
            named.name = name
            renamed[i] = fonts.add(named)
    if not renamed:
        return
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                style = getattr(c, "_style", None)
                if style and style.fontId in renamed:
                    style.fontId = renamed[style.fontId]


def style_id(wb: Workbook, kind: str, **attrs: Any) -> int:
    """The workbook's index of the font, fill or alignment ``kind`` with ``attrs``, made once.

    openpyxl files a style assigned to a cell (``c.fill = PatternFill(...)``) by hashing it, field
    by field, on every assignment: for the tens of thousands of cells of a large workbook that was
    most of the export's time. Here each distinct style is made and filed once per workbook, and a
    cell gets its index (:func:`set_style`), which is what openpyxl stores in the cell anyway."""
    from openpyxl.styles import Alignment, Font, PatternFill

    collection = getattr(wb, _COLLECTIONS[kind])
    cache: dict[tuple[Any, ...], int] = wb.__dict__.setdefault("_ipcounty_style_ids", {})
    key = (kind, id(collection), *sorted(attrs.items()))
    idx = cache.get(key)
    if idx is None:
        made = {"font": Font, "fill": PatternFill, "alignment": Alignment}[kind](**attrs)
        idx = cache[key] = collection.add(made)
    return idx


_COLLECTIONS = {"font": "_fonts", "fill": "_fills", "alignment": "_alignments"}
_STYLE_FIELDS = {"font": "fontId", "fill": "fillId", "alignment": "alignmentId"}


def set_style(c: Any, kind: str, **attrs: Any) -> None:
    """Give cell ``c`` the shared font, fill or alignment ``kind`` with ``attrs`` (see :func:`style_id`)."""
    if not c._style:  # a cell never styled (as openpyxl's own setters do)
        from openpyxl.styles.cell_style import StyleArray

        c._style = StyleArray()
    setattr(c._style, _STYLE_FIELDS[kind], style_id(c.parent.parent, kind, **attrs))


def font_attrs(ctx: Context, *, bold: bool = False, size: float = BODY_PT, color: str | None = None) -> dict[str, Any]:
    """The attributes of :func:`font` (for :func:`set_style`)."""
    return {"name": FONT_NAMES.get(ctx.lang, "Calibri"), "size": size, "bold": bold, "color": color}


def solid(colour: str) -> dict[str, Any]:
    """The attributes of a solid fill of ``colour`` (for :func:`set_style`)."""
    return {"fill_type": "solid", "fgColor": colour}


class Sheet:
    """A worksheet with a title, a header row and rows; widths and print set-up done once."""

    def __init__(
        self, wb: Workbook, ctx: Context, name: str, title: str, headers: Sequence[str], first: bool = False
    ) -> None:
        from openpyxl.styles import Alignment, PatternFill

        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = name[:31]
        self.ws: Worksheet = ws
        self.ctx = ctx
        self.headers = list(headers)
        self.widths: list[float] = [0.0] * len(headers)  # a floor for a column's width; finish() fits
        self.centred: set[int] = set()  # columns (1-based) whose cells are centred (ranks, lights)
        c = ws.cell(1, 1, title)
        c.font = font(ctx, bold=True, size=TITLE_PT)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        self.row = 3
        for j, h in enumerate(headers, 1):
            c = ws.cell(self.row, j, h)
            c.font = font(ctx, bold=True, color="FFFFFF")
            c.fill = PatternFill("solid", fgColor=HEAD_FILL)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = ws.cell(self.row + 1, 1)

    def add(
        self,
        values: Sequence[Any],
        *,
        status: str | None = None,
        status_col: int | None = None,
        bold: bool = False,
        number_format: dict[int, str] | None = None,
        light: str | None = None,
    ) -> int:
        """Write one row; colour cell ``status_col`` by ``light`` (or, without one, by ``status``)."""
        self.row += 1
        bold_font = font_attrs(self.ctx, bold=True) if bold else None
        for j, v in enumerate(values, 1):
            c = put(self.ws, self.row, j, v)
            if bold_font:
                set_style(c, "font", **bold_font)
            if number_format and j in number_format and isinstance(v, (int, float)):
                c.number_format = number_format[j]
        colour = fill_colour(status, light)
        if colour and status_col:
            set_style(self.ws.cell(self.row, status_col), "fill", **solid(colour))
        return self.row

    def colour(self, col: int, status: str | None, light: str | None = None) -> None:
        """Colour cell ``col`` of the last row by its light (or status)."""
        colour = fill_colour(status, light)
        if colour:
            set_style(self.ws.cell(self.row, col), "fill", **solid(colour))

    def finish(self, *, budget: float = PRINT_UNITS) -> None:
        """Fit the columns to the page, wrap what is longer than its column, make every row tall
        enough for its text, and set up printing."""
        from openpyxl.utils import get_column_letter

        ws, n = self.ws, len(self.headers)
        merged = {
            (r, c)
            for rng in ws.merged_cells.ranges
            for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)
        }
        natural = [max(6.0, f) for f in self.widths]
        least = [max(6.0, f) for f in self.widths]
        for j, h in enumerate(self.headers):
            longest_word = max((line_units(w) for w in h.split()), default=0)
            natural[j] = max(natural[j], min(longest_word, 14) + 2)
            least[j] = max(least[j], min(longest_word, 6.3) + 2)  # a header may wrap after three CJK
        body = list(ws.iter_rows(min_row=4, max_row=ws.max_row, max_col=n))
        for cells in body:
            for c in cells:
                shown = shown_text(c)
                if not shown or (c.row, c.column) in merged:
                    continue
                units = max(map(line_units, shown.split("\n"))) + 2
                j = int(c.column or 1) - 1
                natural[j] = max(natural[j], min(units, MAX_COL))
                if not isinstance(c.value, str) or units <= SHORT + 2:
                    least[j] = max(least[j], units)
                else:
                    least[j] = max(least[j], min(units, TEXT_LEAST))
        widths = fit_widths(natural, least, budget)
        for j, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = round(w, 1)
        alignments: Any = getattr(ws.parent, "_alignments")  # noqa: B009  # the cells' alignments, by index
        for i, cells in enumerate([*ws.iter_rows(min_row=3, max_row=3, max_col=n), *body], 3):
            need = {
                j: lines_needed(c.value, widths[j])
                for j, c in enumerate(cells)
                if isinstance(c.value, str) and (c.row, c.column) not in merged
            }
            lines = max(need.values(), default=1)
            if lines > 1:
                ws.row_dimensions[i].height = min(MAX_ROW_PT, round(lines * line_height() + 2, 1))
            for j, c in enumerate(cells):
                style = getattr(c, "_style")  # noqa: B009
                old = alignments[style.alignmentId if style else 0]
                wrap = need.get(j, 1) > 1 or (isinstance(c.value, str) and "\n" in c.value)
                set_style(
                    c,
                    "alignment",
                    horizontal="center" if j + 1 in self.centred else old.horizontal,
                    vertical=old.vertical or "top",  # a row's cells line up at the top of a tall row
                    wrap_text=wrap or bool(old.wrap_text),
                )
        self.title_row(sum(widths))
        pages = max(1, math.ceil(sum(widths) / (budget * OVERFLOW)))
        print_setup(ws, self.ctx, pages_wide=pages, title_cols="A:A" if pages > 1 else None)

    def title_row(self, total: float) -> None:
        """The title across the table's width, on as many lines as it needs."""
        ws, n = self.ws, len(self.headers)
        if n > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
        text = str(ws.cell(1, 1).value or "")
        lines = lines_needed(text, total * BODY_PT / TITLE_PT)
        ws.row_dimensions[1].height = round(lines * line_height(TITLE_PT) + 4, 1)


def shown_text(c: Any) -> str:
    """A cell's value as it shows: numbers in their number format's decimals, dates as ISO."""
    v = c.value
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    fmt = str(c.number_format or "General").split(";")[0]
    if fmt == "General":
        return text_of(v)
    places = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    sign = "+" if fmt.startswith("+") and v > 0 else ""
    if fmt.endswith("%"):
        return f"{sign}{v * 100:.{places}f}%"
    return f"{sign}{v:.{places}f}"
