"""How every sheet of a blank return prints: on A4, one page wide, as many pages down as it needs,
the table's heading repeated on every page and no table's caption left at the foot of a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcounty.printing import A4, PAGES_TALL, PAGES_WIDE

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Rows of 15 pt an A4 landscape page holds inside Excel's "Normal" margins (0.75 inch top and
# bottom): 32; 30 leaves room for a taller title row.
ROWS_PER_PAGE = 30
ROW_HEIGHT = 15.0  # points, set on the sheet: a Chinese default font would make rows taller in Excel or WPS


def fit_a4(ws: Worksheet, *, landscape: bool, heading_row: int | None = None) -> None:
    """Print ``ws`` on A4 (landscape or portrait), scaled to one page wide; ``heading_row`` (the
    table's column names) is printed again at the top of every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = PAGES_WIDE
    ws.page_setup.fitToHeight = PAGES_TALL
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if heading_row is not None:
        ws.print_title_rows = f"{heading_row}:{heading_row}"


def keep_tables_whole(ws: Worksheet, tables: list[tuple[int, int]], *, per_page: int = ROWS_PER_PAGE) -> list[int]:
    """Row breaks so that each table (``(first, last)`` rows: its caption to its last row, in
    order) prints on one page: a table that would run over starts a new page. A table longer than
    a page starts on its own page and breaks every ``per_page`` rows. Returns the rows after
    which a page ends. The sheet's rows and margins are set so that ``per_page`` rows fit."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.pagebreak import Break

    ws.page_margins = PageMargins(left=0.7, right=0.7, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    ws.sheet_format.defaultRowHeight = ROW_HEIGHT
    ws.sheet_format.customHeight = True

    breaks: list[int] = []
    top = 1  # the first row of the current page
    for first, last in tables:
        if last - top + 1 > per_page and first > top:
            breaks.append(first - 1)
            top = first
        while last - top + 1 > per_page:
            top += per_page
            breaks.append(top - 1)
    for row in breaks:
        ws.row_breaks.append(Break(id=row))
    return breaks
