"""The workbook as it is laid out: cells, styles, merges and sizes in memory, written by XlsxWriter.

A sheet builder writes into a :class:`Grid` (rows and columns counted from 1, as a reader of the
sheet counts them): values, and for each cell its style — font (bold, size, colour), fill,
alignment, wrapping, number format. Styles can be added to a cell at any time (a fill after the
row, the alignment when the columns are fitted), which is what the sheets need; only when the
workbook is closed is each sheet written, row by row, each distinct style made once as an
XlsxWriter format. XlsxWriter writes the file (not openpyxl): the same workbook in about a third
of the time (see the README's "Speed and scale").
"""

from __future__ import annotations

import functools
import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlsxwriter.chart import Chart
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

EXCEL_MAX_TEXT = 32_767
BODY_PT = 11
# A cell's style, one slot each: bold, size (pt), font colour, fill colour, horizontal and vertical
# alignment, wrap, number format. A cell without an entry has the workbook's default.
BOLD, SIZE, COLOR, FILL, HALIGN, VALIGN, WRAP, NUMBER = range(8)
Style = tuple[Any, ...]
PLAIN: Style = (False, BODY_PT, None, None, None, None, False, None)
SLOTS = {
    "bold": BOLD,
    "size": SIZE,
    "color": COLOR,
    "fill": FILL,
    "horizontal": HALIGN,
    "vertical": VALIGN,
    "wrap": WRAP,
    "number_format": NUMBER,
}
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


@functools.lru_cache(maxsize=1024)
def _style_of(items: tuple[tuple[str, Any], ...]) -> Style:
    st = list(PLAIN)
    for name, v in items:
        st[SLOTS[name]] = v
    return tuple(st)


def style_of(**attrs: Any) -> Style:
    """A style with the parts ``attrs`` (``bold``, ``size``, ``fill``, …), the rest plain; the same
    tuple for the same parts, so that cells can share it."""
    return _style_of(tuple(sorted(attrs.items())))


class Grid:
    """One worksheet being laid out (see the module's docstring)."""

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.name = name
        self.rows: dict[int, dict[int, Any]] = {}  # row -> column -> value
        self.styles: dict[tuple[int, int], Style] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.merged: set[tuple[int, int]] = set()  # every cell of a merged range
        self.heights: dict[int, float] = {}  # row -> points
        self.widths: dict[int, float] = {}  # column -> Excel width units
        self.breaks: list[int] = []  # a page break after each of these rows
        self.freeze: int | None = None  # rows above this one stay in view
        self.charts: list[tuple[int, int, Chart]] = []  # (row, column, chart) of each chart's corner
        self.page: dict[str, Any] | None = None  # print set-up (see page.print_setup)
        self.max_col = 0

    # ---- cells ------------------------------------------------------------------------------
    def put(self, row: int, col: int, value: Any, styled: Style | None = None, **style: Any) -> None:
        """Write ``value`` as data (a string that looks like a formula stays a string; text longer
        than Excel holds is cut with a note saying how long it was, never silently), in the style
        ``styled`` (see :func:`style_of`) and then with the parts ``style`` of a style changed."""
        if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
            tail = f"…（全文 {len(value)} 字，超出 Excel 单元格上限，见原始填报表）"
            value = value[: EXCEL_MAX_TEXT - len(tail)] + tail
        cells = self.rows.get(row)
        if cells is None:
            cells = self.rows[row] = {}
        cells[col] = value
        if col > self.max_col:
            self.max_col = col
        if styled is not None:
            self.styles[(row, col)] = styled
        if style:
            self.style(row, col, **style)

    def value(self, row: int, col: int) -> Any:
        cells = self.rows.get(row)
        return cells.get(col) if cells else None

    def style(self, row: int, col: int, **attrs: Any) -> None:
        """Set parts of a cell's style (``bold``, ``size``, ``color``, ``fill``, ``horizontal``,
        ``vertical``, ``wrap``, ``number_format``); the rest stays as it was."""
        key = (row, col)
        st = list(self.styles.get(key, PLAIN))
        for name, v in attrs.items():
            st[SLOTS[name]] = v
        self.styles[key] = tuple(st)
        if col > self.max_col:
            self.max_col = col

    def get(self, row: int, col: int, key: str) -> Any:
        """One part of a cell's style."""
        st = self.styles.get((row, col))
        return (st or PLAIN)[SLOTS[key]]

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.merges.append((first_row, first_col, last_row, last_col))
        for r in range(first_row, last_row + 1):
            for c in range(first_col, last_col + 1):
                self.merged.add((r, c))
        self.max_col = max(self.max_col, last_col)

    @property
    def max_row(self) -> int:
        return max([*self.rows, *(r for r, _ in self.styles)], default=1)

    def width(self, col: int) -> float | None:
        return self.widths.get(col)

    def add_chart(self, chart: Chart, row: int, col: int = 1) -> None:
        self.charts.append((row, col, chart))

    # ---- writing -------------------------------------------------------------------------
    def write(self, ws: Worksheet) -> None:
        """Write everything to XlsxWriter's worksheet ``ws`` (rows and columns from 0 there)."""
        from ipcounty.export.page import apply_page

        fmt = self.book.format
        made = self.book.made
        for col, w in sorted(self.widths.items()):
            # In pixels (7 a width unit at the default font): the file then says this very width.
            ws.set_column_pixels(col - 1, col - 1, w * 7)
        for row, h in sorted(self.heights.items()):
            ws.set_row_pixels(row - 1, h * 4 / 3)  # in pixels: the file then says this very height
        styles, rows = self.styles, self.rows
        for r1, c1, r2, c2 in self.merges:
            if (r1, c1) != (r2, c2):
                ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, None, fmt(styles.get((r1, c1))))
        hidden = self.merged - {(r, c) for r, c, _, _ in self.merges}  # a range shows its first cell only
        from ipcounty.export.xlsx_cells import put_row

        put = getattr(ws, "put_row", None) or functools.partial(put_row, ws)
        hidden_rows = {r for r, _ in hidden}
        for row in sorted(rows):
            cells: list[tuple[int, Any, Format | None]] = []  # (column from 0, value, format)
            add = cells.append
            some_hidden = row in hidden_rows
            for col, v in rows[row].items():
                key = (row, col)
                if some_hidden and key in hidden:
                    continue
                st = styles.get(key)
                f = made.get(st, made) if st is not None else None
                if f is made:
                    f = fmt(st)
                if isinstance(v, str):
                    if v:
                        add((col - 1, v, f))
                    elif st and st[FILL]:
                        add((col - 1, None, f))
                elif v is None:
                    if st and st[FILL]:  # an empty cell shows nothing but its fill
                        add((col - 1, None, f))
                elif isinstance(v, (int, float)):  # a bool too: written as one
                    add((col - 1, v, f))
                else:
                    add((col - 1, str(v), f))
            if cells:
                put(row - 1, cells)
        blank = ws._write_blank
        for (row, col), st in styles.items():
            if st[FILL] and col not in rows.get(row, ()) and (row, col) not in hidden:
                blank(row - 1, col - 1, None, fmt(st))
        if self.breaks:
            ws.set_h_pagebreaks(sorted(set(self.breaks)))
        if self.freeze:
            ws.freeze_panes(self.freeze - 1, 0)
        if self.page is not None:
            apply_page(ws, self.page)
        from ipcounty.export.xlsx_cells import fast_points

        for row, col, chart in self.charts:
            ws.insert_chart(row - 1, col - 1, fast_points(chart))


