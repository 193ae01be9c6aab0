"""What every sheet of the meeting workbook shares: the context, styles, safe cells, print set-up.

A new sheet is a module of this package with one function ``add(wb, ctx)`` listed in
:data:`ipcounty.export.workbook.SHEETS`. It writes its table through :class:`Sheet` (title row,
header row, widths, print set-up done by :meth:`Sheet.finish`), or, for a sheet laid out by hand,
writes cells with :func:`put` and calls :func:`print_setup` once at the end.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ipcounty.progress import Report, Row

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

STATUS_FILL = {
    "met": "C6EFCE",
    "done": "C6EFCE",
    "on_track": "E2EFDA",
    "within": "E2EFDA",
    "exceeded": "FFC7CE",
    "no_baseline": "F2F2F2",
    "overdue": "F8CBAD",
    "in_progress": "DDEBF7",
    "behind": "FFC7CE",
    "not_started": "FFC7CE",
    "not_submitted": "D9D9D9",
    "rejected": "F8CBAD",
    "conflict": "FFEB9C",
    "no_target": "F2F2F2",
}
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


def print_setup(ws: Worksheet, ctx: Context, *, title_rows: str | None = "3:3") -> None:
    """A4 landscape, fit to the page's width, header rows repeated on every printed page."""
    ps = ws.page_setup
    ps.orientation = "landscape"
    ps.paperSize = ws.PAPERSIZE_A4
    ps.fitToWidth = 1
    ps.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


class Sheet:
    """A worksheet with a title, a header row and rows; widths and print set-up done once."""

    def __init__(
        self, wb: Workbook, ctx: Context, name: str, title: str, headers: Sequence[str], first: bool = False
    ) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = name[:31]
        self.ws: Worksheet = ws
        self.ctx = ctx
        self.headers = list(headers)
        self.widths = [display_width(h) for h in headers]
        ws.cell(1, 1, title).font = Font(bold=True, size=14)
        self.row = 3
        for j, h in enumerate(headers, 1):
            c = ws.cell(self.row, j, h)
            c.font = Font(bold=True, color="FFFFFF")
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
    ) -> int:
        from openpyxl.styles import Font, PatternFill

        self.row += 1
        for j, v in enumerate(values, 1):
            c = put(self.ws, self.row, j, v)
            if bold:
                c.font = Font(bold=True)
            if number_format and j in number_format and isinstance(v, (int, float)):
                c.number_format = number_format[j]
            shown = f"{v:.1%}" if number_format and number_format.get(j) == "0.0%" and isinstance(v, float) else v
            if j <= len(self.widths):
                self.widths[j - 1] = max(self.widths[j - 1], min(display_width(text_of(shown)), 60))
        if status and status_col:
            self.ws.cell(self.row, status_col).fill = PatternFill("solid", fgColor=STATUS_FILL.get(status, "FFFFFF"))
        return self.row

    def finish(self) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(j)].width = max(6, w + 2)
        for row in self.ws.iter_rows(min_row=4, max_row=self.row):
            for c in row:
                if isinstance(c.value, str) and display_width(c.value) > 60:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        print_setup(self.ws, self.ctx)
