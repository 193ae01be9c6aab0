"""The meeting workbook: the report as an .xlsx a district official opens, prints and brings along.

Every figure comes from the same :class:`~ipcounty.progress.Row` objects as the CSV report, so
the two always agree. Text that came from a return is written as text: a note reading
``=HYPERLINK(...)`` stays a string, never a formula. The file is written beside the target under
a temporary name and renamed into place, so an interrupted export leaves the previous file.

One module per sheet (``overview``, ``matrix``, ``indicator``, ``goals``, ``double_counts``,
``submissions``, ``notes``); what they share lives in ``sheet``; the order in ``workbook.SHEETS``.
The cells are laid out in memory (``grid``) and written by XlsxWriter; ``page`` sets up printing,
``measure`` fits text to the paper.
"""

from __future__ import annotations

from ipcounty.export.grid import Book, Grid
from ipcounty.export.sheet import Context, Sheet, display_width, print_setup
from ipcounty.export.workbook import EXPORT_MARK, build_workbook, workbook_bytes
from ipcounty.export.write import write_workbook

__all__ = [
    "EXPORT_MARK",
    "Book",
    "Context",
    "Grid",
    "Sheet",
    "build_workbook",
    "display_width",
    "print_setup",
    "workbook_bytes",
    "write_workbook",
]