class Book:
    """The workbook: its sheets in order, the formats they share, and XlsxWriter underneath."""

    def __init__(self, font_name: str) -> None:
        import xlsxwriter

        self.font_name = font_name
        self._buffer = io.BytesIO()
        self.xlsx = xlsxwriter.Workbook(
            self._buffer,
            {
                "in_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": True,  # never a traceback for a figure that is not a number
                # A named font on every cell, tied to no theme (a theme font would replace it).
                "default_format_properties": {"font_name": font_name, "font_size": BODY_PT, "font_scheme": "none"},
            },
        )
        self.grids: list[Grid] = []
        self.made: dict[tuple[Any, ...], Format | None] = {}  # each style's format, once made

    @property
    def sheetnames(self) -> list[str]:
        return [g.name for g in self.grids]

    def sheet(self, name: str) -> Grid:
        """A new sheet at the end, named ``name`` (cut to Excel's 31 characters, made unique)."""
        name = _BAD_NAME.sub("_", name)[:31].strip("'") or "Sheet"
        taken = {n.lower() for n in self.sheetnames}
        base, n = name, 0
        while name.lower() in taken:
            n += 1
            name = base[: 31 - len(str(n))] + str(n)
        grid = Grid(self, name)
        self.grids.append(grid)
        return grid

    def format(self, style: Style | None) -> Format | None:
        """The XlsxWriter format of ``style`` (None: the default), made once per workbook."""
        if style is None:
            return None
        key = style
        made = self.made.get(key, self)
        if made is not self:
            return made
        made = None
        if key != PLAIN:
            props: dict[str, Any] = {"font_name": self.font_name, "font_size": key[SIZE], "font_scheme": "none"}
            if key[BOLD]:
                props["bold"] = True
            if key[COLOR]:
                props["font_color"] = "#" + key[COLOR]
            if key[FILL]:
                props |= {"pattern": 1, "bg_color": "#" + key[FILL]}
            if key[HALIGN]:
                props["align"] = key[HALIGN]
            if key[VALIGN]:
                props["valign"] = "vcenter" if key[VALIGN] == "center" else key[VALIGN]
            if key[WRAP]:
                props["text_wrap"] = True
            if key[NUMBER]:
                props["num_format"] = key[NUMBER]
            made = self.xlsx.add_format(props)
        self.made[key] = made
        return made

    def close(self, subject: str = "") -> bytes:
        """Write every sheet and return the file's bytes."""
        if subject:
            self.xlsx.set_properties({"subject": subject})
        from ipcounty.export.xlsx_cells import sheet_class

        for grid in self.grids:
            grid.write(self.xlsx.add_worksheet(grid.name, worksheet_class=sheet_class()))
        self.xlsx.close()
        return self._buffer.getvalue()
