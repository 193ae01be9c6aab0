"""How every sheet prints: A4 landscape, fitted to the width, header rows repeated, the footer;
and text that would run past the table wrapped over the columns to its right instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipcounty.export.grid import BODY_PT, Grid
from ipcounty.export.measure import DEFAULT_WIDTH, MAX_ROW_PT, line_height, lines_needed, widest_line
from ipcounty.i18n import tr
from ipcounty.printing import A4, PAGES_TALL, PAGES_WIDE

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from ipcounty.export.sheet import Context

FOOTER_PT = 11
FOOTER_MAX = 255  # Excel's limit for a footer, codes included


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in Excel's header/footer language


def print_setup(
    grid: Grid, ctx: Context, *, title_row: int | None = 3, pages_wide: int = PAGES_WIDE, repeat_first_col: bool = False
) -> None:
    """A4 landscape, fit to ``pages_wide`` pages across, header row ``title_row`` repeated on every
    printed page, and a footer on every page: plan, year and 截至 on the left, the page number in
    the middle, the sheet's name on the right."""
    contain_overflow(grid)
    centre = f"&C&{FOOTER_PT} " + tr("export.page", ctx.lang, page="&P", pages="&N")
    right = f"&R&{FOOTER_PT} &A"  # the sheet's name
    left = _footer_text(ctx.footer)
    room = FOOTER_MAX - len(centre) - len(right) - len(f"&L&{FOOTER_PT} ")
    grid.page = {
        "pages_wide": pages_wide,
        "title_row": title_row,
        "repeat_first_col": repeat_first_col,
        "footer": f"&L&{FOOTER_PT} {left[: max(0, room)]}{centre}{right}",
    }


def apply_page(ws: Worksheet, page: dict[str, Any]) -> None:
    """The set-up of :func:`print_setup` on XlsxWriter's worksheet."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(page["pages_wide"], PAGES_TALL)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("", {"margin": 0.3})
    # The footer keeps its size however much the sheet shrinks, and lines up with the margins.
    ws.set_footer(page["footer"], {"margin": 0.3, "scale_with_doc": False, "align_with_margins": True})
    if page["title_row"]:
        ws.repeat_rows(page["title_row"] - 1)
    if page["repeat_first_col"]:
        ws.repeat_columns(0)


def contain_overflow(grid: Grid) -> None:
    """Text that would run past the table's last column (a heading, a legend line) is wrapped over
    the columns to its right instead: LibreOffice prints overflowing text, and fit-to-width would
    shrink the whole page to make room for it."""
    last = grid.max_col
    widths = [grid.widths.get(j) or DEFAULT_WIDTH for j in range(1, last + 1)]
    merged = grid.merged
    for row in sorted(grid.rows):
        cells = grid.rows[row]
        for col, v in list(cells.items()):
            # Most text fits its column: that is asked first.
            if not isinstance(v, str) or widest_line(v) <= widths[col - 1]:
                continue
            if (row, col) in merged or grid.get(row, col, "wrap"):
                continue
            if any(cells.get(j) not in (None, "") or (row, j) in merged for j in range(col + 1, last + 1)):
                continue  # a filled (or merged) neighbour stops the overflow: nothing prints past the table
            if col < last:
                grid.merge(row, col, row, last)
            grid.style(row, col, vertical="top", wrap=True)
            size = float(grid.get(row, col, "size") or BODY_PT)
            lines = lines_needed(v, sum(widths[col - 1 :]) * BODY_PT / size)
            height = grid.heights.get(row) or 0
            grid.heights[row] = min(MAX_ROW_PT, max(height, lines * line_height(size) + 2))
